import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { CreateProjectMutation, ProjectsQuery } from '../api/documents';
import { outcome } from '../api/mutate';
import { Field } from '../components/Field';
import { NameAndKeyFields, useNameAndKey } from '../components/NameAndKeyFields';
import { useNotify } from '../components/Notice';
import { DESCRIPTION_MAX, NAME_MAX, PROJECT_KEY, REASON_MAX } from '../flag/values';
import { QueryError } from './QueryState';

const PROJECT_TYPES = { additionalTypenames: ['Project'] };

export function ProjectsPage() {
  const [{ data, fetching, error }] = useQuery({ query: ProjectsQuery, context: PROJECT_TYPES });
  const [creating, setCreating] = useState(false);

  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>Projects</h1>
          <p className="muted">Each project has its own flags and environments.</p>
        </div>
        {!creating && (
          <button className="button primary" onClick={() => setCreating(true)}>
            New project
          </button>
        )}
      </div>
      {creating && <CreateProjectForm onCancel={() => setCreating(false)} />}
      <QueryError error={error} />
      {fetching && !data && <p className="muted">Loading projects…</p>}
      {data && data.projects.length === 0 && !creating && (
        <div className="empty">
          <h2>No projects yet</h2>
          <p>Create a project to start adding flags. It gets development, staging and production environments.</p>
          <button className="button primary" onClick={() => setCreating(true)}>
            Create the first project
          </button>
        </div>
      )}
      {data && data.projects.length > 0 && (
        <ul className="project-grid" aria-label="Projects">
          {data.projects.map((project) => (
            <li key={project.key} className="card project-card">
              <h2>
                <Link to={`/projects/${project.key}/flags`}>{project.name}</Link>
              </h2>
              <p className="mono muted">{project.key}</p>
              {project.description && <p>{project.description}</p>}
              <ul className="env-chips" aria-label={`Environments of ${project.name}`}>
                {project.environments.map((env) => (
                  <li key={env.key} className="chip">
                    {env.name}
                    {env.requireReason && <span className="sr-only"> (reason required)</span>}
                    {env.requireReason && (
                      <span className="chip-mark" aria-hidden="true" title="Changes require a reason">
                        {' '}
                        ●
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function CreateProjectForm({ onCancel }: { onCancel: () => void }) {
  const navigate = useNavigate();
  const notify = useNotify();
  const [, createProject] = useMutation(CreateProjectMutation);
  const nameAndKey = useNameAndKey();
  const { name, effectiveKey } = nameAndKey;
  const [description, setDescription] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!name.trim()) found.name = 'Give the project a name.';
    else if (name.length > NAME_MAX) found.name = `At most ${NAME_MAX} characters.`;
    if (!PROJECT_KEY.test(effectiveKey)) found.key = 'Lowercase letters, digits and -, up to 63 characters, starting with a letter or digit.';
    if (description.length > DESCRIPTION_MAX) found.description = `At most ${DESCRIPTION_MAX} characters.`;
    if (reason.length > REASON_MAX) found.reason = `At most ${REASON_MAX} characters.`;
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    setServerError(null);
    const { problem } = await outcome(
      createProject({ input: { key: effectiveKey, name: name.trim(), description, reason: reason.trim() || undefined } }),
    );
    setBusy(false);
    if (problem?.code === 'CONFLICT') {
      // The key is taken: say so at the key, where it can be changed.
      setErrors({ key: problem.message });
      document.querySelector<HTMLInputElement>('[data-field="key"]')?.focus();
      return;
    }
    if (problem) {
      setServerError(problem.message);
      return;
    }
    notify(`Project ${effectiveKey} created`);
    navigate(`/projects/${effectiveKey}/flags`);
  }

  return (
    <form className="card form-card" onSubmit={submit} noValidate aria-labelledby="new-project-title">
      <h2 id="new-project-title">New project</h2>
      <div className="form-grid">
        <NameAndKeyFields state={nameAndKey} errors={errors} keyHint="Used in SDKs and URLs; cannot be changed later." />
      </div>
      <Field label="Description" optional error={errors.description}>
        {({ id, describedBy, invalid }) => (
          <textarea id={id} rows={2} value={description} aria-describedby={describedBy} aria-invalid={invalid || undefined} onChange={(e) => setDescription(e.target.value)} />
        )}
      </Field>
      <Field label="Reason" optional hint="Recorded with the change in the audit history." error={errors.reason}>
        {({ id, describedBy, invalid }) => (
          <input id={id} value={reason} aria-describedby={describedBy} aria-invalid={invalid || undefined} onChange={(e) => setReason(e.target.value)} />
        )}
      </Field>
      {serverError && (
        <div className="alert error" role="alert">
          {serverError}
        </div>
      )}
      <div className="form-actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create project'}
        </button>
      </div>
    </form>
  );
}

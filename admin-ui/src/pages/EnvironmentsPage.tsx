import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { AddEnvironmentMutation, RenameEnvironmentMutation, SetEnvironmentReasonPolicyMutation } from '../api/documents';
import { outcome } from '../api/mutate';
import { ChangeDialog, type ChangeRequest } from '../components/ChangeDialog';
import { NameAndKeyFields, useNameAndKey } from '../components/NameAndKeyFields';
import { useNotify } from '../components/Notice';
import { Switch } from '../components/Switch';
import { ENVIRONMENT_KEY, NAME_MAX } from '../flag/values';
import { useProject } from './ProjectLayout';
import { ProtectionSection } from '../approval/ProtectionSection';

export function EnvironmentsPage() {
  const { project, reloadProject } = useProject();
  const notify = useNotify();
  const [, addEnvironment] = useMutation(AddEnvironmentMutation);
  const [, renameEnvironment] = useMutation(RenameEnvironmentMutation);
  const [, setPolicy] = useMutation(SetEnvironmentReasonPolicyMutation);
  const [change, setChange] = useState<ChangeRequest | null>(null);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [renameTo, setRenameTo] = useState('');
  const [adding, setAdding] = useState(false);
  const base = { projectKey: project.key, expectedVersion: project.version };

  function askPolicy(envKey: string, envName: string, requireReason: boolean) {
    setChange({
      title: requireReason ? `Require a reason in ${envName}` : `Stop requiring a reason in ${envName}`,
      summary: (
        <p>
          {requireReason
            ? `Every change to flags in ${envName} will need a reason, and so will changes that affect all environments.`
            : `Changes in ${envName} will no longer need a reason.`}
        </p>
      ),
      reasonRequired: false,
      confirmLabel: requireReason ? 'Require reasons' : 'Make reasons optional',
      danger: !requireReason,
      apply: async (reason) => {
        const { problem } = await outcome(setPolicy({ input: { ...base, key: envKey, requireReason, reason } }));
        if (!problem) notify(`${envName} ${requireReason ? 'now requires' : 'no longer requires'} a reason`);
        return problem;
      },
    });
  }

  function askRename(event: FormEvent, envKey: string, oldName: string) {
    event.preventDefault();
    const name = renameTo.trim();
    if (!name || name.length > NAME_MAX || name === oldName) {
      setRenaming(null);
      return;
    }
    setChange({
      title: `Rename ${oldName}`,
      summary: (
        <p>
          Rename environment <span className="mono">{envKey}</span> from “{oldName}” to “{name}”. Its key stays the same, so SDKs are not affected.
        </p>
      ),
      reasonRequired: false,
      confirmLabel: 'Rename',
      apply: async (reason) => {
        const { problem } = await outcome(renameEnvironment({ input: { ...base, key: envKey, name, reason } }));
        if (!problem) {
          notify(`Renamed to ${name}`);
          setRenaming(null);
        }
        return problem;
      },
    });
  }

  return (
    <div className="page">
      <div className="section-header">
        <div>
          <h2>Environments</h2>
          <p className="muted">Every flag has its own on/off state and variations in each environment.</p>
        </div>
        {!adding && (
          <button className="button primary" onClick={() => setAdding(true)}>
            Add environment
          </button>
        )}
      </div>
      {adding && <AddEnvironmentForm onCancel={() => setAdding(false)} onAsk={setChange} add={(input) => addEnvironment({ input: { ...base, ...input } })} />}
      <table className="table">
        <caption className="sr-only">Environments of {project.name}</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Key</th>
            <th scope="col">Reason required for changes</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {project.environments.map((env) => (
            <tr key={env.key}>
              <td>
                {renaming === env.key ? (
                  <form className="inline-form" onSubmit={(e) => askRename(e, env.key, env.name)}>
                    <label className="sr-only" htmlFor={`rename-${env.key}`}>
                      New name for {env.name}
                    </label>
                    <input id={`rename-${env.key}`} value={renameTo} autoFocus maxLength={NAME_MAX} onChange={(e) => setRenameTo(e.target.value)} />
                    <button type="submit" className="button small primary">
                      Save
                    </button>
                    <button type="button" className="button small" onClick={() => setRenaming(null)}>
                      Cancel
                    </button>
                  </form>
                ) : (
                  <strong>{env.name}</strong>
                )}
              </td>
              <td className="mono">{env.key}</td>
              <td>
                <Switch checked={env.requireReason} label={`Require a reason in ${env.name}`} onChange={(next) => askPolicy(env.key, env.name, next)} />
              </td>
              <td className="actions">
                {renaming !== env.key && (
                  <button
                    className="button small"
                    aria-label={`Rename ${env.name}`}
                    onClick={() => {
                      setRenaming(env.key);
                      setRenameTo(env.name);
                    }}
                  >
                    Rename
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ProtectionSection />
      {change && <ChangeDialog {...change} subject="project" onClose={() => setChange(null)} onReload={reloadProject} />}
    </div>
  );
}

type AddInput = { key: string; name: string; requireReason: boolean; reason?: string };

function AddEnvironmentForm({ onCancel, onAsk, add }: { onCancel: () => void; onAsk: (c: ChangeRequest) => void; add: (input: AddInput) => Promise<import('urql').OperationResult<unknown>> }) {
  const notify = useNotify();
  const nameAndKey = useNameAndKey();
  const { name, effectiveKey } = nameAndKey;
  const [requireReason, setRequireReason] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});

  function submit(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!name.trim()) found.name = 'Give the environment a name.';
    if (!ENVIRONMENT_KEY.test(effectiveKey)) found.key = 'Lowercase letters, digits and -, starting with a letter or digit.';
    setErrors(found);
    if (Object.keys(found).length) return;
    onAsk({
      title: `Add environment ${name.trim()}`,
      summary: (
        <p>
          Add <strong>{name.trim()}</strong> (<span className="mono">{effectiveKey}</span>){requireReason ? ', requiring a reason for every change' : ''}. Every
          flag gets it, turned off.
        </p>
      ),
      reasonRequired: false,
      confirmLabel: 'Add environment',
      apply: async (reason) => {
        const { problem } = await outcome(add({ key: effectiveKey, name: name.trim(), requireReason, reason }));
        if (!problem) {
          notify(`Environment ${effectiveKey} added`);
          onCancel();
        }
        return problem;
      },
    });
  }

  return (
    <form className="card form-card" onSubmit={submit} noValidate aria-labelledby="add-env-title">
      <h3 id="add-env-title">New environment</h3>
      <div className="form-grid">
        <NameAndKeyFields state={nameAndKey} errors={errors} keyHint="Cannot be changed later." />
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={requireReason} onChange={(e) => setRequireReason(e.target.checked)} /> Require a reason for every change in this environment
      </label>
      <div className="form-actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button primary">
          Continue
        </button>
      </div>
    </form>
  );
}

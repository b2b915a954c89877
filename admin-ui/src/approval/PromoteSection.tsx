import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { outcome } from '../api/mutate';
import { ChangeDialog, type ChangeRequest } from '../components/ChangeDialog';
import { useNotify } from '../components/Notice';
import { useProject } from '../pages/ProjectLayout';
import { PromoteFlagsMutation } from './documents';

const keys = (text: string) => [...new Set(text.split(/[\s,]+/).map((key) => key.trim()).filter(Boolean))];

/**
 * Promote flags from one environment to another as a change request. Segments are shared by all
 * environments; a mapping sends the rules of the target to another segment, and "copy" gives that
 * segment the source's definition. The reason is asked in the change dialog, like every change.
 */
export function PromoteSection({ onOpened }: { onOpened: () => void }) {
  const { project } = useProject();
  const notify = useNotify();
  const navigate = useNavigate();
  const [, promote] = useMutation(PromoteFlagsMutation);
  const [from, setFrom] = useState(project.environments.at(-2)?.key ?? project.environments[0]?.key ?? '');
  const [to, setTo] = useState(project.environments.at(-1)?.key ?? '');
  const [flags, setFlags] = useState('');
  const [source, setSource] = useState('');
  const [target, setTarget] = useState('');
  const [copy, setCopy] = useState(true);
  const [formError, setFormError] = useState<string | null>(null);
  const [change, setChange] = useState<ChangeRequest | null>(null);
  const envName = (key: string) => project.environments.find((e) => e.key === key)?.name ?? key;

  function submit(event: FormEvent) {
    event.preventDefault();
    const flagKeys = keys(flags);
    if (from === to) return setFormError('Choose two different environments.');
    if (flagKeys.length === 0) return setFormError('Name at least one flag to promote.');
    if (Boolean(source.trim()) !== Boolean(target.trim())) return setFormError('Name both segments of the mapping, or neither.');
    setFormError(null);
    const segments = source.trim() ? [{ source: source.trim(), target: target.trim(), promote: copy }] : [];
    const env = project.environments.find((e) => e.key === to);
    setChange({
      title: `Promote to ${envName(to)}`,
      summary: (
        <>
          <p>
            Propose the configuration of <strong>{flagKeys.join(', ')}</strong> in {envName(from)} for <strong>{envName(to)}</strong>, as a change request
            with a diff to review. Nothing changes until it is approved.
          </p>
          {segments.length > 0 && (
            <p>
              Rules that use segment <span className="mono">{source.trim()}</span> will use <span className="mono">{target.trim()}</span>
              {copy ? ', which gets its definition' : ''}.
            </p>
          )}
        </>
      ),
      reasonRequired: env?.requireReason ?? false,
      reasonPolicy: env?.requireReason ? `${env.name} requires a reason for every change.` : undefined,
      confirmLabel: 'Propose promotion',
      apply: async (reason) => {
        const result = await outcome(promote({ input: { projectKey: project.key, from, to, flagKeys, segments, reason: reason ?? null } }));
        if (result.data) {
          notify('Promotion proposed as a change request');
          onOpened();
          navigate(result.data.promoteFlags.changeRequest.id);
        }
        return result.problem;
      },
    });
  }

  const options = project.environments.map((env) => (
    <option key={env.key} value={env.key}>
      {env.name}
    </option>
  ));

  return (
    <>
      <form className="card section" onSubmit={submit} noValidate aria-labelledby="promote-title">
        <h3 id="promote-title">Promote flags</h3>
        <p className="muted">Copy flags' configuration from one environment to another, reviewed as a change request.</p>
        <div className="row align-start">
          <div className="field">
            <label htmlFor="promote-from">From</label>
            <select id="promote-from" value={from} onChange={(e) => setFrom(e.target.value)}>
              {options}
            </select>
          </div>
          <div className="field">
            <label htmlFor="promote-to">To</label>
            <select id="promote-to" value={to} onChange={(e) => setTo(e.target.value)}>
              {options}
            </select>
          </div>
          <div className="field grow">
            <label htmlFor="promote-flags">Flag keys</label>
            <input id="promote-flags" value={flags} placeholder="new-checkout, search-limit" aria-describedby="promote-flags-hint" onChange={(e) => setFlags(e.target.value)} />
            <p id="promote-flags-hint" className="hint">
              Separate with commas or spaces.
            </p>
          </div>
        </div>
        <fieldset>
          <legend>
            Segment mapping <span className="optional">(optional)</span>
          </legend>
          <p className="hint">Segments are shared by every environment. To have {envName(to)} use another segment than {envName(from)}, name both.</p>
          <div className="row align-start">
            <div className="field">
              <label htmlFor="promote-segment-source">Segment used in {envName(from)}</label>
              <input id="promote-segment-source" value={source} placeholder="beta-testers" onChange={(e) => setSource(e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor="promote-segment-target">is replaced in {envName(to)} by</label>
              <input id="promote-segment-target" value={target} placeholder="beta-testers-prod" onChange={(e) => setTarget(e.target.value)} />
            </div>
          </div>
          <label className="checkbox">
            <input type="checkbox" checked={copy} onChange={(e) => setCopy(e.target.checked)} /> Copy the definition of the {envName(from)} segment into it
          </label>
        </fieldset>
        {formError && (
          <div className="alert error" role="alert">
            {formError}
          </div>
        )}
        <div className="form-actions">
          <button type="submit" className="button primary">
            Propose promotion…
          </button>
        </div>
      </form>
      {/* Outside the form: the dialog has a form of its own. */}
      {change && <ChangeDialog {...change} subject="flag" onClose={() => setChange(null)} onReload={onOpened} />}
    </>
  );
}

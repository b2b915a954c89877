import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { outcome } from '../api/mutate';
import type { Problem } from '../api/problems';
import { useNotify } from '../components/Notice';
import { useProject } from '../pages/ProjectLayout';
import { PromoteFlagsMutation } from './documents';

const keys = (text: string) => text.split(',').map((key) => key.trim()).filter(Boolean);

/**
 * Promote flags from one environment to another as a change request. Segments are shared by all
 * environments; a mapping sends the rules of the target to another segment, and "copy" gives that
 * segment the source's definition.
 */
export function PromoteSection({ onOpened }: { onOpened: () => void }) {
  const { project } = useProject();
  const notify = useNotify();
  const navigate = useNavigate();
  const [, promote] = useMutation(PromoteFlagsMutation);
  const [from, setFrom] = useState(project.environments[1]?.key ?? project.environments[0]?.key ?? '');
  const [to, setTo] = useState(project.environments.at(-1)?.key ?? '');
  const [flags, setFlags] = useState('');
  const [source, setSource] = useState('');
  const [target, setTarget] = useState('');
  const [copy, setCopy] = useState(true);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    const segments = source.trim() && target.trim() ? [{ source: source.trim(), target: target.trim(), promote: copy }] : [];
    const result = await outcome(promote({ input: { projectKey: project.key, from, to, flagKeys: keys(flags), segments, reason: reason || null } }));
    if (result.problem) setProblem(result.problem);
    else if (result.data) {
      notify('Promotion proposed as a change request');
      onOpened();
      navigate(result.data.promoteFlags.changeRequest.id);
    }
  }

  return (
    <form className="card section" onSubmit={submit} aria-labelledby="promote-title">
      <h3 id="promote-title">Promote flags</h3>
      <div className="row">
        <div className="field">
          <label htmlFor="promote-from">From</label>
          <select id="promote-from" value={from} onChange={(e) => setFrom(e.target.value)}>
            {project.environments.map((env) => (
              <option key={env.key} value={env.key}>
                {env.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="promote-to">To</label>
          <select id="promote-to" value={to} onChange={(e) => setTo(e.target.value)}>
            {project.environments.map((env) => (
              <option key={env.key} value={env.key}>
                {env.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field grow">
          <label htmlFor="promote-flags">Flag keys (comma-separated)</label>
          <input id="promote-flags" value={flags} onChange={(e) => setFlags(e.target.value)} />
        </div>
      </div>
      <div className="row">
        <div className="field">
          <label htmlFor="promote-segment-source">Segment used in {from}</label>
          <input id="promote-segment-source" value={source} onChange={(e) => setSource(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="promote-segment-target">becomes, in {to}</label>
          <input id="promote-segment-target" value={target} onChange={(e) => setTarget(e.target.value)} />
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={copy} onChange={(e) => setCopy(e.target.checked)} /> copy its definition
        </label>
        <div className="field grow">
          <label htmlFor="promote-reason">Reason</label>
          <input id="promote-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
        </div>
      </div>
      {problem && (
        <div className="alert error" role="alert">
          {problem.message}
        </div>
      )}
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={!keys(flags).length}>
          Propose promotion
        </button>
      </div>
    </form>
  );
}

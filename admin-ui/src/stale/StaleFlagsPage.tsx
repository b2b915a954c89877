import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { readable } from '../audit/time';
import { TextField } from '../components/TextField';
import { useProject } from '../pages/ProjectLayout';
import { StaleFlagsQuery } from './documents';
import { KIND_LABELS, ago, reasonText } from './evidence';
import { QueryError } from '../pages/QueryState';

/**
 * Stale flags (docs/stale-flags.md): flags that have served one variation everywhere for longer than
 * their kind allows, or that no SDK has reported evaluating for N days, with the evidence for each.
 */
export function StaleFlagsPage() {
  const { project } = useProject();
  const [days, setDays] = useState<number | undefined>(undefined);
  const [draft, setDraft] = useState('');
  const [draftError, setDraftError] = useState<string | null>(null);
  const [{ data, fetching, error }] = useQuery({
    query: StaleFlagsQuery,
    variables: { projectKey: project.key, unevaluatedDays: days },
    requestPolicy: 'cache-and-network',
  });
  const report = data?.staleFlags;
  const envName = (key: string) => project.environments.find((e) => e.key === key)?.name ?? key;

  function apply(event: FormEvent) {
    event.preventDefault();
    const value = Number(draft);
    if (!Number.isInteger(value) || value < 1 || value > 3650) {
      setDraftError('A whole number of days from 1 to 3650.');
      return;
    }
    setDraftError(null);
    setDays(value);
  }

  return (
    <div className="page">
      <h2>Stale flags</h2>
      <p className="muted">
        A flag is stale when it has served one variation to everyone in every environment for longer than its kind is expected to live (kill switches and permissions are meant to
        stay), or when no SDK has reported evaluating it for {report?.unevaluatedDays ?? 'N'} days. Evaluations come from the exposure events SDKs send, counted per hour.
      </p>
      <form className="row section" onSubmit={apply} noValidate aria-label="Report window">
        <TextField
          id="stale-days"
          label="Not evaluated for (days)"
          inputMode="numeric"
          value={draft}
          placeholder={String(report?.unevaluatedDays ?? 30)}
          error={draftError}
          onChange={(e) => setDraft(e.target.value)}
        />
        <div className="form-actions">
          <button type="submit" className="button">
            Apply
          </button>
        </div>
      </form>
      <QueryError error={error} />
      {fetching && !report && <p className="muted">Looking for stale flags…</p>}
      {report && report.edges.length === 0 && <p className="muted">No stale flags. Every flag is either still changing or being evaluated.</p>}
      {report && report.edges.length > 0 && (
        <>
          <p className="muted">
            {report.totalCount} stale {report.totalCount === 1 ? 'flag' : 'flags'} as of {readable(report.asOf)}
            {report.pageInfo.hasNextPage ? ' (the first 100 shown)' : ''}.
          </p>
          <table className="table stale-table">
            <caption className="sr-only">Stale flags of {project.name}</caption>
            <thead>
              <tr>
                <th scope="col">Flag</th>
                <th scope="col">Kind</th>
                <th scope="col">Why</th>
                <th scope="col">Last evaluated</th>
                <th scope="col">Last changed</th>
              </tr>
            </thead>
            <tbody>
              {report.edges.map(({ node: flag }) => (
                <tr key={flag.key} data-flag={flag.key}>
                  <th scope="row">
                    <Link to={`../flags/${encodeURIComponent(flag.key)}`}>{flag.name}</Link>
                    <div className="mono muted">{flag.key}</div>
                  </th>
                  <td>{KIND_LABELS[flag.kind]}</td>
                  <td>
                    <ul className="plain">
                      {flag.reasons.map((reason) => (
                        <li key={reason}>{reasonText(reason, flag, report.asOf, report.unevaluatedDays)}</li>
                      ))}
                    </ul>
                    <details>
                      <summary>Evidence</summary>
                      <ul className="plain">
                        {flag.environments.map((env) => (
                          <li key={env.key}>
                            {envName(env.key)}: {env.enabled ? 'on' : 'off'}, {env.servedVariation ? <>everyone gets “{env.servedVariation}”</> : 'contexts get different variations'}
                          </li>
                        ))}
                      </ul>
                      {flag.recentExposures.length === 0 ? (
                        <p className="muted">No exposures in the last {report.unevaluatedDays} days.</p>
                      ) : (
                        <ul className="plain">
                          {flag.recentExposures.map((count) => (
                            <li key={`${count.environment}/${count.variation}`}>
                              {envName(count.environment)} · “{count.variation}”: {count.exposures} {count.exposures === 1 ? 'exposure' : 'exposures'}, last {ago(count.lastSeenAt, report.asOf)}
                            </li>
                          ))}
                        </ul>
                      )}
                    </details>
                  </td>
                  <td title={flag.lastEvaluatedAt ? readable(flag.lastEvaluatedAt) : undefined}>{flag.lastEvaluatedAt ? ago(flag.lastEvaluatedAt, report.asOf) : 'never'}</td>
                  <td title={readable(flag.lastChangedAt)}>{ago(flag.lastChangedAt, report.asOf)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}

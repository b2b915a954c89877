import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { problemOf } from '../api/problems';
import { useProject } from '../pages/ProjectLayout';
import { AsOfPicker } from './AsOfPicker';
import { EnvironmentAsOfQuery } from './documents';
import { readable } from './time';
import './audit.css';
import { QueryError } from '../pages/QueryState';

/** One environment and every flag of the project as they were at an instant (replayed by the server). */
export function ProjectAsOfPage() {
  const { project } = useProject();
  const [params, setParams] = useSearchParams();
  const at = params.get('at');
  const environment = params.get('environment') ?? project.environments.find((e) => e.key === 'production')?.key ?? project.environments[0]?.key ?? '';
  const [{ data, fetching, error }] = useQuery({ query: EnvironmentAsOfQuery, variables: { projectKey: project.key, environment, at: at ?? '' }, pause: !at || !environment });
  const view = data?.environmentAsOf;
  const notYet = error && problemOf(error).code === 'NOT_FOUND';
  const choose = (changes: Record<string, string>) => setParams({ ...Object.fromEntries(params), ...changes });

  return (
    <div className="page">
      <div className="historical-banner" role="note" aria-label="Historical view">
        <strong>Historical view · read-only</strong>
        <p>{at ? <>The project's flags in one environment as they were at <time dateTime={at} title={at}>{readable(at)}</time>, replayed from the event store.</> : 'Choose an environment and a moment.'}</p>
        <div className="as-of-picker">
          <div className="field">
            <label htmlFor="as-of-env">Environment</label>
            <select id="as-of-env" value={environment} onChange={(e) => choose({ environment: e.target.value })}>
              {project.environments.map((e) => (
                <option key={e.key} value={e.key}>
                  {e.name}
                </option>
              ))}
            </select>
          </div>
          <AsOfPicker key={at ?? ''} at={at} onChoose={(iso) => choose({ at: iso })} />
        </div>
        <p className="small">
          <Link to={`/projects/${project.key}/audit`}>Back to the audit history</Link>
        </p>
      </div>
      {fetching && !data && !error && <p className="muted">Replaying the history…</p>}
      {notYet && (
        <div className="card section" role="status">
          <h2>The environment did not exist yet</h2>
          <p>Choose a later moment.</p>
        </div>
      )}
      <QueryError error={notYet ? undefined : error} />
      {view && at && (
        <section className="card section" aria-labelledby="env-as-of-title">
          <h2 id="env-as-of-title">
            {view.name} <span className="muted small">{view.requireReason ? '(reason required then)' : ''}</span>
          </h2>
          {view.flags.length === 0 ? (
            <p className="muted">No flags existed then.</p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Flag</th>
                  <th scope="col">Serving</th>
                  <th scope="col">Default</th>
                  <th scope="col">Off</th>
                  <th scope="col">Rules</th>
                  <th scope="col">Version</th>
                </tr>
              </thead>
              <tbody>
                {view.flags.map((flag) => (
                  <tr key={flag.key}>
                    <th scope="row">
                      <Link to={`/projects/${project.key}/flags/${flag.key}/as-of?at=${encodeURIComponent(at)}`}>{flag.name}</Link> <span className="mono muted small">{flag.key}</span>
                      {flag.archived && <span className="badge archived">Archived</span>}
                    </th>
                    <td>{flag.environment?.enabled ? <span className="badge on-badge">On</span> : <span className="badge off-badge">Off</span>}</td>
                    <td className="mono">{flag.environment?.defaultVariation}</td>
                    <td className="mono">{flag.environment?.offVariation}</td>
                    <td>{flag.environment?.targeting.rules.length ?? 0}</td>
                    <td>{flag.version}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
    </div>
  );
}

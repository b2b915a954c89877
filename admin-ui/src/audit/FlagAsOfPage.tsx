import { Link, useParams, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { problemOf } from '../api/problems';
import type { FlagFieldsFragment, ProjectFieldsFragment } from '../gql/graphql';
import { FlagHeading } from '../flag/FlagHeading';
import { previewValue } from '../flag/values';
import { useProject } from '../pages/ProjectLayout';
import { AsOfPicker } from './AsOfPicker';
import { summarize } from './diff';
import { FlagAsOfQuery } from './documents';
import { readable } from './time';
import './audit.css';
import { QueryError } from '../pages/QueryState';

/**
 * A flag exactly as it was at an instant, replayed by the server from the event store. Read-only
 * and marked as history throughout; "not found" there means the flag did not exist yet.
 */
export function FlagAsOfPage() {
  const { project } = useProject();
  const { flagKey = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const at = params.get('at');
  const [{ data, fetching, error }] = useQuery({ query: FlagAsOfQuery, variables: { projectKey: project.key, key: flagKey, at: at ?? '' }, pause: !at });
  const flag = data?.flagAsOf;
  const notYet = error && problemOf(error).code === 'NOT_FOUND';
  const base = `/projects/${project.key}/flags/${flagKey}`;

  return (
    <div className="page flag-as-of">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to={`/projects/${project.key}/flags`}>Flags</Link> <span aria-hidden="true">/</span> <Link to={base}>{flagKey}</Link> <span aria-hidden="true">/</span>{' '}
        <span aria-current="page">as of {at ? readable(at) : '…'}</span>
      </nav>
      <div className="historical-banner" role="note" aria-label="Historical view">
        <strong>Historical view · read-only</strong>
        <p>
          {at ? (
            <>
              <span className="mono">{flagKey}</span> as it was at <time dateTime={at} title={at}>{readable(at)}</time>, replayed from the event store. Changes cannot be made here.
            </>
          ) : (
            'Choose a moment to see the flag as it was then.'
          )}
        </p>
        <AsOfPicker key={at ?? ''} at={at} onChoose={(iso) => setParams({ at: iso })} />
        <p className="small">
          <Link to={base}>Back to the current flag</Link>
          {flag && at && (
            <>
              {' · '}
              <Link to={`/projects/${project.key}/evaluate?flag=${flagKey}&at=${encodeURIComponent(at)}`}>Evaluate at this moment</Link>
            </>
          )}
        </p>
      </div>
      {fetching && !data && !error && <p className="muted">Replaying the history…</p>}
      {notYet && at && (
        <div className="card section" role="status" data-testid="flag-not-yet">
          <h2>The flag did not exist yet</h2>
          <p>
            <span className="mono">{flagKey}</span> was created after {readable(at)}. Choose a later moment.
          </p>
        </div>
      )}
      <QueryError error={notYet ? undefined : error} />
      {flag && <HistoricalFlag flag={flag} project={project} />}
    </div>
  );
}

function HistoricalFlag({ flag, project }: { flag: FlagFieldsFragment; project: ProjectFieldsFragment }) {
  const environmentName = (key: string) => project.environments.find((e) => e.key === key)?.name ?? key;
  return (
    <>
      <header className="flag-header">
        <FlagHeading flag={flag} versionTestId="as-of-version" changedLabel="last changed" formatTime={readable} />
        {flag.tags.length > 0 && <p className="small">Tags: {flag.tags.join(', ')}</p>}
      </header>
      <section className="card section" aria-labelledby="as-of-envs">
        <h3 id="as-of-envs">Environments then</h3>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Environment</th>
              <th scope="col">Serving</th>
              <th scope="col">Default variation</th>
              <th scope="col">Off variation</th>
              <th scope="col">Targeting</th>
            </tr>
          </thead>
          <tbody>
            {flag.environments.map((env) => (
              <tr key={env.key} data-environment={env.key}>
                <th scope="row">{environmentName(env.key)}</th>
                <td data-testid={`as-of-state-${env.key}`}>{env.enabled ? <span className="badge on-badge">On</span> : <span className="badge off-badge">Off</span>}</td>
                <td className="mono">{env.defaultVariation}</td>
                <td className="mono">{env.offVariation}</td>
                <td>
                  <TargetingSummary targeting={env.targeting} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="card section" aria-labelledby="as-of-variations">
        <h3 id="as-of-variations">Variations then</h3>
        <ul>
          {flag.variations.map((v) => (
            <li key={v.key}>
              <span className="mono">{v.key}</span> = <span className="mono">{previewValue(v.value)}</span>
              {v.name && v.name !== v.key && <span className="muted"> · {v.name}</span>}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

type Targeting = FlagFieldsFragment['environments'][number]['targeting'];

function TargetingSummary({ targeting }: { targeting: Targeting }) {
  const empty = !targeting.prerequisites.length && !targeting.targets.length && !targeting.rules.length && !targeting.fallthroughRollout;
  if (empty) return <span className="muted">No targeting</span>;
  return (
    <ul className="rule-list">
      {targeting.prerequisites.map((p) => (
        <li key={`p-${p.flagKey}`}>Prerequisite: {summarize(p)}</li>
      ))}
      {targeting.targets.map((t) => (
        <li key={`t-${t.variation}`}>Individual targets → {summarize(t)}</li>
      ))}
      {targeting.rules.map((r, i) => (
        <li key={r.id}>
          Rule {i + 1}
          {r.description ? ` (${r.description})` : ''}: {summarize(r, 'rule')}
        </li>
      ))}
      {targeting.fallthroughRollout && <li>Otherwise: {summarize(targeting.fallthroughRollout, 'rollout')}</li>}
    </ul>
  );
}

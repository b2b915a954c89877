import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { problemOf } from '../api/problems';
import type { AuditEntryFieldsFragment, AuditFilter } from '../gql/graphql';
import { useLiveChanges } from '../live/useLiveChanges';
import { DiffView } from './DiffView';
import { EVENT_TYPES, describeEvent } from './diff';
import { AuditTrailQuery } from './documents';
import { fromLocalInput, justBefore, readable } from './time';
import './audit.css';

export const TIMELINE_PAGE = 20;
const MANY_CHANGES = 6;

type Environment = { key: string; name: string };
type Props = {
  projectKey: string;
  environments: readonly Environment[];
  /** One flag's history; without it, the whole project's. */
  flagKey?: string;
  /** A heading id for aria-labelledby of the surrounding section. */
  label: string;
};

type Filters = { environment: string; actor: string; ticket: string; eventType: string; from: string; to: string; flag: string };
const NO_FILTERS: Filters = { environment: '', actor: '', ticket: '', eventType: '', from: '', to: '', flag: '' };

/**
 * The audit timeline, newest first: who changed what, when, why and from where (the commit and ticket
 * a change came with, too), with each change's diff. Filters narrow it by environment, actor, ticket,
 * kind of change and time; "Load more" follows the server's cursors. Changes made meanwhile appear at
 * the top by themselves.
 */
export function AuditTimeline({ projectKey, environments, flagKey, label }: Props) {
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [applied, setApplied] = useState<Filters>(NO_FILTERS);
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [problem, setProblem] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  useLiveChanges(projectKey, flagKey ?? null, () => setGeneration((g) => g + 1));

  const filter: AuditFilter = {
    projectKey,
    flagKey: flagKey ?? (applied.flag.trim() || null),
    environment: applied.environment || null,
    actor: applied.actor.trim() || null,
    ticket: applied.ticket.trim() || null,
    eventTypes: applied.eventType ? [applied.eventType] : null,
    from: fromLocalInput(applied.from),
    to: fromLocalInput(applied.to),
  };
  const environmentName = (key: string) => environments.find((e) => e.key === key)?.name ?? key;

  function apply(event: FormEvent) {
    event.preventDefault();
    if (draft.from && draft.to && fromLocalInput(draft.from)! >= fromLocalInput(draft.to)!) {
      setProblem('“From” must be before “to”.');
      return;
    }
    setProblem(null);
    setApplied(draft);
    setCursors([null]);
  }
  function clear() {
    setDraft(NO_FILTERS);
    setApplied(NO_FILTERS);
    setCursors([null]);
    setProblem(null);
  }
  const set = (name: keyof Filters) => (e: { target: { value: string } }) => setDraft({ ...draft, [name]: e.target.value });
  const types = EVENT_TYPES.filter((t) => !flagKey || t.scope === 'flag');
  const id = (name: string) => `${label}-${name}`;

  return (
    <div className="audit-timeline">
      <form className="timeline-filters" role="search" aria-label="Filter the history" onSubmit={apply} noValidate>
        {!flagKey && (
          <div className="field">
            <label htmlFor={id('flag')}>Flag key</label>
            <input id={id('flag')} value={draft.flag} placeholder="any flag" onChange={set('flag')} />
          </div>
        )}
        <div className="field">
          <label htmlFor={id('env')}>Environment</label>
          <select id={id('env')} value={draft.environment} onChange={set('environment')}>
            <option value="">All environments</option>
            {environments.map((e) => (
              <option key={e.key} value={e.key}>
                {e.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={id('actor')}>Actor</label>
          <input id={id('actor')} value={draft.actor} placeholder="e.g. local:admin" onChange={set('actor')} />
        </div>
        <div className="field">
          <label htmlFor={id('ticket')}>Ticket</label>
          <input id={id('ticket')} value={draft.ticket} placeholder="e.g. OPS-42" onChange={set('ticket')} />
        </div>
        <div className="field">
          <label htmlFor={id('type')}>Change</label>
          <select id={id('type')} value={draft.eventType} onChange={set('eventType')}>
            <option value="">Every kind</option>
            {types.map((t) => (
              <option key={t.type} value={t.type}>
                {t.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={id('from')}>From (local time)</label>
          <input id={id('from')} type="datetime-local" step="1" value={draft.from} onChange={set('from')} />
        </div>
        <div className="field">
          <label htmlFor={id('to')}>To (local time)</label>
          <input id={id('to')} type="datetime-local" step="1" value={draft.to} onChange={set('to')} />
        </div>
        <div className="form-actions">
          <button type="button" className="button" onClick={clear}>
            Clear
          </button>
          <button type="submit" className="button primary">
            Apply filters
          </button>
        </div>
      </form>
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      <ol className="timeline" aria-label={flagKey ? `History of ${flagKey}` : 'Project history'}>
        {cursors.map((after, index) => (
          <TimelinePage
            // New filters start a fresh list (no stale entries from the old filter while loading).
            key={`${JSON.stringify(filter)}:${after ?? 'first'}:${index === 0 ? generation : 0}`}
            projectKey={projectKey}
            filter={filter}
            after={after}
            last={index === cursors.length - 1}
            showFlag={!flagKey}
            environmentName={environmentName}
            onMore={(cursor) => setCursors([...cursors, cursor])}
            live={index === 0 ? generation : 0}
          />
        ))}
      </ol>
    </div>
  );
}

type PageProps = {
  projectKey: string;
  filter: AuditFilter;
  after: string | null;
  last: boolean;
  showFlag: boolean;
  environmentName: (key: string) => string;
  onMore: (cursor: string) => void;
  live: number;
};

function TimelinePage({ projectKey, filter, after, last, showFlag, environmentName, onMore, live }: PageProps) {
  // A live change re-reads the newest page from the server (the key above remounts it).
  const [{ data, fetching, error }] = useQuery({
    query: AuditTrailQuery,
    variables: { filter, first: TIMELINE_PAGE, after },
    requestPolicy: live ? 'network-only' : 'cache-and-network',
  });
  if (error && !data)
    return (
      <li className="alert error" role="alert">
        {problemOf(error).message}
      </li>
    );
  if (!data) return <li className="muted">{fetching ? 'Loading the history…' : ''}</li>;
  const { edges, pageInfo } = data.auditTrail;
  return (
    <>
      {edges.length === 0 && after === null && <li className="muted empty-timeline">No changes match.</li>}
      {edges.map(({ node }) => (
        <Entry key={node.position} entry={node} projectKey={projectKey} showFlag={showFlag} environmentName={environmentName} />
      ))}
      {last && pageInfo.hasNextPage && pageInfo.endCursor && (
        <li className="timeline-more">
          <button type="button" className="button" onClick={() => onMore(pageInfo.endCursor!)}>
            Load more
          </button>
        </li>
      )}
    </>
  );
}

function Entry({ entry, projectKey, showFlag, environmentName }: { entry: AuditEntryFieldsFragment; projectKey: string; showFlag: boolean; environmentName: (key: string) => string }) {
  const actor = entry.actor.name ?? entry.actor.subject ?? 'unknown';
  const base = `/projects/${projectKey}`;
  const at = encodeURIComponent(entry.occurredAt);
  const before = encodeURIComponent(justBefore(entry.occurredAt));
  const flag = entry.flagKey;
  return (
    <li className="timeline-entry" data-position={entry.position} data-event-type={entry.eventType}>
      <div className="timeline-head">
        <span className="timeline-what">{describeEvent(entry, environmentName)}</span>
        {showFlag && flag && (
          <Link className="mono" to={`${base}/flags/${flag}`}>
            {flag}
          </Link>
        )}
        {showFlag && entry.segmentKey && (
          <Link className="mono" to={`${base}/segments/${entry.segmentKey}`}>
            segment {entry.segmentKey}
          </Link>
        )}
      </div>
      <div className="timeline-meta">
        <span>
          by <strong>{actor}</strong>
          {entry.actor.subject && entry.actor.name && <span className="mono"> ({entry.actor.subject})</span>}
        </span>
        <time dateTime={entry.occurredAt} title={entry.occurredAt}>
          {readable(entry.occurredAt)}
        </time>
        {entry.origin && <span className="badge origin">via {entry.origin}</span>}
        <span>version {entry.version}</span>
        {entry.correlationId && (
          <span>
            correlation <span className="mono">{entry.correlationId}</span>
          </span>
        )}
        {entry.ticket && (
          <span>
            ticket <span className="mono">{entry.ticket}</span>
          </span>
        )}
        {entry.vcsCommit && (
          <span>
            commit{' '}
            <span className="mono" title={entry.vcsCommit}>
              {shortCommit(entry.vcsCommit)}
            </span>
          </span>
        )}
      </div>
      {entry.reason ? <p className="timeline-reason">“{entry.reason}”</p> : <p className="muted small">No reason given.</p>}
      {entry.changes.length > MANY_CHANGES ? (
        // A creation sets every field: folded, so the timeline stays readable.
        <details className="diff-many">
          <summary>{entry.changes.length} fields set</summary>
          <DiffView changes={entry.changes} environmentName={environmentName} />
        </details>
      ) : (
        <DiffView changes={entry.changes} environmentName={environmentName} />
      )}
      <div className="timeline-actions">
        {flag && (
          <>
            <Link className="button small" to={`${base}/flags/${flag}/as-of?at=${before}`}>
              View as of just before this change<span className="sr-only"> ({flag})</span>
            </Link>
            <Link className="button small" to={`${base}/flags/${flag}/as-of?at=${at}`}>
              View as of this moment<span className="sr-only"> ({flag})</span>
            </Link>
          </>
        )}
        {!flag && entry.subjectKind === 'PROJECT' && entry.environment && (
          <Link className="button small" to={`${base}/audit/as-of?environment=${entry.environment}&at=${at}`}>
            View {environmentName(entry.environment)} as of this moment
          </Link>
        )}
      </div>
    </li>
  );
}

/** A commit id as people quote it: the first 12 hex digits of a full SHA, anything else as sent. */
function shortCommit(commit: string): string {
  return /^[0-9a-f]{40}([0-9a-f]{24})?$/i.test(commit) ? commit.slice(0, 12) : commit;
}

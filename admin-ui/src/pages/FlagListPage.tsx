import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { FlagsQuery, ToggleFlagMutation } from '../api/documents';
import { outcome } from '../api/mutate';
import { ChangeDialog, type ChangeRequest } from '../components/ChangeDialog';
import { useNotify } from '../components/Notice';
import { Switch } from '../components/Switch';
import { TextField } from '../components/TextField';
import { proposedText, protectionOf, useProject } from './ProjectLayout';
import { useLiveChanges } from '../live/useLiveChanges';
import { QueryError } from './QueryState';

export const PAGE_SIZE = 20;
// An empty page names no type, so urql could not tell a new flag makes it stale.
const FLAG_TYPES = { additionalTypenames: ['Flag'] };

export function FlagListPage() {
  const { project } = useProject();
  const [params, setParams] = useSearchParams();
  const text = params.get('q') ?? '';
  const tag = params.get('tag') ?? '';
  const archived = params.get('status') === 'archived';
  const after = params.get('after');
  // Cursors of the pages before this one, so "Previous" goes back exactly.
  const [previous, setPrevious] = useState<(string | null)[]>([]);
  const [search, setSearch] = useState(text);
  const [tagInput, setTagInput] = useState(tag);

  function update(changes: Record<string, string | null>, keepPage = false) {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) if (v) next.set(k, v);
    else next.delete(k);
    if (!keepPage) {
      next.delete('after');
      setPrevious([]);
    }
    setParams(next, { replace: !keepPage });
  }

  useEffect(() => {
    if (search === text) return;
    const timer = window.setTimeout(() => update({ q: search.trim() || null }), 250);
    return () => window.clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [search]);

  const notify = useNotify();
  const [change, setChange] = useState<ChangeRequest | null>(null);
  const [, toggle] = useMutation(ToggleFlagMutation);
  const [{ data, fetching, error }, reexecute] = useQuery({
    query: FlagsQuery,
    variables: {
      projectKey: project.key,
      filter: { text: text || null, tag: tag || null, archived },
      first: PAGE_SIZE,
      after,
    },
    context: FLAG_TYPES,
  });
  const connection = data?.flags;
  // Someone else's change (a switch, a new flag) shows up without a reload.
  useLiveChanges(project.key, null, (live) => {
    if (live.flagKey) reexecute({ requestPolicy: 'network-only' });
  });
  const filtered = Boolean(text || tag);
  const start = previous.length * PAGE_SIZE;

  return (
    <div className="page">
      <div className="section-header">
        <div>
          <h2>Flags</h2>
          <p className="muted">
            {connection ? countText(connection.totalCount, archived, filtered) : '\u00a0'}
          </p>
        </div>
        <Link className="button primary" to="new">
          New flag
        </Link>
      </div>
      <form className="filters" role="search" aria-label="Filter flags" onSubmit={(e) => e.preventDefault()}>
        <TextField id="flag-search" label="Search" grow type="search" placeholder="Key, name or description" value={search} onChange={(e) => setSearch(e.target.value)} />
        <div className="field">
          <label htmlFor="flag-tag">Tag</label>
          <input
            id="flag-tag"
            placeholder="Any tag"
            value={tagInput}
            onChange={(e) => setTagInput(e.target.value)}
            onBlur={() => tagInput.trim() !== tag && update({ tag: tagInput.trim() || null })}
            onKeyDown={(e) => {
              if (e.key === 'Enter') update({ tag: tagInput.trim() || null });
            }}
          />
        </div>
        <div className="field">
          <label htmlFor="flag-status">Status</label>
          <select id="flag-status" value={archived ? 'archived' : 'active'} onChange={(e) => update({ status: e.target.value === 'archived' ? 'archived' : null })}>
            <option value="active">Active</option>
            <option value="archived">Archived</option>
          </select>
        </div>
        {filtered && (
          <div className="field">
            <button
              type="button"
              className="button"
              onClick={() => {
                setSearch('');
                setTagInput('');
                update({ q: null, tag: null });
              }}
            >
              Clear filters
            </button>
          </div>
        )}
      </form>
      <QueryError error={error} />
      {fetching && !data && <p className="muted">Loading flags…</p>}
      {connection && connection.edges.length === 0 && (
        <div className="empty">
          {filtered || archived ? (
            <p>No {archived ? 'archived ' : ''}flags match these filters.</p>
          ) : (
            <>
              <h3>No flags yet</h3>
              <p>Create a flag to control a feature in each environment.</p>
              <Link className="button primary" to="new">
                Create a flag
              </Link>
            </>
          )}
        </div>
      )}
      {connection && connection.edges.length > 0 && (
        <>
          <table className="table flag-table" aria-busy={fetching}>
            <caption className="sr-only">Flags of {project.name}</caption>
            <thead>
              <tr>
                <th scope="col">Flag</th>
                <th scope="col">Type</th>
                <th scope="col">Tags</th>
                {project.environments.map((env) => (
                  <th scope="col" key={env.key} className="env-col">
                    {env.name}
                  </th>
                ))}
                <th scope="col">Updated</th>
              </tr>
            </thead>
            <tbody>
              {connection.edges.map(({ node }) => (
                <tr key={node.id} data-flag={node.key}>
                  <td>
                    <Link to={node.key} className="flag-link">
                      {node.name}
                    </Link>
                    <div className="mono muted small">{node.key}</div>
                  </td>
                  <td>
                    <span className="type-badge">{node.valueType.toLowerCase()}</span>
                  </td>
                  <td>
                    <ul className="tags" aria-label="Tags">
                      {node.tags.map((t) => (
                        <li key={t}>
                          <button type="button" className="tag" onClick={() => { setTagInput(t); update({ tag: t }); }} aria-label={`Filter by tag ${t}`}>
                            {t}
                          </button>
                        </li>
                      ))}
                    </ul>
                  </td>
                  {project.environments.map((env) => {
                    const on = node.environments.find((e) => e.key === env.key)?.enabled ?? false;
                    return (
                      <td key={env.key} className="env-col" data-environment={env.key}>
                        <Switch
                          checked={on}
                          label={`${node.name} in ${env.name}`}
                          disabled={node.archived}
                          onChange={(enabled) =>
                            setChange({
                              title: `Turn ${node.name} ${enabled ? 'on' : 'off'} in ${env.name}`,
                              summary: (
                                <p>
                                  <strong>{node.name}</strong> will be <strong>{enabled ? 'on' : 'off'}</strong> in <strong>{env.name}</strong>
                                  {enabled ? ': its targeting decides what is served.' : ': everyone gets its off variation.'}
                                </p>
                              ),
                              reasonRequired: env.requireReason,
                              reasonPolicy: env.requireReason ? `${env.name} requires a reason for every change.` : undefined,
                              approval: protectionOf(project, env.key),
                              confirmLabel: enabled ? 'Turn on' : 'Turn off',
                              danger: !enabled,
                              apply: async (reason) => {
                                const result = await outcome(
                                  toggle({ input: { projectKey: project.key, key: node.key, environment: env.key, enabled, expectedVersion: node.version, reason } }),
                                );
                                if (result.data) notify(result.data.toggleFlag.changeRequest ? proposedText(protectionOf(project, env.key)) : `${node.key} is ${enabled ? 'on' : 'off'} in ${env.name} (version ${result.data.toggleFlag.flag.version})`);
                                return result.problem;
                              },
                            })
                          }
                        />
                      </td>
                    );
                  })}
                  <td className="muted small">
                    <time dateTime={node.updatedAt}>{new Date(node.updatedAt).toLocaleString()}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <nav className="pager" aria-label="Pages">
            <span className="muted small">
              {start + 1}–{start + connection.edges.length} of {connection.totalCount}
            </span>
            <button
              className="button small"
              disabled={previous.length === 0}
              onClick={() => {
                const back = previous[previous.length - 1];
                setPrevious(previous.slice(0, -1));
                update({ after: back }, true);
              }}
            >
              Previous
            </button>
            <button
              className="button small"
              disabled={!connection.pageInfo.hasNextPage}
              onClick={() => {
                setPrevious([...previous, after]);
                update({ after: connection.pageInfo.endCursor ?? null }, true);
              }}
            >
              Next
            </button>
          </nav>
        </>
      )}
      {change && <ChangeDialog {...change} subject="flag" onClose={() => setChange(null)} onReload={() => reexecute({ requestPolicy: 'network-only' })} />}
    </div>
  );
}

export function countText(total: number, archived: boolean, filtered: boolean): string {
  const noun = `${archived ? 'archived' : 'active'} flag${total === 1 ? '' : 's'}`;
  return filtered ? `${total} ${noun} ${total === 1 ? 'matches' : 'match'}` : `${total} ${noun}`;
}

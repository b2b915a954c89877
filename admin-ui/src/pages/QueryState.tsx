import type { CombinedError } from 'urql';
import type { ReactElement } from 'react';
import { problemOf } from '../api/problems';
import { NotFound } from './NotFound';

/**
 * What a page shows instead of its content while its query has nothing to show: the error, a
 * loading line, or "no such thing". Null once the thing is there.
 */
export function queryState(what: string, query: { error?: CombinedError; fetching: boolean; hasData: boolean; found: boolean }): ReactElement | null {
  if (query.error && !query.hasData)
    return (
      <div className="page">
        <QueryError error={query.error} />
      </div>
    );
  if (query.fetching && !query.hasData) return <p className="page muted">Loading {what}…</p>;
  if (!query.found) return <NotFound what={what} />;
  return null;
}

/** A query's error as an alert, or nothing while there is none. */
export function QueryError({ error }: { error: CombinedError | undefined }) {
  if (!error) return null;
  return (
    <div className="alert error" role="alert">
      {problemOf(error).message}
    </div>
  );
}

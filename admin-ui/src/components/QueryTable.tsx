import type { ReactNode } from 'react';
import type { CombinedError } from 'urql';
import { QueryError } from '../pages/QueryState';

type TableProps<T> = {
  /** Names the table for screen readers (it is not shown). */
  caption: ReactNode;
  /** The column headings, in order. */
  columns: readonly ReactNode[];
  items: readonly T[];
  /** One item's row: a keyed <tr>. */
  row: (item: T) => ReactNode;
  testId?: string;
};

/** The heading of a column of row buttons: screen readers hear it, nobody sees it. */
export const ACTIONS_COLUMN = <span className="sr-only">Actions</span>;

/** A table of items with a heading per column, named by a caption only screen readers see. */
export function Table<T>({ caption, columns, items, row, testId }: TableProps<T>) {
  return (
    <table className="table" data-testid={testId}>
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          {columns.map((column, i) => (
            <th key={i} scope="col">
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{items.map(row)}</tbody>
    </table>
  );
}

type QueryTableProps<T> = TableProps<T> & {
  /** The list query's state, as urql gives it. */
  query: { data?: unknown; fetching: boolean; error?: CombinedError };
  /** The line shown while the first answer is on its way, e.g. "Loading segments…"; none when left out. */
  loading?: string;
  /** What shows once the answer has come with no items. */
  empty: ReactNode;
};

/**
 * A list page's table with the states around it: the query's error, a loading line until the first
 * answer, the empty state when that answer has no items, and the table once it has some.
 */
export function QueryTable<T>({ query, loading, empty, ...table }: QueryTableProps<T>) {
  return (
    <>
      <QueryError error={query.error} />
      {loading !== undefined && query.fetching && !query.data && <p className="muted">{loading}</p>}
      {!!query.data && table.items.length === 0 && empty}
      {table.items.length > 0 && <Table {...table} />}
    </>
  );
}

import type { FlagFieldsFragment } from '../gql/graphql';

type Props = {
  flag: Pick<FlagFieldsFragment, 'name' | 'key' | 'archived' | 'valueType' | 'version' | 'updatedAt' | 'description'>;
  /** The e2e tests tell the live page's version from a historical one's by this id. */
  versionTestId: string;
  /** "updated" on the live page, "last changed" on a historical view. */
  changedLabel: string;
  formatTime: (iso: string) => string;
};

/** Name, key, type, version, last change and description: the live flag page and its as-of view share it. */
export function FlagHeading({ flag, versionTestId, changedLabel, formatTime }: Props) {
  return (
    <>
      <h2 className="flag-name">
        {flag.name} {flag.archived && <span className="badge archived">Archived</span>}
      </h2>
      <p className="flag-meta">
        <span className="mono">{flag.key}</span>
        <span className="type-badge">{flag.valueType.toLowerCase()}</span>
        <span className="version" data-testid={versionTestId}>
          Version {flag.version}
        </span>
        <span className="muted small">
          {changedLabel} <time dateTime={flag.updatedAt}>{formatTime(flag.updatedAt)}</time>
        </span>
      </p>
      {flag.description && <p className="flag-description">{flag.description}</p>}
    </>
  );
}

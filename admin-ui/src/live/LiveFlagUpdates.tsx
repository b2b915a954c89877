import { useEffect, useState } from 'react';
import { useNotify } from '../components/Notice';
import { actorName, useLiveChanges, type LiveChange } from './useLiveChanges';

type Props = {
  projectKey: string;
  flagKey: string;
  /** The version the page shows. */
  version: number;
  /** Whether the page holds something a refresh would lose (unsaved edits, an open change dialog). */
  busy: () => boolean;
  /** Fetch the latest flag quietly. */
  refresh: () => void;
  /** Fetch the latest flag the way the CONFLICT flow does: the page then says what changed. */
  reload: () => void;
  environmentName: (key: string) => string;
};

/** "Alice turned it on in Production", from a live change. */
export function describeLiveChange(change: LiveChange, environmentName: (key: string) => string): string {
  const where = change.environment ? ` in ${environmentName(change.environment)}` : '';
  const what: Record<string, string> = {
    FlagToggled: `switched it${where}`,
    FlagTargetingChanged: `changed the targeting${where}`,
    FlagDefaultVariationChanged: `changed the default variation${where}`,
    FlagOffVariationChanged: `changed the off variation${where}`,
    FlagVariationsChanged: 'changed the variations',
    FlagDetailsUpdated: 'edited the details',
    FlagArchived: 'archived it',
    FlagRestored: 'restored it',
  };
  return `${actorName(change)} ${what[change.eventType] ?? change.eventType}`;
}

/**
 * Keeps an open flag page current. A change someone else made refreshes the page at once, unless the
 * user is in the middle of an edit: then nothing is clobbered, and a notice says who changed what and
 * offers the reload (which, as after a CONFLICT, lists what changed and keeps unsaved targeting).
 */
export function LiveFlagUpdates({ projectKey, flagKey, version, busy, refresh, reload, environmentName }: Props) {
  const notify = useNotify();
  const [pending, setPending] = useState<LiveChange | null>(null);
  useLiveChanges(projectKey, flagKey, (change) => {
    // Our own saves come back with their new version already shown.
    if (change.version <= version) return;
    if (busy()) setPending(change);
    else {
      refresh();
      notify(`${describeLiveChange(change, environmentName)} (version ${change.version})`);
    }
  });
  useEffect(() => {
    if (pending && version >= pending.version) setPending(null);
  }, [version, pending]);
  if (!pending) return null;
  return (
    <div className="alert warning live-notice" role="status" data-testid="live-notice">
      <div className="alert-row">
        <span>
          <strong>Changed meanwhile:</strong> {describeLiveChange(pending, environmentName)} (version {pending.version}). Your unsaved edits are kept until you reload.
        </span>
        <button type="button" className="button small" onClick={reload}>
          Reload
        </button>
      </div>
    </div>
  );
}

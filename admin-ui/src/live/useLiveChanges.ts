import { useEffect, useRef } from 'react';
import { useSubscription } from 'urql';
import type { LiveChangeFieldsFragment } from '../gql/graphql';
import { FlagChangedSubscription, ProjectChangedSubscription } from './documents';

export type LiveChange = LiveChangeFieldsFragment;

/**
 * Calls `onChange` for every change to the project (or, with `flagKey`, to that flag) made by anyone,
 * as soon as the server's read model holds it. The latest callback is used, so callers need not
 * memoise it.
 */
export function useLiveChanges(projectKey: string, flagKey: string | null, onChange: (change: LiveChange) => void) {
  const callback = useRef(onChange);
  callback.current = onChange;
  const [project] = useSubscription({ query: ProjectChangedSubscription, variables: { projectKey }, pause: flagKey !== null });
  const [flag] = useSubscription({ query: FlagChangedSubscription, variables: { projectKey, key: flagKey ?? '' }, pause: flagKey === null });
  const change = flagKey === null ? project.data?.projectChanged : flag.data?.flagChanged;
  useEffect(() => {
    if (change) callback.current(change);
  }, [change]);
}

/** Who made a change, in words. */
export const actorName = (change: LiveChange) => change.actor.name ?? change.actor.subject ?? 'someone';

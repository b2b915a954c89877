import { KIND_LABELS } from '../stale/evidence';
import type { FlagFieldsFragment } from '../gql/graphql';
import { previewValue } from './values';

/**
 * What changed between the flag a user was looking at and the one the server has now, in words:
 * shown after a CONFLICT so nobody re-applies a change blind.
 */
export function describeFlagChanges(before: FlagFieldsFragment, after: FlagFieldsFragment, environmentNames: ReadonlyMap<string, string> = new Map()): string[] {
  const changes: string[] = [];
  if (before.name !== after.name) changes.push(`Name changed from “${before.name}” to “${after.name}”.`);
  if (before.description !== after.description) changes.push('Description changed.');
  if (before.tags.join(',') !== after.tags.join(',')) changes.push(`Tags are now: ${after.tags.length ? after.tags.join(', ') : 'none'}.`);
  if (before.kind !== after.kind) changes.push(`Kind is now ${KIND_LABELS[after.kind].toLowerCase()} (was ${KIND_LABELS[before.kind].toLowerCase()}).`);
  if (before.archived !== after.archived) changes.push(after.archived ? 'The flag was archived.' : 'The flag was restored.');

  const beforeVariations = new Map(before.variations.map((v) => [v.key, v]));
  const afterVariations = new Map(after.variations.map((v) => [v.key, v]));
  for (const [key, v] of afterVariations) {
    const old = beforeVariations.get(key);
    if (!old) changes.push(`Variation ${key} was added (${previewValue(v.value)}).`);
    else if (JSON.stringify(old.value) !== JSON.stringify(v.value)) changes.push(`Variation ${key} now serves ${previewValue(v.value)} (was ${previewValue(old.value)}).`);
    else if (old.name !== v.name || old.description !== v.description) changes.push(`Variation ${key} was renamed or described.`);
  }
  for (const key of beforeVariations.keys()) if (!afterVariations.has(key)) changes.push(`Variation ${key} was removed.`);

  const beforeEnvironments = new Map(before.environments.map((e) => [e.key, e]));
  for (const env of after.environments) {
    const old = beforeEnvironments.get(env.key);
    const name = environmentNames.get(env.key) ?? env.key;
    if (!old) {
      changes.push(`Environment ${name} was added.`);
      continue;
    }
    if (old.enabled !== env.enabled) changes.push(`${name}: turned ${env.enabled ? 'on' : 'off'}.`);
    if (old.defaultVariation !== env.defaultVariation) changes.push(`${name}: default variation is now ${env.defaultVariation} (was ${old.defaultVariation}).`);
    if (old.offVariation !== env.offVariation) changes.push(`${name}: off variation is now ${env.offVariation} (was ${old.offVariation}).`);
    if (old.targeting && env.targeting && JSON.stringify(old.targeting) !== JSON.stringify(env.targeting)) changes.push(`${name}: targeting changed.`);
  }
  if (changes.length === 0 && before.version !== after.version) changes.push('Settings this page does not show yet were changed.');
  return changes;
}

import type { FlagKind, StaleReason } from '../gql/graphql';

const DAY = 24 * 60 * 60 * 1000;

export const KIND_LABELS: Record<FlagKind, string> = {
  RELEASE: 'Release',
  EXPERIMENT: 'Experiment',
  KILL_SWITCH: 'Kill switch',
  PERMISSION: 'Permission',
};

/** Whole days from `from` to `to` (both ISO instants), never negative. */
export function daysBetween(from: string, to: string): number {
  return Math.max(0, Math.floor((new Date(to).getTime() - new Date(from).getTime()) / DAY));
}

/** "today", "yesterday", "12 days ago" relative to the report's instant. */
export function ago(iso: string, asOf: string): string {
  const days = daysBetween(iso, asOf);
  if (days === 0) return 'today';
  if (days === 1) return 'yesterday';
  return `${days} days ago`;
}

export function daysText(days: number): string {
  return days === 1 ? '1 day' : `${days} days`;
}

/** The reasons in words, with their numbers. */
export function reasonText(
  reason: StaleReason,
  flag: { servedVariation?: string | null; servingOneVariationSince?: string | null; expectedLifetimeDays?: number | null; lastEvaluatedAt?: string | null; createdAt: string },
  asOf: string,
  unevaluatedDays: number,
): string {
  if (reason === 'SERVES_ONE_VARIATION') {
    const since = flag.servingOneVariationSince ? daysText(daysBetween(flag.servingOneVariationSince, asOf)) : 'a long time';
    return `Serves “${flag.servedVariation}” everywhere for ${since} (expected lifetime ${daysText(flag.expectedLifetimeDays ?? 0)})`;
  }
  return flag.lastEvaluatedAt
    ? `Not evaluated for ${daysText(daysBetween(flag.lastEvaluatedAt, asOf))} (limit ${daysText(unevaluatedDays)})`
    : `Never evaluated in ${daysText(daysBetween(flag.createdAt, asOf))} (limit ${daysText(unevaluatedDays)})`;
}

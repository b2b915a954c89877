import type { ChangeRequestStatus } from '../gql/graphql';

const LABELS: Record<ChangeRequestStatus, string> = {
  OPEN: 'Open',
  APPROVED: 'Approved',
  APPLIED: 'Applied',
  REJECTED: 'Rejected',
  WITHDRAWN: 'Withdrawn',
  FAILED: 'Failed',
};

export function statusLabel(status: ChangeRequestStatus): string {
  return LABELS[status];
}

/** A diff line's value as the server sends it (JSON text), parsed for the diff view; null stays absent. */
export function parsed(json: string | null | undefined): unknown {
  if (json == null) return undefined;
  try {
    return JSON.parse(json);
  } catch {
    return json;
  }
}

type Line = { subjectKind: string; subjectKey?: string | null; field: string; before?: string | null; after?: string | null };

/** The diff grouped by what it changes ("flag checkout", "segment beta"), values parsed. */
export function groupDiff(lines: readonly Line[]): { subject: string; changes: { field: string; before: unknown; after: unknown }[] }[] {
  const groups = new Map<string, { field: string; before: unknown; after: unknown }[]>();
  for (const line of lines) {
    const subject = `${line.subjectKind.toLowerCase().replace('_', ' ')} ${line.subjectKey ?? ''}`.trim();
    const changes = groups.get(subject) ?? [];
    changes.push({ field: line.field, before: parsed(line.before), after: parsed(line.after) });
    groups.set(subject, changes);
  }
  return [...groups.entries()].map(([subject, changes]) => ({ subject, changes }));
}

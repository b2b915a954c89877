import type { TargetingInput, ClauseInput, RolloutInput, ServeInput } from '../gql/graphql';
import { TOTAL, evenSplit, percentText } from './rollout';

export type ValueKind = 'string' | 'regex' | 'number' | 'semver' | 'date' | 'segment';

/** Every operator of the engine (CONVENTIONS §3), with the shape of its values. */
export const OPERATORS: readonly { op: string; label: string; kind: ValueKind }[] = [
  { op: 'equals', label: 'equals', kind: 'string' },
  { op: 'in', label: 'is one of', kind: 'string' },
  { op: 'startsWith', label: 'starts with', kind: 'string' },
  { op: 'endsWith', label: 'ends with', kind: 'string' },
  { op: 'contains', label: 'contains', kind: 'string' },
  { op: 'matches', label: 'matches regex', kind: 'regex' },
  { op: 'lt', label: '< (number)', kind: 'number' },
  { op: 'lte', label: '≤ (number)', kind: 'number' },
  { op: 'gt', label: '> (number)', kind: 'number' },
  { op: 'gte', label: '≥ (number)', kind: 'number' },
  { op: 'semverEq', label: '= (semver)', kind: 'semver' },
  { op: 'semverLt', label: '< (semver)', kind: 'semver' },
  { op: 'semverGt', label: '> (semver)', kind: 'semver' },
  { op: 'before', label: 'before (date)', kind: 'date' },
  { op: 'after', label: 'after (date)', kind: 'date' },
  { op: 'inSegment', label: 'is in segment', kind: 'segment' },
];

export const kindOf = (op: string): ValueKind => OPERATORS.find((o) => o.op === op)?.kind ?? 'string';

export const VALUE_HINTS: Record<ValueKind, string> = {
  string: 'One value per line; any one matching is enough.',
  regex: 'One regular expression per line (at most 256 characters).',
  number: 'One number per line, e.g. 18 or 2.5.',
  semver: 'One version per line, e.g. 2.1.0.',
  date: 'One instant per line with its offset, e.g. 2026-03-01T12:00:00Z.',
  segment: 'Choose one or more segments.',
};

let counter = 0;
/** A key for React lists and new rule ids; rule ids must match [A-Za-z0-9][A-Za-z0-9._-]{0,63}. */
export const newId = (prefix: string) => `${prefix}-${Date.now().toString(36)}${(counter++).toString(36)}`;

/** How equals / is one of send their values: the engine never matches "1" with 1, or "true" with true. */
export type ScalarType = 'string' | 'number' | 'boolean';
export type ClauseDraft = { id: string; attribute: string; operator: string; values: string[]; negate: boolean; as: ScalarType };
export const takesScalars = (op: string) => op === 'equals' || op === 'in';

type WireClause = { attribute?: string | null; operator: string; values: unknown[]; negate: boolean };
export function clauseDraftOf(c: WireClause): ClauseDraft {
  const first = c.values[0];
  const as: ScalarType = typeof first === 'number' ? 'number' : typeof first === 'boolean' ? 'boolean' : 'string';
  return { id: newId('c'), attribute: c.attribute ?? '', operator: c.operator, values: c.values.map(valueText), negate: c.negate, as };
}
/** Weights are aligned with the flag's variations, in their order. */
export type ServeDraft = { kind: 'variation' | 'rollout'; variation: string; weights: number[]; bucketBy: string; salt: string | null };
export type RuleDraft = { id: string; description: string; clauses: ClauseDraft[]; serve: ServeDraft };
export type TargetingDraft = {
  prerequisites: { id: string; flagKey: string; variation: string }[];
  /** Keys per variation, in the flag's variation order, as the text the user typed. */
  targets: string[];
  rules: RuleDraft[];
  fallthrough: ServeDraft;
};

type WireRollout = { weights: { variation: string; weight: number }[]; bucketBy?: string | null; salt?: string | null };
export type WireTargeting = {
  prerequisites: { flagKey: string; variation: string }[];
  targets: { variation: string; keys: string[] }[];
  rules: { id: string; description?: string | null; clauses: { attribute?: string | null; operator: string; values: unknown[]; negate: boolean }[]; serve: { variation?: string | null; rollout?: WireRollout | null } }[];
  fallthroughRollout?: WireRollout | null;
};

export const valueText = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

export function newClause(attribute = ''): ClauseDraft {
  return { id: newId('c'), attribute, operator: 'equals', values: [], negate: false, as: 'string' };
}

export function newServe(variations: string[], variation = variations[0] ?? ''): ServeDraft {
  return { kind: 'variation', variation, weights: evenSplit(variations.length), bucketBy: '', salt: null };
}

export function newRule(variations: string[]): RuleDraft {
  return { id: newId('rule'), description: '', clauses: [newClause()], serve: newServe(variations) };
}

function serveOf(variations: string[], variation: string | null | undefined, rollout: WireRollout | null | undefined, fallback: string): ServeDraft {
  if (!rollout) return newServe(variations, variation ?? fallback);
  const weights = variations.map((v) => rollout.weights.find((w) => w.variation === v)?.weight ?? 0);
  return { kind: 'rollout', variation: variation ?? fallback, weights, bucketBy: rollout.bucketBy ?? '', salt: rollout.salt ?? null };
}

/** The editable copy of one environment's targeting. */
export function draftOf(targeting: WireTargeting, variations: string[], defaultVariation: string): TargetingDraft {
  return {
    prerequisites: targeting.prerequisites.map((p) => ({ id: newId('p'), ...p })),
    targets: variations.map((v) => (targeting.targets.find((t) => t.variation === v)?.keys ?? []).join('\n')),
    rules: targeting.rules.map((r) => ({
      id: r.id,
      description: r.description ?? '',
      clauses: r.clauses.map(clauseDraftOf),
      serve: serveOf(variations, r.serve.variation, r.serve.rollout, variations[0] ?? ''),
    })),
    fallthrough: serveOf(variations, defaultVariation, targeting.fallthroughRollout, defaultVariation),
  };
}

/** Keys typed one per line or separated by commas or spaces. */
export const splitKeys = (text: string) => [...new Set(text.split(/[\s,]+/).map((k) => k.trim()).filter(Boolean))];

const NUMBER = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const SEMVER = /^v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** Checks one clause and gives its wire form, or says what is wrong in words. */
export function clauseInput(clause: ClauseDraft): { input?: ClauseInput; error?: string } {
  const kind = kindOf(clause.operator);
  const values = clause.values.map((v) => v.trim()).filter(Boolean);
  const attribute = clause.attribute.trim();
  if (kind !== 'segment' && !attribute) return { error: 'name the attribute to compare (e.g. country or account.plan)' };
  if (!values.length) return { error: kind === 'segment' ? 'choose at least one segment' : 'give at least one value' };
  let parsed: unknown[] = values;
  if (clause.operator === 'equals' && values.length > 1) return { error: 'equals takes exactly one value: use “is one of” for several' };
  if (takesScalars(clause.operator) && clause.as === 'number') {
    const bad = values.find((v) => !NUMBER.test(v));
    if (bad) return { error: `“${bad}” is not a number` };
    parsed = values.map(Number);
  } else if (takesScalars(clause.operator) && clause.as === 'boolean') {
    const bad = values.find((v) => v !== 'true' && v !== 'false');
    if (bad) return { error: `“${bad}” is not true or false` };
    parsed = values.map((v) => v === 'true');
  } else if (kind === 'number') {
    const bad = values.find((v) => !NUMBER.test(v));
    if (bad) return { error: `“${bad}” is not a number` };
    parsed = values.map(Number);
  } else if (kind === 'semver') {
    const bad = values.find((v) => !SEMVER.test(v));
    if (bad) return { error: `“${bad}” is not a version like 2.1.0` };
  } else if (kind === 'date') {
    const bad = values.find((v) => !INSTANT.test(v) && !/^\d+$/.test(v));
    if (bad) return { error: `“${bad}” is not an instant with an offset, like 2026-03-01T12:00:00Z` };
    parsed = values.map((v) => (/^\d+$/.test(v) ? Number(v) : v));
  } else if (kind === 'regex') {
    for (const v of values) {
      if (v.length > 256) return { error: 'a regular expression may have at most 256 characters' };
      try {
        new RegExp(v);
      } catch {
        return { error: `“${v}” is not a valid regular expression` };
      }
    }
  }
  return { input: { attribute: kind === 'segment' ? null : attribute, operator: clause.operator, values: parsed, negate: clause.negate } };
}

function rolloutInput(serve: ServeDraft, variations: string[]): RolloutInput {
  return {
    weights: variations.map((variation, i) => ({ variation, weight: serve.weights[i] ?? 0 })).filter((w) => w.weight > 0),
    bucketBy: serve.bucketBy.trim() || null,
    salt: serve.salt,
  };
}

/** A serve in its wire form; a rollout must add up to 100 %. */
export function serveInput(serve: ServeDraft, variations: string[]): { input?: ServeInput; error?: string } {
  if (serve.kind === 'variation') return { input: { variation: serve.variation } };
  if (serve.weights.reduce((a, b) => a + b, 0) !== TOTAL) return { error: 'the rollout must add up to 100 %.' };
  return { input: { rollout: rolloutInput(serve, variations) } };
}

/** One line for a serve, e.g. "on" or "on 20 % / off 80 %". */
export function serveSummary(serve: ServeDraft, variations: string[]): string {
  if (serve.kind === 'variation') return serve.variation;
  return variations
    .map((v, i) => ({ v, w: serve.weights[i] ?? 0 }))
    .filter(({ w }) => w > 0)
    .map(({ v, w }) => `${v} ${percentText(w)}`)
    .join(' / ');
}

/** What an environment's fallthrough serves now, as an editable serve. */
export function fallthroughOf(environment: { defaultVariation: string; targeting: WireTargeting }, variations: string[]): ServeDraft {
  return serveOf(variations, environment.defaultVariation, environment.targeting.fallthroughRollout, environment.defaultVariation);
}

export type Checked = { input?: TargetingInput; errors: string[] };

/** The whole targeting in its wire form, or the list of what to fix first. */
export function targetingInput(draft: TargetingDraft, variations: string[]): Checked {
  const errors: string[] = [];
  draft.prerequisites.forEach((p, i) => {
    if (!p.flagKey || !p.variation) errors.push(`Prerequisite ${i + 1}: choose a flag and the variation it must serve.`);
  });
  const ruleIds = new Set<string>();
  const rules = draft.rules.map((rule, r) => {
    if (ruleIds.has(rule.id)) errors.push(`Rule ${r + 1}: two rules have the id ${rule.id}.`);
    ruleIds.add(rule.id);
    if (!rule.clauses.length) errors.push(`Rule ${r + 1}: add at least one condition.`);
    const clauses = rule.clauses.map((c, i) => {
      const checked = clauseInput(c);
      if (checked.error) errors.push(`Rule ${r + 1}, condition ${i + 1}: ${checked.error}.`);
      return checked.input!;
    });
    const serve = serveInput(rule.serve, variations);
    if (serve.error) errors.push(`Rule ${r + 1}: ${serve.error}`);
    return { id: rule.id, description: rule.description.trim() || null, clauses, serve: serve.input! };
  });
  const seen = new Map<string, string>();
  const targets = variations
    .map((variation, i) => ({ variation, keys: splitKeys(draft.targets[i] ?? '') }))
    .filter((t) => t.keys.length);
  for (const t of targets)
    for (const key of t.keys) {
      const other = seen.get(key);
      if (other) errors.push(`Individual targets: ${key} is listed for both ${other} and ${t.variation}.`);
      seen.set(key, t.variation);
    }
  const fallthrough = serveInput(draft.fallthrough, variations);
  if (fallthrough.error) errors.push(`Fallthrough: ${fallthrough.error}`);
  if (errors.length) return { errors };
  return {
    errors,
    input: {
      prerequisites: draft.prerequisites.map(({ flagKey, variation }) => ({ flagKey, variation })),
      targets,
      rules,
      fallthroughRollout: draft.fallthrough.kind === 'rollout' ? rolloutInput(draft.fallthrough, variations) : null,
    },
  };
}

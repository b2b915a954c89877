// Turns the audit trail's field changes ({field, before, after} with JSON values) into lines a person
// can read: the field path in words, values compared structurally (key order never matters; list
// items with an identity, such as rules by id or variations by key, are matched by it, not by
// position), and each difference marked as added, removed or changed.
import { OPERATORS } from '../targeting/model';

export type AuditChangeValue = { field: string; before?: unknown; after?: unknown };
export type DiffKind = 'added' | 'removed' | 'changed';
export type DiffLine = { path: string[]; kind: DiffKind; before?: string; after?: string };
export type EnvironmentNames = (key: string) => string;

const FIELD_WORDS: Record<string, string> = {
  name: 'Name',
  description: 'Description',
  tags: 'Tags',
  valueType: 'Value type',
  variations: 'Variations',
  defaultVariation: 'Default variation',
  offVariation: 'Off variation',
  archived: 'Archived',
  enabled: 'On/off',
  targeting: 'Targeting',
  requireReason: 'Reason required',
  included: 'Included keys',
  excluded: 'Excluded keys',
  rules: 'Rules',
  revoked: 'Revoked',
  kind: 'Kind',
  share: 'Share of matches',
  bucketBy: 'Bucket by',
};

const KEY_WORDS: Record<string, string> = {
  prerequisites: 'prerequisites',
  targets: 'individual targets',
  rules: 'rules',
  fallthroughRollout: 'fallthrough rollout',
  clauses: 'conditions',
  serve: 'serves',
  variation: 'variation',
  rollout: 'rollout',
  weights: 'split',
  bucketBy: 'bucket by',
  salt: 'salt',
  attribute: 'attribute',
  operator: 'operator',
  values: 'values',
  negate: 'not',
  keys: 'keys',
  description: 'description',
  name: 'name',
  value: 'value',
  flagKey: 'flag',
  // A split's weight is said by its variation's name alone: "split › on: 20 % → 50 %".
  weight: '',
};

/** "environments.production.enabled" → "Production: On/off"; "name" → "Name". */
export function fieldLabel(field: string, environmentName: EnvironmentNames = (k) => k): string {
  const parts = field.split('.');
  if (parts[0] === 'environments' && parts.length >= 3) {
    const rest = parts.slice(2).join('.');
    return `${environmentName(parts[1])}: ${FIELD_WORDS[rest] ?? rest}`;
  }
  return FIELD_WORDS[field] ?? field;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isAbsent = (v: unknown) => v === undefined || v === null;

/** Structural equality of JSON values: object key order does not matter, array order does. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) => sameJson(a[k], b[k]));
  }
  // 1 and 1.0 arrive alike; null and a missing value mean "none" to a reader.
  return isAbsent(a) && isAbsent(b);
}

/** Pretty JSON with keys sorted, so two versions of a value line up. */
export function prettyJson(value: unknown): string {
  const sorted = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(sorted) : isObject(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted(v[k])])) : v;
  return JSON.stringify(sorted(value), null, 2) ?? 'null';
}

const percent = (weight: number) => `${Number((weight / 1000).toFixed(3))} %`;

function scalarText(value: unknown, key?: string): string {
  if (isAbsent(value)) return '(none)';
  if (value === '') return '(empty)';
  if (key === 'enabled' && typeof value === 'boolean') return value ? 'on' : 'off';
  if ((key === 'archived' || key === 'revoked' || key === 'negate') && typeof value === 'boolean') return value ? 'yes' : 'no';
  if (key === 'requireReason' && typeof value === 'boolean') return value ? 'required' : 'optional';
  if (key === 'weight' && typeof value === 'number') return percent(value);
  if (key === 'operator' && typeof value === 'string') return OPERATORS.find((o) => o.op === value)?.label ?? value;
  if (typeof value === 'string') return `“${value}”`;
  return JSON.stringify(value);
}

const list = (values: unknown) => (Array.isArray(values) ? values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ') : '');

/** A clause as a sentence: "country is one of DE, AT", "not email ends with @example.com". */
export function clauseText(clause: Record<string, unknown>): string {
  const operator = OPERATORS.find((o) => o.op === clause.operator)?.label ?? String(clause.operator);
  const subject = clause.operator === 'inSegment' ? 'context' : String(clause.attribute ?? 'targetingKey');
  return `${clause.negate ? 'not ' : ''}${subject} ${operator} ${list(clause.values)}`;
}

export function rolloutText(rollout: Record<string, unknown>): string {
  const weights = Array.isArray(rollout.weights) ? (rollout.weights as Record<string, unknown>[]) : [];
  const split = weights.map((w) => `${percent(Number(w.weight))} ${String(w.variation)}`).join(', ');
  return rollout.bucketBy ? `${split} (by ${String(rollout.bucketBy)})` : split;
}

function serveText(serve: Record<string, unknown>): string {
  if (isObject(serve.rollout)) return rolloutText(serve.rollout);
  return String(serve.variation ?? '(nothing)');
}

/** A whole value as words, for something added or removed in one piece. */
export function summarize(value: unknown, key?: string): string {
  if (!isObject(value) && !Array.isArray(value)) return scalarText(value, key);
  if (Array.isArray(value)) {
    if (value.every((v) => !isObject(v) && !Array.isArray(v))) return value.length ? list(value) : '(none)';
    return value.map((v) => summarize(v, singular(key))).join('; ') || '(none)';
  }
  if (key === 'clause' || ('operator' in value && 'values' in value)) return clauseText(value);
  if (key === 'rule' || ('clauses' in value && 'serve' in value)) {
    const clauses = Array.isArray(value.clauses) ? (value.clauses as Record<string, unknown>[]).map(clauseText).join(' and ') : '';
    // A segment's rule serves nothing: it makes a context a member (or only a share of the matches).
    if (!('serve' in value)) {
      const share = typeof value.weight === 'number' ? `, ${percent(value.weight)} of them${value.bucketBy ? ` by ${String(value.bucketBy)}` : ''}` : '';
      return `if ${clauses || 'always'} → member${share}`;
    }
    return `if ${clauses || 'always'} → serve ${isObject(value.serve) ? serveText(value.serve) : '?'}`;
  }
  if (key === 'rollout' || key === 'fallthroughRollout' || 'weights' in value) return rolloutText(value);
  if ('weight' in value && 'variation' in value) return `${percent(Number(value.weight))} ${String(value.variation)}`;
  if (key === 'target') return list(value.keys) || '(none)';
  if ('keys' in value && 'variation' in value) return `${String(value.variation)}: ${list(value.keys)}`;
  if ('flagKey' in value && 'variation' in value) return `${String(value.flagKey)} must serve ${String(value.variation)}`;
  if (key === 'variation' || ('key' in value && 'value' in value)) return `${String(value.key)} = ${JSON.stringify(value.value)}${value.name && value.name !== value.key ? ` (${String(value.name)})` : ''}`;
  if ('serve' in value) return `serve ${isObject(value.serve) ? serveText(value.serve) : '?'}`;
  return JSON.stringify(value);
}

const SINGULAR: Record<string, string> = { rules: 'rule', clauses: 'clause', variations: 'variation', weights: 'weight', targets: 'target', prerequisites: 'prerequisite' };
const singular = (key?: string) => (key ? SINGULAR[key] : undefined);

/** What identifies an item of a list, so moved or edited items are matched across versions. */
const IDENTITY: Record<string, string> = { rules: 'id', variations: 'key', targets: 'variation', weights: 'variation', prerequisites: 'flagKey' };

function itemLabel(listKey: string | undefined, item: Record<string, unknown>, index: number): string {
  switch (listKey) {
    case 'rules':
      return `Rule ${index + 1}${item.description ? ` (${String(item.description)})` : ''}`;
    case 'variations':
      return `variation ${String(item.key)}`;
    case 'targets':
      return `served ${String(item.variation)}`;
    case 'weights':
      return String(item.variation);
    case 'prerequisites':
      return `prerequisite ${String(item.flagKey)}`;
    case 'clauses':
      return `condition ${index + 1}`;
    default:
      return `item ${index + 1}`;
  }
}

function walk(path: string[], before: unknown, after: unknown, key: string | undefined, out: DiffLine[]) {
  if (sameJson(before, after)) return;
  // A structure appearing or going in one piece is said in one line ("Rule 2 added: if … → serve …"),
  // except at the top, where a whole new targeting reads better part by part.
  if (isAbsent(before) && !isAbsent(after)) {
    if (path.length === 0 && isObject(after)) return walk(path, {}, after, key, out);
    out.push({ path, kind: 'added', after: summarize(after, key) });
    return;
  }
  if (isAbsent(after)) {
    if (path.length === 0 && isObject(before)) return walk(path, before, {}, key, out);
    out.push({ path, kind: 'removed', before: summarize(before, key) });
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) return walkList(path, before, after, key, out);
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    for (const k of keys) walk((KEY_WORDS[k] ?? k) ? [...path, KEY_WORDS[k] ?? k] : path, before[k], after[k], k, out);
    return;
  }
  out.push({ path, kind: 'changed', before: summarize(before, key), after: summarize(after, key) });
}

function walkList(path: string[], before: unknown[], after: unknown[], key: string | undefined, out: DiffLine[]) {
  const id = key ? IDENTITY[key] : undefined;
  const identified = (items: unknown[]) => items.every((i) => isObject(i) && i[id!] !== undefined);
  if (id && identified(before) && identified(after)) {
    const ofBefore = new Map(before.map((i) => [String((i as Record<string, unknown>)[id]), i as Record<string, unknown>]));
    const ofAfter = new Map(after.map((i) => [String((i as Record<string, unknown>)[id]), i as Record<string, unknown>]));
    after.forEach((item, index) => {
      const itemKey = String((item as Record<string, unknown>)[id]);
      const label = itemLabel(key, item as Record<string, unknown>, index);
      const old = ofBefore.get(itemKey);
      if (!old) out.push({ path: [...path, label], kind: 'added', after: summarize(item, singular(key)) });
      else walk([...path, label], old, item, singular(key), out);
    });
    before.forEach((item, index) => {
      const itemKey = String((item as Record<string, unknown>)[id]);
      if (!ofAfter.has(itemKey)) out.push({ path: [...path, itemLabel(key, item as Record<string, unknown>, index)], kind: 'removed', before: summarize(item, singular(key)) });
    });
    const order = (items: unknown[]) => items.map((i) => String((i as Record<string, unknown>)[id])).filter((k) => ofBefore.has(k) && ofAfter.has(k));
    if (key === 'rules' && order(before).join('\u0000') !== order(after).join('\u0000'))
      out.push({ path: [...path, 'order'], kind: 'changed', before: order(before).map((k) => label(ofBefore.get(k)!, before)).join(', '), after: order(after).map((k) => label(ofAfter.get(k)!, after)).join(', ') });
    return;
  }
  const scalars = (items: unknown[]) => items.every((i) => !isObject(i) && !Array.isArray(i));
  if (scalars(before) && scalars(after)) {
    const text = (v: unknown) => JSON.stringify(v);
    const had = new Set(before.map(text));
    const has = new Set(after.map(text));
    const added = after.filter((v) => !had.has(text(v)));
    const removed = before.filter((v) => !has.has(text(v)));
    if (added.length) out.push({ path, kind: 'added', after: list(added) });
    if (removed.length) out.push({ path, kind: 'removed', before: list(removed) });
    if (!added.length && !removed.length) out.push({ path: [...path, 'order'], kind: 'changed', before: list(before), after: list(after) });
    return;
  }
  const length = Math.max(before.length, after.length);
  for (let i = 0; i < length; i++) {
    const item = (after[i] ?? before[i]) as Record<string, unknown>;
    walk([...path, itemLabel(key, isObject(item) ? item : {}, i)], before[i], after[i], singular(key), out);
  }
}

function label(item: Record<string, unknown>, items: unknown[]): string {
  return itemLabel('rules', item, items.indexOf(item));
}

/** The differences between two versions of one field's value, most specific path first. */
export function diffValues(before: unknown, after: unknown, field?: string): DiffLine[] {
  const out: DiffLine[] = [];
  walk([], before, after, field?.split('.').pop(), out);
  return out;
}

/** Whether a value is a structure (shown with a JSON view as well as its lines). */
export const isStructured = (value: unknown) => isObject(value) || Array.isArray(value);

/** One line about an audit entry: "Turned on in Production", "Changed targeting in Staging". */
export function describeEvent(entry: { eventType: string; environment?: string | null; changes: AuditChangeValue[] }, environmentName: EnvironmentNames = (k) => k): string {
  const env = entry.environment ? environmentName(entry.environment) : '';
  const enabled = entry.changes.find((c) => c.field.endsWith('.enabled'))?.after;
  switch (entry.eventType) {
    case 'FlagCreated':
      return 'Created the flag';
    case 'FlagToggled':
      return `Turned ${enabled === false ? 'off' : 'on'} in ${env}`;
    case 'FlagTargetingChanged':
      return `Changed targeting in ${env}`;
    case 'FlagDefaultVariationChanged':
      return `Changed the default variation in ${env}`;
    case 'FlagOffVariationChanged':
      return `Changed the off variation in ${env}`;
    case 'FlagVariationsChanged':
      return 'Changed the variations';
    case 'FlagDetailsUpdated':
      return 'Edited name, description or tags';
    case 'FlagArchived':
      return 'Archived the flag';
    case 'FlagRestored':
      return 'Restored the flag';
    case 'ProjectCreated':
      return 'Created the project';
    case 'EnvironmentAdded':
      return `Added the environment ${env}`;
    case 'EnvironmentRenamed':
      return `Renamed the environment ${env}`;
    case 'EnvironmentReasonPolicyChanged':
      return `Changed the reason policy of ${env}`;
    case 'SegmentCreated':
      return 'Created the segment';
    case 'SegmentUpdated':
      return 'Edited the segment';
    case 'SegmentArchived':
      return 'Archived the segment';
    case 'SdkKeyCreated':
      return `Created an SDK key${env ? ` for ${env}` : ''}`;
    case 'SdkKeyRevoked':
      return `Revoked an SDK key${env ? ` for ${env}` : ''}`;
    default:
      return entry.eventType.replace(/([a-z])([A-Z])/g, '$1 $2');
  }
}

/** Event types offered by the timeline's filter, grouped as a reader thinks of them. */
export const EVENT_TYPES: readonly { type: string; label: string; scope: 'flag' | 'project' }[] = [
  { type: 'FlagToggled', label: 'Turned on or off', scope: 'flag' },
  { type: 'FlagTargetingChanged', label: 'Targeting changed', scope: 'flag' },
  { type: 'FlagDefaultVariationChanged', label: 'Default variation changed', scope: 'flag' },
  { type: 'FlagOffVariationChanged', label: 'Off variation changed', scope: 'flag' },
  { type: 'FlagVariationsChanged', label: 'Variations changed', scope: 'flag' },
  { type: 'FlagDetailsUpdated', label: 'Details edited', scope: 'flag' },
  { type: 'FlagCreated', label: 'Flag created', scope: 'flag' },
  { type: 'FlagArchived', label: 'Flag archived', scope: 'flag' },
  { type: 'FlagRestored', label: 'Flag restored', scope: 'flag' },
  { type: 'SegmentCreated', label: 'Segment created', scope: 'project' },
  { type: 'SegmentUpdated', label: 'Segment edited', scope: 'project' },
  { type: 'SegmentArchived', label: 'Segment archived', scope: 'project' },
  { type: 'ProjectCreated', label: 'Project created', scope: 'project' },
  { type: 'EnvironmentAdded', label: 'Environment added', scope: 'project' },
  { type: 'EnvironmentRenamed', label: 'Environment renamed', scope: 'project' },
  { type: 'EnvironmentReasonPolicyChanged', label: 'Reason policy changed', scope: 'project' },
  { type: 'SdkKeyCreated', label: 'SDK key created', scope: 'project' },
  { type: 'SdkKeyRevoked', label: 'SDK key revoked', scope: 'project' },
];

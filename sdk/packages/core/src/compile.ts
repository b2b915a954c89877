import { fail, InvalidConfig, isBlank, isObject } from './json.js';
import { type Matcher, OPERATORS, strings } from './operators.js';
import type { ErrorCode, EvaluationResult, Reason, ValueType } from './types.js';
import { type BucketRanges, type Bucketing, compileRanges, type Weighted } from './bucketing.js';

/**
 * Reads the config JSON of docs/evaluation.md and compiles it, as the Java ConfigTreeReader and
 * EnvironmentCompiler do: each flag and segment on its own, a malformed one set aside with its
 * reason (it evaluates to PARSE_ERROR), unknown fields ignored, fixed results built ahead.
 */

/** An attribute path: `key`/`targetingKey` mean the targeting key; otherwise dotted steps into objects. */
export type Path = { text: string; steps: string[] | null };

export type Clause =
  | { kind: 'attr'; path: Path; negate: boolean; matcher: Matcher }
  | { kind: 'segment'; negate: boolean; keys: string[] };

export type Serve =
  | { kind: 'fixed'; result: EvaluationResult }
  | { kind: 'split'; weights: Weighted[]; bucketBy: Path; salt: string; results: Record<string, EvaluationResult>; origin: string;
      bucketing: Bucketing | null; flagdWeights: number[] | null; fallback: EvaluationResult | null;
      ranges: BucketRanges | null };

export interface CompiledFlag {
  key: string;
  valueType: ValueType;
  enabled: boolean;
  disabled: EvaluationResult;
  prerequisites: { flagKey: string; variant: string; failed: EvaluationResult }[];
  targetIndex: Map<string, string>;
  targetResults: Record<string, EvaluationResult>;
  rules: { id: string; clauses: Clause[]; serve: Serve }[];
  fallthrough: Serve;
  metadata: Record<string, number>;
}

export interface CompiledSegment {
  key: string;
  salt: string;
  included: Set<string>;
  excluded: Set<string>;
  rules: { id: string; clauses: Clause[]; weight: number | null; bucketBy: Path; bucketing: Bucketing | null }[];
}

export interface CompiledEnvironment {
  flags: Map<string, CompiledFlag>;
  segments: Map<string, CompiledSegment>;
  invalidFlags: Map<string, string>;
  invalidSegments: Map<string, string>;
}

export const TOTAL_WEIGHT = 100_000;
const VALUE_TYPES = ['boolean', 'string', 'number', 'json'];

export function result(value: unknown, variant: string | null, reason: Reason, matchedRuleId: string | null,
  matchedTarget: boolean, metadata: Record<string, string | number>): EvaluationResult {
  return { value, variant, reason, errorCode: null, errorMessage: null, matchedRuleId, matchedTarget, metadata };
}

export function error(code: ErrorCode, message: string, metadata: Record<string, string | number> = {}): EvaluationResult {
  return { value: null, variant: null, reason: 'ERROR', errorCode: code, errorMessage: message, matchedRuleId: null, matchedTarget: false, metadata };
}

// ---- typed reading (TreeReader.java) ----

function obj(v: unknown, path: string): Record<string, unknown> {
  return isObject(v) ? v : fail(`${path}: must be an object`);
}
function optString(o: Record<string, unknown>, f: string, path: string): string | null {
  const v = o[f];
  if (v == null) return null;
  return typeof v === 'string' ? v : fail(`${path}.${f}: must be a string`);
}
function reqString(o: Record<string, unknown>, f: string, path: string): string {
  return optString(o, f, path) ?? fail(`${path}.${f}: is required`);
}
function optList(o: Record<string, unknown>, f: string, path: string): unknown[] {
  const v = o[f];
  if (v == null) return [];
  return Array.isArray(v) ? v : fail(`${path}.${f}: must be an array`);
}
function optObject(o: Record<string, unknown>, f: string, path: string): Record<string, unknown> {
  const v = o[f];
  return v == null ? {} : obj(v, `${path}.${f}`);
}
function optStrings(o: Record<string, unknown>, f: string, path: string): string[] {
  return optList(o, f, path).map((v, i) => (typeof v === 'string' ? v : fail(`${path}.${f}[${i}]: must be a string`)));
}
function optInt(o: Record<string, unknown>, f: string, path: string, max = 2147483647): number | null {
  const v = o[f];
  if (v == null) return null;
  if (typeof v !== 'number' || !Number.isInteger(v) || Math.abs(v) > 9007199254740992) fail(`${path}.${f}: must be an integer`);
  if (v < -max - 1 || v > max) fail(`${path}.${f}: out of range`);
  return v;
}
function text(value: string, what: string): string {
  return isBlank(value) ? fail(`${what} must not be blank`) : value;
}

export function path(textValue: string): Path {
  if (textValue === 'key' || textValue === 'targetingKey') return { text: textValue, steps: null };
  const steps = textValue.split('.');
  if (steps.some((s) => s === '')) fail(`attribute path has an empty segment: '${textValue}'`);
  return { text: textValue, steps };
}

// ---- compiling ----

class Compiler {
  segmentRefs = new Set<string>();

  clauses(rule: Record<string, unknown>, at: string): Clause[] {
    return optList(rule, 'clauses', at).map((raw, i) => {
      const p = `${at}.clauses[${i}]`;
      const c = obj(raw, p);
      if (!Array.isArray(c.values)) fail(`${p}.values: must be an array`);
      const attribute = optString(c, 'attribute', p);
      const operator = text(reqString(c, 'operator', p), 'clause operator');
      const negate = c.negate == null ? false : typeof c.negate === 'boolean' ? c.negate : fail(`${p}.negate: must be true or false`);
      if (operator !== 'inSegment') text(attribute ?? fail('clause attribute must not be blank'), 'clause attribute');
      const values = c.values as unknown[];
      if (operator === 'inSegment') {
        const keys = strings('inSegment', values);
        keys.forEach((k) => this.segmentRefs.add(k));
        return { kind: 'segment', negate, keys };
      }
      const op = Object.prototype.hasOwnProperty.call(OPERATORS, operator) ? OPERATORS[operator] : null;
      if (!op) fail(`unknown operator '${operator}'`);
      return { kind: 'attr', path: path(attribute!), negate, matcher: op(values) };
    });
  }
}

/** The `bucketing` object of a rollout or segment rule (null: Flagledger's own). */
function readBucketing(parent: Record<string, unknown>, at: string, weights: number): Bucketing | null {
  if (parent.bucketing == null) return null;
  const bp = `${at}.bucketing`;
  const b = obj(parent.bucketing, bp);
  const algorithm = reqString(b, 'algorithm', bp);
  if (algorithm === 'flagledger') return null;
  if (algorithm === 'flagd') {
    let relativeWeights: number[] | null = null;
    if (b.relativeWeights != null) {
      if (!Array.isArray(b.relativeWeights) || b.relativeWeights.some((w) => !Number.isInteger(w) || (w as number) < 0 || (w as number) > 1_000_000))
        fail(`${bp}.relativeWeights: must be a list of integers within 0..1000000`);
      relativeWeights = b.relativeWeights as number[];
      if (relativeWeights.length !== weights) fail('flagd relative weights must list one weight per variant');
    }
    const fallback = optString(b, 'fallbackVariant', bp);
    return { algorithm, prefix: optString(b, 'prefix', bp) ?? '', relativeWeights, fallbackVariant: fallback === null ? null : text(fallback, 'fallbackVariant') };
  }
  if (algorithm === 'unleash') {
    const seed = optInt(b, 'seed', bp) ?? fail(`${bp}.seed: is required`);
    const modulus = optInt(b, 'modulus', bp) ?? fail(`${bp}.modulus: is required`);
    if (modulus < 1 || TOTAL_WEIGHT % modulus !== 0) fail(`unleash modulus must divide 100000: ${modulus}`);
    return { algorithm, groupId: optString(b, 'groupId', bp) ?? '', seed, modulus };
  }
  return fail(`${bp}.algorithm: unknown bucketing '${algorithm}'; known: flagledger, flagd, unleash`);
}

function readServe(raw: unknown, at: string): { variant: string } | { weights: Weighted[]; bucketBy: string; salt: string | null; bucketing: Bucketing | null } {
  const served = obj(raw, at);
  const hasVariant = served.variant != null;
  if (hasVariant === (served.rollout != null)) fail(`${at}: needs exactly one of 'variant' or 'rollout'`);
  if (hasVariant) return { variant: text(reqString(served, 'variant', at), 'served variant') };
  const rp = `${at}.rollout`;
  const rollout = obj(served.rollout, rp);
  const weights = optList(rollout, 'weights', rp).map((w, i) => {
    const wp = `${rp}.weights[${i}]`;
    const o = obj(w, wp);
    const weight = optInt(o, 'weight', wp) ?? fail(`${wp}.weight: is required`);
    const variant = text(reqString(o, 'variant', wp), 'rollout variant');
    if (weight < 0 || weight > TOTAL_WEIGHT) fail(`weight of '${variant}' must be within 0..${TOTAL_WEIGHT}: ${weight}`);
    return { variant, weight, ranges: readRanges(o, wp, variant, weight) };
  });
  if (!weights.length) fail('a rollout needs at least one weighted variant');
  const sum = weights.reduce((a, w) => a + w.weight, 0);
  if (sum !== TOTAL_WEIGHT) fail(`rollout weights must sum to ${TOTAL_WEIGHT}, not ${sum}`);
  const bucketBy = optString(rollout, 'bucketBy', rp);
  const salt = optString(rollout, 'salt', rp);
  if (salt !== null) text(salt, 'rollout salt');
  const bucketing = readBucketing(rollout, rp, weights.length);
  checkRanges(weights, bucketing);
  return { weights, bucketBy: bucketBy === null ? 'targetingKey' : text(bucketBy, 'bucketBy'), salt, bucketing };
}

const MAX_RANGES = 10_000;

/** `ranges: [[from, to], ...]` of one weighted variant (null when absent); their lengths add up to its weight. */
function readRanges(o: Record<string, unknown>, wp: string, variant: string, weight: number): [number, number][] | null {
  if (o.ranges == null) return null;
  const ranges = optList(o, 'ranges', wp).map((r, i): [number, number] => {
    const at = `${wp}.ranges[${i}]`;
    if (!Array.isArray(r) || r.length !== 2) fail(`${at}: must be [from, to]`);
    const [from, to] = r as unknown[];
    if (typeof from !== 'number' || typeof to !== 'number' || !Number.isInteger(from) || !Number.isInteger(to)
      || from < 0 || to > TOTAL_WEIGHT || from >= to) {
      fail(`a bucket range must satisfy 0 <= from < to <= ${TOTAL_WEIGHT}: ${JSON.stringify(r)}`);
    }
    return [from, to];
  });
  const owned = ranges.reduce((a, [from, to]) => a + to - from, 0);
  if (owned !== weight) fail(`the bucket ranges of '${variant}' cover ${owned} buckets, but its weight is ${weight}`);
  return ranges;
}

/** Ranges are all or nothing and cover 0..99 999 exactly once (the Java Served.Rollout's check). */
function checkRanges(weights: Weighted[], bucketing: Bucketing | null): void {
  const withRanges = weights.filter((w) => w.ranges != null).length;
  if (withRanges === 0) return;
  if (withRanges !== weights.length) fail('bucket ranges must be given for every variant of a rollout or for none');
  if (bucketing?.algorithm === 'flagd') fail('bucket ranges need integer buckets: flagd bucketing cannot use them');
  const all = weights.flatMap((w) => w.ranges as [number, number][]);
  if (all.length > MAX_RANGES) fail(`a rollout has at most ${MAX_RANGES} bucket ranges, not ${all.length}`);
  all.sort((a, b) => a[0] - b[0]);
  let next = 0;
  for (const [from, to] of all) {
    if (from !== next) fail(from < next ? `bucket ranges overlap at ${from}` : `bucket ranges leave buckets ${next}..${from - 1} to no variant`);
    next = to;
  }
}

function accepts(type: ValueType, value: unknown): boolean {
  return type === 'json' || typeof value === type;
}

function compileFlag(key: string, raw: unknown, compiler: Compiler): CompiledFlag {
  const at = `flags.${key}`;
  const f = obj(raw, at);
  const inner = optString(f, 'key', at);
  if (inner !== null && inner !== key) fail(`${at}.key: '${inner}' differs from the map key '${key}'`);
  const valueType = reqString(f, 'valueType', at);
  if (!VALUE_TYPES.includes(valueType)) fail(`unknown value type: ${valueType}`);
  const type = valueType as ValueType;
  const variations = obj(f.variations, `${at}.variations`);
  const targetTree = optObject(f, 'targets', at);
  const targets: [string, string[]][] = Object.keys(targetTree).map((variant) => [variant, optStrings(targetTree, variant, `${at}.targets`)]);
  const rulesRaw = optList(f, 'rules', at).map((r, i) => {
    const rp = `${at}.rules[${i}]`;
    const rule = obj(r, rp);
    return { id: reqString(rule, 'id', rp), clauses: compiler.clauses(rule, rp), serve: readServe(rule.serve, `${rp}.serve`) };
  });
  const prerequisites = optList(f, 'prerequisites', at).map((p, i) => {
    const pp = `${at}.prerequisites[${i}]`;
    const o = obj(p, pp);
    return { flagKey: text(reqString(o, 'flagKey', pp), 'prerequisite flag key'), variant: text(reqString(o, 'variant', pp), 'prerequisite variant') };
  });
  if (typeof f.enabled !== 'boolean') fail(`${at}.enabled: must be true or false`);
  const offVariation = optString(f, 'offVariation', at);
  const fallthroughRaw = readServe(f.fallthrough, `${at}.fallthrough`);
  const salt = optString(f, 'salt', at);
  const version = optInt(f, 'version', at, Number.MAX_SAFE_INTEGER) ?? 0;

  // The checks of the FlagConfig record.
  const variants = Object.keys(variations);
  if (!variants.length) fail(`flag '${key}' needs at least one variation`);
  for (const v of variants) {
    text(v, 'variant key');
    if (!accepts(type, variations[v])) fail(`variation '${v}' of flag '${key}' is not a ${type}: ${variations[v]}`);
  }
  targets.forEach(([variant, keys]) => { text(variant, 'target variant'); keys.forEach((k) => text(k, 'target key')); });
  rulesRaw.forEach((r) => text(r.id, 'rule id'));
  const servedVariants = (s: ReturnType<typeof readServe>) => ('variant' in s ? [s.variant]
    : [...s.weights.map((w) => w.variant),
      ...(s.bucketing?.algorithm === 'flagd' && s.bucketing.fallbackVariant !== null ? [s.bucketing.fallbackVariant] : [])]);
  const referenced = [...(offVariation === null ? [] : [offVariation]), ...targets.map(([v]) => v),
    ...rulesRaw.flatMap((r) => servedVariants(r.serve)), ...servedVariants(fallthroughRaw)];
  const unknown = referenced.find((v) => !Object.prototype.hasOwnProperty.call(variations, v));
  if (unknown !== undefined) fail(`flag '${key}' refers to unknown variant '${unknown}'`);
  if (prerequisites.some((p) => p.flagKey === key)) fail(`flag '${key}' cannot be its own prerequisite`);
  const flagSalt = salt === null ? key : text(salt, 'salt');

  // Compile: every fixed result is built here, so evaluation only looks results up.
  const metadata = { flagVersion: version };
  const offValue = offVariation === null ? null : variations[offVariation];
  const ids = new Set<string>();
  const serve = (s: ReturnType<typeof readServe>, ruleId: string | null, reason: Reason): Serve => {
    if ('variant' in s) return { kind: 'fixed', result: result(variations[s.variant], s.variant, reason, ruleId, false, metadata) };
    const results: Record<string, EvaluationResult> = {};
    for (const w of s.weights) results[w.variant] = result(variations[w.variant], w.variant, 'SPLIT', ruleId, false, metadata);
    const b = s.bucketing;
    const flagd = b?.algorithm === 'flagd' ? b : null;
    return { kind: 'split', weights: s.weights, bucketBy: path(s.bucketBy), salt: s.salt ?? flagSalt, results,
      origin: ruleId === null ? 'the fallthrough' : `rule '${ruleId}'`, bucketing: b,
      flagdWeights: flagd ? (flagd.relativeWeights ?? s.weights.map((w) => w.weight)) : null,
      // flagd answers its default variant with reason DEFAULT when the split finds nothing.
      fallback: flagd?.fallbackVariant != null
        ? result(variations[flagd.fallbackVariant], flagd.fallbackVariant, 'DEFAULT', ruleId, false, metadata) : null,
      ranges: s.weights[0].ranges != null ? compileRanges(s.weights) : null };
  };
  const targetIndex = new Map<string, string>();
  const targetResults: Record<string, EvaluationResult> = {};
  const targetMap = new Map(targets);
  for (const variant of variants) {
    const keys = targetMap.get(variant);
    if (!keys) continue;
    keys.forEach((k) => { if (!targetIndex.has(k)) targetIndex.set(k, variant); });
    targetResults[variant] = result(variations[variant], variant, 'TARGETING_MATCH', null, true, metadata);
  }
  return {
    key, valueType: type, enabled: f.enabled, metadata,
    disabled: result(offValue, offVariation, 'DISABLED', null, false, metadata),
    // TARGETING_MATCH: a prerequisite is decided per context; DISABLED would mislead dashboards.
    prerequisites: prerequisites.map((p) => ({ ...p, failed: result(offValue, offVariation, 'TARGETING_MATCH', null, false,
      { flagVersion: version, prerequisiteFailed: p.flagKey, reasonDetail: 'PREREQUISITE_FAILED' }) })),
    targetIndex, targetResults,
    rules: rulesRaw.map((r) => {
      if (ids.has(r.id)) fail(`flag '${key}' has two rules with id '${r.id}'`);
      ids.add(r.id);
      return { id: r.id, clauses: r.clauses, serve: serve(r.serve, r.id, 'TARGETING_MATCH') };
    }),
    fallthrough: serve(fallthroughRaw, null, 'DEFAULT'),
  };
}

function compileSegment(key: string, raw: unknown, compiler: Compiler): CompiledSegment {
  const at = `segments.${key}`;
  const s = obj(raw, at);
  const inner = optString(s, 'key', at);
  if (inner !== null && inner !== key) fail(`${at}.key: '${inner}' differs from the map key '${key}'`);
  const rules = optList(s, 'rules', at).map((r, i) => {
    const rp = `${at}.rules[${i}]`;
    const rule = obj(r, rp);
    const id = reqString(rule, 'id', rp);
    const clauses = compiler.clauses(rule, rp);
    const weight = optInt(rule, 'weight', rp);
    const bucketBy = optString(rule, 'bucketBy', rp);
    text(id, 'segment rule id');
    if (weight !== null && (weight < 0 || weight > TOTAL_WEIGHT)) fail(`segment rule weight must be within 0..${TOTAL_WEIGHT}: ${weight}`);
    const bucketing = readBucketing(rule, rp, 0);
    if (bucketing?.algorithm === 'flagd') fail("a segment rule's share cannot use flagd bucketing (flagd has no segments)");
    return { id, clauses, weight, bucketBy: path(bucketBy === null ? 'targetingKey' : text(bucketBy, 'bucketBy')), bucketing };
  });
  const included = optStrings(s, 'included', at);
  const excluded = optStrings(s, 'excluded', at);
  const salt = optString(s, 'salt', at);
  optInt(s, 'version', at, Number.MAX_SAFE_INTEGER);
  [...included, ...excluded].forEach((k) => text(k, 'segment member key'));
  return { key, included: new Set(included), excluded: new Set(excluded), rules, salt: salt === null ? key : text(salt, 'segment salt') };
}

/** Compiles a config tree; throws only when the top level is not `{flags?: {...}, segments?: {...}}`. */
export function compileEnvironment(tree: unknown): CompiledEnvironment {
  const root = obj(tree, 'config');
  const flagTree = optObject(root, 'flags', 'config');
  const segmentTree = optObject(root, 'segments', 'config');
  const env: CompiledEnvironment = { flags: new Map(), segments: new Map(), invalidFlags: new Map(), invalidSegments: new Map() };
  const segmentRefs = new Map<string, Set<string>>();
  for (const key of Object.keys(segmentTree)) {
    const compiler = new Compiler();
    try {
      env.segments.set(key, compileSegment(key, segmentTree[key], compiler));
      segmentRefs.set(key, compiler.segmentRefs);
    } catch (e) {
      env.invalidSegments.set(key, message(e));
    }
  }
  // Invalidity spreads along segment references until nothing changes (segments nest).
  for (let changed = true; changed;) {
    changed = false;
    for (const key of [...env.segments.keys()]) {
      const bad = [...segmentRefs.get(key)!].find((r) => env.invalidSegments.has(r));
      if (bad !== undefined) {
        env.invalidSegments.set(key, `segment '${key}' uses invalid segment '${bad}'`);
        env.segments.delete(key);
        changed = true;
      }
    }
  }
  for (const key of Object.keys(flagTree)) {
    const compiler = new Compiler();
    try {
      const flag = compileFlag(key, flagTree[key], compiler);
      const bad = [...compiler.segmentRefs].find((r) => env.invalidSegments.has(r));
      if (bad !== undefined) env.invalidFlags.set(key, `flag '${key}' uses invalid segment '${bad}': ${env.invalidSegments.get(bad)}`);
      else env.flags.set(key, flag);
    } catch (e) {
      env.invalidFlags.set(key, message(e));
    }
  }
  return env;
}

function message(e: unknown): string {
  if (e instanceof InvalidConfig) return e.message;
  return `unexpected: ${e}`;
}

import { bucket, flagdBucket, flagdIndex, unleashBucket, variantFor, variantInRanges } from './bucketing.js';
import { type Clause, type CompiledEnvironment, type CompiledFlag, type CompiledSegment, compileEnvironment, error, type Path, type Serve } from './compile.js';
import { integralText, isObject, isScalar } from './json.js';
import type { Context, EvaluationResult, ValueType } from './types.js';

/** Longest prerequisite chain followed; the domain forbids cycles, this survives them anyway. */
const MAX_PREREQUISITE_DEPTH = 16;
/** Deepest nesting of segments inside segment rules; deeper checks answer "not a member". */
const MAX_SEGMENT_DEPTH = 8;

function resolve(p: Path, ctx: Context): unknown {
  if (p.steps === null) return ctx.targetingKey;
  let current: unknown = ctx;
  for (const step of p.steps) {
    if (!isObject(current) || !Object.prototype.hasOwnProperty.call(current, step)) return null;
    current = current[step];
  }
  return current ?? null;
}

/** Strings hash as they are, integers as their decimal digits; anything else cannot be bucketed. */
const bucketText = (raw: unknown): string | null =>
  typeof raw === 'string' ? raw : typeof raw === 'number' ? integralText(raw) : null;

type Chain = { key: string; parent: Chain | null; depth: number };

/**
 * All flags and segments of one environment, compiled once (docs/evaluation.md). Immutable;
 * `evaluate` never throws: any failure is a result with reason ERROR and an error code.
 */
export class Environment {
  private readonly env: CompiledEnvironment;
  /** Sorted keys of every flag, valid or not: what a bulk evaluation walks. */
  readonly flagKeys: string[];

  private constructor(env: CompiledEnvironment) {
    this.env = env;
    this.flagKeys = [...new Set([...env.flags.keys(), ...env.invalidFlags.keys()])].sort();
  }

  /** Compiles a config tree (the JSON of `/sdk/v1/config`); throws only when its top level is malformed. */
  static compile(tree: unknown): Environment {
    return new Environment(compileEnvironment(tree));
  }

  /** Flags that did not compile, with the reason. */
  get invalidFlags(): ReadonlyMap<string, string> { return this.env.invalidFlags; }
  get invalidSegments(): ReadonlyMap<string, string> { return this.env.invalidSegments; }

  /** The value type of a valid flag, or undefined. */
  typeOf(flagKey: string): ValueType | undefined { return this.env.flags.get(flagKey)?.valueType; }

  evaluate(flagKey: string, context?: Context | null, requested?: ValueType | null): EvaluationResult {
    try {
      const flag = this.env.flags.get(flagKey);
      if (!flag) {
        const invalid = this.env.invalidFlags.get(flagKey);
        return invalid !== undefined ? error('PARSE_ERROR', invalid) : error('FLAG_NOT_FOUND', `flag '${flagKey}' not found`);
      }
      if (requested && requested !== flag.valueType) {
        return error('TYPE_MISMATCH', `flag '${flagKey}' is a ${flag.valueType} flag, not ${requested}`, flag.metadata);
      }
      const ctx = context ?? {};
      const tk = ctx.targetingKey;
      if (tk != null && typeof tk !== 'string') return error('INVALID_CONTEXT', 'targetingKey must be a string', flag.metadata);
      return this.flag(flag, ctx, null);
    } catch (e) {
      // Evaluation must never throw into an application's request path (a stack overflow included).
      return error('GENERAL', `evaluation failed: ${e}`);
    }
  }

  private flag(flag: CompiledFlag, ctx: Context, chain: Chain | null): EvaluationResult {
    if (!flag.enabled) return flag.disabled;
    if (flag.prerequisites.length) {
      const failed = this.prerequisites(flag, ctx, chain);
      if (failed) return failed;
    }
    const tk = ctx.targetingKey as string | null | undefined;
    if (tk != null && flag.targetIndex.size) {
      const variant = flag.targetIndex.get(tk);
      if (variant !== undefined) return flag.targetResults[variant];
    }
    for (const rule of flag.rules) {
      if (this.all(rule.clauses, ctx, 0)) return this.serve(flag, rule.serve, ctx);
    }
    return this.serve(flag, flag.fallthrough, ctx);
  }

  private prerequisites(flag: CompiledFlag, ctx: Context, chain: Chain | null): EvaluationResult | null {
    const here: Chain = { key: flag.key, parent: chain, depth: chain ? chain.depth + 1 : 1 };
    for (const p of flag.prerequisites) {
      for (let link: Chain | null = here; link; link = link.parent) {
        if (link.key === p.flagKey) return error('GENERAL', `prerequisite cycle through '${p.flagKey}'`, flag.metadata);
      }
      if (here.depth >= MAX_PREREQUISITE_DEPTH) return error('GENERAL', `prerequisite chain deeper than ${MAX_PREREQUISITE_DEPTH}`, flag.metadata);
      const required = this.env.flags.get(p.flagKey);
      let met = false;
      if (required) {
        const outcome = this.flag(required, ctx, here);
        // An inconsistent environment is everyone's error, not a mere "not met".
        if (outcome.errorCode === 'GENERAL') return error('GENERAL', outcome.errorMessage ?? '', flag.metadata);
        // An off prerequisite is never met, even if its off variation is the one required.
        met = required.enabled && outcome.errorCode === null && outcome.variant === p.variant;
      }
      if (!met) return p.failed;
    }
    return null;
  }

  private all(clauses: Clause[], ctx: Context, depth: number): boolean {
    for (const c of clauses) if (!this.clause(c, ctx, depth)) return false;
    return true;
  }

  private clause(c: Clause, ctx: Context, depth: number): boolean {
    if (c.kind === 'segment') {
      const member = c.keys.some((k) => this.member(k, ctx, depth));
      return c.negate !== member;
    }
    const actual = resolve(c.path, ctx);
    // An absent attribute never matches, negated or not: "country not in [NL]" says nothing without a country.
    if (actual === null || actual === undefined) return false;
    const any = Array.isArray(actual)
      ? actual.some((e) => isScalar(e) && c.matcher(e))
      : isScalar(actual) && c.matcher(actual);
    return c.negate !== any;
  }

  private serve(flag: CompiledFlag, serve: Serve, ctx: Context): EvaluationResult {
    if (serve.kind === 'fixed') return serve.result;
    const raw = resolve(serve.bucketBy, ctx);
    const b = serve.bucketing;
    if (b?.algorithm === 'flagd') {
      // flagd hashes strings only, and falls back to its default variant otherwise.
      if (typeof raw !== 'string') {
        if (serve.fallback) return serve.fallback;
        return error(raw == null ? 'TARGETING_KEY_MISSING' : 'INVALID_CONTEXT',
          `the rollout of ${serve.origin} buckets by '${serve.bucketBy.text}', which must be a string present in the context`, flag.metadata);
      }
      const index = flagdIndex(flagdBucket(b.prefix + raw), serve.flagdWeights as number[]);
      if (index < 0) return serve.fallback ?? serve.results[serve.weights[serve.weights.length - 1].variant];
      return serve.results[serve.weights[index].variant];
    }
    if (raw == null || raw === '') {
      return error('TARGETING_KEY_MISSING', `the rollout of ${serve.origin} buckets by '${serve.bucketBy.text}', which the context lacks`, flag.metadata);
    }
    const value = bucketText(raw);
    if (value === null) {
      return error('INVALID_CONTEXT', `the rollout of ${serve.origin} buckets by '${serve.bucketBy.text}', which must be a string or an integer`, flag.metadata);
    }
    const n = b?.algorithm === 'unleash' ? unleashBucket(b.groupId, b.seed, b.modulus, value) : bucket(serve.salt, value);
    return serve.results[serve.ranges ? variantInRanges(n, serve.ranges) : variantFor(n, serve.weights)];
  }

  private member(key: string, ctx: Context, depth: number): boolean {
    const segment: CompiledSegment | undefined = this.env.segments.get(key);
    // A deleted segment has no members; flags that still name it keep working.
    if (!segment || depth >= MAX_SEGMENT_DEPTH) return false;
    const tk = ctx.targetingKey;
    if (tk != null) {
      if (segment.excluded.has(tk as string)) return false;
      if (segment.included.has(tk as string)) return true;
    }
    for (const rule of segment.rules) {
      if (this.all(rule.clauses, ctx, depth + 1) && this.withinWeight(segment, rule, ctx)) return true;
    }
    return false;
  }

  private withinWeight(segment: CompiledSegment, rule: CompiledSegment['rules'][number], ctx: Context): boolean {
    if (rule.weight === null) return true;
    const raw = resolve(rule.bucketBy, ctx);
    const value = raw == null || raw === '' ? null : bucketText(raw);
    if (value === null) return false;
    const b = rule.bucketing;
    const n = b?.algorithm === 'unleash' ? unleashBucket(b.groupId, b.seed, b.modulus, value) : bucket(segment.salt, value);
    return n < rule.weight;
  }
}

import { readFileSync } from 'node:fs';
import { Environment, type Logger } from '@flagledger/core';
import { parse } from 'yaml';

export interface FileSyncOptions {
  /** A project file in the GitOps format (docs/gitops.md), YAML or JSON. */
  path: string;
  /** The environment to evaluate; default: the project's first. */
  environment?: string;
  /** How often the file is checked for changes (default 200 ms). */
  pollIntervalMs: number;
  logger: Logger;
}

type Json = Record<string, any>;

/**
 * Serves a project file instead of a server, for offline development and tests: the file is read
 * into the same config JSON the server sends (docs/evaluation.md), compiled, and re-read whenever
 * its content changes. A file that does not read or compile is reported and the last good one kept.
 */
export class FileSync {
  private text: string | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private flags: Record<string, string> = {};
  lastError: string | null = null;

  constructor(private readonly options: FileSyncOptions, private readonly onUpdate: (env: Environment, changed: string[]) => void) {}

  start(): void {
    if (this.timer) return;
    this.check();
    this.timer = setInterval(() => this.check(), this.options.pollIntervalMs);
    this.timer.unref?.();
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private check(): void {
    let text: string;
    try {
      text = readFileSync(this.options.path, 'utf8');
    } catch (e) {
      this.fail(`cannot read ${this.options.path}: ${e}`);
      return;
    }
    if (text === this.text) return;
    this.text = text;
    try {
      const tree = configTree(parse(text) as Json, this.options.environment);
      const env = Environment.compile(tree);
      const next: Record<string, string> = {};
      for (const [key, flag] of Object.entries(tree.flags)) next[key] = JSON.stringify({ ...(flag as Json), version: 0 });
      const changed = [...new Set([...Object.keys(next), ...Object.keys(this.flags)])].filter((k) => next[k] !== this.flags[k]);
      this.flags = next;
      this.lastError = null;
      this.onUpdate(env, changed.sort());
    } catch (e) {
      this.fail(`${this.options.path} not loaded, serving the last good version: ${e}`);
    }
  }

  private fail(problem: string): void {
    this.lastError = problem;
    this.options.logger.warn(`flagledger: ${problem}`);
  }
}

/** One environment of a project document as the config JSON (the same mapping as `flagledger dev`). */
export function configTree(document: Json, environment?: string): { flags: Json; segments: Json } {
  if (!document || typeof document !== 'object') throw new Error('not a project document');
  const environments: string[] = (document.project?.environments ?? []).map((e: Json) => e.key);
  const chosen = environment ?? environments[0];
  if (!chosen) throw new Error('the file names no environment');
  const flags: Json = {};
  for (const flag of document.flags ?? []) {
    if (flag.archived) continue;
    const env: Json = flag.environments?.[chosen] ?? {};
    const keys: string[] = (flag.variations ?? []).map((v: Json) => v.key);
    const variations: Json = {};
    for (const v of flag.variations ?? []) variations[v.key] = v.value;
    const targeting: Json = env.targeting ?? {};
    const targets: Json = {};
    for (const t of targeting.targets ?? []) targets[t.variation] = t.keys;
    flags[flag.key] = {
      key: flag.key, valueType: flag.type ?? 'boolean', enabled: env.enabled ?? false, variations,
      offVariation: env.offVariation ?? keys[keys.length - 1],
      prerequisites: (targeting.prerequisites ?? []).map((p: Json) => ({ flagKey: p.flagKey, variant: p.variation })),
      targets,
      rules: (targeting.rules ?? []).map((r: Json) => ({ id: r.id, clauses: r.clauses ?? [], serve: serve(r.serve) })),
      fallthrough: targeting.fallthroughRollout ? { rollout: rollout(targeting.fallthroughRollout) } : { variant: env.defaultVariation ?? keys[0] },
    };
  }
  const segments: Json = {};
  for (const segment of document.segments ?? []) {
    if (segment.archived) continue;
    segments[segment.key] = {
      key: segment.key, included: segment.included ?? [], excluded: segment.excluded ?? [],
      rules: (segment.rules ?? []).map((r: Json) => ({ id: r.id, clauses: r.clauses ?? [], weight: r.weight,
        bucketBy: r.bucketBy, bucketing: bucketing(r.bucketing) })),
    };
  }
  return { flags, segments };
}

function serve(s: Json): Json {
  return s?.rollout ? { rollout: rollout(s.rollout) } : { variant: s?.variation };
}

function rollout(r: Json): Json {
  return { weights: (r.weights ?? []).map((w: Json) => ({ variant: w.variation, weight: w.weight })), bucketBy: r.bucketBy,
    salt: r.salt, bucketing: bucketing(r.bucketing) };
}

/** The files say fallbackVariation (as the API does); the config JSON says fallbackVariant. */
function bucketing(b: Json | undefined): Json | undefined {
  if (!b) return undefined;
  const { fallbackVariation, ...rest } = b;
  return fallbackVariation === undefined ? rest : { ...rest, fallbackVariant: fallbackVariation };
}

import {
  type EvaluationContext, type Hook, type JsonValue, type Logger as OfLogger, OpenFeatureEventEmitter, type Provider,
  ProviderEvents, type ResolutionDetails, type TrackingEventDetails, ErrorCode, StandardResolutionReasons,
} from '@openfeature/server-sdk';
import { Environment, EventTracker, type Fetch, hmacRequestSigner, type Logger, type TrackingOptions, type ValueType } from '@flagledger/core';
import { ConfigSync } from './config-sync.js';
import { FileSync } from './file-sync.js';

export interface FlagledgerServerOptions {
  /** The server's base URL, e.g. https://flags.example.com (not needed with flagFile). */
  url?: string;
  /** A SERVER key of the environment to evaluate (not needed with flagFile). */
  sdkKey?: string;
  /**
   * Evaluate a project file instead of a server's config (docs/gitops.md format, YAML or JSON), re-read
   * when it changes: offline development and tests. No request is made and no event is sent.
   */
  flagFile?: string;
  /** With flagFile: the environment to evaluate (default: the file's first). */
  environment?: string;
  /** 'stream' (default) or 'polling'. */
  mode?: 'stream' | 'polling';
  /** Polling interval in 'polling' mode (default 30 s; with flagFile, how often the file is checked: default 200 ms). */
  pollIntervalMs?: number;
  /** initialize() waits at most this long for the first config (default 5 s); then flags serve defaults until it arrives. */
  startupTimeoutMs?: number;
  /** Deadline of one HTTP request (default 5 s). */
  requestTimeoutMs?: number;
  /** Reopen a stream that has been silent this long (default 45 s: three missed heartbeats). */
  streamIdleTimeoutMs?: number;
  /** Exposure and track() events; `{ enabled: false }` turns them off. */
  events?: TrackingOptions;
  /** For keys that require signed requests: the signing secret shown when signing was required (docs/webhooks.md). */
  signingSecret?: string;
  fetch?: Fetch;
  logger?: Logger;
}

const ERRORS: Record<string, ErrorCode> = {
  FLAG_NOT_FOUND: ErrorCode.FLAG_NOT_FOUND, PARSE_ERROR: ErrorCode.PARSE_ERROR, TYPE_MISMATCH: ErrorCode.TYPE_MISMATCH,
  TARGETING_KEY_MISSING: ErrorCode.TARGETING_KEY_MISSING, INVALID_CONTEXT: ErrorCode.INVALID_CONTEXT, GENERAL: ErrorCode.GENERAL,
};

/**
 * OpenFeature provider for Node that evaluates locally: the environment's config is downloaded
 * once and kept current over the SSE stream (or ETag polling), so an evaluation is a function call,
 * not a request. It never throws into the application: before the first config, on any error,
 * and for a flag that serves nothing, the caller's default comes back with a reason and error code,
 * and the last good config keeps serving while the server is unreachable.
 */
export class FlagledgerServerProvider implements Provider {
  readonly metadata = { name: 'flagledger' } as const;
  readonly runsOn = 'server';
  readonly hooks: Hook[] = [];
  readonly events = new OpenFeatureEventEmitter();
  private env: Environment | null = null;
  private readonly sync: ConfigSync | FileSync;
  private readonly tracker: EventTracker;
  private readonly options: Required<Omit<FlagledgerServerOptions, 'events' | 'flagFile' | 'environment' | 'signingSecret'>>
    & Pick<FlagledgerServerOptions, 'flagFile' | 'environment' | 'signingSecret'> & { events: TrackingOptions };
  private firstConfig!: () => void;
  private readonly ready = new Promise<void>((resolve) => (this.firstConfig = resolve));

  constructor(options: FlagledgerServerOptions) {
    if (!options.flagFile && (!options.url || !options.sdkKey)) throw new Error('flagledger: give url and sdkKey, or flagFile');
    this.options = {
      mode: 'stream', pollIntervalMs: options.flagFile ? 200 : 30_000, startupTimeoutMs: 5_000, requestTimeoutMs: 5_000,
      streamIdleTimeoutMs: 45_000, events: {}, fetch: globalThis.fetch.bind(globalThis), logger: console, ...options,
      url: (options.url ?? '').replace(/\/+$/, ''), sdkKey: options.sdkKey ?? '',
    };
    const o = this.options;
    const signer = o.signingSecret ? hmacRequestSigner(o.signingSecret) : undefined;
    const update = (env: Environment, changed: string[]) => {
      const first = this.env === null;
      this.env = env;
      if (first) this.firstConfig();
      else if (changed.length) this.events.emit(ProviderEvents.ConfigurationChanged, { flagsChanged: changed });
    };
    this.sync = o.flagFile
      ? new FileSync({ path: o.flagFile, environment: o.environment, pollIntervalMs: o.pollIntervalMs, logger: o.logger }, update)
      : new ConfigSync({ url: o.url, sdkKey: o.sdkKey, mode: o.mode, pollIntervalMs: o.pollIntervalMs,
        requestTimeoutMs: o.requestTimeoutMs, streamIdleTimeoutMs: o.streamIdleTimeoutMs, fetch: o.fetch, logger: o.logger, signer },
      update);
    // A flag file has no server to send events to.
    this.tracker = new EventTracker(o.url, o.sdkKey, o.fetch, o.logger, o.flagFile ? { ...o.events, enabled: false } : o.events,
      signer);
  }

  /** Resolves when the first config is in, or after the start-up timeout; never rejects. */
  async initialize(): Promise<void> {
    this.sync.start();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), this.options.startupTimeoutMs)));
    const late = await Promise.race([this.ready.then(() => false), timedOut]);
    clearTimeout(timer);
    if (late) {
      this.options.logger.warn(`flagledger: no config within ${this.options.startupTimeoutMs} ms (${this.sync.lastError ?? 'no answer'}); serving defaults until it arrives`);
      void this.ready.then(() => this.events.emit(ProviderEvents.ConfigurationChanged, { flagsChanged: this.env?.flagKeys ?? [] }));
    }
  }

  /** True once a config has been loaded. */
  get hasConfig(): boolean {
    return this.env !== null;
  }

  async onClose(): Promise<void> {
    this.sync.close();
    await this.tracker.close();
  }

  resolveBooleanEvaluation(flagKey: string, defaultValue: boolean, context: EvaluationContext, _logger?: OfLogger): Promise<ResolutionDetails<boolean>> {
    return Promise.resolve(this.resolve(flagKey, defaultValue, context, 'boolean'));
  }

  resolveStringEvaluation(flagKey: string, defaultValue: string, context: EvaluationContext, _logger?: OfLogger): Promise<ResolutionDetails<string>> {
    return Promise.resolve(this.resolve(flagKey, defaultValue, context, 'string'));
  }

  resolveNumberEvaluation(flagKey: string, defaultValue: number, context: EvaluationContext, _logger?: OfLogger): Promise<ResolutionDetails<number>> {
    return Promise.resolve(this.resolve(flagKey, defaultValue, context, 'number'));
  }

  resolveObjectEvaluation<T extends JsonValue>(flagKey: string, defaultValue: T, context: EvaluationContext, _logger?: OfLogger): Promise<ResolutionDetails<T>> {
    return Promise.resolve(this.resolve(flagKey, defaultValue, context, 'json'));
  }

  /** Synchronous local evaluation, also usable without the OpenFeature client (the benchmark uses it). */
  resolve<T>(flagKey: string, defaultValue: T, context: EvaluationContext, type: ValueType): ResolutionDetails<T> {
    try {
      if (!this.env) {
        return { value: defaultValue, reason: StandardResolutionReasons.ERROR, errorCode: ErrorCode.PROVIDER_NOT_READY,
          errorMessage: `no config yet${this.sync.lastError ? `: ${this.sync.lastError}` : ''}` };
      }
      const r = this.env.evaluate(flagKey, context, type);
      if (r.errorCode) {
        return { value: defaultValue, reason: StandardResolutionReasons.ERROR, errorCode: ERRORS[r.errorCode] ?? ErrorCode.GENERAL,
          errorMessage: r.errorMessage ?? undefined, flagMetadata: r.metadata };
      }
      if (r.variant !== null) {
        const key = context.targetingKey;
        this.tracker.exposure(flagKey, r.variant, r.reason, typeof key === 'string' ? key : undefined, r.matchedRuleId);
      }
      // An off flag without an off variation serves nothing: the caller's default, with the real reason.
      const value = r.variant === null ? defaultValue : (r.value as T);
      const problem = this.sync.lastError;
      if (problem) {
        // The last good config, while the server is unreachable or sends garbage: OpenFeature's STALE.
        return { value, variant: r.variant ?? undefined, reason: StandardResolutionReasons.STALE,
          flagMetadata: { ...r.metadata, servedReason: r.reason, staleReason: problem } };
      }
      return { value, variant: r.variant ?? undefined, reason: r.reason, flagMetadata: r.metadata };
    } catch (e) {
      return { value: defaultValue, reason: StandardResolutionReasons.ERROR, errorCode: ErrorCode.GENERAL, errorMessage: String(e) };
    }
  }

  track(trackingEventName: string, context: EvaluationContext, details: TrackingEventDetails): void {
    try {
      const key = context?.targetingKey;
      this.tracker.custom(trackingEventName, typeof key === 'string' ? key : undefined, details as Record<string, unknown>);
    } catch (e) {
      this.options.logger.warn(`flagledger: track failed: ${e}`);
    }
  }

  /** Sends every queued event now, batch by batch (tests, and before a process exits). */
  flushEvents(): Promise<void> {
    return this.tracker.drain();
  }

  /** Events queued and not yet accepted by the server (a failed batch stays queued for the next flush). */
  get pendingEvents(): number {
    return this.tracker.pending;
  }
}

import {
  type EvaluationContext, ErrorCode, type Hook, type JsonValue, OpenFeatureEventEmitter, type Provider, ProviderEvents,
  type ResolutionDetails, StandardResolutionReasons, type TrackingEventDetails,
} from '@openfeature/web-sdk';
import { backoff, CircuitBreaker, EventTracker, type Fetch, fetchWithTimeout, type Logger, readSse, sleep, type TrackingOptions } from '@flagledger/core';

/** One flag as OFREP's bulk evaluation returns it (success or per-flag error). */
export interface EvaluatedFlag {
  key: string;
  value?: unknown;
  variant?: string;
  reason?: string;
  errorCode?: string;
  errorDetails?: string;
  metadata?: Record<string, string | number | boolean>;
}

export interface FlagledgerWebOptions {
  /** The server's base URL; the same origin as the page, or one that allows it (CORS). */
  url: string;
  /** A CLIENT key: OFREP, the change notices and events only; it never sees rules. */
  sdkKey: string;
  /** Values rendered by the server (OFREP bulk `flags`, or key → value): served before any request. */
  bootstrap?: EvaluatedFlag[] | Record<string, unknown>;
  /** Keep the last evaluated flags per context in localStorage (default true when it exists). */
  cache?: boolean;
  /** Refresh when /sdk/v1/changes says the environment changed (default true); else poll. */
  stream?: boolean;
  /** Poll interval when not streaming (default 60 s). */
  pollIntervalMs?: number;
  /** initialize() waits at most this long for the network (default 3 s); bootstrap/cache/defaults serve meanwhile. */
  startupTimeoutMs?: number;
  requestTimeoutMs?: number;
  events?: TrackingOptions;
  fetch?: Fetch;
  storage?: Pick<Storage, 'getItem' | 'setItem'> | null;
  logger?: Logger;
}

const TYPES: Record<string, string> = { boolean: 'boolean', string: 'string', number: 'number' };
const ERROR_CODES = new Set<string>(Object.values(ErrorCode));

/** A stable text of a context (keys sorted), so equal contexts share a cache entry and an ETag. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * OpenFeature web provider: flags are evaluated by the server for the current context in one OFREP
 * bulk request (the browser never sees rules), cached in localStorage, bootstrapped from
 * server-rendered values, served offline, and refreshed when the change stream reports a change.
 * Evaluation is a map look-up and never throws; failures serve the last good value (reason STALE)
 * or the caller's default with an error code.
 */
export class FlagledgerWebProvider implements Provider {
  readonly metadata = { name: 'flagledger-web' } as const;
  readonly runsOn = 'client';
  readonly hooks: Hook[] = [];
  readonly events = new OpenFeatureEventEmitter();
  private flags = new Map<string, EvaluatedFlag>();
  private context = '';
  private etag: string | null = null;
  private position: string | null = null;
  private lastError: string | null = null;
  private fromNetwork = false;
  private readonly stop = new AbortController();
  private readonly breaker = new CircuitBreaker(3, 1_000, 60_000);
  private readonly tracker: EventTracker;
  private readonly o: Required<Omit<FlagledgerWebOptions, 'bootstrap' | 'storage'>> & Pick<FlagledgerWebOptions, 'bootstrap' | 'storage'>;
  private refreshing: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  private current: EvaluationContext = {};
  private started = false;
  private retry: ReturnType<typeof setTimeout> | undefined;

  constructor(options: FlagledgerWebOptions) {
    this.o = {
      cache: true, stream: true, pollIntervalMs: 60_000, startupTimeoutMs: 3_000, requestTimeoutMs: 5_000, events: {},
      fetch: globalThis.fetch.bind(globalThis), logger: console, ...options, url: options.url.replace(/\/+$/, ''),
    };
    if (this.o.storage === undefined) {
      try {
        this.o.storage = typeof localStorage === 'undefined' ? null : localStorage;
      } catch {
        this.o.storage = null; // storage disabled by the browser
      }
    }
    this.tracker = new EventTracker(this.o.url, this.o.sdkKey, this.o.fetch, this.o.logger, this.o.events);
    if (this.o.bootstrap) this.setFlags(Array.isArray(this.o.bootstrap) ? this.o.bootstrap
      : Object.entries(this.o.bootstrap).map(([key, value]) => ({ key, value, reason: StandardResolutionReasons.STATIC })));
  }

  async initialize(context: EvaluationContext = {}): Promise<void> {
    this.current = context;
    this.context = canonical(context);
    this.readCache();
    if (this.started) return this.withStartupTimeout(this.refresh());
    this.started = true;
    if (typeof addEventListener === 'function') {
      addEventListener('online', this.onOnline);
      addEventListener('pagehide', this.onHide);
      if (typeof document !== 'undefined') document.addEventListener('visibilitychange', this.onHide);
    }
    void (this.o.stream ? this.watch() : this.poll());
    await this.withStartupTimeout(this.refresh());
  }

  async onContextChange(_old: EvaluationContext, context: EvaluationContext): Promise<void> {
    this.current = context;
    this.context = canonical(context);
    this.etag = null;
    this.fromNetwork = false;
    // Another context's values are not last-known-good for this one: its cache entry, or defaults.
    this.flags = new Map();
    this.readCache();
    await this.withStartupTimeout(this.refresh());
  }

  async onClose(): Promise<void> {
    this.stop.abort();
    clearTimeout(this.retry);
    if (typeof removeEventListener === 'function') {
      removeEventListener('online', this.onOnline);
      removeEventListener('pagehide', this.onHide);
      if (typeof document !== 'undefined') document.removeEventListener('visibilitychange', this.onHide);
    }
    await this.tracker.close();
  }

  private readonly onOnline = () => void this.refresh();
  private readonly onHide = () => {
    if (typeof document === 'undefined' || document.visibilityState === 'hidden') void this.tracker.flush(true);
  };

  private async withStartupTimeout(work: Promise<void>): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([work, new Promise<void>((resolve) => (timer = setTimeout(resolve, this.o.startupTimeoutMs)))]);
    clearTimeout(timer);
  }

  private get cacheKey(): string {
    return `flagledger:${this.o.sdkKey.slice(-8)}`;
  }

  private readCache(): void {
    if (!this.o.cache || !this.o.storage) return;
    try {
      const saved = JSON.parse(this.o.storage.getItem(this.cacheKey) ?? 'null');
      if (saved && saved.context === this.context && Array.isArray(saved.flags)) {
        this.setFlags(saved.flags);
        this.etag = saved.etag ?? null;
      }
    } catch {
      // A corrupt entry is as good as none.
    }
  }

  private writeCache(flags: EvaluatedFlag[]): void {
    if (!this.o.cache || !this.o.storage) return;
    try {
      this.o.storage.setItem(this.cacheKey, JSON.stringify({ context: this.context, etag: this.etag, flags }));
    } catch {
      // Quota exceeded or storage disabled: keep working from memory.
    }
  }

  private setFlags(list: EvaluatedFlag[]): string[] {
    const next = new Map<string, EvaluatedFlag>();
    for (const f of list) if (f && typeof f.key === 'string') next.set(f.key, f);
    const keys = new Set([...this.flags.keys(), ...next.keys()]);
    const changed = [...keys].filter((k) => canonical(this.flags.get(k)) !== canonical(next.get(k)));
    this.flags = next;
    return changed;
  }

  /** Re-evaluates the current context (one request at a time); never rejects. */
  refresh(): Promise<void> {
    if (this.refreshing) {
      // A change noticed while a request is out may be newer than what that request will see: ask again after it.
      return (this.queued ??= this.refreshing.then(() => {
        this.queued = null;
        return this.refresh();
      }));
    }
    this.refreshing = this.fetchFlags().finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  private async fetchFlags(): Promise<void> {
    if (this.stop.signal.aborted) return;
    if (typeof navigator !== 'undefined' && navigator.onLine === false) {
      this.lastError = 'offline';
      return;
    }
    if (this.breaker.open) {
      this.scheduleRetry();
      return;
    }
    const context = this.context;
    try {
      const headers: Record<string, string> = { authorization: `Bearer ${this.o.sdkKey}`, 'content-type': 'application/json' };
      if (this.etag) headers['if-none-match'] = this.etag;
      const response = await fetchWithTimeout(this.o.fetch, `${this.o.url}/ofrep/v1/evaluate/flags`,
        { method: 'POST', headers, body: JSON.stringify({ context: this.current }), signal: this.stop.signal }, this.o.requestTimeoutMs);
      if (context !== this.context) return; // the context changed meanwhile; its own refresh follows
      if (response.status !== 304) {
        if (!response.ok) throw new Error(`OFREP bulk evaluation answered ${response.status}`);
        const body = JSON.parse(await response.text());
        if (!body || !Array.isArray(body.flags)) throw new Error('OFREP bulk evaluation sent no flags array');
        this.etag = response.headers.get('etag');
        const changed = this.setFlags(body.flags);
        this.writeCache(body.flags);
        if (changed.length) this.events.emit(ProviderEvents.ConfigurationChanged, { flagsChanged: changed });
      }
      this.fromNetwork = true;
      this.lastError = null;
      this.breaker.success();
    } catch (e) {
      if (this.stop.signal.aborted) return;
      this.breaker.failure();
      this.lastError = String(e);
      this.scheduleRetry();
      this.o.logger.warn(`flagledger: ${e}; serving ${this.flags.size ? 'the last known values' : 'defaults'}`);
    }
  }

  /** After a failure, try again once the breaker allows it, even if no change notice comes. */
  private scheduleRetry(): void {
    if (this.retry !== undefined || this.stop.signal.aborted) return;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      void this.refresh();
    }, Math.max(this.breaker.waitMs, 1_000));
  }

  private async poll(): Promise<void> {
    while (!this.stop.signal.aborted) {
      await sleep(Math.max(this.o.pollIntervalMs, this.breaker.waitMs), this.stop.signal);
      await this.refresh();
    }
  }

  /** Follows /sdk/v1/changes: each change notice with a new position triggers one refresh. */
  private async watch(): Promise<void> {
    for (let attempt = 0; !this.stop.signal.aborted; attempt++) {
      let received = false;
      try {
        const response = await fetchWithTimeout(this.o.fetch, `${this.o.url}/sdk/v1/changes`, {
          headers: { authorization: `Bearer ${this.o.sdkKey}`, accept: 'text/event-stream' }, signal: this.stop.signal,
        }, this.o.requestTimeoutMs, true);
        if (!response.ok || !response.body) throw new Error(`GET /sdk/v1/changes answered ${response.status}`);
        await readSse(response.body, (event) => {
          received = true;
          if (event.event === 'change' && event.id !== this.position) {
            this.position = event.id;
            void this.refresh();
          }
        }, () => {});
      } catch (e) {
        if (!this.stop.signal.aborted) this.o.logger.warn(`flagledger: change stream: ${e}`);
      }
      if (received) attempt = 0;
      // While disconnected, the refresh after reconnecting (a new position) catches up.
      await sleep(backoff(attempt), this.stop.signal);
    }
  }

  resolveBooleanEvaluation(flagKey: string, defaultValue: boolean): ResolutionDetails<boolean> {
    return this.resolve(flagKey, defaultValue, 'boolean');
  }

  resolveStringEvaluation(flagKey: string, defaultValue: string): ResolutionDetails<string> {
    return this.resolve(flagKey, defaultValue, 'string');
  }

  resolveNumberEvaluation(flagKey: string, defaultValue: number): ResolutionDetails<number> {
    return this.resolve(flagKey, defaultValue, 'number');
  }

  resolveObjectEvaluation<T extends JsonValue>(flagKey: string, defaultValue: T): ResolutionDetails<T> {
    return this.resolve(flagKey, defaultValue, 'object');
  }

  private resolve<T>(flagKey: string, defaultValue: T, type: string): ResolutionDetails<T> {
    try {
      const f = this.flags.get(flagKey);
      const error = (code: ErrorCode, message: string): ResolutionDetails<T> =>
        ({ value: defaultValue, reason: StandardResolutionReasons.ERROR, errorCode: code, errorMessage: message });
      if (!f) {
        return this.fromNetwork ? error(ErrorCode.FLAG_NOT_FOUND, `flag '${flagKey}' not found`)
          : error(ErrorCode.PROVIDER_NOT_READY, `no values yet${this.lastError ? `: ${this.lastError}` : ''}`);
      }
      if (f.errorCode) {
        return error(ERROR_CODES.has(f.errorCode) ? f.errorCode as ErrorCode : ErrorCode.GENERAL, f.errorDetails ?? f.errorCode);
      }
      if (f.value === undefined || (f.value === null && type !== 'object')) {
        return { value: defaultValue, variant: f.variant, reason: f.reason ?? StandardResolutionReasons.DEFAULT, flagMetadata: f.metadata };
      }
      if (TYPES[type] ? typeof f.value !== TYPES[type] : false) {
        return error(ErrorCode.TYPE_MISMATCH, `flag '${flagKey}' is not a ${type}`);
      }
      if (f.variant) {
        const key = this.current.targetingKey;
        this.tracker.exposure(flagKey, f.variant, f.reason, typeof key === 'string' ? key : undefined);
      }
      // Values older than a failed refresh are the last known good ones: say so.
      // Before the first answer they come from the bootstrap or the cache.
      const reason = this.lastError !== null ? StandardResolutionReasons.STALE : this.fromNetwork ? f.reason : StandardResolutionReasons.CACHED;
      return { value: f.value as T, variant: f.variant, reason,
        flagMetadata: this.lastError !== null ? { ...f.metadata, servedReason: f.reason ?? '', staleReason: this.lastError } : f.metadata };
    } catch (e) {
      return { value: defaultValue, reason: StandardResolutionReasons.ERROR, errorCode: ErrorCode.GENERAL, errorMessage: String(e) };
    }
  }

  track(trackingEventName: string, context: EvaluationContext, details: TrackingEventDetails): void {
    try {
      const key = (context ?? this.current).targetingKey;
      this.tracker.custom(trackingEventName, typeof key === 'string' ? key : undefined, details as Record<string, unknown>);
    } catch (e) {
      this.o.logger.warn(`flagledger: track failed: ${e}`);
    }
  }

  /** Sends queued events now. */
  flushEvents(keepalive = false): Promise<void> {
    return this.tracker.flush(keepalive);
  }
}

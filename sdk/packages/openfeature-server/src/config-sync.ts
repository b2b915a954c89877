import { backoff, CircuitBreaker, Environment, type Fetch, fetchWithTimeout, type Logger, readSse, type RequestSigner, sleep } from '@flagledger/core';

export interface SyncOptions {
  url: string;
  sdkKey: string;
  /** 'stream' (default): SSE with Last-Event-ID; 'polling': GET /sdk/v1/config with If-None-Match. */
  mode: 'stream' | 'polling';
  pollIntervalMs: number;
  requestTimeoutMs: number;
  /** A stream that sends nothing (not even the 15 s heartbeat) for this long is dropped and reopened. */
  streamIdleTimeoutMs: number;
  fetch: Fetch;
  logger: Logger;
  /** Signs every request, for keys that require signed requests (docs/webhooks.md). */
  signer?: RequestSigner;
}

type Tree = { flags: Record<string, unknown>; segments: Record<string, unknown> };

/**
 * Keeps a compiled Environment current. Every update is compiled before it replaces the last
 * good one, so a malformed config or patch never takes away working flags; it is reported and
 * the stream is reopened without Last-Event-ID to get a clean `put`.
 */
export class ConfigSync {
  private tree: Tree | null = null;
  private lastEventId: string | null = null;
  private etag: string | null = null;
  private readonly stop = new AbortController();
  private readonly breaker = new CircuitBreaker(3, 1_000, 30_000);
  private started = false;
  lastError: string | null = null;

  constructor(private readonly options: SyncOptions, private readonly onUpdate: (env: Environment, changed: string[]) => void) {}

  /** Starts syncing; a second call (a second initialize()) does nothing. */
  start(): void {
    if (this.started) return;
    this.started = true;
    void (this.options.mode === 'polling' ? this.poll() : this.stream());
  }

  close(): void {
    this.stop.abort();
  }

  /** The bearer key, and the signature of this GET when the key requires signed requests. */
  private async signed(url: string): Promise<Record<string, string>> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.options.sdkKey}` };
    if (this.options.signer) headers['flagledger-signature'] = await this.options.signer('GET', url, '');
    return headers;
  }

  private apply(tree: Tree, changed: string[]): boolean {
    try {
      const env = Environment.compile(tree);
      this.tree = tree;
      this.lastError = null;
      this.onUpdate(env, changed);
      return true;
    } catch (e) {
      this.lastError = `malformed config: ${e}`;
      this.options.logger.warn(`flagledger: ignoring a ${this.lastError}; serving the last good one`);
      return false;
    }
  }

  private async poll(): Promise<void> {
    while (!this.stop.signal.aborted) {
      await this.fetchConfig();
      await sleep(Math.max(this.options.pollIntervalMs, this.breaker.waitMs), this.stop.signal);
    }
  }

  /** One GET /sdk/v1/config; true when the config is current afterwards. */
  private async fetchConfig(): Promise<boolean> {
    try {
      const url = `${this.options.url}/sdk/v1/config`;
      const headers: Record<string, string> = await this.signed(url);
      if (this.etag) headers['if-none-match'] = this.etag;
      const response = await fetchWithTimeout(this.options.fetch, url, { headers, signal: this.stop.signal }, this.options.requestTimeoutMs);
      if (response.status === 304) {
        this.lastError = null;
        this.breaker.success();
        return true;
      }
      if (!response.ok) throw new Error(`GET /sdk/v1/config answered ${response.status}`);
      const body = JSON.parse(await response.text());
      if (!this.apply(normalise(body), changedKeys(this.tree, body))) throw new Error(this.lastError ?? 'malformed config');
      this.etag = response.headers.get('etag');
      this.breaker.success();
      return true;
    } catch (e) {
      this.fail(e);
      return false;
    }
  }

  private fail(e: unknown): void {
    if (this.stop.signal.aborted) return;
    this.breaker.failure();
    this.lastError = String(e);
    this.options.logger.warn(`flagledger: ${e}`);
  }

  private async stream(): Promise<void> {
    for (let attempt = 0; !this.stop.signal.aborted; attempt++) {
      let received = false;
      const connection = new AbortController();
      const abort = () => connection.abort();
      this.stop.signal.addEventListener('abort', abort);
      let idle: ReturnType<typeof setTimeout> | undefined;
      const activity = () => {
        clearTimeout(idle);
        idle = setTimeout(abort, this.options.streamIdleTimeoutMs);
      };
      try {
        const url = `${this.options.url}/sdk/v1/stream`;
        const headers: Record<string, string> = { ...(await this.signed(url)), accept: 'text/event-stream' };
        if (this.lastEventId) headers['last-event-id'] = this.lastEventId;
        const response = await fetchWithTimeout(this.options.fetch, url, { headers, signal: connection.signal }, this.options.requestTimeoutMs, true);
        if (!response.ok || !response.body) throw new Error(`GET /sdk/v1/stream answered ${response.status}`);
        this.lastError = null; // connected again: what we hold is current (a resume sends what was missed)
        activity();
        let broken = false;
        await readSse(response.body, (event) => {
          // After a bad event, nothing more from this connection: a patch was missed.
          if (broken) return;
          if (this.onStreamEvent(event.event, event.data, event.id)) {
            received = true;
            this.breaker.success();
          } else {
            broken = true;
            abort(); // reconnect from scratch for a clean put
          }
        }, activity);
        throw new Error('the stream ended');
      } catch (e) {
        this.fail(e);
      } finally {
        clearTimeout(idle);
        this.stop.signal.removeEventListener('abort', abort);
      }
      if (received) attempt = 0;
      await sleep(Math.max(backoff(attempt), this.breaker.waitMs), this.stop.signal);
    }
  }

  /** Applies one stream event; false when it could not be used. */
  private onStreamEvent(kind: string, data: string, id: string | null): boolean {
    try {
      if (kind === 'put') {
        const body = JSON.parse(data);
        if (!this.apply(normalise(body), changedKeys(this.tree, body))) return this.reset();
      } else if (kind === 'patch') {
        const patch = JSON.parse(data) as { kind: string; key: string; value: unknown };
        if (!this.tree || typeof patch.key !== 'string' || (patch.kind !== 'flag' && patch.kind !== 'segment')) return this.reset();
        const next: Tree = { flags: { ...this.tree.flags }, segments: { ...this.tree.segments } };
        const map = patch.kind === 'flag' ? next.flags : next.segments;
        if (patch.value == null) delete map[patch.key];
        else map[patch.key] = patch.value;
        // A segment change may change any flag that uses it: report every flag as possibly changed.
        if (!this.apply(next, patch.kind === 'flag' ? [patch.key] : Object.keys(next.flags))) return this.reset();
      } else {
        return true;
      }
      if (id) this.lastEventId = id;
      return true;
    } catch (e) {
      this.lastError = `malformed stream event: ${e}`;
      this.options.logger.warn(`flagledger: ${this.lastError}`);
      return this.reset();
    }
  }

  private reset(): false {
    this.lastEventId = null;
    return false;
  }
}

function normalise(body: unknown): Tree {
  const o = body as Record<string, unknown> | null;
  if (!o || typeof o !== 'object' || Array.isArray(o)) throw new Error('the config is not a JSON object');
  const flags = o.flags ?? {};
  const segments = o.segments ?? {};
  return { flags: flags as Record<string, unknown>, segments: segments as Record<string, unknown> };
}

function changedKeys(before: Tree | null, body: { flags?: Record<string, unknown> }): string[] {
  const after = body?.flags ?? {};
  const keys = new Set([...Object.keys(before?.flags ?? {}), ...Object.keys(after)]);
  return [...keys].filter((k) => JSON.stringify(before?.flags[k]) !== JSON.stringify(after[k]));
}

import type { RequestSigner } from './signing.js';
import { type Fetch, fetchWithTimeout, type Logger, CircuitBreaker } from './transport.js';

/** One event as POST /sdk/v1/events takes it (docs/sdk-api.md). */
export type TrackedEvent =
  | { kind: 'exposure'; id: string; flagKey: string; variant: string; reason?: string; ruleId?: string; contextKey?: string; timestamp: string }
  | { kind: 'custom'; id: string; name: string; value?: number; details?: Record<string, unknown>; contextKey?: string; timestamp: string };

/**
 * Each event's id, kept when its batch is re-sent after a failure, so the server stores it once
 * (idempotency). `crypto.randomUUID` where the platform has it (Node 19+, secure browser pages).
 */
function eventId(): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (c?.randomUUID) return c.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`;
}

export interface TrackingOptions {
  /** false turns event sending off entirely. */
  enabled?: boolean;
  /** Send when this many events are queued (at most 500, the server's batch limit). */
  batchSize?: number;
  /** Send queued events at least this often. */
  flushIntervalMs?: number;
  /** Events kept while the server is unreachable; the oldest are dropped beyond it. */
  maxQueue?: number;
}

/**
 * Batches exposure and custom events and sends them to the ingestion endpoint. Exposures are sent
 * once per (context, flag, variant) for the life of the tracker. Sending never throws: a failed
 * batch goes back to the queue (bounded) and the circuit breaker spaces out retries.
 */
export class EventTracker {
  private queue: TrackedEvent[] = [];
  private readonly seen = new Set<string>();
  private readonly breaker = new CircuitBreaker(3, 2_000, 60_000);
  private timer: ReturnType<typeof setInterval> | undefined;
  private sending: Promise<void> | null = null;
  readonly options: Required<TrackingOptions>;

  constructor(private readonly url: string, private readonly key: string, private readonly fetchImpl: Fetch,
    private readonly logger: Logger, options: TrackingOptions = {}, private readonly signer?: RequestSigner) {
    this.options = { enabled: true, batchSize: 100, flushIntervalMs: 10_000, maxQueue: 1_000, ...options };
    this.options.batchSize = Math.min(500, this.options.batchSize);
    if (this.options.enabled) {
      this.timer = setInterval(() => void this.flush(), this.options.flushIntervalMs);
      (this.timer as { unref?: () => void }).unref?.();
    }
  }

  /** `ruleId`: the targeting rule that served the variant (an experiment's rule is `exp-<key>`). */
  exposure(flagKey: string, variant: string, reason: string | undefined, contextKey: string | undefined, ruleId?: string | null): void {
    const id = `${contextKey ?? ''}\u0000${flagKey}\u0000${variant}`;
    if (!this.options.enabled || this.seen.has(id)) return;
    if (this.seen.size >= 50_000) this.seen.clear(); // bounded memory in long-lived servers
    this.seen.add(id);
    this.add({ kind: 'exposure', id: eventId(), flagKey, variant, reason, contextKey, timestamp: new Date().toISOString(),
      ...(ruleId ? { ruleId } : {}) });
  }

  custom(name: string, contextKey: string | undefined, details?: Record<string, unknown>): void {
    if (!this.options.enabled) return;
    const { value, ...rest } = details ?? {};
    this.add({ kind: 'custom', id: eventId(), name, contextKey, timestamp: new Date().toISOString(),
      ...(typeof value === 'number' && Number.isFinite(value) ? { value } : {}),
      ...(Object.keys(rest).length ? { details: rest } : {}) });
  }

  get pending(): number {
    return this.queue.length;
  }

  private add(event: TrackedEvent): void {
    this.queue.push(event);
    if (this.queue.length > this.options.maxQueue) this.queue.splice(0, this.queue.length - this.options.maxQueue);
    if (this.queue.length >= this.options.batchSize) void this.flush();
  }

  /** Sends what is queued; `keepalive` lets a browser finish the request while the page goes away. */
  flush(keepalive = false): Promise<void> {
    if (this.sending) return this.sending;
    if (!this.queue.length || this.breaker.open) return Promise.resolve();
    const batch = this.queue.splice(0, this.options.batchSize);
    this.sending = (async () => {
      try {
        const url = `${this.url}/sdk/v1/events`;
        const body = JSON.stringify({ events: batch });
        const headers: Record<string, string> = { authorization: `Bearer ${this.key}`, 'content-type': 'application/json' };
        if (this.signer) headers['flagledger-signature'] = await this.signer('POST', url, body);
        const response = await fetchWithTimeout(this.fetchImpl, url, { method: 'POST', keepalive, headers, body }, 10_000);
        if (response.status === 400 || response.status === 413) {
          this.logger.warn(`flagledger: events refused (${response.status}): ${await response.text()}`);
        } else if (!response.ok) {
          throw new Error(`HTTP ${response.status}`);
        }
        this.breaker.success();
      } catch (e) {
        this.breaker.failure();
        this.queue.unshift(...batch);
        if (this.queue.length > this.options.maxQueue) this.queue.splice(0, this.queue.length - this.options.maxQueue);
        this.logger.warn(`flagledger: sending events failed, will retry: ${e}`);
      } finally {
        this.sending = null;
      }
    })();
    return this.sending;
  }

  /** Sends batch after batch until the queue is empty or sending fails (the failed batch stays queued). */
  async drain(): Promise<void> {
    while (this.queue.length && !this.breaker.open) {
      const before = this.queue.length;
      await this.flush();
      if (this.queue.length >= before) return; // the batch went back to the queue: stop, retry later
    }
  }

  /** Sends the rest and stops the timer. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.drain();
  }
}

/**
 * What both OpenFeature providers need around HTTP: timeouts, backoff, a circuit breaker and a
 * Server-Sent Events reader over fetch (EventSource cannot send an Authorization header). Nothing
 * here throws into an application: callers catch, count a failure and fall back.
 */

export type Fetch = typeof fetch;

export interface Logger {
  warn(message: string): void;
}

export const silentLogger: Logger = { warn() {} };

/** fetch with a deadline; the timer covers the headers only when `keepBody` (a stream) is set. */
export async function fetchWithTimeout(fetchImpl: Fetch, url: string, init: RequestInit, timeoutMs: number, keepBody = false): Promise<Response> {
  const controller = new AbortController();
  const outer = init.signal;
  const abort = () => controller.abort();
  outer?.addEventListener('abort', abort);
  const timer = setTimeout(abort, timeoutMs);
  try {
    const response = await fetchImpl(url, { ...init, signal: controller.signal });
    if (!keepBody) {
      // Read the body inside the deadline too: a server that sends headers and then stalls is slow, not up.
      const text = await response.text();
      return new Response(response.status === 304 || response.status === 204 ? null : text, { status: response.status, headers: response.headers });
    }
    return response;
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', abort);
  }
}

/** Exponential backoff with full jitter: 0.5 s, 1 s, 2 s ... capped, so reconnecting clients spread out. */
export function backoff(attempt: number, baseMs = 500, maxMs = 30_000): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 16));
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

/**
 * Stops hammering a failing server: after `threshold` consecutive failures the circuit opens and
 * calls are refused until a cool-down (doubling per re-open, capped) has passed; then one trial
 * call is let through (half-open), and a success closes the circuit again.
 */
export class CircuitBreaker {
  private failures = 0;
  private opens = 0;
  private openUntil = 0;

  constructor(private readonly threshold = 3, private readonly coolDownMs = 1_000, private readonly maxCoolDownMs = 30_000,
    private readonly now: () => number = Date.now) {}

  get open(): boolean {
    return this.openUntil > this.now();
  }

  /** Milliseconds until a call is allowed again (0 when closed or half-open). */
  get waitMs(): number {
    return Math.max(0, this.openUntil - this.now());
  }

  success(): void {
    this.failures = 0;
    this.opens = 0;
    this.openUntil = 0;
  }

  failure(): void {
    if (++this.failures >= this.threshold) {
      this.openUntil = this.now() + Math.min(this.maxCoolDownMs, this.coolDownMs * 2 ** this.opens++);
      this.failures = this.threshold - 1; // half-open next: one more failure re-opens it
    }
  }
}

export interface SseEvent {
  event: string;
  data: string;
  id: string | null;
}

/** Reads an SSE body (WHATWG rules: `event`, `data`, `id`, comments, blank line ends an event). */
export async function readSse(body: ReadableStream<Uint8Array>, onEvent: (e: SseEvent) => void, onActivity: () => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let event = 'message';
  let data: string[] = [];
  let id: string | null = null;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    onActivity();
    buffer += decoder.decode(value, { stream: true });
    let newline: number;
    while ((newline = buffer.search(/\r\n|\r|\n/)) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + (buffer[newline] === '\r' && buffer[newline + 1] === '\n' ? 2 : 1));
      if (line === '') {
        if (data.length) onEvent({ event, data: data.join('\n'), id });
        event = 'message';
        data = [];
        continue;
      }
      if (line[0] === ':') continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      let val = colon < 0 ? '' : line.slice(colon + 1);
      if (val[0] === ' ') val = val.slice(1);
      if (field === 'event') event = val;
      else if (field === 'data') data.push(val);
      else if (field === 'id') id = val;
    }
  }
}

export const sleep = (ms: number, signal?: AbortSignal) => new Promise<void>((resolve) => {
  const timer = setTimeout(done, ms);
  function done() {
    clearTimeout(timer);
    signal?.removeEventListener('abort', done);
    resolve();
  }
  signal?.addEventListener('abort', done);
});

// The pieces the providers rely on to never throw and never hammer a failing server.
import { describe, expect, it } from 'vitest';
import { CircuitBreaker, EventTracker, readSse } from '@flagledger/core';

describe('CircuitBreaker', () => {
  it('opens after three failures, lets one trial through after the cool-down, and closes on success', () => {
    let now = 0;
    const breaker = new CircuitBreaker(3, 1_000, 8_000, () => now);
    breaker.failure();
    breaker.failure();
    expect(breaker.open).toBe(false);
    breaker.failure();
    expect(breaker.open).toBe(true);
    expect(breaker.waitMs).toBe(1_000);
    now = 1_000;
    expect(breaker.open).toBe(false); // half-open: one trial
    breaker.failure();
    expect(breaker.waitMs).toBe(2_000); // re-opened for twice as long
    now = 3_000;
    breaker.success();
    breaker.failure();
    expect(breaker.open).toBe(false);
  });
});

describe('readSse', () => {
  it('reads events split across chunks, with CRLF, comments and ids', async () => {
    const chunks = ['event: put\r\nid: 7\r\ndata: {"a"', ':1}\r\n\r\n: heartbeat\n\n', 'event: patch\nid: 8\ndata: x\ndata: y\n\n'];
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const c of chunks) controller.enqueue(new TextEncoder().encode(c));
        controller.close();
      },
    });
    const events: unknown[] = [];
    await readSse(body, (e) => events.push(e), () => {});
    expect(events).toEqual([{ event: 'put', id: '7', data: '{"a":1}' }, { event: 'patch', id: '8', data: 'x\ny' }]);
  });
});

describe('EventTracker', () => {
  const recorder = (status: number) => {
    const bodies: any[] = [];
    const fetchImpl = (async (_url: string, init: RequestInit) => {
      bodies.push(JSON.parse(String(init.body)));
      return new Response(status === 202 ? '{"accepted":1}' : '{}', { status });
    }) as typeof fetch;
    return { bodies, fetchImpl };
  };

  it('sends one exposure per context, flag and variant, and custom events with value and details', async () => {
    const { bodies, fetchImpl } = recorder(202);
    const tracker = new EventTracker('http://x', 'key', fetchImpl, { warn() {} }, { flushIntervalMs: 60_000 });
    for (let i = 0; i < 5; i++) tracker.exposure('checkout', 'on', 'SPLIT', 'u1');
    tracker.exposure('checkout', 'off', 'SPLIT', 'u1');
    tracker.exposure('checkout', 'on', 'SPLIT', 'u2');
    tracker.custom('bought', 'u1', { value: 9.5, currency: 'EUR' });
    await tracker.close();
    const events = bodies.flatMap((b) => b.events);
    expect(events.map((e: any) => [e.kind, e.flagKey ?? e.name, e.variant ?? e.value, e.contextKey])).toEqual([
      ['exposure', 'checkout', 'on', 'u1'], ['exposure', 'checkout', 'off', 'u1'], ['exposure', 'checkout', 'on', 'u2'], ['custom', 'bought', 9.5, 'u1'],
    ]);
    expect(events[3].details).toEqual({ currency: 'EUR' });
  });

  it('keeps a batch the server could not take, and drops one it refused as invalid', async () => {
    const failing = recorder(503);
    const tracker = new EventTracker('http://x', 'key', failing.fetchImpl, { warn() {} }, { flushIntervalMs: 60_000 });
    tracker.custom('a', 'u', {});
    await tracker.flush();
    expect(tracker.pending).toBe(1);

    const refusing = recorder(400);
    const other = new EventTracker('http://x', 'key', refusing.fetchImpl, { warn() {} }, { flushIntervalMs: 60_000 });
    other.custom('a', 'u', {});
    await other.flush();
    expect(other.pending).toBe(0);
    await tracker.close().catch(() => {});
    await other.close();
  });

  it('never throws when the network does', async () => {
    const tracker = new EventTracker('http://x', 'key', (async () => { throw new TypeError('fetch failed'); }) as typeof fetch, { warn() {} }, { flushIntervalMs: 60_000 });
    tracker.custom('a', 'u', {});
    await expect(tracker.flush()).resolves.toBeUndefined();
    expect(tracker.pending).toBe(1);
  });
});

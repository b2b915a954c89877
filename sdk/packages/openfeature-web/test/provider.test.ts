// The web provider without a server: bootstrap, the localStorage cache, offline use, types, contexts.
import { describe, expect, it } from 'vitest';
import { FlagledgerWebProvider } from '@flagledger/openfeature-web';

/** A fake OFREP server: answers bulk evaluation from `flags(context)`, or fails while `down`. */
function fakeServer(flags: (context: any) => object[]) {
  const state = { down: false, requests: 0 };
  const fetchImpl = (async (url: string, init: RequestInit) => {
    if (String(url).endsWith('/sdk/v1/changes')) return new Promise(() => {}); // a stream that never speaks
    if (state.down) throw new TypeError('fetch failed');
    state.requests++;
    const { context } = JSON.parse(String(init.body));
    return new Response(JSON.stringify({ flags: flags(context) }), { status: 200, headers: { etag: `"${state.requests}"` } });
  }) as typeof fetch;
  return { state, fetchImpl };
}

function memoryStorage() {
  const items = new Map<string, string>();
  return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v) };
}

const quiet = { warn() {} };
const checkout = (on: boolean) => [{ key: 'checkout', value: on, variant: on ? 'on' : 'off', reason: 'TARGETING_MATCH' },
  { key: 'banner', value: 'hello', variant: 'a', reason: 'DEFAULT' }, { key: 'broken', errorCode: 'PARSE_ERROR', errorDetails: 'bad rule' }];

describe('FlagledgerWebProvider', () => {
  it('serves bootstrapped values before the network answers, then the server\'s', async () => {
    const server = fakeServer(() => checkout(true));
    server.state.down = true;
    const provider = new FlagledgerWebProvider({ url: 'http://x', sdkKey: 'k', bootstrap: { checkout: false }, fetch: server.fetchImpl,
      storage: null, logger: quiet, startupTimeoutMs: 100, events: { enabled: false } });
    await provider.initialize({ targetingKey: 'u1' });
    expect(provider.resolveBooleanEvaluation('checkout', true)).toMatchObject({ value: false, reason: 'STALE' });
    server.state.down = false;
    await provider.refresh();
    expect(provider.resolveBooleanEvaluation('checkout', false)).toMatchObject({ value: true, variant: 'on', reason: 'TARGETING_MATCH' });
    await provider.onClose();
  });

  it('keeps the last answer in storage and serves it on the next start while offline', async () => {
    const storage = memoryStorage();
    const server = fakeServer(() => checkout(true));
    const first = new FlagledgerWebProvider({ url: 'http://x', sdkKey: 'k', fetch: server.fetchImpl, storage, logger: quiet, events: { enabled: false } });
    await first.initialize({ targetingKey: 'u1' });
    await first.onClose();

    server.state.down = true;
    const second = new FlagledgerWebProvider({ url: 'http://x', sdkKey: 'k', fetch: server.fetchImpl, storage, logger: quiet,
      startupTimeoutMs: 100, events: { enabled: false } });
    await second.initialize({ targetingKey: 'u1' });
    expect(second.resolveBooleanEvaluation('checkout', false)).toMatchObject({ value: true, reason: 'STALE' });
    // Another context has no cached answer: defaults, with the reason why.
    await second.onContextChange({ targetingKey: 'u1' }, { targetingKey: 'u2' });
    expect(second.resolveBooleanEvaluation('checkout', false)).toMatchObject({ value: false, errorCode: 'PROVIDER_NOT_READY' });
    await second.onClose();
  });

  it('answers type mismatches, unknown flags and per-flag errors with the default', async () => {
    const server = fakeServer((context) => checkout(context.plan === 'pro'));
    const provider = new FlagledgerWebProvider({ url: 'http://x', sdkKey: 'k', fetch: server.fetchImpl, storage: null, logger: quiet, events: { enabled: false } });
    await provider.initialize({ targetingKey: 'u1', plan: 'free' });
    expect(provider.resolveBooleanEvaluation('checkout', true)).toMatchObject({ value: false, reason: 'TARGETING_MATCH' });
    expect(provider.resolveNumberEvaluation('banner', 7)).toMatchObject({ value: 7, errorCode: 'TYPE_MISMATCH' });
    expect(provider.resolveStringEvaluation('nope', 'd')).toMatchObject({ value: 'd', errorCode: 'FLAG_NOT_FOUND' });
    expect(provider.resolveBooleanEvaluation('broken', true)).toMatchObject({ value: true, errorCode: 'PARSE_ERROR' });
    await provider.onContextChange({}, { targetingKey: 'u1', plan: 'pro' });
    expect(provider.resolveBooleanEvaluation('checkout', false)).toMatchObject({ value: true });
    await provider.onClose();
  });
});

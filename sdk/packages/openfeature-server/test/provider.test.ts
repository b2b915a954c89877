// The Node provider against a scripted stream: put, patch, malformed events, Last-Event-ID on reconnect.
import { describe, expect, it } from 'vitest';
import { FlagledgerServerProvider } from '@flagledger/openfeature-server';

const flag = (enabled: boolean) => ({ valueType: 'boolean', enabled, variations: { on: true, off: false }, offVariation: 'off',
  fallthrough: { variant: 'on' } });

/** Each connection gets the next script; records the Last-Event-ID each one sent. */
function scriptedStream(scripts: string[][]) {
  const lastEventIds: (string | null)[] = [];
  const fetchImpl = (async (_url: string, init: RequestInit) => {
    lastEventIds.push(new Headers(init.headers).get('last-event-id'));
    const script = scripts.shift();
    if (!script) return new Promise(() => {}); // later connections hang open, silent
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of script) controller.enqueue(new TextEncoder().encode(chunk));
        controller.close(); // the server goes away after its script
      },
    });
    return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
  }) as typeof fetch;
  return { fetchImpl, lastEventIds };
}

const event = (name: string, id: number, data: unknown) => `event: ${name}\nid: ${id}\ndata: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;
const wait = async (check: () => boolean) => {
  for (let i = 0; i < 400 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
};

describe('FlagledgerServerProvider', () => {
  it('applies put and patch, resumes with Last-Event-ID, and survives a malformed patch', async () => {
    const { fetchImpl, lastEventIds } = scriptedStream([
      [event('put', 10, { flags: { a: flag(false) }, segments: {}, position: 10 }), event('patch', 11, { kind: 'flag', key: 'a', position: 11, value: flag(true) })],
      [event('patch', 12, '{"kind": "flag", "key": '), event('patch', 13, { kind: 'flag', key: 'a', position: 13, value: flag(false) })],
      [event('put', 14, { flags: { a: flag(false), b: flag(true) }, segments: {}, position: 14 })],
    ]);
    const provider = new FlagledgerServerProvider({ url: 'http://x', sdkKey: 'k', fetch: fetchImpl, logger: { warn() {} }, events: { enabled: false } });
    await provider.initialize();
    const read = (key: string) => provider.resolve(key, 'default' as unknown as boolean, { targetingKey: 'u' }, 'boolean');

    await wait(() => lastEventIds.length >= 2);
    expect(lastEventIds[1]).toBe('11'); // the reconnect resumes after the patch it applied
    // The malformed patch is dropped with the last good config kept, and the provider starts over.
    await wait(() => lastEventIds.length >= 3);
    expect(lastEventIds[2]).toBeNull();
    await wait(() => read('b').value === true);
    // The scripted server has gone away again, so the (good) config is served as STALE.
    expect(read('a')).toMatchObject({ value: false, variant: 'off', reason: 'STALE', flagMetadata: { servedReason: 'DISABLED' } });
    expect(read('missing')).toMatchObject({ value: 'default', errorCode: 'FLAG_NOT_FOUND' });
    expect(provider.resolve('a', 0, {}, 'number')).toMatchObject({ value: 0, errorCode: 'TYPE_MISMATCH' });
    await provider.onClose();
  });

  it('signs every request when given a signing secret (keys that require signed requests, docs/webhooks.md)', async () => {
    const seen: { url: string; signature: string | null }[] = [];
    const fetchImpl = (async (url: string, init: RequestInit) => {
      seen.push({ url, signature: new Headers(init.headers).get('flagledger-signature') });
      return new Response(JSON.stringify({ flags: { a: flag(true) }, segments: {}, position: 1 }), { status: 200, headers: { etag: '"1"' } });
    }) as typeof fetch;
    const provider = new FlagledgerServerProvider({ url: 'http://x', sdkKey: 'k', mode: 'polling', signingSecret: 'flsig_secret',
      fetch: fetchImpl, logger: { warn() {} }, events: { enabled: false } });
    await provider.initialize();
    expect(seen[0].url).toBe('http://x/sdk/v1/config');
    expect(seen[0].signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    await provider.onClose();
  });
});

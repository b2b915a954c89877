import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hmacRequestSigner } from '../src/signing.js';

describe('hmacRequestSigner', () => {
  it('signs timestamp, request line and body as the server verifies them (same vector as HmacSignaturesTest)', async () => {
    const sign = hmacRequestSigner('flsig_test-secret', () => 1_700_000_000_000);
    const header = await sign('POST', 'https://flags.example.com/ofrep/v1/evaluate/flags/checkout?x=1', '{"context":{}}');
    expect(header).toBe('t=1700000000,v1=' + createHmac('sha256', 'flsig_test-secret')
      .update('1700000000.POST /ofrep/v1/evaluate/flags/checkout?x=1\n{"context":{}}').digest('hex'));
    expect(header).toBe('t=1700000000,v1=' + VECTOR);
  });

  it('signs an empty GET body and changes with the path', async () => {
    const sign = hmacRequestSigner('flsig_test-secret', () => 1_700_000_000_000);
    expect(await sign('GET', 'https://h/sdk/v1/config', '')).not.toBe(await sign('GET', 'https://h/sdk/v1/stream', ''));
  });
});

/** hex HMAC-SHA256("flsig_test-secret", "1700000000.POST /ofrep/v1/evaluate/flags/checkout?x=1\n{"context":{}}"): the same literal HmacSignaturesTest (Java) asserts. */
const VECTOR = '7f9ac33b1d4d328a9136d25906538d82b3435672349fea46030412c9f05aabb1';

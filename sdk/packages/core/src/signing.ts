/**
 * Signed SDK requests, for keys that require them (docs/webhooks.md): the webhooks' scheme over the
 * request line and body, `Flagledger-Signature: t=<unix s>,v1=hex(HMAC-SHA256(secret, t + "." + METHOD
 * + " " + path?query + "\n" + body))`. WebCrypto, so it runs in Node 20+ and browsers alike (but only a
 * server can keep the secret).
 */
export type RequestSigner = (method: string, url: string, body: string) => Promise<string>;

const encoder = new TextEncoder();

export function hmacRequestSigner(signingSecret: string, now: () => number = Date.now): RequestSigner {
  let key: Promise<CryptoKey> | undefined;
  return async (method, url, body) => {
    key ??= globalThis.crypto.subtle.importKey('raw', encoder.encode(signingSecret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    const t = Math.floor(now() / 1000);
    const target = new URL(url);
    const mac = await globalThis.crypto.subtle.sign('HMAC', await key, encoder.encode(`${t}.${method} ${target.pathname}${target.search}\n${body}`));
    return `t=${t},v1=${[...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
  };
}

import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiFetch, readCookie } from './http';

afterEach(() => {
  vi.unstubAllGlobals();
  document.cookie = 'XSRF-TOKEN=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
});

describe('readCookie', () => {
  it('finds one cookie among several and decodes it', () => {
    expect(readCookie('XSRF-TOKEN', 'a=1; XSRF-TOKEN=abc%3D%3D; b=2')).toBe('abc==');
    expect(readCookie('missing', 'a=1')).toBeNull();
  });
});

describe('apiFetch', () => {
  it('sends the CSRF token from the cookie and marks itself as a script', async () => {
    document.cookie = 'XSRF-TOKEN=token-1; path=/';
    const fetch = vi.fn().mockResolvedValue(new Response('{}', { status: 200 }));
    vi.stubGlobal('fetch', fetch);

    await apiFetch('/graphql', { method: 'POST', body: '{}' });

    const init = fetch.mock.calls[0][1] as RequestInit;
    const headers = new Headers(init.headers);
    expect(headers.get('X-XSRF-TOKEN')).toBe('token-1');
    expect(headers.get('X-Requested-With')).toBe('XMLHttpRequest');
    expect(init.credentials).toBe('same-origin');
  });

  it('fetches a fresh token and retries once when the server refuses a stale one', async () => {
    document.cookie = 'XSRF-TOKEN=stale; path=/';
    const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      if (String(input) === '/auth/session') {
        document.cookie = 'XSRF-TOKEN=fresh; path=/';
        return new Response('{"authenticated":true}', { status: 200 });
      }
      const token = new Headers(init?.headers).get('X-XSRF-TOKEN');
      return token === 'fresh'
        ? new Response('{"data":{}}', { status: 200 })
        : new Response('{"errors":[{"message":"Missing or invalid CSRF token","extensions":{"code":"FORBIDDEN"}}]}', { status: 403 });
    });
    vi.stubGlobal('fetch', fetch);

    const response = await apiFetch('/graphql', { method: 'POST', body: '{}' });

    expect(response.status).toBe(200);
    expect(fetch.mock.calls.map((c) => String(c[0]))).toEqual(['/graphql', '/auth/session', '/graphql']);
  });

  it('does not retry a refusal that is not about CSRF', async () => {
    const fetch = vi.fn().mockResolvedValue(new Response('{"errors":[{"message":"Access denied"}]}', { status: 403 }));
    vi.stubGlobal('fetch', fetch);
    expect((await apiFetch('/graphql', { method: 'POST' })).status).toBe(403);
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { OidcClient } from 'oidc-client-ts';
import { parseAuthConfig } from './authConfig';
import { apiFetch, setBearerToken } from './http';
import { CALLBACK_PATH, userManagerSettings } from './oidc';

const issuer = 'http://sso.test/realms/flagledger';
const discovery = {
  issuer,
  authorization_endpoint: `${issuer}/protocol/openid-connect/auth`,
  token_endpoint: `${issuer}/protocol/openid-connect/token`,
  end_session_endpoint: `${issuer}/protocol/openid-connect/logout`,
  jwks_uri: `${issuer}/protocol/openid-connect/certs`,
};

afterEach(() => {
  vi.unstubAllGlobals();
  setBearerToken(null);
  window.sessionStorage.clear();
});

describe('parseAuthConfig', () => {
  it('reads the identity provider and the public client the server publishes', () => {
    expect(parseAuthConfig({ local: false, oidc: { issuer, clientId: 'flagledger-admin-ui', scope: 'openid profile' } })).toEqual({
      local: false,
      oidc: { issuer, clientId: 'flagledger-admin-ui', scope: 'openid profile' },
    });
  });

  it('falls back to the local login alone when the server has no single sign-on', () => {
    expect(parseAuthConfig({ local: true, oidc: null })).toEqual({ local: true, oidc: null });
    expect(parseAuthConfig({ oidc: { issuer: 42 } })).toEqual({ local: true, oidc: null });
  });
});

describe('the sign-in redirect', () => {
  it('is an authorization code request with a PKCE S256 challenge that comes back to /signed-in', async () => {
    const fetch = vi.fn(async (input: RequestInfo | URL) => {
      expect(String(input)).toBe(`${issuer}/.well-known/openid-configuration`);
      return new Response(JSON.stringify(discovery), { status: 200, headers: { 'Content-Type': 'application/json' } });
    });
    vi.stubGlobal('fetch', fetch);
    const settings = userManagerSettings({ issuer, clientId: 'flagledger-admin-ui', scope: 'openid profile' }, 'http://ui.test');

    const request = await new OidcClient(settings).createSigninRequest({ state: { next: '/projects/demo' } });

    const url = new URL(request.url);
    expect(url.origin + url.pathname).toBe(discovery.authorization_endpoint);
    expect(url.searchParams.get('response_type')).toBe('code');
    expect(url.searchParams.get('client_id')).toBe('flagledger-admin-ui');
    expect(url.searchParams.get('redirect_uri')).toBe('http://ui.test' + CALLBACK_PATH);
    expect(url.searchParams.get('scope')).toBe('openid profile');
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get('state')).toBeTruthy();
    // No client secret: the admin UI is a public client.
    expect(url.searchParams.has('client_secret')).toBe(false);
  });
});

describe('API calls after single sign-on', () => {
  it('carry the access token as a bearer token, and stop once it is forgotten', async () => {
    const fetch = vi.fn().mockResolvedValue(new Response('{}', { status: 200 }));
    vi.stubGlobal('fetch', fetch);

    setBearerToken('token-abc');
    await apiFetch('/graphql', { method: 'POST', body: '{}' });
    setBearerToken(null);
    await apiFetch('/graphql', { method: 'POST', body: '{}' });

    expect(new Headers((fetch.mock.calls[0][1] as RequestInit).headers).get('Authorization')).toBe('Bearer token-abc');
    expect(new Headers((fetch.mock.calls[1][1] as RequestInit).headers).get('Authorization')).toBeNull();
  });
});

// What the server tells the UI before anyone signs in (GET /auth/config, public): whether the local
// admin login is on and which identity provider / public client to use for single sign-on.

export type OidcConfig = { issuer: string; clientId: string; scope: string };
export type AuthConfig = { local: boolean; oidc: OidcConfig | null };

export function parseAuthConfig(body: unknown): AuthConfig {
  const value = (body ?? {}) as { local?: unknown; oidc?: Partial<OidcConfig> | null };
  const oidc = value.oidc;
  return {
    local: value.local !== false,
    oidc:
      oidc && typeof oidc.issuer === 'string' && typeof oidc.clientId === 'string'
        ? { issuer: oidc.issuer, clientId: oidc.clientId, scope: typeof oidc.scope === 'string' ? oidc.scope : 'openid profile' }
        : null,
  };
}

let cached: Promise<AuthConfig> | null = null;

/** Loaded once per page; a failure is not cached, so "Try again" really tries again. */
export function loadAuthConfig(): Promise<AuthConfig> {
  if (!cached) {
    cached = fetch('/auth/config', { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then(async (response) => {
        // Older servers have no /auth/config: they only know the local login.
        if (response.status === 404) return { local: true, oidc: null };
        if (!response.ok) throw new Error(`Could not reach the server (HTTP ${response.status})`);
        return parseAuthConfig(await response.json());
      })
      .catch((error: Error) => {
        cached = null;
        throw error;
      });
  }
  return cached;
}

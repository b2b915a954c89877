import type { AuthConfig } from './authConfig';
import { apiFetch, refreshCsrfToken } from './http';
import { displayNameOf, restoreUser } from './oidc';

/** Who is signed in, and how: the local admin's session cookie or a single sign-on token. */
export type SessionUser = { subject: string; displayName: string; via?: 'local' | 'sso' };

type SessionBody = { authenticated: boolean; subject?: string; displayName?: string };

export async function loadSession(): Promise<SessionUser | null> {
  const response = await apiFetch('/auth/session', { method: 'GET' });
  if (!response.ok) throw new Error(`Could not reach the server (HTTP ${response.status})`);
  const body = (await response.json()) as SessionBody;
  return body.authenticated && body.subject ? { subject: body.subject, displayName: body.displayName ?? body.subject } : null;
}

/** A single sign-on user kept in this tab wins; otherwise the server's local session, if any. */
export async function loadAnySession(config: AuthConfig): Promise<SessionUser | null> {
  if (config.oidc) {
    const user = await restoreUser(config.oidc);
    if (user) return { subject: user.profile.sub, displayName: displayNameOf(user), via: 'sso' };
  }
  return config.local ? loadSession() : null;
}

export class SignInRefused extends Error {}

export async function signIn(username: string, password: string): Promise<SessionUser> {
  await refreshCsrfToken();
  const response = await apiFetch('/auth/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username, password }).toString(),
  });
  if (response.status === 401) throw new SignInRefused('The username or password is not correct.');
  if (!response.ok) throw new Error(`Sign-in failed (HTTP ${response.status}). Try again.`);
  // Signing in rotates the CSRF token; fetch the new one along with the session.
  const user = await loadSession();
  if (!user) throw new Error('The server did not keep the session. Are cookies enabled?');
  return user;
}

export async function signOut(): Promise<void> {
  const response = await apiFetch('/auth/logout', { method: 'POST' });
  if (!response.ok && response.status !== 401) throw new Error(`Sign-out failed (HTTP ${response.status})`);
  await refreshCsrfToken();
}

import { apiFetch, refreshCsrfToken } from './http';

export type SessionUser = { subject: string; displayName: string };

type SessionBody = { authenticated: boolean; subject?: string; displayName?: string };

export async function loadSession(): Promise<SessionUser | null> {
  const response = await apiFetch('/auth/session', { method: 'GET' });
  if (!response.ok) throw new Error(`Could not reach the server (HTTP ${response.status})`);
  const body = (await response.json()) as SessionBody;
  return body.authenticated && body.subject ? { subject: body.subject, displayName: body.displayName ?? body.subject } : null;
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

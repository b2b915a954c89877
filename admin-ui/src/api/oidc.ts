// Single sign-on for the admin UI: Authorization Code + PKCE as a public client, done by oidc-client-ts
// (a maintained, certified-style OIDC client; we do not hand-roll PKCE or token handling). Tokens live
// in sessionStorage (the library's default), so they end with the tab and are never in a cookie.

import { UserManager, WebStorageStateStore, type User } from 'oidc-client-ts';
import type { OidcConfig } from './authConfig';
import { setBearerToken } from './http';

export const CALLBACK_PATH = '/signed-in';

export type SignInState = { next: string };

export function userManagerSettings(config: OidcConfig, origin: string) {
  return {
    authority: config.issuer,
    client_id: config.clientId,
    redirect_uri: origin + CALLBACK_PATH,
    post_logout_redirect_uri: origin + '/sign-in',
    response_type: 'code',
    scope: config.scope,
    // Renew the access token in the background shortly before it expires (refresh token grant).
    automaticSilentRenew: true,
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
  };
}

let manager: UserManager | null = null;
let managerKey = '';

export function userManager(config: OidcConfig, origin: string = window.location.origin): UserManager {
  const key = `${config.issuer}|${config.clientId}|${origin}`;
  if (!manager || managerKey !== key) {
    manager = new UserManager(userManagerSettings(config, origin));
    managerKey = key;
    manager.events.addUserLoaded((user) => setBearerToken(user.access_token));
    manager.events.addUserUnloaded(() => setBearerToken(null));
  }
  return manager;
}

/** Sends the browser to the identity provider; it comes back to /signed-in with a code. */
export async function startSignIn(config: OidcConfig, next: string): Promise<void> {
  await userManager(config).signinRedirect({ state: { next } satisfies SignInState });
}

/** On /signed-in: exchanges the code (with the PKCE verifier) for tokens. */
export async function completeSignIn(config: OidcConfig): Promise<{ user: User; next: string }> {
  const user = await userManager(config).signinRedirectCallback();
  setBearerToken(user.access_token);
  const state = user.state as Partial<SignInState> | undefined;
  return { user, next: typeof state?.next === 'string' ? state.next : '/projects' };
}

/** A still-valid signed-in user from this tab's storage, whose token is then used for API calls. */
export async function restoreUser(config: OidcConfig): Promise<User | null> {
  const user = await userManager(config).getUser();
  if (!user || user.expired) {
    setBearerToken(null);
    return null;
  }
  setBearerToken(user.access_token);
  return user;
}

export async function forgetUser(config: OidcConfig): Promise<void> {
  setBearerToken(null);
  await userManager(config).removeUser();
}

export function displayNameOf(user: User): string {
  return user.profile.name ?? user.profile.preferred_username ?? user.profile.sub;
}

import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { loadAuthConfig, type AuthConfig } from './authConfig';
import { displayNameOf, forgetUser, completeSignIn, startSignIn, userManager } from './oidc';
import { loadAnySession, signIn as signInRequest, signOut as signOutRequest, type SessionUser } from './session';

export type Session =
  | { status: 'loading' }
  | { status: 'unreachable'; message: string }
  | { status: 'anonymous'; expired: boolean }
  | { status: 'signed-in'; user: SessionUser };

type SessionApi = {
  session: Session;
  /** What the server offers for signing in; null until loaded. */
  config: AuthConfig | null;
  signIn: (username: string, password: string) => Promise<void>;
  /** Redirects to the identity provider; the browser comes back to /signed-in. */
  signInWithSso: (next: string) => Promise<void>;
  /** On /signed-in: finishes the code exchange and answers where to go next. */
  completeSso: () => Promise<string>;
  signOut: () => Promise<void>;
  /** Called when the API answers UNAUTHENTICATED: the session ended on the server. */
  sessionLost: () => void;
  retry: () => void;
};

const SessionContext = createContext<SessionApi | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session>({ status: 'loading' });
  const [config, setConfig] = useState<AuthConfig | null>(null);

  const load = useCallback(() => {
    setSession({ status: 'loading' });
    loadAuthConfig()
      .then(async (loaded) => {
        setConfig(loaded);
        // The callback page finishes the sign-in itself; reading storage now would race it.
        if (window.location.pathname === '/signed-in') return;
        const user = await loadAnySession(loaded);
        setSession(user ? { status: 'signed-in', user } : { status: 'anonymous', expired: false });
      })
      .catch((error: Error) => setSession({ status: 'unreachable', message: error.message }));
  }, []);

  useEffect(load, [load]);

  const sessionLost = useCallback(
    () => setSession((current) => (current.status === 'signed-in' ? { status: 'anonymous', expired: true } : current)),
    [],
  );

  const api = useMemo<SessionApi>(
    () => ({
      session,
      config,
      async signIn(username, password) {
        const user = await signInRequest(username, password);
        setSession({ status: 'signed-in', user: { ...user, via: 'local' } });
      },
      async signInWithSso(next) {
        if (!config?.oidc) throw new Error('Single sign-on is not configured on this server.');
        await startSignIn(config.oidc, next);
      },
      async completeSso() {
        const loaded = config ?? (await loadAuthConfig());
        if (!loaded.oidc) throw new Error('Single sign-on is not configured on this server.');
        const { user, next } = await completeSignIn(loaded.oidc);
        setSession({ status: 'signed-in', user: { subject: user.profile.sub, displayName: displayNameOf(user), via: 'sso' } });
        return next;
      },
      async signOut() {
        if (session.status === 'signed-in' && session.user.via === 'sso' && config?.oidc) {
          const oidc = config.oidc;
          setSession({ status: 'anonymous', expired: false });
          // End the identity provider's session too (with the ID token as hint, so it asks no question),
          // or the next sign-in would not ask for a password. Offline, at least forget the tokens here.
          await userManager(oidc).signoutRedirect().catch(() => forgetUser(oidc));
          return;
        }
        await signOutRequest();
        setSession({ status: 'anonymous', expired: false });
      },
      sessionLost,
      retry: load,
    }),
    [session, config, load, sessionLost],
  );
  return <SessionContext.Provider value={api}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionApi {
  const api = useContext(SessionContext);
  if (!api) throw new Error('useSession outside SessionProvider');
  return api;
}

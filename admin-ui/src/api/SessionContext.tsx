import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { loadSession, signIn as signInRequest, signOut as signOutRequest, type SessionUser } from './session';

export type Session =
  | { status: 'loading' }
  | { status: 'unreachable'; message: string }
  | { status: 'anonymous'; expired: boolean }
  | { status: 'signed-in'; user: SessionUser };

type SessionApi = {
  session: Session;
  signIn: (username: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
  /** Called when the API answers UNAUTHENTICATED: the session ended on the server. */
  sessionLost: () => void;
  retry: () => void;
};

const SessionContext = createContext<SessionApi | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session>({ status: 'loading' });

  const load = useCallback(() => {
    setSession({ status: 'loading' });
    loadSession()
      .then((user) => setSession(user ? { status: 'signed-in', user } : { status: 'anonymous', expired: false }))
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
      async signIn(username, password) {
        const user = await signInRequest(username, password);
        setSession({ status: 'signed-in', user });
      },
      async signOut() {
        await signOutRequest();
        setSession({ status: 'anonymous', expired: false });
      },
      sessionLost,
      retry: load,
    }),
    [session, load, sessionLost],
  );
  return <SessionContext.Provider value={api}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionApi {
  const api = useContext(SessionContext);
  if (!api) throw new Error('useSession outside SessionProvider');
  return api;
}

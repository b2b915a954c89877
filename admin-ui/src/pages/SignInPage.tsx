import { useState, type FormEvent } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import { useSession } from '../api/SessionContext';
import { SignInRefused } from '../api/session';

/** Only same-app paths are followed after sign-in, never another site. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/projects';
}

export function SignInPage() {
  const { session, config, signIn, signInWithSso } = useSession();
  const [params] = useSearchParams();
  const [username, setUsername] = useState('admin');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const next = safeNext(params.get('next'));

  if (session.status === 'signed-in') return <Navigate to={next} replace />;
  const sso = config?.oidc ?? null;
  const local = config?.local ?? true;

  async function single() {
    setBusy(true);
    setError(null);
    try {
      await signInWithSso(next);
    } catch (e) {
      setError(`Could not reach the identity provider: ${(e as Error).message}`);
      setBusy(false);
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!username || !password) {
      setError('Enter your username and password.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await signIn(username, password);
    } catch (e) {
      setError(e instanceof SignInRefused ? e.message : `Could not sign in: ${(e as Error).message}`);
      setPassword('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="center-page sign-in">
      <main className="card narrow" aria-labelledby="sign-in-title">
        <div className="sign-in-brand" aria-hidden="true">
          <svg viewBox="0 0 32 32" width="40" height="40">
            <rect width="32" height="32" rx="7" fill="#1f3a5f" />
            <path d="M10 6v20" stroke="#fff" strokeWidth="2.5" strokeLinecap="round" />
            <path d="M11 7h11l-3 4.5 3 4.5H11z" fill="#5fd3a3" />
          </svg>
          <span>Flagledger</span>
        </div>
        <h1 id="sign-in-title">Sign in</h1>
        {params.get('expired') && !error && (
          <p className="alert info" role="status">
            Your session ended. Sign in again to continue where you were.
          </p>
        )}
        {sso && (
          <div className="sso">
            <button type="button" className="button primary wide" onClick={single} disabled={busy}>
              Sign in with single sign-on
            </button>
            {local && <p className="muted divider">or, as the local administrator</p>}
          </div>
        )}
        {error && !local && (
          <p className="alert error" role="alert">
            {error}
          </p>
        )}
        {local && (
        <form onSubmit={submit} noValidate>
          <div className="field">
            <label htmlFor="username">Username</label>
            <input id="username" name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required />
          </div>
          <div className="field">
            <label htmlFor="password">Password</label>
            <input
              id="password"
              name="password"
              type="password"
              autoComplete="current-password"
              autoFocus={!sso}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              required
            />
          </div>
          {error && (
            <p className="alert error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" className={sso ? 'button wide' : 'button primary wide'} disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
        )}
        {local && (
          <p className="hint">
            The local administrator&apos;s password is set with FLAGLEDGER_ADMIN_PASSWORD, or printed once in the server log on first start.
          </p>
        )}
      </main>
    </div>
  );
}

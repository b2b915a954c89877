import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useSession } from '../api/SessionContext';

/** Only same-app paths are followed after sign-in, never another site. */
function safeNext(next: string): string {
  return next.startsWith('/') && !next.startsWith('//') ? next : '/projects';
}

/** Where the identity provider sends the browser back: finishes the PKCE code exchange. */
export function SignedInCallbackPage() {
  const { completeSso } = useSession();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const started = useRef(false);

  useEffect(() => {
    // A code can be exchanged once; React's development double effects must not try twice.
    if (started.current) return;
    started.current = true;
    completeSso()
      .then((next) => navigate(safeNext(next), { replace: true }))
      .catch((e: Error) => setError(e.message));
  }, [completeSso, navigate]);

  return (
    <div className="center-page">
      <main className="card narrow" aria-labelledby="signed-in-title">
        <h1 id="signed-in-title">Signing in…</h1>
        {error ? (
          <>
            <p className="alert error" role="alert">
              Sign-in did not complete: {error}
            </p>
            <Link to="/sign-in" className="button primary">
              Back to sign-in
            </Link>
          </>
        ) : (
          <p className="muted" aria-busy="true">
            Completing single sign-on.
          </p>
        )}
      </main>
    </div>
  );
}

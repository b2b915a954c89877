import { useState } from 'react';
import { Link, Outlet, useMatch, useNavigate } from 'react-router';
import { useQuery } from 'urql';
import { useSession } from '../api/SessionContext';
import { ProjectsQuery } from '../api/documents';

// An empty result names no type, so urql's document cache could not tell it went stale: say which
// types the list holds, so creating the first one refreshes it.
const PROJECT_TYPES = { additionalTypenames: ['Project'] };

export function Layout() {
  const { session, signOut } = useSession();
  const navigate = useNavigate();
  const inProject = useMatch('/projects/:projectKey/*');
  const projectKey = inProject?.params.projectKey;
  const [{ data }] = useQuery({ query: ProjectsQuery, context: PROJECT_TYPES });
  const [signOutError, setSignOutError] = useState<string | null>(null);

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link to="/projects" className="brand" aria-label="Flagledger: all projects">
          <svg viewBox="0 0 32 32" width="26" height="26" aria-hidden="true">
            <rect width="32" height="32" rx="7" fill="#5fd3a3" fillOpacity="0.16" />
            <path d="M10 6v20" stroke="#e8eef6" strokeWidth="2.5" strokeLinecap="round" />
            <path d="M11 7h11l-3 4.5 3 4.5H11z" fill="#5fd3a3" />
          </svg>
          <span>Flagledger</span>
        </Link>
        {data && data.projects.length > 0 && (
          <div className="project-switcher">
            <label htmlFor="project-switcher">Project</label>
            <select
              id="project-switcher"
              value={projectKey ?? ''}
              onChange={(e) => navigate(e.target.value ? `/projects/${e.target.value}/flags` : '/projects')}
            >
              <option value="">All projects</option>
              {data.projects.map((p) => (
                <option key={p.key} value={p.key}>
                  {p.name} ({p.key})
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="topbar-end">
          {session.status === 'signed-in' && (
            <span className="user" title={session.user.subject}>
              {session.user.displayName}
            </span>
          )}
          <button
            type="button"
            className="button ghost"
            onClick={() =>
              signOut()
                .then(() => navigate('/sign-in'))
                .catch((e: Error) => setSignOutError(e.message))
            }
          >
            Sign out
          </button>
        </div>
      </header>
      {signOutError && (
        <div className="alert error page-alert" role="alert">
          {signOutError}
        </div>
      )}
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}

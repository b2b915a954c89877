import { lazy, Suspense, useMemo } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { Provider as UrqlProvider } from 'urql';
import { createApiClient } from './api/client';
import { SessionProvider, useSession } from './api/SessionContext';
import { NoticeProvider } from './components/Notice';
import { Layout } from './components/Layout';
import { SignInPage } from './pages/SignInPage';
import { SignedInCallbackPage } from './pages/SignedInCallbackPage';
import { ProjectsPage } from './pages/ProjectsPage';
import { ProjectLayout } from './pages/ProjectLayout';
import { FlagListPage } from './pages/FlagListPage';
import { CreateFlagPage } from './pages/CreateFlagPage';
import { FlagDetailPage } from './pages/FlagDetailPage';
import { EnvironmentsPage } from './pages/EnvironmentsPage';
import { NotFound } from './pages/NotFound';
import { SegmentEditorPage, SegmentsPage } from './pages/SegmentsPage';
import { EvaluatePage } from './pages/EvaluatePage';
import { SdkKeysPage } from './pages/SdkKeysPage';
import { StaleFlagsPage } from './stale/StaleFlagsPage';
import { AuditPage } from './audit/AuditPage';
import { ExperimentsPage } from './experiments/ExperimentsPage';
import { ExperimentSetupPage } from './experiments/ExperimentSetupPage';
import { FlagAsOfPage } from './audit/FlagAsOfPage';
import { ProjectAsOfPage } from './audit/ProjectAsOfPage';
import { ChangeRequestsPage } from './approval/ChangeRequestsPage';
import { ChangeRequestPage } from './approval/ChangeRequestPage';
import { CompliancePage } from './approval/CompliancePage';
import { ApiTokensPage } from './token/ApiTokensPage';
import { WebhooksPage } from './webhook/WebhooksPage';

// The results page draws charts (recharts, most of the bundle): loaded when first opened, not at sign-in.
const ExperimentPage = lazy(() => import('./experiments/ExperimentPage').then((m) => ({ default: m.ExperimentPage })));

/**
 * Routes. A capability's screens hang under its project (see ProjectLayout's tabs); the server
 * answers every path under /projects with this app, so deep links work.
 */
export function App() {
  return (
    <SessionProvider>
      <NoticeProvider>
        <Routes>
          <Route path="/sign-in" element={<SignInPage />} />
          <Route path="/signed-in" element={<SignedInCallbackPage />} />
          <Route element={<SignedIn />}>
            <Route path="/" element={<Navigate to="/projects" replace />} />
            <Route path="/projects" element={<ProjectsPage />} />
            <Route path="/projects/:projectKey" element={<ProjectLayout />}>
              <Route index element={<Navigate to="flags" replace />} />
              <Route path="flags" element={<FlagListPage />} />
              <Route path="flags/new" element={<CreateFlagPage />} />
              <Route path="flags/:flagKey" element={<FlagDetailPage />} />
              <Route path="flags/:flagKey/as-of" element={<FlagAsOfPage />} />
              <Route path="segments" element={<SegmentsPage />} />
              <Route path="segments/new" element={<SegmentEditorPage />} />
              <Route path="segments/:segmentKey" element={<SegmentEditorPage />} />
              <Route path="experiments" element={<ExperimentsPage />} />
              <Route path="experiments/new" element={<ExperimentSetupPage />} />
              <Route
                path="experiments/:experimentKey"
                element={
                  <Suspense fallback={<p className="page muted">Loading experiment…</p>}>
                    <ExperimentPage />
                  </Suspense>
                }
              />
              <Route path="evaluate" element={<EvaluatePage />} />
              <Route path="stale-flags" element={<StaleFlagsPage />} />
              <Route path="sdk-keys" element={<SdkKeysPage />} />
              <Route path="api-tokens" element={<ApiTokensPage />} />
              <Route path="audit" element={<AuditPage />} />
              <Route path="audit/as-of" element={<ProjectAsOfPage />} />
              <Route path="environments" element={<EnvironmentsPage />} />
              <Route path="change-requests" element={<ChangeRequestsPage />} />
              <Route path="change-requests/:requestId" element={<ChangeRequestPage />} />
              <Route path="compliance" element={<CompliancePage />} />
              <Route path="webhooks" element={<WebhooksPage />} />
            </Route>
            <Route path="*" element={<NotFound />} />
          </Route>
        </Routes>
      </NoticeProvider>
    </SessionProvider>
  );
}

function SignedIn() {
  const { session, sessionLost, retry } = useSession();
  const location = useLocation();
  const client = useMemo(() => createApiClient(sessionLost), [sessionLost]);
  if (session.status === 'loading')
    return (
      <div className="center-page" aria-busy="true">
        <p className="muted">Loading…</p>
      </div>
    );
  if (session.status === 'unreachable')
    return (
      <div className="center-page">
        <div className="card narrow" role="alert">
          <h1>The server is not answering</h1>
          <p>{session.message}</p>
          <button className="button primary" onClick={retry}>
            Try again
          </button>
        </div>
      </div>
    );
  if (session.status === 'anonymous') {
    const next = location.pathname + location.search;
    return <Navigate to={`/sign-in?next=${encodeURIComponent(next)}${session.expired ? '&expired=1' : ''}`} replace />;
  }
  return (
    <UrqlProvider value={client}>
      <Layout />
    </UrqlProvider>
  );
}

import { useEffect, useRef } from 'react';
import { NavLink, Outlet, useLocation, useOutletContext, useParams } from 'react-router';
import { useQuery } from 'urql';
import { ProjectQuery } from '../api/documents';
import type { ProjectFieldsFragment } from '../gql/graphql';
import { queryState } from './QueryState';

/**
 * The sections of a project. Capabilities that land later (segments, audit history, SDK keys) add
 * an entry here and a route under /projects/:projectKey in App.
 */
const SECTIONS = [
  { path: 'flags', label: 'Flags' },
  { path: 'segments', label: 'Segments' },
  { path: 'experiments', label: 'Experiments' },
  { path: 'stale-flags', label: 'Stale flags' },
  { path: 'evaluate', label: 'Evaluate' },
  { path: 'change-requests', label: 'Change requests' },
  { path: 'audit', label: 'Audit' },
  { path: 'compliance', label: 'Compliance' },
  // The project's set-up, mostly for admins: kept together at the end of the row.
  { path: 'environments', label: 'Environments', setup: true },
  { path: 'sdk-keys', label: 'SDK keys', setup: true },
  { path: 'api-tokens', label: 'API tokens', setup: true },
  { path: 'webhooks', label: 'Webhooks', setup: true },
] as const;

export type ProjectContext = { project: ProjectFieldsFragment; reloadProject: () => void };

export function ProjectLayout() {
  const { projectKey = '' } = useParams();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: ProjectQuery, variables: { key: projectKey } });
  const tabs = useRef<HTMLElement>(null);
  const { pathname } = useLocation();
  // On a narrow window the tabs scroll sideways: keep the current one in view (sideways only, never the page).
  useEffect(() => {
    const nav = tabs.current;
    const active = nav?.querySelector<HTMLElement>('.tab.active');
    if (!nav || !active) return;
    const left = active.offsetLeft - nav.offsetLeft;
    if (left < nav.scrollLeft || left + active.offsetWidth > nav.scrollLeft + nav.clientWidth) nav.scrollLeft = Math.max(0, left - 16);
  }, [pathname, data]);

  const unavailable = queryState('project', { error, fetching, hasData: !!data, found: !!data?.project });
  const project = data?.project;
  if (unavailable || !project) return unavailable;
  const context: ProjectContext = { project, reloadProject: () => reexecute({ requestPolicy: 'network-only' }) };

  return (
    <div className="project">
      <div className="project-header">
        <div className="project-title">
          <p className="eyebrow">Project</p>
          <h1 className="project-name">
            {project.name} <span className="mono muted">{project.key}</span>
          </h1>
        </div>
        <nav aria-label="Project sections" className="tabs" ref={tabs}>
          {SECTIONS.map((section, i) => (
            <NavLink
              key={section.path}
              to={section.path}
              className={({ isActive }) => `tab${isActive ? ' active' : ''}${'setup' in section && !('setup' in SECTIONS[i - 1]) ? ' setup-start' : ''}`}
            >
              {section.label}
            </NavLink>
          ))}
        </nav>
      </div>
      <Outlet context={context} />
    </div>
  );
}

export const useProject = () => useOutletContext<ProjectContext>();

/** Whether any environment requires a reason: then flag-wide changes (variations, archive) require one too. */
export function anyRequiresReason(project: ProjectFieldsFragment): boolean {
  return project.environments.some((e) => e.requireReason);
}

export function policyText(project: ProjectFieldsFragment): string | undefined {
  const strict = project.environments.filter((e) => e.requireReason).map((e) => e.name);
  return strict.length ? `Required because ${strict.join(', ')} ${strict.length > 1 ? 'require' : 'requires'} a reason for every change, and this change affects every environment.` : undefined;
}

/** One environment's reason policy, as the ChangeDialog takes it (none for an environment it does not know). */
export function reasonPolicyOf(env: { name: string; requireReason: boolean } | undefined): { reasonRequired: boolean; reasonPolicy?: string } {
  return { reasonRequired: env?.requireReason ?? false, reasonPolicy: env?.requireReason ? `${env.name} requires a reason for every change.` : undefined };
}

/** A protected environment that a change reaches, and the approvals it needs before anything changes. */
export type Approval = { environment: string; approvals: number };

/**
 * The protection a change meets: its environment's, or for a change that reaches every environment
 * (variations, archive, segments; envKey null) the strictest protected one, as the server decides.
 */
export function protectionOf(project: ProjectFieldsFragment, envKey: string | null): Approval | undefined {
  const protections = (project.protections ?? []).filter((p) => envKey == null || p.environment === envKey);
  if (protections.length === 0) return undefined;
  const strictest = protections.reduce((a, b) => (b.requiredApprovals > a.requiredApprovals ? b : a));
  return { environment: project.environments.find((e) => e.key === strictest.environment)?.name ?? strictest.environment, approvals: strictest.requiredApprovals };
}

/** The notice after a change that a protected environment turned into a change request. */
export const proposedText = (approval: Approval | undefined) =>
  `${approval?.environment ?? 'A protected environment'} is protected: change request opened for approval`;

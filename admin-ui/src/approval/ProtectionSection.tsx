import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { outcome } from '../api/mutate';
import { problemOf, type Problem } from '../api/problems';
import { useNotify } from '../components/Notice';
import { useProject } from '../pages/ProjectLayout';
import { ProtectionsQuery, SetEnvironmentProtectionMutation } from './documents';

const names = (text: string) => text.split(',').map((name) => name.trim()).filter(Boolean);

/**
 * Protection settings (admins): in a protected environment every change becomes a change request
 * that needs approvals. Who may approve is named by token roles or groups; the author never approves
 * their own change unless allowed; a break-glass role may apply without approvals (reported).
 */
export function ProtectionSection() {
  const { project } = useProject();
  const notify = useNotify();
  const [{ data, error }, reexecute] = useQuery({ query: ProtectionsQuery, variables: { key: project.key } });
  const [, save] = useMutation(SetEnvironmentProtectionMutation);
  const [environment, setEnvironment] = useState(project.environments.at(-1)?.key ?? '');
  const [approvals, setApprovals] = useState(1);
  const [roles, setRoles] = useState('');
  const [groups, setGroups] = useState('');
  const [selfApproval, setSelfApproval] = useState(false);
  const [breakGlass, setBreakGlass] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const protections = data?.project?.protections ?? [];
  const envName = (key: string) => project.environments.find((e) => e.key === key)?.name ?? key;

  async function submit(event: FormEvent, lift = false) {
    event.preventDefault();
    setProblem(null);
    const version = data?.project?.version ?? project.version;
    const protection = lift
      ? null
      : { requiredApprovals: approvals, approverRoles: names(roles), approverGroups: names(groups), allowSelfApproval: selfApproval, breakGlassRole: breakGlass.trim() || null };
    const result = await outcome(save({ input: { projectKey: project.key, environment, protection, expectedVersion: version } }));
    if (result.problem) setProblem(result.problem);
    else {
      notify(lift ? `${envName(environment)} is no longer protected` : `${envName(environment)} is protected`);
      reexecute({ requestPolicy: 'network-only' });
    }
  }

  function pick(key: string) {
    setEnvironment(key);
    const current = protections.find((p) => p.environment === key);
    setApprovals(current?.requiredApprovals ?? 1);
    setRoles(current?.approverRoles.join(', ') ?? '');
    setGroups(current?.approverGroups.join(', ') ?? '');
    setSelfApproval(current?.allowSelfApproval ?? false);
    setBreakGlass(current?.breakGlassRole ?? '');
  }

  return (
    <section className="card section" aria-labelledby="protection-title">
      <h3 id="protection-title">Protection and approvals</h3>
      {error && <div className="alert error">{problemOf(error).message}</div>}
      {protections.length === 0 ? (
        <p className="muted">No environment is protected: changes apply directly.</p>
      ) : (
        <ul>
          {protections.map((p) => (
            <li key={p.environment} data-protected={p.environment}>
              <strong>{envName(p.environment)}</strong>: {p.requiredApprovals} approval{p.requiredApprovals === 1 ? '' : 's'}
              {p.approverRoles.length + p.approverGroups.length > 0 && ` from ${[...p.approverRoles, ...p.approverGroups].join(' or ')}`}
              {p.allowSelfApproval ? ', authors may approve their own' : ''}
              {p.breakGlassRole && `, break-glass: ${p.breakGlassRole}`}
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={(e) => submit(e)}>
        <div className="row">
          <div className="field">
            <label htmlFor="protect-env">Environment</label>
            <select id="protect-env" value={environment} onChange={(e) => pick(e.target.value)}>
              {project.environments.map((env) => (
                <option key={env.key} value={env.key}>
                  {env.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="protect-approvals">Required approvals</label>
            <input id="protect-approvals" type="number" min={1} max={10} value={approvals} onChange={(e) => setApprovals(Number(e.target.value))} />
          </div>
          <div className="field grow">
            <label htmlFor="protect-roles">Approver roles (comma-separated, optional)</label>
            <input id="protect-roles" value={roles} onChange={(e) => setRoles(e.target.value)} />
          </div>
          <div className="field grow">
            <label htmlFor="protect-groups">Approver groups (optional)</label>
            <input id="protect-groups" value={groups} placeholder="/release-managers" onChange={(e) => setGroups(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="protect-glass">Break-glass role</label>
            <input id="protect-glass" value={breakGlass} onChange={(e) => setBreakGlass(e.target.value)} />
          </div>
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={selfApproval} onChange={(e) => setSelfApproval(e.target.checked)} /> Authors may approve their own changes
        </label>
        {problem && (
          <div className="alert error" role="alert">
            {problem.message}
          </div>
        )}
        <div className="form-actions">
          <button type="submit" className="button primary">
            Protect {envName(environment)}
          </button>
          {protections.some((p) => p.environment === environment) && (
            <button type="button" className="button danger" onClick={(e) => submit(e, true)}>
              Lift protection
            </button>
          )}
        </div>
      </form>
    </section>
  );
}

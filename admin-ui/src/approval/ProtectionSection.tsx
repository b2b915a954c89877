import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { outcome } from '../api/mutate';
import { ChangeDialog, type ChangeRequest } from '../components/ChangeDialog';
import { useNotify } from '../components/Notice';
import { TextField } from '../components/TextField';
import { useProject } from '../pages/ProjectLayout';
import { ProtectionsQuery, SetEnvironmentProtectionMutation } from './documents';
import { QueryError } from '../pages/QueryState';

const names = (text: string) => text.split(',').map((name) => name.trim()).filter(Boolean);

type Policy = { requiredApprovals: number; approverRoles: readonly string[]; approverGroups: readonly string[]; allowSelfApproval: boolean; breakGlassRole?: string | null };

/** A policy in words: "2 approvals from release-managers, authors may approve their own, break-glass: sre". */
export function policyWords(p: Policy): string {
  const approvers = [...p.approverRoles, ...p.approverGroups];
  return [
    `${p.requiredApprovals} approval${p.requiredApprovals === 1 ? '' : 's'}${approvers.length ? ` from ${approvers.join(' or ')}` : ''}`,
    p.allowSelfApproval ? 'authors may approve their own changes' : 'not by the author',
    p.breakGlassRole ? `break-glass: ${p.breakGlassRole}` : '',
  ]
    .filter(Boolean)
    .join(', ');
}

/**
 * Protection settings (admins): in a protected environment every change becomes a change request
 * that needs approvals. Who may approve is named by token roles or groups; the author never approves
 * their own change unless allowed; a break-glass role may apply without approvals (reported).
 * Saving and lifting go through the change dialog like every other change (reason, conflict).
 */
export function ProtectionSection() {
  const { project, reloadProject } = useProject();
  const notify = useNotify();
  const [{ data, error }, reexecute] = useQuery({ query: ProtectionsQuery, variables: { key: project.key } });
  const [, save] = useMutation(SetEnvironmentProtectionMutation);
  const [environment, setEnvironment] = useState(project.environments.at(-1)?.key ?? '');
  // The form shows the saved policy of the chosen environment until the user edits it.
  const [edits, setEdits] = useState<{ environment: string; approvals: string; roles: string; groups: string; selfApproval: boolean; breakGlass: string } | null>(null);
  const [approvalsError, setApprovalsError] = useState<string | null>(null);
  const [change, setChange] = useState<ChangeRequest | null>(null);
  const protections = data?.project?.protections ?? [];
  const envName = (key: string) => project.environments.find((e) => e.key === key)?.name ?? key;
  const current = protections.find((p) => p.environment === environment);
  const form =
    edits?.environment === environment
      ? edits
      : {
          environment,
          approvals: String(current?.requiredApprovals ?? 1),
          roles: current?.approverRoles.join(', ') ?? '',
          groups: current?.approverGroups.join(', ') ?? '',
          selfApproval: current?.allowSelfApproval ?? false,
          breakGlass: current?.breakGlassRole ?? '',
        };
  const edit = (fields: Partial<typeof form>) => setEdits({ ...form, ...fields });
  const env = project.environments.find((e) => e.key === environment);
  const reasonPolicy = env?.requireReason ? `${env.name} requires a reason for every change.` : undefined;

  function ask(lift: boolean) {
    const version = data?.project?.version ?? project.version;
    const approvals = Number(form.approvals);
    if (!lift && (!Number.isInteger(approvals) || approvals < 1 || approvals > 10)) {
      setApprovalsError('Between 1 and 10 approvals.');
      return;
    }
    setApprovalsError(null);
    const protection = lift
      ? null
      : { requiredApprovals: approvals, approverRoles: names(form.roles), approverGroups: names(form.groups), allowSelfApproval: form.selfApproval, breakGlassRole: form.breakGlass.trim() || null };
    setChange({
      title: lift ? `Lift the protection of ${envName(environment)}` : `Protect ${envName(environment)}`,
      summary: lift ? (
        <p>Changes in {envName(environment)} will apply directly again, without approval. Open change requests stay open.</p>
      ) : (
        <p>
          Every change in <strong>{envName(environment)}</strong> becomes a change request that applies once approved: {policyWords(protection!)}.
        </p>
      ),
      reasonRequired: env?.requireReason ?? false,
      reasonPolicy,
      confirmLabel: lift ? 'Lift protection' : current ? 'Save protection' : 'Protect',
      danger: lift,
      apply: async (reason) => {
        const result = await outcome(save({ input: { projectKey: project.key, environment, protection, expectedVersion: version, reason } }));
        if (!result.problem) {
          notify(lift ? `${envName(environment)} is no longer protected` : `${envName(environment)} is protected`);
          setEdits(null);
          reexecute({ requestPolicy: 'network-only' });
          reloadProject();
        }
        return result.problem;
      },
    });
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    ask(false);
  }

  return (
    <section className="card section" aria-labelledby="protection-title">
      <h3 id="protection-title">Protection and approvals</h3>
      <p className="muted">In a protected environment every change is proposed as a change request and applies once approved.</p>
      <QueryError error={error} />
      {protections.length === 0 ? (
        <p>No environment is protected: changes apply directly.</p>
      ) : (
        <ul>
          {protections.map((p) => (
            <li key={p.environment} data-protected={p.environment}>
              <strong>{envName(p.environment)}</strong>: {policyWords(p)}
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={submit} noValidate aria-label="Protection of one environment">
        <div className="row align-start">
          <div className="field">
            <label htmlFor="protect-env">Environment</label>
            <select id="protect-env" value={environment} onChange={(e) => setEnvironment(e.target.value)}>
              {project.environments.map((e) => (
                <option key={e.key} value={e.key}>
                  {e.name}
                  {protections.some((p) => p.environment === e.key) ? ' (protected)' : ''}
                </option>
              ))}
            </select>
          </div>
          <TextField
            id="protect-approvals"
            label="Required approvals"
            type="number"
            min={1}
            max={10}
            value={form.approvals}
            error={approvalsError}
            onChange={(e) => edit({ approvals: e.target.value })}
          />
          <TextField
            id="protect-roles"
            label="Approver roles"
            optional
            grow
            value={form.roles}
            placeholder="release-manager"
            describedBy="protect-approvers-hint"
            onChange={(e) => edit({ roles: e.target.value })}
          />
          <TextField
            id="protect-groups"
            label="Approver groups"
            optional
            grow
            value={form.groups}
            placeholder="/release-managers"
            describedBy="protect-approvers-hint"
            onChange={(e) => edit({ groups: e.target.value })}
          />
          <TextField
            id="protect-glass"
            label="Break-glass role"
            optional
            value={form.breakGlass}
            placeholder="sre-on-call"
            describedBy="protect-glass-hint"
            onChange={(e) => edit({ breakGlass: e.target.value })}
          />
        </div>
        <p id="protect-approvers-hint" className="hint">
          Roles and groups from the identity provider, separated by commas. Leave both empty to let anyone with the approver permission approve.
        </p>
        <p id="protect-glass-hint" className="hint">
          Holders of the break-glass role may apply a change without approvals in an emergency; such changes are listed apart in the compliance report.
        </p>
        <label className="checkbox">
          <input type="checkbox" checked={form.selfApproval} onChange={(e) => edit({ selfApproval: e.target.checked })} /> Authors may approve their own changes
        </label>
        <div className="form-actions">
          {current && (
            <button type="button" className="button danger" onClick={() => ask(true)}>
              Lift protection…
            </button>
          )}
          <button type="submit" className="button primary">
            {current ? `Save protection of ${envName(environment)}…` : `Protect ${envName(environment)}…`}
          </button>
        </div>
      </form>
      {change && <ChangeDialog {...change} subject="project" onClose={() => setChange(null)} onReload={() => { reexecute({ requestPolicy: 'network-only' }); reloadProject(); }} />}
    </section>
  );
}

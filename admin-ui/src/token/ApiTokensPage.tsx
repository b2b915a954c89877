import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { outcome } from '../api/mutate';
import { problemOf } from '../api/problems';
import { ChangeDialog, type ChangeRequest } from '../components/ChangeDialog';
import { DangerousRowAction } from '../components/DangerousRowAction';
import { ACTIONS_COLUMN, QueryTable } from '../components/QueryTable';
import { SecretDialog } from '../components/SecretDialog';
import { TextField } from '../components/TextField';
import type { ApiTokenFieldsFragment, ApiTokenRole } from '../gql/graphql';
import { anyRequiresReason, policyText, reasonPolicyOf, useProject } from '../pages/ProjectLayout';
import { ApiTokensQuery, CreateApiTokenMutation, RevokeApiTokenMutation } from './documents';

const TOKEN_TYPES = { additionalTypenames: ['ApiToken'] };

export const ROLES: { role: ApiTokenRole; label: string; hint: string }[] = [
  { role: 'VIEWER', label: 'Viewer', hint: 'reads flags, segments and the audit history' },
  { role: 'EDITOR', label: 'Editor', hint: 'also changes flags and segments (CI, GitOps apply)' },
  { role: 'APPROVER', label: 'Approver', hint: 'also approves change requests' },
  { role: 'ADMIN', label: 'Admin', hint: 'also manages environments, SDK keys and tokens' },
];

/** How long a new token lives: presets, since a token that never expires should be a choice, not an accident. */
export const LIFETIMES = [
  { days: 30, label: '30 days' },
  { days: 90, label: '90 days' },
  { days: 365, label: '1 year' },
  { days: 0, label: 'Never' },
] as const;

export function expiryOf(days: number, now: Date = new Date()): string | null {
  return days > 0 ? new Date(now.getTime() + days * 86_400_000).toISOString() : null;
}

type Status = 'active' | 'revoked' | 'expired';
export function statusOf(token: Pick<ApiTokenFieldsFragment, 'revoked' | 'expiresAt'>, now: Date = new Date()): Status {
  if (token.revoked) return 'revoked';
  if (token.expiresAt && new Date(token.expiresAt).getTime() <= now.getTime()) return 'expired';
  return 'active';
}

const STATUS_TEXT: Record<Status, string> = { active: 'Active', revoked: 'Revoked', expired: 'Expired' };
const roleLabel = (role: ApiTokenRole) => ROLES.find((r) => r.role === role)?.label ?? role;

/**
 * API tokens (admins): bearer tokens for scripts, CI and the CLI, each with one role on this project
 * or on one of its environments. The secret is shown once; revoking ends it at once.
 */
export function ApiTokensPage() {
  const { project } = useProject();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: ApiTokensQuery, variables: { projectKey: project.key }, context: TOKEN_TYPES });
  const [, create] = useMutation(CreateApiTokenMutation);
  const [, revoke] = useMutation(RevokeApiTokenMutation);
  const [name, setName] = useState('');
  const [role, setRole] = useState<ApiTokenRole>('EDITOR');
  const [environment, setEnvironment] = useState('');
  const [lifetime, setLifetime] = useState<number>(90);
  const [nameError, setNameError] = useState<string | null>(null);
  const [change, setChange] = useState<ChangeRequest | null>(null);
  const [secret, setSecret] = useState<{ name: string; value: string } | null>(null);
  const tokens = data?.apiTokens ?? [];
  const envName = (key: string) => project.environments.find((e) => e.key === key)?.name ?? key;
  const problem = error ? problemOf(error) : null;

  /** The reason policy of a token's scope: its environment's, or for the whole project, any environment's. */
  function policy(envKey: string | null | undefined): { reasonRequired: boolean; reasonPolicy?: string } {
    if (!envKey) return { reasonRequired: anyRequiresReason(project), reasonPolicy: policyText(project) };
    return reasonPolicyOf(project.environments.find((e) => e.key === envKey));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) {
      setNameError('Name the token after the job or person that will use it, e.g. ci-deploy.');
      return;
    }
    setNameError(null);
    const expiresAt = expiryOf(lifetime);
    setChange({
      title: 'Create API token',
      summary: (
        <p>
          A token named <strong>{trimmed}</strong> with the role <strong>{roleLabel(role)}</strong> on{' '}
          <strong>{environment ? `${envName(environment)} of ${project.name}` : `all of ${project.name}`}</strong>,{' '}
          {expiresAt ? `valid until ${new Date(expiresAt).toLocaleDateString()}` : 'never expiring'}. Changes made with it are recorded as the token, on
          your behalf. Its secret is shown once.
        </p>
      ),
      ...policy(environment),
      confirmLabel: 'Create token',
      apply: async (reason) => {
        const result = await outcome(
          create({ input: { name: trimmed, role, projectKey: project.key, environment: environment || null, expiresAt, reason } }),
        );
        if (result.data) {
          setSecret({ name: result.data.createApiToken.token.name, value: result.data.createApiToken.secret });
          setName('');
          reexecute({ requestPolicy: 'network-only' });
        }
        return result.problem;
      },
    });
  }

  if (problem?.code === 'FORBIDDEN')
    return (
      <div className="page">
        <h2>API tokens</h2>
        <div className="alert info" role="note">
          Only admins of {project.name} can see and issue API tokens. Ask one of them for a token, or sign in with your own account in the CLI.
        </div>
      </div>
    );

  return (
    <div className="page">
      <h2>API tokens</h2>
      <p className="muted">
        Bearer tokens for scripts, CI jobs and the CLI (<span className="mono">flagledger --token</span>). Each carries one role on this project or on
        one of its environments, and acts on behalf of the admin who created it. Tokens for every project are issued with the CLI.
      </p>
      <form className="card section" onSubmit={submit} noValidate aria-labelledby="new-token-title">
        <h3 id="new-token-title">New token</h3>
        <div className="row">
          <TextField id="token-name" label="Name" grow value={name} placeholder="e.g. ci-deploy" error={nameError} onChange={(e) => setName(e.target.value)} />
          <div className="field">
            <label htmlFor="token-role">Role</label>
            <select id="token-role" value={role} aria-describedby="token-role-hint" onChange={(e) => setRole(e.target.value as ApiTokenRole)}>
              {ROLES.map((r) => (
                <option key={r.role} value={r.role}>
                  {r.label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="token-scope">Scope</label>
            <select id="token-scope" value={environment} onChange={(e) => setEnvironment(e.target.value)}>
              <option value="">Whole project</option>
              {project.environments.map((env) => (
                <option key={env.key} value={env.key}>
                  {env.name} only
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="token-expires">Expires after</label>
            <select id="token-expires" value={lifetime} onChange={(e) => setLifetime(Number(e.target.value))}>
              {LIFETIMES.map((l) => (
                <option key={l.days} value={l.days}>
                  {l.label}
                </option>
              ))}
            </select>
          </div>
        </div>
        <p id="token-role-hint" className="hint">
          {roleLabel(role)}: {ROLES.find((r) => r.role === role)?.hint}.
        </p>
        <div className="form-actions">
          <button type="submit" className="button primary">
            Create token…
          </button>
        </div>
      </form>
      <QueryTable
        query={{ data, fetching, error }}
        loading="Loading tokens…"
        empty={<p className="muted">No API tokens for {project.name} yet.</p>}
        caption={`API tokens of ${project.name}`}
        columns={['Name', 'Role', 'Scope', 'Token starts with', 'Created', 'Expires', 'Status', ACTIONS_COLUMN]}
        items={tokens}
        row={(token) => {
          const status = statusOf(token);
          return (
            <tr key={token.id} data-token={token.name}>
              <td>{token.name}</td>
              <td>{roleLabel(token.role)}</td>
              <td>{token.environment ? envName(token.environment) : 'Whole project'}</td>
              <td className="mono">{token.displayPrefix.endsWith('…') ? token.displayPrefix : `${token.displayPrefix}…`}</td>
              <td>
                <span title={token.createdAt}>{new Date(token.createdAt).toLocaleDateString()}</span>
                {token.createdBy.name && <div className="muted small">by {token.createdBy.name}</div>}
              </td>
              <td>{token.expiresAt ? <span title={token.expiresAt}>{new Date(token.expiresAt).toLocaleDateString()}</span> : 'Never'}</td>
              <td>
                <span className={`status ${status === 'active' ? 'on' : 'off'}`}>{STATUS_TEXT[status]}</span>
              </td>
              <td className="actions">
                {!token.revoked && (
                  <DangerousRowAction
                    verb="Revoke"
                    name={token.name}
                    done="revoked"
                    change={{
                      summary: <p>Requests with this token are refused from now on, so scripts and CI jobs that use it stop working. This cannot be undone.</p>,
                      // Revoking breaks someone's job: the reason tells them why, so it is always asked for.
                      reasonRequired: true,
                      reasonPolicy: policy(token.environment).reasonPolicy ?? 'Tell whoever uses this token why it stopped working.',
                      confirmLabel: 'Revoke token',
                    }}
                    send={(reason) => revoke({ input: { id: token.id, projectKey: token.projectKey, environment: token.environment, reason } })}
                    ask={setChange}
                  />
                )}
              </td>
            </tr>
          );
        }}
      />
      {change && <ChangeDialog {...change} subject="token" onClose={() => setChange(null)} onReload={() => reexecute({ requestPolicy: 'network-only' })} />}
      {secret && (
        <SecretDialog title={`Secret of ${secret.name}`} secret={secret.value} onClose={() => setSecret(null)}>
          <p className="muted small">
            Send it as <span className="mono">Authorization: Bearer &lt;secret&gt;</span>, or give it to the CLI as <span className="mono">--token</span> or{' '}
            <span className="mono">FLAGLEDGER_TOKEN</span>.
          </p>
        </SecretDialog>
      )}
    </div>
  );
}

import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { CreateSdkKeyMutation, RevokeSdkKeyMutation, SdkKeysQuery } from '../api/documents';
import { outcome } from '../api/mutate';
import { ChangeDialog, type ChangeRequest } from '../components/ChangeDialog';
import { DangerousRowAction } from '../components/DangerousRowAction';
import { ACTIONS_COLUMN, QueryTable } from '../components/QueryTable';
import { SecretDialog } from '../components/SecretDialog';
import { TextField } from '../components/TextField';
import type { SdkKeyKind } from '../gql/graphql';
import { reasonPolicyOf, useProject } from './ProjectLayout';

const KEY_TYPES = { additionalTypenames: ['SdkKey'] };

/** SDK keys (admins): one environment each; the secret is shown once, at creation. */
export function SdkKeysPage() {
  const { project } = useProject();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: SdkKeysQuery, variables: { projectKey: project.key }, context: KEY_TYPES });
  const [, create] = useMutation(CreateSdkKeyMutation);
  const [, revoke] = useMutation(RevokeSdkKeyMutation);
  const [name, setName] = useState('');
  const [environment, setEnvironment] = useState(project.environments[0]?.key ?? '');
  const [kind, setKind] = useState<SdkKeyKind>('SERVER');
  const [signed, setSigned] = useState(false);
  const [nameError, setNameError] = useState<string | null>(null);
  const [change, setChange] = useState<ChangeRequest | null>(null);
  const [secret, setSecret] = useState<{ name: string; value: string; signing?: string | null } | null>(null);
  const keys = data?.sdkKeys ?? [];
  const envOf = (key: string) => project.environments.find((e) => e.key === key);
  const envName = (key: string) => envOf(key)?.name ?? key;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) {
      setNameError('Name the key after the service or app that will use it.');
      return;
    }
    setNameError(null);
    const env = envOf(environment)!;
    setChange({
      title: 'Create SDK key',
      summary: (
        <p>
          A <strong>{kind.toLowerCase()}</strong> key named <strong>{name.trim()}</strong> for <strong>{env.name}</strong>. Its secret is shown once.
        </p>
      ),
      ...reasonPolicyOf(env),
      confirmLabel: 'Create key',
      apply: async (reason) => {
        const result = await outcome(
          create({ input: { projectKey: project.key, environment, kind, name: name.trim(), reason, requireSignedRequests: signed && kind === 'SERVER' } }),
        );
        if (result.data) {
          setSecret({ name: result.data.createSdkKey.key.name, value: result.data.createSdkKey.secret, signing: result.data.createSdkKey.signingSecret });
          setName('');
          reexecute({ requestPolicy: 'network-only' });
        }
        return result.problem;
      },
    });
  }

  return (
    <div className="page">
      <h2>SDK keys</h2>
      <p className="muted">
        Server keys read the whole configuration (OFREP, config download, stream); client keys only evaluate through OFREP and may ship in browsers. Each key serves one environment.
      </p>
      <form className="card section" onSubmit={submit} noValidate aria-labelledby="new-key-title">
        <h3 id="new-key-title">New key</h3>
        <div className="row">
          <TextField id="key-name" label="Name" grow value={name} placeholder="e.g. checkout-service" error={nameError} onChange={(e) => setName(e.target.value)} />
          <div className="field">
            <label htmlFor="key-env">Environment</label>
            <select id="key-env" value={environment} onChange={(e) => setEnvironment(e.target.value)}>
              {project.environments.map((env) => (
                <option key={env.key} value={env.key}>
                  {env.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="key-kind">Kind</label>
            <select id="key-kind" value={kind} onChange={(e) => setKind(e.target.value as SdkKeyKind)}>
              <option value="SERVER">Server</option>
              <option value="CLIENT">Client</option>
            </select>
          </div>
        </div>
        {kind === 'SERVER' && (
          <label className="checkbox">
            <input type="checkbox" checked={signed} onChange={(e) => setSigned(e.target.checked)} /> Require signed requests (HMAC, see docs/webhooks.md)
          </label>
        )}
        <div className="form-actions">
          <button type="submit" className="button primary">
            Create key…
          </button>
        </div>
      </form>
      <QueryTable
        query={{ data, fetching, error }}
        loading="Loading keys…"
        empty={<p className="muted">No SDK keys yet.</p>}
        caption={`SDK keys of ${project.name}`}
        columns={['Name', 'Environment', 'Kind', 'Key starts with', 'Status', ACTIONS_COLUMN]}
        items={keys}
        row={(k) => (
          <tr key={k.id} data-key={k.name}>
            <td>{k.name}</td>
            <td>{envName(k.environment)}</td>
            <td>{k.kind.toLowerCase()}</td>
            <td className="mono">{k.displayPrefix.endsWith('…') ? k.displayPrefix : `${k.displayPrefix}…`}</td>
            <td>
              {k.revoked ? <span className="status off">Revoked</span> : <span className="status on">Active</span>}
              {k.signedRequests && <span className="muted small"> signed requests</span>}
            </td>
            <td>
              {!k.revoked && (
                <DangerousRowAction
                  verb="Revoke"
                  name={k.name}
                  done="revoked"
                  change={{
                    summary: <p>SDKs using this key in {envName(k.environment)} are refused from now on. This cannot be undone.</p>,
                    ...reasonPolicyOf(envOf(k.environment)),
                    confirmLabel: 'Revoke key',
                  }}
                  send={(reason) => revoke({ input: { projectKey: project.key, environment: k.environment, id: k.id, reason } })}
                  ask={setChange}
                />
              )}
            </td>
          </tr>
        )}
      />
      {change && <ChangeDialog {...change} subject="key" onClose={() => setChange(null)} onReload={() => reexecute({ requestPolicy: 'network-only' })} />}
      {secret && (
        <SecretDialog title={`Secret of ${secret.name}`} secret={secret.value} onClose={() => setSecret(null)}>
          <p className="muted small">Send it as Authorization: Bearer &lt;secret&gt;.</p>
          {secret.signing && (
            <>
              <p>
                <strong>Signing secret</strong>, also shown only once: sign every request with it (Flagledger-Signature).
              </p>
              <textarea className="mono secret" readOnly rows={2} aria-label="Signing secret" value={secret.signing} onFocus={(e) => e.target.select()} />
            </>
          )}
        </SecretDialog>
      )}
    </div>
  );
}

import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { outcome } from '../api/mutate';
import { ChangeDialog, type ChangeRequest } from '../components/ChangeDialog';
import { DangerousRowAction } from '../components/DangerousRowAction';
import { ACTIONS_COLUMN, QueryTable } from '../components/QueryTable';
import { Modal } from '../components/Modal';
import { useNotify } from '../components/Notice';
import { TextField } from '../components/TextField';
import type { WebhookDeliveryStatus } from '../gql/graphql';
import { useProject } from '../pages/ProjectLayout';
import {
  CreateWebhookSubscriptionMutation,
  DeleteWebhookSubscriptionMutation,
  UpdateWebhookSubscriptionMutation,
  WebhookDeliveriesQuery,
  WebhookSubscriptionsQuery,
} from './documents';

const TYPES = { additionalTypenames: ['WebhookSubscription', 'WebhookDelivery'] };

/** Event types as typed in the form: comma or space separated names; empty means every change. */
export function parseEventTypes(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((type) => type.trim())
    .filter((type) => type.length > 0);
}

/** "3 attempts, last HTTP 500" and the like, for the delivery log. */
export function attemptSummary(attempts: number, lastStatus: number | null | undefined, lastError: string | null | undefined): string {
  if (attempts === 0) return 'not sent yet';
  const last = lastStatus != null ? `HTTP ${lastStatus}` : lastError ?? 'no answer';
  return `${attempts} attempt${attempts === 1 ? '' : 's'}, last ${last}`;
}

/** Webhooks (project admins): subscriptions, their one-time secrets, and the delivery log (docs/webhooks.md). */
export function WebhooksPage() {
  const { project } = useProject();
  const notify = useNotify();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: WebhookSubscriptionsQuery, variables: { projectKey: project.key }, context: TYPES });
  const [status, setStatus] = useState<WebhookDeliveryStatus | ''>('');
  const [subscriptionFilter, setSubscriptionFilter] = useState('');
  const [deliveries, reloadDeliveries] = useQuery({
    query: WebhookDeliveriesQuery,
    variables: { projectKey: project.key, status: status || null, subscriptionId: subscriptionFilter || null },
    context: TYPES,
  });
  const [, create] = useMutation(CreateWebhookSubscriptionMutation);
  const [, update] = useMutation(UpdateWebhookSubscriptionMutation);
  const [, remove] = useMutation(DeleteWebhookSubscriptionMutation);
  const [url, setUrl] = useState('');
  const [types, setTypes] = useState('');
  const [description, setDescription] = useState('');
  const [urlError, setUrlError] = useState<string | null>(null);
  const [change, setChange] = useState<ChangeRequest | null>(null);
  const [secret, setSecret] = useState<{ url: string; value: string } | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const subscriptions = data?.webhookSubscriptions ?? [];
  const urlOf = (id: string) => subscriptions.find((s) => s.id === id)?.url ?? id;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!/^https?:\/\/\S+$/i.test(url.trim())) {
      setUrlError('An absolute http:// or https:// URL.');
      return;
    }
    setUrlError(null);
    const eventTypes = parseEventTypes(types);
    setChange({
      title: 'Subscribe a webhook',
      summary: (
        <p>
          {eventTypes.length === 0 ? 'Every change' : eventTypes.join(', ')} of <strong>{project.name}</strong> will be POSTed to{' '}
          <span className="mono">{url.trim()}</span>, signed with a secret shown once.
        </p>
      ),
      reasonRequired: false,
      confirmLabel: 'Subscribe',
      apply: async (reason) => {
        const result = await outcome(create({ input: { projectKey: project.key, url: url.trim(), eventTypes, description, reason } }));
        if (result.data) {
          setSecret({ url: result.data.createWebhookSubscription.subscription.url, value: result.data.createWebhookSubscription.secret });
          setUrl('');
          setTypes('');
          setDescription('');
          reexecute({ requestPolicy: 'network-only' });
        }
        return result.problem;
      },
    });
  }

  return (
    <div className="page">
      <h2>Webhooks</h2>
      <p className="muted">
        Changes of this project are POSTed to each subscribed URL, signed with HMAC-SHA256 over a timestamp and the body (header
        Flagledger-Signature), and retried with growing waits until the receiver answers 2xx. See docs/webhooks.md for the verification recipe.
      </p>
      <form className="card section" onSubmit={submit} noValidate aria-labelledby="new-webhook-title">
        <h3 id="new-webhook-title">New subscription</h3>
        <div className="row">
          <TextField id="webhook-url" label="URL" grow value={url} placeholder="https://ci.example.com/hooks/flagledger" error={urlError} onChange={(e) => setUrl(e.target.value)} />
          <TextField id="webhook-types" label="Event types" grow value={types} placeholder="all, or e.g. FlagToggled, SegmentUpdated" onChange={(e) => setTypes(e.target.value)} />
        </div>
        <TextField id="webhook-description" label="Description" value={description} onChange={(e) => setDescription(e.target.value)} />
        <div className="form-actions">
          <button type="submit" className="button primary">
            Subscribe…
          </button>
        </div>
      </form>
      <QueryTable
        query={{ data, fetching, error }}
        loading="Loading subscriptions…"
        empty={<p className="muted">No webhooks yet.</p>}
        caption={`Webhook subscriptions of ${project.name}`}
        columns={['URL', 'Event types', 'Description', 'Status', ACTIONS_COLUMN]}
        items={subscriptions}
        row={(s) => (
          <tr key={s.id} data-webhook={s.url}>
            <td className="mono">{s.url}</td>
            <td>{s.eventTypes.length === 0 ? 'all changes' : s.eventTypes.join(', ')}</td>
            <td>{s.description}</td>
            <td>{s.active ? <span className="status on">Active</span> : <span className="status off">Paused</span>}</td>
            <td className="actions">
              <button
                type="button"
                className="button small"
                aria-label={`${s.active ? 'Pause' : 'Resume'} ${s.url}`}
                onClick={async () => {
                  const result = await outcome(
                    update({
                      input: { projectKey: project.key, id: s.id, url: s.url, eventTypes: s.eventTypes, description: s.description, active: !s.active, expectedVersion: s.version },
                    }),
                  );
                  if (result.problem) notify(result.problem.message);
                  else notify(`${s.url} ${s.active ? 'paused' : 'resumed'}`);
                  reexecute({ requestPolicy: 'network-only' });
                }}
              >
                {s.active ? 'Pause' : 'Resume'}
              </button>{' '}
              <DangerousRowAction
                verb="Delete"
                name={s.url}
                done="deleted"
                change={{
                  summary: <p>Nothing more is delivered to it and its secret is forgotten. Its delivery log stays.</p>,
                  reasonRequired: false,
                  confirmLabel: 'Delete subscription',
                }}
                send={(reason) => remove({ input: { projectKey: project.key, id: s.id, reason } })}
                onDone={() => reexecute({ requestPolicy: 'network-only' })}
                ask={setChange}
              />
            </td>
          </tr>
        )}
      />

      <section className="section" aria-labelledby="deliveries-title">
        <h3 id="deliveries-title">Delivery log</h3>
        <div className="row">
          <div className="field">
            <label htmlFor="delivery-status">Status</label>
            <select id="delivery-status" value={status} onChange={(e) => setStatus(e.target.value as WebhookDeliveryStatus | '')}>
              <option value="">any</option>
              <option value="PENDING">pending</option>
              <option value="DELIVERED">delivered</option>
              <option value="FAILED">failed</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="delivery-subscription">Subscription</label>
            <select id="delivery-subscription" value={subscriptionFilter} onChange={(e) => setSubscriptionFilter(e.target.value)}>
              <option value="">all</option>
              {subscriptions.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.url}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <span aria-hidden="true">&nbsp;</span>
            <button type="button" className="button" onClick={() => reloadDeliveries({ requestPolicy: 'network-only' })}>
              Refresh
            </button>
          </div>
        </div>
        <QueryTable
          query={deliveries}
          empty={<p className="muted">No deliveries.</p>}
          caption="Webhook deliveries"
          columns={['Created', 'Event', 'To', 'Status', 'Attempts', <span className="sr-only">Details</span>]}
          items={deliveries.data?.webhookDeliveries.edges ?? []}
          row={({ node: d }) => (
            <DeliveryRow key={d.id} delivery={d} to={urlOf(d.subscriptionId)} open={open === d.id} toggle={() => setOpen(open === d.id ? null : d.id)} />
          )}
          testId="delivery-log"
        />
      </section>

      {change && <ChangeDialog {...change} subject="webhook" onClose={() => setChange(null)} onReload={() => reexecute({ requestPolicy: 'network-only' })} />}
      {secret && (
        <Modal title="Signing secret" onClose={() => setSecret(null)}>
          <p>
            <strong>Copy it now: it is shown only once.</strong> Deliveries to <span className="mono">{secret.url}</span> are signed with it.
          </p>
          <textarea className="mono secret" readOnly rows={2} aria-label="Signing secret" value={secret.value} onFocus={(e) => e.target.select()} />
          <div className="modal-actions">
            <button type="button" className="button primary" data-autofocus onClick={() => setSecret(null)}>
              I have copied it
            </button>
          </div>
        </Modal>
      )}
    </div>
  );
}

type Delivery = {
  id: string;
  eventType: string;
  eventPosition: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  nextAttemptAt?: string | null;
  lastStatus?: number | null;
  lastError?: string | null;
  createdAt: string;
  payload: unknown;
  attemptLog: { attempt: number; at: string; statusCode?: number | null; error?: string | null; durationMillis: number }[];
};

function DeliveryRow({ delivery: d, to, open, toggle }: { delivery: Delivery; to: string; open: boolean; toggle: () => void }) {
  const label = { PENDING: 'Pending', DELIVERED: 'Delivered', FAILED: 'Failed' }[d.status];
  const tone = { PENDING: 'pending', DELIVERED: 'on', FAILED: 'off' }[d.status];
  return (
    <>
      <tr data-delivery={d.id}>
        <td>{new Date(d.createdAt).toLocaleString()}</td>
        <td>
          {d.eventType} <span className="muted small">#{d.eventPosition}</span>
        </td>
        <td className="mono small">{to}</td>
        <td>
          <span className={`status ${tone}`}>{label}</span>
          {d.status === 'PENDING' && d.nextAttemptAt && <span className="muted small"> next {new Date(d.nextAttemptAt).toLocaleTimeString()}</span>}
        </td>
        <td>{attemptSummary(d.attempts, d.lastStatus, d.lastError)}</td>
        <td>
          <button type="button" className="button small" aria-expanded={open} aria-label={`Details of delivery ${d.id}`} onClick={toggle}>
            {open ? 'Hide' : 'Details'}
          </button>
        </td>
      </tr>
      {open && (
        <tr>
          <td colSpan={6}>
            <p className="small">
              Delivery id <span className="mono">{d.id}</span> (the Flagledger-Delivery header)
            </p>
            <ol className="small">
              {d.attemptLog.map((a) => (
                <li key={a.attempt}>
                  {new Date(a.at).toLocaleString()}: {a.statusCode != null ? `HTTP ${a.statusCode}` : a.error} ({a.durationMillis} ms)
                  {a.statusCode != null && a.error && a.error !== `HTTP ${a.statusCode}` ? ` ${a.error}` : ''}
                </li>
              ))}
            </ol>
            <pre className="mono small payload">{JSON.stringify(d.payload, null, 2)}</pre>
          </td>
        </tr>
      )}
    </>
  );
}

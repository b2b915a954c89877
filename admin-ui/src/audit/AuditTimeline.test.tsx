import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { Client, Provider, fetchExchange } from 'urql';
import { describe, expect, it, vi } from 'vitest';
import { AuditTimeline, TIMELINE_PAGE } from './AuditTimeline';

type Sent = { operationName?: string; variables: Record<string, unknown> };

function entry(position: number, overrides: Record<string, unknown> = {}) {
  return {
    __typename: 'AuditEntry',
    position: String(position),
    eventId: `e${position}`,
    eventType: 'FlagToggled',
    occurredAt: `2026-11-25T10:00:${String(position % 60).padStart(2, '0')}.250Z`,
    actor: { __typename: 'AuditActor', subject: 'local:admin', name: 'Admin', authentication: 'local' },
    reason: `reason ${position}`,
    origin: 'ui',
    correlationId: `c-${position}`,
    vcsCommit: null,
    ticket: null,
    projectKey: 'shop',
    environment: 'production',
    subjectKind: 'FLAG',
    subjectKey: 'checkout',
    flagKey: 'checkout',
    segmentKey: null,
    version: position,
    changes: [{ __typename: 'AuditChange', field: 'environments.production.enabled', before: false, after: true }],
    ...overrides,
  };
}

/** A server that pages through `total` entries newest first, and records what the timeline asked. */
function server(total: number, overrides: Record<string, unknown> = {}) {
  const sent: Sent[] = [];
  const fetch = vi.fn(async (_url: RequestInfo | URL, init?: RequestInit) => {
    const body = JSON.parse(String(init?.body)) as Sent;
    sent.push(body);
    const after = body.variables.after ? Number(body.variables.after) : total + 1;
    const first = Number(body.variables.first);
    const positions = Array.from({ length: total }, (_, i) => total - i).filter((p) => p < after);
    const page = positions.slice(0, first);
    const data = {
      auditTrail: {
        __typename: 'AuditEntryConnection',
        pageInfo: { __typename: 'PageInfo', hasNextPage: positions.length > first, endCursor: page.length ? String(page[page.length - 1]) : null },
        edges: page.map((p) => ({ __typename: 'AuditEntryEdge', cursor: String(p), node: entry(p, overrides) })),
      },
    };
    return new Response(JSON.stringify({ data }), { status: 200, headers: { 'Content-Type': 'application/json' } });
  });
  const client = new Client({ url: '/graphql', exchanges: [fetchExchange], fetch: fetch as typeof globalThis.fetch, requestPolicy: 'network-only', preferGetMethod: false });
  return { client, sent };
}

const environments = [
  { key: 'staging', name: 'Staging' },
  { key: 'production', name: 'Production' },
];

function show(client: Client, flagKey?: string) {
  render(
    <MemoryRouter>
      <Provider value={client}>
        <AuditTimeline projectKey="shop" flagKey={flagKey} environments={environments} label="t" />
      </Provider>
    </MemoryRouter>,
  );
}

const entries = () => document.querySelectorAll('.timeline-entry');

describe('AuditTimeline', () => {
  it('shows who changed what, when, why and from where, with the diff, newest first', async () => {
    const { client } = server(3);
    show(client, 'checkout');
    await waitFor(() => expect(entries()).toHaveLength(3));
    const newest = entries()[0] as HTMLElement;
    expect(newest).toHaveTextContent('Turned on in Production');
    expect(newest).toHaveTextContent('by Admin (local:admin)');
    expect(newest).toHaveTextContent('“reason 3”');
    expect(newest).toHaveTextContent('via ui');
    expect(newest).toHaveTextContent('correlation c-3');
    expect(within(newest).getByText('Production: On/off')).toBeInTheDocument();
    expect(newest.querySelector('time')).toHaveAttribute('dateTime', '2026-11-25T10:00:03.250Z');
    // Changes sent without a commit or ticket say nothing about them.
    expect(newest).not.toHaveTextContent('ticket');
    expect(newest).not.toHaveTextContent('commit');
  });

  it('shows the ticket and the commit a change came with (the CLI apply sends both)', async () => {
    const sha = '0123456789abcdef0123456789abcdef01234567';
    const { client } = server(1, { ticket: 'OPS-42', vcsCommit: sha });
    show(client, 'checkout');
    await waitFor(() => expect(entries()).toHaveLength(1));
    const only = entries()[0] as HTMLElement;
    expect(only).toHaveTextContent('ticket OPS-42');
    expect(only).toHaveTextContent('commit 0123456789ab');
    expect(within(only).getByTitle(sha)).toHaveTextContent('0123456789ab');
  });

  it('loads older entries with the cursor of the last page, keeping what it shows', async () => {
    const { client, sent } = server(TIMELINE_PAGE + 5);
    show(client, 'checkout');
    await waitFor(() => expect(entries()).toHaveLength(TIMELINE_PAGE));
    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(entries()).toHaveLength(TIMELINE_PAGE + 5));
    const paged = sent.filter((s) => s.operationName === 'AuditTrail');
    expect(paged[paged.length - 1].variables.after).toBe('6');
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
    expect(entries()[TIMELINE_PAGE + 4]).toHaveAttribute('data-position', '1');
  });

  it('sends the filters (flag, environment, actor, ticket, kind of change, time range) and starts again from the newest', async () => {
    const { client, sent } = server(TIMELINE_PAGE + 5);
    show(client);
    await waitFor(() => expect(entries()).toHaveLength(TIMELINE_PAGE));
    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(entries()).toHaveLength(TIMELINE_PAGE + 5));

    await userEvent.type(screen.getByLabelText('Flag key'), 'checkout');
    await userEvent.selectOptions(screen.getByLabelText('Environment'), 'production');
    await userEvent.type(screen.getByLabelText('Actor'), 'local:admin');
    fireEvent.change(screen.getByLabelText('Ticket'), { target: { value: 'OPS-42' } });
    await userEvent.selectOptions(screen.getByLabelText('Change'), 'Turned on or off');
    fireEvent.change(screen.getByLabelText('From (local time)'), { target: { value: '2026-11-25T09:00:00' } });
    fireEvent.change(screen.getByLabelText('To (local time)'), { target: { value: '2026-11-25T11:00:00' } });
    await userEvent.click(screen.getByRole('button', { name: 'Apply filters' }));

    await waitFor(() => expect(sent[sent.length - 1].variables.filter).toMatchObject({ flagKey: 'checkout' }));
    const last = sent[sent.length - 1].variables;
    expect(last.after).toBeNull();
    expect(last.filter).toEqual({
      projectKey: 'shop',
      flagKey: 'checkout',
      environment: 'production',
      actor: 'local:admin',
      ticket: 'OPS-42',
      eventTypes: ['FlagToggled'],
      from: new Date('2026-11-25T09:00:00').toISOString(),
      to: new Date('2026-11-25T11:00:00').toISOString(),
    });
    await waitFor(() => expect(entries()).toHaveLength(TIMELINE_PAGE));
    // Typing three fields character by character took 23 s on a loaded 2-core machine.
  }, 60_000);

  it('refuses a time range that ends before it starts, without asking the server', async () => {
    const { client, sent } = server(1);
    show(client, 'checkout');
    await waitFor(() => expect(entries()).toHaveLength(1));
    const asked = sent.length;
    fireEvent.change(screen.getByLabelText('From (local time)'), { target: { value: '2026-11-25T11:00:00' } });
    fireEvent.change(screen.getByLabelText('To (local time)'), { target: { value: '2026-11-25T09:00:00' } });
    await userEvent.click(screen.getByRole('button', { name: 'Apply filters' }));
    expect(screen.getByRole('alert')).toHaveTextContent('“From” must be before “to”.');
    expect(sent.length).toBe(asked);
  });

  it('links each flag entry to the flag as of that moment and as of just before it', async () => {
    const { client } = server(1);
    show(client, 'checkout');
    await waitFor(() => expect(entries()).toHaveLength(1));
    expect(screen.getByRole('link', { name: /^View as of just before this change\s*\(checkout\)$/ })).toHaveAttribute(
      'href',
      `/projects/shop/flags/checkout/as-of?at=${encodeURIComponent('2026-11-25T10:00:01.249Z')}`,
    );
    expect(screen.getByRole('link', { name: /^View as of this moment\s*\(checkout\)$/ })).toHaveAttribute('href', `/projects/shop/flags/checkout/as-of?at=${encodeURIComponent('2026-11-25T10:00:01.250Z')}`);
  });

  it('says so when nothing matches', async () => {
    const { client } = server(0);
    show(client, 'checkout');
    expect(await screen.findByText('No changes match.')).toBeInTheDocument();
  });
});

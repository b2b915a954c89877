import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Client, Provider, subscriptionExchange } from 'urql';
import { describe, expect, it, vi } from 'vitest';
import { LiveFlagUpdates } from './LiveFlagUpdates';

type Sink = { next: (value: unknown) => void };

/** A client whose subscriptions the test feeds by hand, through urql's own subscriptionExchange. */
function liveClient() {
  const sinks: Sink[] = [];
  const client = new Client({
    url: '/graphql',
    exchanges: [
      subscriptionExchange({
        forwardSubscription: () => ({
          subscribe(sink) {
            sinks.push(sink as Sink);
            return { unsubscribe: () => {} };
          },
        }),
      }),
    ],
  });
  const push = async (version: number, environment = 'production') => {
    await waitFor(() => expect(sinks.length).toBeGreaterThan(0));
    act(() => {
      for (const sink of sinks)
        sink.next({
          data: {
            flagChanged: {
              __typename: 'LiveChange',
              projectKey: 'shop',
              flagKey: 'checkout',
              environment,
              eventType: 'FlagToggled',
              version,
              occurredAt: '2026-11-25T10:00:00Z',
              actor: { __typename: 'AuditActor', subject: 'local:bob', name: 'Bob' },
            },
          },
        });
    });
  };
  return { client, push };
}

function show(client: Client, version: number, busy: boolean, refresh = vi.fn(), reload = vi.fn()) {
  const ui = (v: number) => (
    <Provider value={client}>
      <LiveFlagUpdates projectKey="shop" flagKey="checkout" version={v} busy={() => busy} refresh={refresh} reload={reload} environmentName={(k) => (k === 'production' ? 'Production' : k)} />
    </Provider>
  );
  const view = render(ui(version));
  return { refresh, reload, rerender: (v: number) => view.rerender(ui(v)) };
}

describe('LiveFlagUpdates', () => {
  it('refreshes the page at once when someone else changed the flag and nothing is being edited', async () => {
    const { client, push } = liveClient();
    const { refresh, reload } = show(client, 2, false);
    await push(3);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(reload).not.toHaveBeenCalled();
    expect(screen.queryByTestId('live-notice')).not.toBeInTheDocument();
  });

  it('ignores a change the page already shows (its own save)', async () => {
    const { client, push } = liveClient();
    const { refresh } = show(client, 3, false);
    await push(3);
    expect(refresh).not.toHaveBeenCalled();
  });

  it('leaves unsaved edits alone: says who changed what and offers the reload', async () => {
    const { client, push } = liveClient();
    const { refresh, reload, rerender } = show(client, 2, true);
    await push(3);
    expect(refresh).not.toHaveBeenCalled();
    expect(screen.getByTestId('live-notice')).toHaveTextContent('Changed meanwhile: Bob switched it in Production (version 3). Your unsaved edits are kept until you reload.');
    await userEvent.click(screen.getByRole('button', { name: 'Reload' }));
    expect(reload).toHaveBeenCalledTimes(1);
    // Once the page shows that version, the notice has done its job.
    rerender(3);
    expect(screen.queryByTestId('live-notice')).not.toBeInTheDocument();
  });
});

import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fromValue } from 'wonka';
import { describe, expect, it, vi } from 'vitest';
import { fakeClient, renderProjectPage } from '../test/renderProjectPage';
import type { ProjectFieldsFragment } from '../gql/graphql';
import { attemptSummary, parseEventTypes, WebhooksPage } from './WebhooksPage';

const project = { key: 'shop', name: 'Shop', version: 1, environments: [] } as unknown as ProjectFieldsFragment;

const subscription = {
  id: 'sub-1', url: 'https://ci.example.com/hooks', eventTypes: ['FlagToggled'], description: 'deploy bot', active: true,
  version: 0, createdAt: '2026-12-01T00:00:00Z',
};
const delivery = {
  id: 'del-1', subscriptionId: 'sub-1', eventType: 'FlagToggled', eventPosition: '42', status: 'DELIVERED', attempts: 3,
  nextAttemptAt: null, lastStatus: 200, lastError: null, createdAt: '2026-12-01T00:00:00Z', deliveredAt: '2026-12-01T00:00:01Z',
  payload: { type: 'FlagToggled', actor: { name: '[erased]' } },
  attemptLog: [
    { attempt: 1, at: '2026-12-01T00:00:00Z', statusCode: 500, error: 'HTTP 500', durationMillis: 12 },
    { attempt: 2, at: '2026-12-01T00:00:10Z', statusCode: null, error: 'ConnectException: refused', durationMillis: 3 },
    { attempt: 3, at: '2026-12-01T00:00:30Z', statusCode: 200, error: null, durationMillis: 9 },
  ],
};

function renderPage() {
  const executeQuery = vi.fn(({ query }: { query: { definitions: { name?: { value: string } }[] } }) => {
    const name = query.definitions[0].name?.value;
    if (name === 'WebhookSubscriptions') return fromValue({ data: { webhookSubscriptions: [subscription] } });
    return fromValue({ data: { webhookDeliveries: { edges: [{ cursor: 'c1', node: delivery }], pageInfo: { hasNextPage: false, endCursor: 'c1' } } } });
  });
  renderProjectPage(<WebhooksPage />, { client: fakeClient({ executeQuery }), route: 'webhooks', project });
}

describe('WebhooksPage', () => {
  it('reads event types typed with commas or spaces, and summarises attempts', () => {
    expect(parseEventTypes(' FlagToggled, SegmentUpdated  FlagCreated ')).toEqual(['FlagToggled', 'SegmentUpdated', 'FlagCreated']);
    expect(parseEventTypes('')).toEqual([]);
    expect(attemptSummary(0, null, null)).toBe('not sent yet');
    expect(attemptSummary(1, 200, null)).toBe('1 attempt, last HTTP 200');
    expect(attemptSummary(4, null, 'timeout')).toBe('4 attempts, last timeout');
  });

  it('lists subscriptions and the delivery log with every attempt and the payload as sent', async () => {
    renderPage();
    const subscriptions = await screen.findByRole('table', { name: 'Webhook subscriptions of Shop' });
    const row = within(subscriptions).getByText('https://ci.example.com/hooks').closest('tr');
    expect(row).toHaveTextContent('FlagToggled');
    expect(row).toHaveTextContent('Active');
    const log = screen.getByTestId('delivery-log');
    expect(log).toHaveTextContent('Delivered');
    expect(log).toHaveTextContent('3 attempts, last HTTP 200');
    await userEvent.click(within(log).getByRole('button', { name: 'Details of delivery del-1' }));
    expect(log).toHaveTextContent('HTTP 500');
    expect(log).toHaveTextContent('ConnectException: refused');
    expect(log).toHaveTextContent('"name": "[erased]"');
  });

  it('refuses a URL that is not http(s) before asking for confirmation', async () => {
    renderPage();
    await userEvent.type(await screen.findByLabelText('URL'), 'ftp://example.com');
    await userEvent.click(screen.getByRole('button', { name: 'Subscribe…' }));
    expect(screen.getByText('An absolute http:// or https:// URL.')).toBeInTheDocument();
  });
});

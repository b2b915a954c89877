import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fromValue } from 'wonka';
import { describe, expect, it, vi } from 'vitest';
import { fakeClient, renderProjectPage } from '../test/renderProjectPage';
import { StaleFlagsPage } from './StaleFlagsPage';

const asOf = '2026-03-12T12:00:00Z';
const rolledOut = {
  key: 'new-checkout',
  name: 'New checkout',
  kind: 'RELEASE',
  expectedLifetimeDays: 40,
  reasons: ['SERVES_ONE_VARIATION'],
  servedVariation: 'on',
  servingOneVariationSince: '2026-01-30T12:00:00Z',
  environments: [
    { key: 'staging', enabled: true, servedVariation: 'on' },
    { key: 'production', enabled: true, servedVariation: 'on' },
  ],
  lastEvaluatedAt: '2026-03-11T09:00:00Z',
  recentExposures: [{ environment: 'production', variation: 'on', exposures: 1200, lastSeenAt: '2026-03-11T09:00:00Z' }],
  lastChangedAt: '2026-01-30T12:00:00Z',
  createdAt: '2026-01-02T12:00:00Z',
};
const unused = {
  ...rolledOut,
  key: 'old-banner',
  name: 'Old banner',
  kind: 'KILL_SWITCH',
  expectedLifetimeDays: null,
  reasons: ['NOT_EVALUATED'],
  servedVariation: null,
  servingOneVariationSince: null,
  environments: [
    { key: 'staging', enabled: false, servedVariation: 'off' },
    { key: 'production', enabled: true, servedVariation: null },
  ],
  lastEvaluatedAt: null,
  recentExposures: [],
};

function setup() {
  const executeQuery = vi.fn((request: { variables: { unevaluatedDays?: number } }) =>
    fromValue({
      data: {
        staleFlags: {
          totalCount: 2,
          asOf,
          unevaluatedDays: request.variables.unevaluatedDays ?? 30,
          pageInfo: { hasNextPage: false, endCursor: null },
          edges: [{ node: rolledOut }, { node: unused }],
        },
      },
    }),
  );
  renderProjectPage(<StaleFlagsPage />, { client: fakeClient({ executeQuery }), route: 'stale-flags' });
  return { executeQuery };
}

describe('StaleFlagsPage', () => {
  it('lists each stale flag with why, in words, and the evidence per environment', async () => {
    setup();
    const row = (await screen.findByRole('link', { name: 'New checkout' })).closest('tr')!;
    expect(within(row).getByText('Release')).toBeInTheDocument();
    expect(within(row).getByText('Serves “on” everywhere for 41 days (expected lifetime 40 days)')).toBeInTheDocument();
    expect(within(row).getByText('Staging: on, everyone gets “on”')).toBeInTheDocument();
    expect(within(row).getByText('Production · “on”: 1200 exposures, last yesterday')).toBeInTheDocument();
    expect(within(row).getByText('yesterday')).toBeInTheDocument();
    expect(within(row).getByRole('link', { name: 'New checkout' })).toHaveAttribute('href', '/flags/new-checkout');

    const other = screen.getByRole('link', { name: 'Old banner' }).closest('tr')!;
    expect(within(other).getByText('Kill switch')).toBeInTheDocument();
    expect(within(other).getByText('Never evaluated in 69 days (limit 30 days)')).toBeInTheDocument();
    expect(within(other).getByText('Production: on, contexts get different variations')).toBeInTheDocument();
    expect(within(other).getByText('No exposures in the last 30 days.')).toBeInTheDocument();
    expect(within(other).getByText('never')).toBeInTheDocument();
    expect(screen.getByText(/2 stale flags as of/)).toBeInTheDocument();
  });

  it('asks again with the window a person sets, and refuses one that is not a number of days', async () => {
    const { executeQuery } = setup();
    await screen.findByRole('link', { name: 'New checkout' });
    const input = screen.getByLabelText('Not evaluated for (days)');

    await userEvent.type(input, 'ten');
    await userEvent.click(screen.getByRole('button', { name: 'Apply' }));
    expect(screen.getByText('A whole number of days from 1 to 3650.')).toBeInTheDocument();

    await userEvent.clear(input);
    await userEvent.type(input, '90');
    await userEvent.click(screen.getByRole('button', { name: 'Apply' }));
    const [request] = executeQuery.mock.calls.at(-1)!;
    expect(request.variables).toEqual({ projectKey: 'shop', unevaluatedDays: 90 });
    expect(await screen.findByText('Never evaluated in 69 days (limit 90 days)')).toBeInTheDocument();
  });
});

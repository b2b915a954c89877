import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Provider, type Client } from 'urql';
import { fromValue, never } from 'wonka';
import { describe, expect, it, vi } from 'vitest';
import type { ChangeRequest } from '../components/ChangeDialog';
import type { FlagFieldsFragment, ProjectFieldsFragment } from '../gql/graphql';
import { ScheduleSection } from './ScheduleSection';

const project = {
  key: 'shop',
  name: 'Shop',
  environments: [
    { key: 'staging', name: 'Staging', requireReason: false },
    { key: 'production', name: 'Production', requireReason: true },
  ],
} as unknown as ProjectFieldsFragment;

const targeting = { prerequisites: [], targets: [], rules: [], fallthroughRollout: null };
const flag = {
  id: 'f-1',
  projectKey: 'shop',
  key: 'checkout',
  name: 'Checkout',
  version: 3,
  archived: false,
  variations: [{ key: 'on' }, { key: 'off' }],
  environments: [
    { key: 'staging', enabled: true, defaultVariation: 'on', offVariation: 'off', targeting },
    {
      key: 'production',
      enabled: true,
      defaultVariation: 'off',
      offVariation: 'off',
      targeting: { ...targeting, fallthroughRollout: { bucketBy: null, salt: null, weights: [{ variation: 'on', weight: 10_000 }, { variation: 'off', weight: 90_000 }] } },
    },
  ],
} as unknown as FlagFieldsFragment;

const pending = {
  id: 's-1',
  environment: 'production',
  dueAt: '2030-05-01T10:00:00Z',
  kind: 'TOGGLE',
  summary: 'turn on',
  status: 'PENDING',
  reason: 'launch',
  resolvedAt: null,
  delayMillis: null,
  failure: null,
  scheduledBy: { subject: 'local:alice', name: 'Alice' },
};

function setup(schedules: unknown[] = [pending]) {
  const executeMutation = vi.fn(() => fromValue({ data: { scheduleFlagChange: { schedule: { id: 's-2', status: 'PENDING' }, flag } } }));
  const client = {
    executeQuery: vi.fn(() => fromValue({ data: { scheduledFlagChanges: { edges: schedules.map((node) => ({ node })) } } })),
    executeMutation,
    executeSubscription: vi.fn(() => never),
  } as unknown as Client;
  const ask = vi.fn<(c: ChangeRequest) => void>();
  render(
    <Provider value={client}>
      <ScheduleSection flag={flag} project={project} ask={ask} />
    </Provider>,
  );
  return { ask, executeMutation };
}

describe('ScheduleSection', () => {
  it('lists scheduled changes with who scheduled them and offers to cancel the pending ones', () => {
    setup();
    const row = screen.getByRole('row', { name: /turn on/ });
    expect(within(row).getByText('Production')).toBeInTheDocument();
    expect(within(row).getByText('Pending')).toBeInTheDocument();
    expect(within(row).getByText('Alice')).toBeInTheDocument();
    expect(within(row).getByRole('button', { name: /Cancel turn on in Production/ })).toBeInTheDocument();
  });

  it('says when nothing is scheduled', () => {
    setup([]);
    expect(screen.getByText('Nothing scheduled.')).toBeInTheDocument();
  });

  it('refuses a time in the past without asking for confirmation', async () => {
    const { ask } = setup([]);
    const when = screen.getByLabelText(/at/);
    await userEvent.clear(when);
    await userEvent.type(when, '2000-01-01T10:00');
    await userEvent.click(screen.getByRole('button', { name: 'Schedule…' }));
    expect(ask).not.toHaveBeenCalled();
    expect(screen.getByRole('alert')).toHaveTextContent(/future/);
  });

  it('schedules a toggle through the change dialog with the reason and the flag version', async () => {
    const { ask, executeMutation } = setup([]);
    await userEvent.selectOptions(screen.getByLabelText(/Change/), 'off');
    await userEvent.click(screen.getByRole('button', { name: 'Schedule…' }));
    expect(ask).toHaveBeenCalledTimes(1);
    const request = ask.mock.calls[0][0];
    expect(request.title).toBe('Schedule turning off in Production');
    expect(request.reasonRequired).toBe(true);
    let problem: unknown;
    await act(async () => {
      problem = await request.apply('maintenance window');
    });
    expect(problem).toBeNull();
    const [operation] = executeMutation.mock.calls[0] as unknown as [{ variables: { input: Record<string, unknown> } }];
    expect(operation.variables.input).toMatchObject({
      projectKey: 'shop',
      key: 'checkout',
      environment: 'production',
      change: { toggle: { enabled: false } },
      expectedVersion: 3,
      reason: 'maintenance window',
    });
    expect(Date.parse(operation.variables.input.at as string)).toBeGreaterThan(Date.now());
  });

  it('schedules the next step of a rollout, starting from what the environment serves now', async () => {
    const { ask, executeMutation } = setup([]);
    await userEvent.selectOptions(screen.getByLabelText(/Change/), 'serve');
    const on = screen.getByRole('spinbutton', { name: 'Percent of on in the scheduled default' });
    expect(on).toHaveValue(10);
    await userEvent.clear(on);
    await userEvent.type(on, '50');
    await userEvent.click(screen.getByRole('button', { name: 'Schedule…' }));
    const request = ask.mock.calls[0][0];
    expect(request.title).toBe('Schedule serving on 50 % / off 50 % by default in Production');
    await act(async () => {
      await request.apply('next rollout step');
    });
    const [operation] = executeMutation.mock.calls[0] as unknown as [{ variables: { input: Record<string, unknown> } }];
    expect(operation.variables.input).toMatchObject({
      environment: 'production',
      change: { defaultServe: { rollout: { weights: [{ variation: 'on', weight: 50_000 }, { variation: 'off', weight: 50_000 }] } } },
    });
  });

  it('schedules a plain variation as the default serve', async () => {
    const { ask, executeMutation } = setup([]);
    await userEvent.selectOptions(screen.getByLabelText(/^in/), 'staging');
    await userEvent.selectOptions(screen.getByLabelText(/Change/), 'serve');
    await userEvent.selectOptions(screen.getByLabelText('What the scheduled default serves'), 'off');
    await userEvent.click(screen.getByRole('button', { name: 'Schedule…' }));
    const request = ask.mock.calls[0][0];
    expect(request.title).toBe('Schedule serving off by default in Staging');
    await act(async () => {
      await request.apply('');
    });
    const [operation] = executeMutation.mock.calls[0] as unknown as [{ variables: { input: Record<string, unknown> } }];
    expect(operation.variables.input).toMatchObject({ environment: 'staging', change: { defaultServe: { variation: 'off' } } });
  });
});

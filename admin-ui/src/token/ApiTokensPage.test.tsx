import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CombinedError, type Client } from 'urql';
import { concat, fromValue, never } from 'wonka';
import { describe, expect, it, vi } from 'vitest';
import { fakeClient, renderProjectPage } from '../test/renderProjectPage';
import { ApiTokensPage, expiryOf, statusOf } from './ApiTokensPage';

const token = (fields: Record<string, unknown>) => ({
  __typename: 'ApiToken',
  id: 't-1',
  name: 'ci-deploy',
  role: 'EDITOR',
  projectKey: 'shop',
  environment: null,
  displayPrefix: 'fl_Ab3d',
  createdAt: '2026-11-01T10:00:00Z',
  createdBy: { subject: 'local:admin', name: 'Local administrator' },
  expiresAt: null,
  revoked: false,
  ...fields,
});

function renderPage(client: Client) {
  renderProjectPage(<ApiTokensPage />, { client, route: 'api-tokens' });
}

function clientWith(tokens: unknown[], executeMutation = vi.fn()) {
  return fakeClient({ executeQuery: vi.fn(() => fromValue({ data: { apiTokens: tokens } })), executeMutation });
}

describe('ApiTokensPage', () => {
  it('lists tokens with role, scope in words, prefix, creator, expiry and status', async () => {
    renderPage(
      clientWith([
        token({}),
        token({ id: 't-2', name: 'nightly-report', role: 'VIEWER', environment: 'production', expiresAt: '2099-01-01T00:00:00Z' }),
        token({ id: 't-3', name: 'old-job', revoked: true }),
        token({ id: 't-4', name: 'lapsed', expiresAt: '2020-01-01T00:00:00Z' }),
      ]),
    );
    const rows = await screen.findAllByRole('row');
    expect(rows).toHaveLength(5);
    const ci = within(rows[1]);
    expect(ci.getByText('Editor')).toBeInTheDocument();
    expect(ci.getByText('Whole project')).toBeInTheDocument();
    expect(ci.getByText('fl_Ab3d…')).toBeInTheDocument();
    expect(ci.getByText('by Local administrator')).toBeInTheDocument();
    expect(ci.getByText('Never')).toBeInTheDocument();
    expect(ci.getByText('Active')).toBeInTheDocument();
    expect(within(rows[2]).getByText('Production')).toBeInTheDocument();
    expect(within(rows[3]).getByText('Revoked')).toBeInTheDocument();
    expect(within(rows[3]).queryByRole('button', { name: /Revoke/ })).toBeNull();
    expect(within(rows[4]).getByText('Expired')).toBeInTheDocument();
  });

  it('creates a token for one environment through the reason dialog and shows its secret once, with a copy button', async () => {
    const user = userEvent.setup();
    const writeText = vi.spyOn(navigator.clipboard, 'writeText');
    const executeMutation = vi.fn(() =>
      fromValue({ data: { createApiToken: { secret: 'fl_secret-value-1234567890', token: token({ id: 't-9', name: 'deploy-bot', environment: 'production' }) } } }),
    );
    renderPage(clientWith([], executeMutation));
    await screen.findByText('No API tokens for Shop yet.');

    await user.click(screen.getByRole('button', { name: 'Create token…' }));
    expect(screen.getByText(/Name the token after the job/)).toBeInTheDocument();
    expect(executeMutation).not.toHaveBeenCalled();

    await user.type(screen.getByLabelText('Name'), 'deploy-bot');
    await user.selectOptions(screen.getByLabelText('Role'), 'APPROVER');
    await user.selectOptions(screen.getByLabelText('Scope'), 'production');
    await user.selectOptions(screen.getByLabelText('Expires after'), '30');
    await user.click(screen.getByRole('button', { name: 'Create token…' }));

    const dialog = screen.getByRole('dialog', { name: 'Create API token' });
    expect(dialog).toHaveTextContent('deploy-bot with the role Approver on Production of Shop');
    // Production requires a reason, so a token scoped to it does too.
    await user.click(within(dialog).getByRole('button', { name: 'Create token' }));
    expect(within(dialog).getByText(/Give a reason/)).toBeInTheDocument();
    await user.type(within(dialog).getByLabelText(/Reason/), 'Release pipeline');
    await user.click(within(dialog).getByRole('button', { name: 'Create token' }));

    const input = (executeMutation.mock.calls[0] as unknown as [{ variables: { input: Record<string, unknown> } }])[0].variables.input;
    expect(input).toMatchObject({ name: 'deploy-bot', role: 'APPROVER', projectKey: 'shop', environment: 'production', reason: 'Release pipeline' });
    const days = (new Date(String(input.expiresAt)).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);

    const secret = await screen.findByRole('dialog', { name: 'Secret of deploy-bot' });
    expect(within(secret).getByLabelText('Secret')).toHaveValue('fl_secret-value-1234567890');
    await user.click(within(secret).getByRole('button', { name: 'Copy' }));
    expect(writeText).toHaveBeenCalledWith('fl_secret-value-1234567890');
    expect(within(secret).getByRole('button', { name: 'Copied' })).toBeInTheDocument();
    await user.click(within(secret).getByRole('button', { name: 'I have copied it' }));
    expect(screen.queryByText('fl_secret-value-1234567890')).toBeNull();
    expect(screen.queryByDisplayValue('fl_secret-value-1234567890')).toBeNull();
  });

  it('revokes with a reason, always asked for, naming the token own scope', async () => {
    const user = userEvent.setup();
    const executeMutation = vi.fn(() => fromValue({ data: { revokeApiToken: { token: token({ revoked: true, environment: 'staging' }) } } }));
    renderPage(clientWith([token({ environment: 'staging' })], executeMutation));
    await user.click(await screen.findByRole('button', { name: 'Revoke ci-deploy' }));
    const dialog = screen.getByRole('dialog', { name: 'Revoke ci-deploy' });
    expect(within(dialog).getByText('(required)')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Revoke token' }));
    expect(executeMutation).not.toHaveBeenCalled();
    await user.type(within(dialog).getByLabelText(/Reason/), 'Leaked in a build log');
    await user.click(within(dialog).getByRole('button', { name: 'Revoke token' }));
    expect((executeMutation.mock.calls[0] as unknown as [{ variables: unknown }])[0].variables).toEqual({
      input: { id: 't-1', projectKey: 'shop', environment: 'staging', reason: 'Leaked in a build log' },
    });
  });

  it('tells a non-admin that tokens are for admins instead of showing an empty form', async () => {
    const error = new CombinedError({ graphQLErrors: [{ message: 'forbidden', extensions: { code: 'FORBIDDEN' } }] });
    // A real query stays open; urql forgets an error once its source completes, so this one does not.
    renderPage(fakeClient({ executeQuery: vi.fn(() => concat([fromValue({ error }), never])) }));
    expect(await screen.findByText(/Only admins of Shop can see and issue API tokens/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Create token…' })).toBeNull();
  });

  it('computes expiry and status', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(expiryOf(0, now)).toBeNull();
    expect(expiryOf(30, now)).toBe('2026-01-31T00:00:00.000Z');
    expect(statusOf({ revoked: false, expiresAt: '2026-01-01T00:00:00Z' }, now)).toBe('expired');
    expect(statusOf({ revoked: true, expiresAt: null }, now)).toBe('revoked');
    expect(statusOf({ revoked: false, expiresAt: null }, now)).toBe('active');
  });
});

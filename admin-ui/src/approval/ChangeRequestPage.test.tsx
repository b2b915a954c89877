import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fromValue } from 'wonka';
import { describe, expect, it, vi } from 'vitest';
import { fakeClient, renderProjectPage } from '../test/renderProjectPage';
import { ChangeRequestPage } from './ChangeRequestPage';

vi.mock('../api/SessionContext', () => ({
  useSession: () => ({ session: { status: 'signed-in', user: { subject: 'ann', displayName: 'Ann' } } }),
}));

function request(fields: Record<string, unknown> = {}) {
  return {
    id: 'cr-1', projectKey: 'shop', environment: 'production', kind: 'CHANGE', title: 'toggle flag (flag checkout) in production',
    ticket: 'JIRA-7', reason: 'launch', status: 'OPEN', author: { subject: 'bob', name: 'Bob' }, openedAt: '2026-11-25T10:00:00Z',
    updatedAt: '2026-11-25T10:00:00Z', applyAt: null, appliedAt: null, appliedBy: null, breakGlass: false, failure: null,
    requiredApprovals: 2, policy: { allowSelfApproval: false, approverRoles: [], approverGroups: ['/release-managers'], breakGlassRole: null },
    approvals: [], rejection: null,
    commands: [{ commandType: 'dev.flagledger.domain.flag.ToggleFlag', aggregateType: 'Flag', subjectKey: 'checkout', basedOnVersion: 4, summary: 'toggle flag (flag checkout)' }],
    diff: [{ subjectKind: 'FLAG', subjectKey: 'checkout', field: 'environments.production.enabled', before: 'false', after: 'true' }],
    version: 0,
    ...fields,
  };
}

function setup(current: Record<string, unknown> = {}) {
  const executeQuery = vi.fn(() => fromValue({ data: { changeRequest: request(current) } }));
  const executeMutation = vi.fn(() => fromValue({ data: { approveChangeRequest: { changeRequest: request({ approvals: [{ subject: 'ann', name: 'Ann', comment: 'ok', at: '2026-11-25T10:01:00Z' }] }) } } }));
  renderProjectPage(<ChangeRequestPage />, { client: fakeClient({ executeQuery, executeMutation }), route: 'change-requests/:requestId', url: '/change-requests/cr-1' });
  return { executeMutation };
}

describe('ChangeRequestPage', () => {
  it('shows what changes field by field, and who must approve', async () => {
    setup();
    expect(await screen.findByRole('heading', { name: 'toggle flag (flag checkout) in production' })).toBeInTheDocument();
    const diff = document.querySelector('[data-field="environments.production.enabled"]');
    expect(diff).not.toBeNull();
    expect(diff!.textContent).toMatch(/On\/off.*from off.*to on/);
    expect(screen.getByText(/0 of 2/)).toHaveTextContent('/release-managers');
    expect(screen.getByText(/based on version 4/)).toBeInTheDocument();
  });

  it('approves with the comment, naming the request and its environment', async () => {
    const { executeMutation } = setup();
    await userEvent.type(await screen.findByLabelText('Comment'), 'ok');
    await userEvent.click(screen.getByRole('button', { name: 'Approve' }));
    await waitFor(() => expect(executeMutation).toHaveBeenCalled());
    const [operation] = executeMutation.mock.calls[0] as unknown as [{ variables: { input: Record<string, unknown> } }];
    expect(operation.variables.input).toEqual({ projectKey: 'shop', environment: 'production', id: 'cr-1', comment: 'ok' });
  });

  it('offers the author no approval, only withdrawal', async () => {
    setup({ author: { subject: 'ann', name: 'Ann' } });
    expect(await screen.findByRole('button', { name: 'Withdraw' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
  });

  it('says a request failed with CONFLICT and offers no review', async () => {
    setup({ status: 'FAILED', failure: 'CONFLICT: flag checkout changed since the change request was opened' });
    expect(await screen.findByText(/^CONFLICT: flag checkout changed/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
  });
});

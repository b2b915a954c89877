import { screen } from '@testing-library/react';
import { fromValue } from 'wonka';
import { describe, expect, it, vi } from 'vitest';
import { fakeClient, renderProjectPage } from '../test/renderProjectPage';
import type { ProjectFieldsFragment } from '../gql/graphql';
import { CompliancePage, periodOf, reportUrl } from './CompliancePage';

const project = { key: 'shop', name: 'Shop', version: 1, environments: [] } as unknown as ProjectFieldsFragment;
const row = (fields: Record<string, unknown>) => ({
  position: 12, effectiveAt: '2026-11-25T10:00:00Z', environment: 'production', subjectKind: 'FLAG', subjectKey: 'checkout',
  eventType: 'FlagToggled', fields: 'environments.production.enabled', authorName: 'Bob', authorSubject: 'bob',
  approvers: 'Ann <ann>', reason: 'launch', ticket: 'JIRA-7', throughApproval: true, changeRequestId: 'cr-1', ...fields,
});

describe('CompliancePage', () => {
  it('covers whole UTC days, the last one included', () => {
    expect(periodOf('2026-11-01', '2026-11-30')).toEqual({ from: '2026-11-01T00:00:00Z', to: '2026-12-01T00:00:00Z' });
    expect(reportUrl('shop', periodOf('2026-11-01', '2026-11-01'), 'pdf')).toBe(
      '/api/compliance/report?projectKey=shop&from=2026-11-01T00%3A00%3A00Z&to=2026-11-02T00%3A00%3A00Z&format=pdf',
    );
  });

  it('lists the changes, the break-glass ones apart, with the chain head', async () => {
    const executeQuery = vi.fn(() => fromValue({ data: { complianceReport: {
      generatedAt: '2026-11-26T00:00:00Z', chainHeadPosition: 40, chainHeadHash: 'ab'.repeat(32), keyId: '0123456789abcdef',
      signature: 'c2ln', bodySha256: 'cd'.repeat(32),
      changes: [row({})], breakGlass: [row({ position: 13, authorName: 'Olga', approvers: '', throughApproval: false, ticket: null })],
    } } }));
    renderProjectPage(<CompliancePage />, { client: fakeClient({ executeQuery }), route: 'compliance', project });
    expect(await screen.findByTestId('chain-head')).toHaveTextContent('40 ' + 'ab'.repeat(32));
    const changes = screen.getByRole('region', { name: 'Changes' });
    expect(changes).toHaveTextContent('JIRA-7');
    expect(changes).toHaveTextContent('Ann <ann>');
    const glass = screen.getByRole('region', { name: 'Break-glass changes (without approval)' });
    expect(glass).toHaveTextContent('Olga');
    expect(glass).toHaveTextContent('no');
  });
});

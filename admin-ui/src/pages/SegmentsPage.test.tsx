import { act, screen, waitFor } from '@testing-library/react';
import { fromValue, makeSubject } from 'wonka';
import { describe, expect, it, vi } from 'vitest';
import { fakeClient, renderProjectPage } from '../test/renderProjectPage';
import type { ProjectFieldsFragment } from '../gql/graphql';
import { SegmentsPage } from './SegmentsPage';

const project = { key: 'shop', name: 'Shop', version: 1, environments: [{ key: 'production', name: 'Production', requireReason: false }] } as unknown as ProjectFieldsFragment;

const segment = (key: string) => ({ id: `s-${key}`, projectKey: 'shop', key, name: key, description: '', included: [], excluded: [], rules: [], version: 0, updatedAt: '2026-11-25T10:00:00Z' });

function change(fields: Record<string, unknown>) {
  return {
    data: {
      projectChanged: {
        projectKey: 'shop', flagKey: null, segmentKey: null, environment: null, eventType: 'SegmentCreated', version: 0,
        occurredAt: '2026-11-25T10:00:00Z', actor: { subject: 'local:bob', name: 'Bob' }, ...fields,
      },
    },
  };
}

function setup() {
  const live = makeSubject<unknown>();
  let listed = [segment('beta')];
  const executeQuery = vi.fn(() => fromValue({ data: { segments: { edges: listed.map((node) => ({ node })) } } }));
  renderProjectPage(<SegmentsPage />, { client: fakeClient({ executeQuery, executeSubscription: vi.fn(() => live.source) }), route: 'segments', project });
  return { executeQuery, push: (fields: Record<string, unknown>) => act(() => live.next(change(fields))), list: (keys: string[]) => (listed = keys.map(segment)) };
}

describe('SegmentsPage', () => {
  it('shows a segment someone else created without a reload, and ignores flag changes', async () => {
    const { executeQuery, push, list } = setup();
    expect(await screen.findByRole('link', { name: 'beta' })).toBeInTheDocument();
    const before = executeQuery.mock.calls.length;

    push({ flagKey: 'checkout', eventType: 'FlagToggled', environment: 'production', version: 3 });
    expect(executeQuery.mock.calls.length).toBe(before);

    list(['beta', 'gamma']);
    push({ segmentKey: 'gamma' });
    await waitFor(() => expect(screen.getByRole('link', { name: 'gamma' })).toBeInTheDocument());
    const [, context] = executeQuery.mock.calls.at(-1) as unknown as [unknown, { requestPolicy: string }];
    expect(context.requestPolicy).toBe('network-only');
  });
});

import { Link } from 'react-router';
import { useQuery } from 'urql';
import { PendingChangeRequestsQuery } from './documents';

const REQUEST_TYPES = { additionalTypenames: ['ChangeRequest'] };

/**
 * On a flag's or segment's page: the change requests that would change it and still wait, so a
 * change proposed in a protected environment is not forgotten (the page itself shows what is live).
 */
export function PendingChangeRequests({ projectKey, kind, subjectKey }: { projectKey: string; kind: 'Flag' | 'Segment'; subjectKey: string }) {
  const [{ data }] = useQuery({ query: PendingChangeRequestsQuery, variables: { projectKey }, context: REQUEST_TYPES });
  const pending = (data?.changeRequests?.edges ?? [])
    .map((edge) => edge.node)
    .filter((r) => (r.status === 'OPEN' || r.status === 'APPROVED') && r.commands.some((c) => c.aggregateType === kind && c.subjectKey === subjectKey));
  if (pending.length === 0) return null;
  return (
    <section className="alert info" aria-labelledby="pending-title" data-testid="pending-change-requests">
      <h3 id="pending-title" className="small-heading">
        Waiting for approval
      </h3>
      <ul>
        {pending.map((r) => (
          <li key={r.id}>
            <Link to={`/projects/${projectKey}/change-requests/${r.id}`}>{r.title}</Link>{' '}
            <span className="muted small">
              {r.status === 'APPROVED'
                ? `approved${r.applyAt ? `, applies ${new Date(r.applyAt).toLocaleString()}` : ''}`
                : `${r.approvals.length} of ${r.requiredApprovals} approval${r.requiredApprovals === 1 ? '' : 's'}`}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

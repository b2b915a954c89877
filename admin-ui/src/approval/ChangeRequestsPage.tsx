import { useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { QueryTable } from '../components/QueryTable';
import type { ChangeRequestStatus } from '../gql/graphql';
import { useProject } from '../pages/ProjectLayout';
import { ChangeRequestsQuery } from './documents';
import { PromoteSection } from './PromoteSection';
import { statusLabel } from './status';

const STATUSES: (ChangeRequestStatus | '')[] = ['', 'OPEN', 'APPROVED', 'APPLIED', 'REJECTED', 'WITHDRAWN', 'FAILED'];
const REQUEST_TYPES = { additionalTypenames: ['ChangeRequest'] };

/** Change requests of a project, newest first: what protected environments are waiting for. */
export function ChangeRequestsPage() {
  const { project } = useProject();
  const [status, setStatus] = useState<ChangeRequestStatus | ''>('OPEN');
  const [{ data, fetching, error }, reexecute] = useQuery({
    query: ChangeRequestsQuery,
    variables: { projectKey: project.key, status: status || null },
    context: REQUEST_TYPES,
  });
  const requests = data?.changeRequests.edges.map((edge) => edge.node) ?? [];
  const envName = (key: string) => project.environments.find((e) => e.key === key)?.name ?? key;

  return (
    <div className="page">
      <h2>Change requests</h2>
      <p className="muted">
        Changes to protected environments wait here for their approvals. Protect an environment on the Environments tab.
      </p>
      <div className="row">
        <div className="field">
          <label htmlFor="request-status">Status</label>
          <select id="request-status" value={status} onChange={(e) => setStatus(e.target.value as ChangeRequestStatus | '')}>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s ? statusLabel(s) : 'Any'}
              </option>
            ))}
          </select>
        </div>
      </div>
      <QueryTable
        query={{ data, fetching, error }}
        loading="Loading change requests…"
        empty={<p className="muted">No change requests{status ? ` ${statusLabel(status).toLowerCase()}` : ''}.</p>}
        caption={`Change requests of ${project.name}`}
        columns={['Title', 'Environment', 'Author', 'Approvals', 'Status', 'Opened']}
        items={requests}
        row={(request) => (
          <tr key={request.id} data-request={request.id}>
            <td>
              <Link to={request.id}>{request.title}</Link>
              {request.kind === 'PROMOTION' && <span className="tag">promotion</span>}
            </td>
            <td>{envName(request.environment)}</td>
            <td>{request.author.name}</td>
            <td>
              {request.approvals.length} of {request.requiredApprovals}
            </td>
            <td>
              <span className={`status ${request.status.toLowerCase()}`}>{statusLabel(request.status)}</span>
            </td>
            <td>{new Date(request.openedAt).toLocaleString()}</td>
          </tr>
        )}
      />
      <PromoteSection onOpened={() => reexecute({ requestPolicy: 'network-only' })} />
    </div>
  );
}

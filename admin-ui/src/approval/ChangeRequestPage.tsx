import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { outcome } from '../api/mutate';
import { problemOf, type Problem } from '../api/problems';
import { useSession } from '../api/SessionContext';
import { DiffView } from '../audit/DiffView';
import { useNotify } from '../components/Notice';
import { useProject } from '../pages/ProjectLayout';
import { queryState } from '../pages/QueryState';
import {
  ApplyChangeRequestMutation,
  ApproveChangeRequestMutation,
  ChangeRequestQuery,
  RejectChangeRequestMutation,
  WithdrawChangeRequestMutation,
} from './documents';
import { groupDiff, statusLabel } from './status';

/**
 * One change request: what it changes (the diff against the state it was based on), who proposed
 * and reviewed it, and the review actions. The server decides who may do what (self-approval,
 * approver groups, break-glass); this page shows its answer.
 */
export function ChangeRequestPage() {
  const { project } = useProject();
  const { requestId = '' } = useParams();
  const { session } = useSession();
  const notify = useNotify();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: ChangeRequestQuery, variables: { projectKey: project.key, id: requestId } });
  const [, approve] = useMutation(ApproveChangeRequestMutation);
  const [, reject] = useMutation(RejectChangeRequestMutation);
  const [, withdraw] = useMutation(WithdrawChangeRequestMutation);
  const [, apply] = useMutation(ApplyChangeRequestMutation);
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);

  const unavailable = queryState('change request', { error, fetching, hasData: !!data, found: !!data?.changeRequest });
  const request = data?.changeRequest;
  if (unavailable || !request) return unavailable;
  const envName = (key: string) => project.environments.find((e) => e.key === key)?.name ?? key;
  const open = request.status === 'OPEN' || request.status === 'APPROVED';
  const me = session.status === 'signed-in' ? session.user.subject : null;
  const mine = me != null && request.author.subject === me;
  const input = { projectKey: project.key, environment: request.environment, id: request.id };

  async function act(label: string, run: () => Promise<{ problem: Problem | null }>) {
    setBusy(true);
    setProblem(null);
    const result = await run();
    setBusy(false);
    if (result.problem) {
      setProblem(result.problem);
      reexecute({ requestPolicy: 'network-only' });
    } else {
      notify(label);
      setComment('');
    }
  }

  return (
    <div className="page">
      <p>
        <Link to="..">← Change requests</Link>
      </p>
      <h2>{request.title}</h2>
      <p>
        <span className={`status ${request.status.toLowerCase()}`}>{statusLabel(request.status)}</span>{' '}
        {request.kind === 'PROMOTION' ? 'Promotion to' : 'Change to'} <strong>{envName(request.environment)}</strong>, proposed by{' '}
        <strong>{request.author.name}</strong> on {new Date(request.openedAt).toLocaleString()}.
      </p>
      <dl className="facts">
        <dt>Reason</dt>
        <dd>{request.reason || '—'}</dd>
        <dt>Ticket</dt>
        <dd>{request.ticket || '—'}</dd>
        <dt>Approvals</dt>
        <dd>
          {request.approvals.length} of {request.requiredApprovals}
          {request.policy.allowSelfApproval ? '' : ' (the author may not approve)'}
          {request.policy.approverGroups.length + request.policy.approverRoles.length > 0 &&
            `; approvers hold ${[...request.policy.approverRoles, ...request.policy.approverGroups].join(' or ')}`}
        </dd>
        {request.applyAt && (
          <>
            <dt>Applies at</dt>
            <dd>{new Date(request.applyAt).toLocaleString()}</dd>
          </>
        )}
        {request.appliedAt && (
          <>
            <dt>Applied</dt>
            <dd>
              {new Date(request.appliedAt).toLocaleString()} by {request.appliedBy?.name}
              {request.breakGlass && <strong> — break-glass, without approval</strong>}
            </dd>
          </>
        )}
        {request.failure && (
          <>
            <dt>Failure</dt>
            <dd className="failure">{request.failure}</dd>
          </>
        )}
      </dl>

      <section className="card section" aria-labelledby="diff-title">
        <h3 id="diff-title">What changes</h3>
        {groupDiff(request.diff).map((group) => (
          <div key={group.subject} data-subject={group.subject}>
            <h4>{group.subject}</h4>
            <DiffView changes={group.changes} environmentName={envName} />
          </div>
        ))}
        <details>
          <summary>Commands ({request.commands.length})</summary>
          <ul>
            {request.commands.map((command, i) => (
              <li key={i} className="mono small">
                {command.summary} — based on version {command.basedOnVersion}
              </li>
            ))}
          </ul>
        </details>
      </section>

      {(request.approvals.length > 0 || request.rejection) && (
        <section className="section" aria-labelledby="reviews-title">
          <h3 id="reviews-title">Reviews</h3>
          <ul>
            {request.approvals.map((review) => (
              <li key={review.subject}>
                Approved by <strong>{review.name}</strong> {review.comment ? `: “${review.comment}”` : ''}
              </li>
            ))}
            {request.rejection && (
              <li>
                Rejected by <strong>{request.rejection.name}</strong>: “{request.rejection.comment}”
              </li>
            )}
          </ul>
        </section>
      )}

      {open && (
        <section className="card section" aria-labelledby="review-title">
          <h3 id="review-title">Review</h3>
          <div className="field">
            <label htmlFor="review-comment">Comment</label>
            <textarea id="review-comment" value={comment} onChange={(e) => setComment(e.target.value)} rows={2} />
          </div>
          {problem && (
            <div className="alert error" role="alert">
              {problem.message}
            </div>
          )}
          <div className="form-actions">
            {request.status === 'OPEN' && (!mine || request.policy.allowSelfApproval) && (
              <button className="button primary" disabled={busy} onClick={() => act('Approved', () => outcome(approve({ input: { ...input, comment } })))}>
                Approve
              </button>
            )}
            {!mine && (
              <button className="button danger" disabled={busy || !comment.trim()} title="A rejection needs a comment" onClick={() => act('Rejected', () => outcome(reject({ input: { ...input, comment } })))}>
                Reject
              </button>
            )}
            {request.status === 'APPROVED' && (
              <button className="button" disabled={busy} onClick={() => act('Applied', () => outcome(apply({ input: { ...input } })))}>
                Apply now
              </button>
            )}
            {request.policy.breakGlassRole && request.status === 'OPEN' && (
              <button className="button danger" disabled={busy} onClick={() => act('Applied with break-glass', () => outcome(apply({ input: { ...input, breakGlass: true } })))}>
                Break glass: apply without approval
              </button>
            )}
            {mine && (
              <button className="button" disabled={busy} onClick={() => act('Withdrawn', () => outcome(withdraw({ input: { ...input, comment } })))}>
                Withdraw
              </button>
            )}
          </div>
        </section>
      )}
      {error && <p className="alert error">{problemOf(error).message}</p>}
    </div>
  );
}

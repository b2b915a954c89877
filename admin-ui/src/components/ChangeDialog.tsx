import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type { Problem } from '../api/problems';
import { REASON_MAX } from '../flag/values';
import { Modal } from './Modal';

export type ChangeRequest = {
  title: string;
  /** What will change, in the user's words: shown above the reason. */
  summary: ReactNode;
  reasonRequired: boolean;
  /** Why a reason is required, e.g. "production requires a reason for every change". */
  reasonPolicy?: string;
  confirmLabel: string;
  danger?: boolean;
  /** Set when a protected environment turns the change into a change request: the dialog says so. */
  approval?: { environment: string; approvals: number };
  /** Sends the change; answers the problem the server reported, or null when it was applied. */
  apply: (reason: string | undefined) => Promise<Problem | null>;
};

type Props = ChangeRequest & {
  /** "flag" or "project": named in the conflict message. */
  subject: string;
  onClose: () => void;
  onApplied?: () => void;
  /** Loads the latest state after a CONFLICT. */
  onReload: () => void;
};

/**
 * Every change goes through this dialog: it says what will change, asks why (required where the
 * environment demands it) and, when someone else changed the thing first, says so and offers a reload
 * instead of overwriting their change.
 */
export function ChangeDialog({ title, summary, reasonRequired, reasonPolicy, confirmLabel, danger, approval, apply, subject, onClose, onApplied, onReload }: Props) {
  const reasonId = useId();
  const hintId = useId();
  const errorId = useId();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = reason.trim();
    if (reasonRequired && !trimmed) {
      setFieldError('Give a reason: it is recorded with the change and shown in the history.');
      return;
    }
    if (trimmed.length > REASON_MAX) {
      setFieldError(`Keep the reason under ${REASON_MAX} characters.`);
      return;
    }
    setFieldError(null);
    setProblem(null);
    setBusy(true);
    try {
      const result = await apply(trimmed || undefined);
      if (result) setProblem(result);
      else {
        onApplied?.();
        onClose();
      }
    } finally {
      setBusy(false);
    }
  }

  if (problem?.code === 'CONFLICT') {
    return (
      <Modal title={`Someone changed this ${subject}`} onClose={onClose}>
        <div className="conflict" role="alert">
          <p>
            <strong>Your change was not saved.</strong> Someone else changed this {subject} after you opened it, so applying
            yours now could silently undo theirs.
          </p>
          <p>Reload to see the latest version, then make your change again if it still applies.</p>
        </div>
        <div className="modal-actions">
          <button type="button" className="button" onClick={onClose}>
            Close
          </button>
          <button
            type="button"
            className="button primary"
            data-autofocus
            onClick={() => {
              onReload();
              onClose();
            }}
          >
            Reload {subject}
          </button>
        </div>
      </Modal>
    );
  }

  return (
    <Modal title={title} onClose={onClose} locked={busy}>
      <form onSubmit={submit} noValidate>
        <div className="change-summary">{summary}</div>
        {approval && (
          <p className="alert info" data-testid="approval-note">
            <strong>{approval.environment} is protected.</strong> This opens a change request that needs {approval.approvals} approval
            {approval.approvals === 1 ? '' : 's'}; nothing changes until it is approved.
          </p>
        )}
        <div className="field">
          <label htmlFor={reasonId}>
            Reason {reasonRequired ? <span className="required">(required)</span> : <span className="optional">(optional)</span>}
          </label>
          <textarea
            id={reasonId}
            data-autofocus
            rows={3}
            value={reason}
            maxLength={REASON_MAX + 1}
            aria-required={reasonRequired}
            aria-invalid={fieldError ? true : undefined}
            aria-describedby={`${hintId}${fieldError ? ` ${errorId}` : ''}`}
            onChange={(e) => setReason(e.target.value)}
            placeholder="Why are you making this change? e.g. Rolling out after QA sign-off (TICKET-123)"
          />
          <p id={hintId} className="hint">
            {reasonPolicy ?? 'Recorded with the change in the audit history.'}
          </p>
          {fieldError && (
            <p id={errorId} className="field-error" role="alert">
              {fieldError}
            </p>
          )}
        </div>
        {problem && (
          <div className="alert error" role="alert">
            {problem.message}
          </div>
        )}
        <div className="modal-actions">
          <button type="button" className="button" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className={`button ${danger ? 'danger' : 'primary'}`} disabled={busy}>
            {busy ? 'Saving…' : approval ? 'Propose change' : confirmLabel}
          </button>
        </div>
      </form>
    </Modal>
  );
}

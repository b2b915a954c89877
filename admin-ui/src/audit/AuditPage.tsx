import { useState } from 'react';
import { Link } from 'react-router';
import { useClient } from 'urql';
import { problemOf } from '../api/problems';
import type { VerifyAuditChainQuery as ChainResult } from '../gql/graphql';
import { useProject } from '../pages/ProjectLayout';
import { AuditTimeline } from './AuditTimeline';
import { VerifyAuditChainQuery } from './documents';
import './audit.css';

/** The project's audit history, the hash chain's verification and the auditors' export. */
export function AuditPage() {
  const { project } = useProject();
  return (
    <div className="page audit-page">
      <div className="section-header">
        <div>
          <h2>Audit</h2>
          <p className="muted">Every change to this project, its flags, segments and SDK keys: who, when, why, from where, and exactly what changed.</p>
        </div>
        <Link className="button" to={`/projects/${project.key}/audit/as-of`}>
          View the project as of…
        </Link>
      </div>
      <div className="audit-tools">
        <ChainCard />
        <ExportCard />
      </div>
      <section className="card section" aria-labelledby="project-history-title">
        <h3 id="project-history-title">History</h3>
        <AuditTimeline projectKey={project.key} environments={project.environments} label="project-history" />
      </section>
    </div>
  );
}

/** Recomputes the hash chain over the whole store on demand: a check for auditors, not a page load. */
function ChainCard() {
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<ChainResult['verifyAuditChain'] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [checkedAt, setCheckedAt] = useState<Date | null>(null);

  async function verify() {
    setBusy(true);
    setProblem(null);
    const answer = await client.query(VerifyAuditChainQuery, {}, { requestPolicy: 'network-only' }).toPromise();
    setBusy(false);
    if (answer.error) setProblem(problemOf(answer.error).message);
    else {
      setReport(answer.data?.verifyAuditChain ?? null);
      setCheckedAt(new Date());
    }
  }

  const mismatch = report?.firstMismatch;
  return (
    <section className="card section" aria-labelledby="chain-title">
      <h3 id="chain-title">Tamper check</h3>
      <p className="muted small">Each entry's hash covers the one before it. Verifying recomputes every hash from the stored events (all projects) and names the first entry that does not match.</p>
      <button type="button" className="button" onClick={verify} disabled={busy}>
        {busy ? 'Verifying…' : 'Verify the audit chain'}
      </button>
      <div aria-live="polite" data-testid="chain-result">
        {problem && (
          <p className="alert error" role="alert">
            {problem}
          </p>
        )}
        {report && report.valid && (
          <p className="chain-ok">
            ✓ Intact: {report.checked} entries verified{checkedAt && ` at ${checkedAt.toLocaleTimeString()}`}.
          </p>
        )}
        {report && !report.valid && (
          <div className="alert error">
            <p className="chain-bad">✗ The chain is broken ({report.checked} entries checked).</p>
            {mismatch && (
              <dl className="result-grid">
                <dt>Position</dt>
                <dd className="mono">{mismatch.position}</dd>
                <dt>Event</dt>
                <dd className="mono">{mismatch.eventId ?? '—'}</dd>
                <dt>Problem</dt>
                <dd>{mismatch.problem}</dd>
                <dt>Hash of the stored event</dt>
                <dd className="mono">{mismatch.expectedHash ?? '(event missing)'}</dd>
                <dt>Hash recorded</dt>
                <dd className="mono">{mismatch.recordedHash ?? '—'}</dd>
              </dl>
            )}
          </div>
        )}
      </div>
    </section>
  );
}

/** The export endpoint streams the whole trail with hashes, for offline verification (docs/audit.md). */
function ExportCard() {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const href = (format: string) => {
    const params = new URLSearchParams({ format });
    const instant = (v: string) => (v ? new Date(v).toISOString() : '');
    if (from) params.set('from', instant(from));
    if (to) params.set('to', instant(to));
    return `/api/audit/export?${params}`;
  };
  return (
    <section className="card section" aria-labelledby="export-title">
      <h3 id="export-title">Export</h3>
      <p className="muted small">The full trail of every project with each event's stored bytes and chain hashes, for archiving and offline verification. Times are optional (local time).</p>
      <div className="as-of-picker">
        <div className="field">
          <label htmlFor="export-from">From</label>
          <input id="export-from" type="datetime-local" step="1" value={from} onChange={(e) => setFrom(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="export-to">To</label>
          <input id="export-to" type="datetime-local" step="1" value={to} onChange={(e) => setTo(e.target.value)} />
        </div>
      </div>
      <div className="form-actions">
        <a className="button" href={href('jsonl')} download>
          Download JSON Lines
        </a>
        <a className="button" href={href('csv')} download>
          Download CSV
        </a>
      </div>
    </section>
  );
}

import { useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { apiFetch } from '../api/http';
import { problemOf } from '../api/problems';
import { useProject } from '../pages/ProjectLayout';
import { ComplianceReportQuery } from './documents';

type Period = { from: string; to: string };

/** The day as yyyy-mm-dd in UTC, for date inputs. */
const day = (at: Date) => at.toISOString().slice(0, 10);

/** A period of whole UTC days, from the start of `from` to the end of `to`. */
export function periodOf(from: string, to: string): Period {
  const end = new Date(`${to}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() + 1);
  return { from: `${from}T00:00:00Z`, to: end.toISOString().replace('.000Z', 'Z') };
}

export function reportUrl(projectKey: string, period: Period, format: 'csv' | 'pdf'): string {
  const params = new URLSearchParams({ projectKey, from: period.from, to: period.to, format });
  return `/api/compliance/report?${params}`;
}

/**
 * Compliance: every change to protected environments in a period, who made and approved it, why,
 * and break-glass changes apart; downloads as a signed CSV or a PDF tied to the audit chain's head.
 */
export function CompliancePage() {
  const { project } = useProject();
  const now = new Date();
  const monthAgo = new Date(now.getTime() - 30 * 86_400_000);
  const [fromDay, setFromDay] = useState(day(monthAgo));
  const [toDay, setToDay] = useState(day(now));
  const [period, setPeriod] = useState<Period>(() => periodOf(day(monthAgo), day(now)));
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const [{ data, fetching, error }] = useQuery({ query: ComplianceReportQuery, variables: { projectKey: project.key, ...period } });
  const report = data?.complianceReport;

  function submit(event: FormEvent) {
    event.preventDefault();
    setPeriod(periodOf(fromDay, toDay));
  }

  async function download(format: 'csv' | 'pdf') {
    setDownloadError(null);
    const response = await apiFetch(reportUrl(project.key, period, format));
    if (!response.ok) {
      setDownloadError(`The report could not be downloaded (${response.status}).`);
      return;
    }
    const url = URL.createObjectURL(await response.blob());
    const link = document.createElement('a');
    link.href = url;
    link.download = `compliance-${project.key}-${fromDay}-${toDay}.${format}`;
    link.click();
    URL.revokeObjectURL(url);
  }

  return (
    <div className="page">
      <h2>Compliance</h2>
      <p className="muted">Every change to a protected environment in the period: author, approvers, reason, ticket, when it took effect.</p>
      <form className="row" onSubmit={submit}>
        <div className="field">
          <label htmlFor="compliance-from">From (UTC day)</label>
          <input id="compliance-from" type="date" value={fromDay} onChange={(e) => setFromDay(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="compliance-to">To (UTC day, inclusive)</label>
          <input id="compliance-to" type="date" value={toDay} onChange={(e) => setToDay(e.target.value)} />
        </div>
        <div className="form-actions">
          <button type="submit" className="button primary">
            Show report
          </button>
          <button type="button" className="button" onClick={() => download('csv')}>
            Download CSV (signed)
          </button>
          <button type="button" className="button" onClick={() => download('pdf')}>
            Download PDF
          </button>
        </div>
      </form>
      {(error || downloadError) && (
        <div className="alert error" role="alert">
          {downloadError ?? problemOf(error!).message}
        </div>
      )}
      {fetching && !report && <p className="muted">Building the report…</p>}
      {report && (
        <>
          <dl className="facts">
            <dt>Audit chain head</dt>
            <dd className="mono" data-testid="chain-head">
              {report.chainHeadPosition} {report.chainHeadHash}
            </dd>
            <dt>Signature</dt>
            <dd className="mono small">
              Ed25519, key {report.keyId}: {report.signature}
            </dd>
          </dl>
          <ChangeTable title="Changes" rows={report.changes} />
          <ChangeTable title="Break-glass changes (without approval)" rows={report.breakGlass} />
        </>
      )}
    </div>
  );
}

type Row = {
  position: number;
  effectiveAt: string;
  environment: string;
  subjectKind: string;
  subjectKey?: string | null;
  eventType: string;
  fields: string;
  authorName?: string | null;
  approvers: string;
  reason?: string | null;
  ticket?: string | null;
  throughApproval: boolean;
};

function ChangeTable({ title, rows }: { title: string; rows: readonly Row[] }) {
  return (
    <section className="section" aria-label={title}>
      <h3>
        {title} ({rows.length})
      </h3>
      {rows.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Took effect</th>
              <th scope="col">Environment</th>
              <th scope="col">What</th>
              <th scope="col">Author</th>
              <th scope="col">Approvers</th>
              <th scope="col">Reason</th>
              <th scope="col">Ticket</th>
              <th scope="col">Approved</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.position}>
                <td>{new Date(row.effectiveAt).toLocaleString()}</td>
                <td>{row.environment}</td>
                <td>
                  {row.subjectKind.toLowerCase()} <span className="mono">{row.subjectKey}</span>: {row.fields || row.eventType}
                </td>
                <td>{row.authorName}</td>
                <td>{row.approvers || '—'}</td>
                <td>{row.reason || '—'}</td>
                <td>{row.ticket || '—'}</td>
                <td>{row.throughApproval ? 'yes' : 'no'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { outcome } from '../api/mutate';
import { ChangeDialog, type ChangeRequest } from '../components/ChangeDialog';
import { useNotify } from '../components/Notice';
import type { ExperimentFieldsFragment, ResultFieldsFragment } from '../gql/graphql';
import { queryState } from '../pages/QueryState';
import { proposedText, protectionOf, useProject } from '../pages/ProjectLayout';
import { IntervalChart, WeightHistoryChart } from './charts';
import { ConcludeExperimentMutation, ExperimentQuery, StartExperimentMutation, StopExperimentMutation } from './documents';
import { count, intervalSeries, percent, pValue, signedPercent, verdictClass, weightSeries } from './model';

/** One experiment: its set-up, the actions of its lifecycle, and its results with every statistic. */
export function ExperimentPage() {
  const { project } = useProject();
  const { experimentKey = '' } = useParams();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: ExperimentQuery, variables: { projectKey: project.key, key: experimentKey },
    requestPolicy: 'cache-and-network' });
  const [change, setChange] = useState<ChangeRequest | null>(null);
  const notify = useNotify();
  const [, start] = useMutation(StartExperimentMutation);
  const [, stop] = useMutation(StopExperimentMutation);
  const [, conclude] = useMutation(ConcludeExperimentMutation);
  const unavailable = queryState('experiment', { error, fetching, hasData: !!data, found: !!data?.experiment });
  if (unavailable || !data?.experiment) return unavailable;
  const experiment = data.experiment;
  const results = data.experimentResults;
  const environment = project.environments.find((e) => e.key === experiment.environment);
  const reload = () => reexecute({ requestPolicy: 'network-only' });
  const approval = protectionOf(project, experiment.environment);
  const transition = (mutation: 'start' | 'stop') => (reason: string | undefined) => {
    const input = { projectKey: project.key, key: experiment.key, environment: experiment.environment, expectedVersion: experiment.version, reason };
    // In a protected environment the start or stop opens a change request and the experiment stays as it is.
    const proposed = (request: { id: string } | null | undefined) => {
      if (request) notify(proposedText(approval));
    };
    return mutation === 'start'
      ? outcome(start({ input })).then((r) => { proposed(r.data?.startExperiment.changeRequest); return r.problem; })
      : outcome(stop({ input })).then((r) => { proposed(r.data?.stopExperiment.changeRequest); return r.problem; });
  };
  return (
    <div className="page">
      <p>
        <Link to="..">All experiments</Link>
      </p>
      <div className="section-header">
        <div>
          <h2>
            {experiment.name} <span className="mono muted">{experiment.key}</span>{' '}
            <span className={`badge status-${experiment.status.toLowerCase()}`}>{experiment.status.toLowerCase()}</span>
          </h2>
          <p>{experiment.hypothesis}</p>
          <p className="muted">
            Flag <span className="mono">{experiment.flagKey}</span> in {environment?.name ?? experiment.environment}; arms{' '}
            {experiment.arms.map((a) => a.variation).join(', ')} (control {experiment.arms[0]?.variation}); primary metric{' '}
            <span className="mono">{experiment.primaryMetric}</span>
            {experiment.guardrailMetrics.length > 0 && <>; guardrails {experiment.guardrailMetrics.join(', ')}</>}.
          </p>
        </div>
        <div className="actions">
          {experiment.status === 'DRAFT' && (
            <button className="button primary" onClick={() => setChange({ title: 'Start the experiment', confirmLabel: 'Start',
              summary: `Its rule goes first in ${experiment.flagKey}'s targeting in ${experiment.environment}.`,
              reasonRequired: !!environment?.requireReason, approval, apply: transition('start') })}>
              Start
            </button>
          )}
          {experiment.status === 'RUNNING' && (
            <button className="button danger" onClick={() => setChange({ title: 'Stop the experiment', confirmLabel: 'Stop', danger: true,
              summary: 'Its rule leaves the flag; exposures after now no longer count.', reasonRequired: !!environment?.requireReason,
              approval, apply: transition('stop') })}>
              Stop
            </button>
          )}
          {experiment.status === 'STOPPED' && <ConcludeForm experiment={experiment} onConclude={(shippedArm, decision) =>
            outcome(conclude({ input: { projectKey: project.key, key: experiment.key, environment: experiment.environment, shippedArm,
              decision, expectedVersion: experiment.version } })).then((r) => { reload(); return r.problem; })} />}
        </div>
      </div>
      {experiment.status === 'CONCLUDED' && (
        <div className="card">
          <h3>Decision</h3>
          <p>
            Shipped: <strong>{experiment.shippedArm ?? 'none'}</strong>. {experiment.decision}
          </p>
        </div>
      )}
      <Results results={results} />
      {data.experimentResultHistory.length > 0 && (
        <section aria-label="Intervals over time">
          <h3>Confidence intervals over time</h3>
          {results.metrics.map((metric) =>
            metric.arms.filter((a) => a.status !== 'CONTROL').map((arm) => (
              <IntervalChart key={`${metric.key}-${arm.arm}`} title={`${metric.name}: ${arm.arm} against ${experiment.arms[0]?.variation}`}
                points={intervalSeries(data.experimentResultHistory, metric.key, arm.arm)} />
            )),
          )}
        </section>
      )}
      {experiment.weightHistory.length > 1 && (
        <section aria-label="Weight history">
          <h3>Weight history</h3>
          <WeightHistoryChart rows={weightSeries(experiment.weightHistory)} arms={experiment.arms.map((a) => a.variation)} />
          <ol className="weight-log">
            {experiment.weightHistory.map((p) => (
              <li key={p.period}>
                #{p.period} {p.startsAt}: {p.weights.map((w) => `${w.variation} ${(w.weight / 1000).toFixed(1)} %`).join(', ')} — {p.actor ?? 'unknown'}
                {p.reason ? `: ${p.reason}` : ''}
              </li>
            ))}
          </ol>
        </section>
      )}
      {change && <ChangeDialog {...change} subject="experiment" onClose={() => setChange(null)} onApplied={reload} onReload={reload} />}
    </div>
  );
}

export function Results({ results }: { results: ResultFieldsFragment }) {
  const srm = results.srm;
  return (
    <section aria-label="Results">
      {srm?.untrustworthy && (
        <div className="alert error" role="alert">
          <strong>Sample ratio mismatch.</strong> Traffic did not split as configured (χ² = {srm.chiSquare.toFixed(1)}, p = {pValue(srm.pValue)}).
          Assignment or event logging is broken: do not trust the numbers below until it is fixed.
        </div>
      )}
      <p className="verdict-text">{results.verdict}</p>
      <table className="table">
        <caption>Exposed units per arm</caption>
        <thead>
          <tr>
            <th scope="col">Arm</th>
            <th scope="col">Units</th>
            <th scope="col">Share</th>
            <th scope="col">Expected</th>
          </tr>
        </thead>
        <tbody>
          {results.exposures.map((e) => (
            <tr key={e.arm}>
              <td className="mono">{e.arm}</td>
              <td>{count(e.units)}</td>
              <td>{percent(e.observedShare)}</td>
              <td>{percent(e.expectedShare)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {results.metrics.map((metric) => (
        <table className="table results" key={metric.key}>
          <caption>
            {metric.name} ({metric.role === 'PRIMARY' ? 'primary' : 'guardrail'}, {metric.kind.toLowerCase()},{' '}
            {metric.direction === 'HIGHER_IS_BETTER' ? 'higher is better' : 'lower is better'}; analysis {metric.analysis.toLowerCase()}
            {metric.cap != null && `, capped at ${metric.cap.toFixed(2)}`}
            {metric.varianceReduction != null && `, CUPED variance −${percent(metric.varianceReduction)}`})
          </caption>
          <thead>
            <tr>
              <th scope="col">Arm</th>
              <th scope="col">Units</th>
              <th scope="col">Mean</th>
              <th scope="col">Relative effect (95 % CI)</th>
              <th scope="col">p (Holm)</th>
              <th scope="col">Always-valid CI</th>
              <th scope="col">Chance to beat control</th>
              <th scope="col">Expected loss</th>
              <th scope="col">Verdict</th>
            </tr>
          </thead>
          <tbody>
            {metric.arms.map((arm) => (
              <tr key={arm.arm}>
                <td className="mono">{arm.arm}</td>
                <td>{count(arm.units)}</td>
                <td>{arm.mean == null ? '—' : metric.kind === 'CONVERSION' ? percent(arm.mean, 2) : arm.mean.toFixed(3)}</td>
                {arm.status === 'CONTROL' && <td colSpan={6}>control</td>}
                {arm.status === 'INSUFFICIENT' && <td colSpan={6}>Not enough data: {arm.reason}</td>}
                {arm.status === 'COMPUTED' && arm.relative && (
                  <>
                    <td>
                      {signedPercent(arm.relative.estimate)} ({signedPercent(arm.relative.lower)} to {signedPercent(arm.relative.upper)})
                    </td>
                    <td>{pValue(arm.adjustedPValue)}</td>
                    <td>{arm.sequentialRelative ? `${signedPercent(arm.sequentialRelative.lower)} to ${signedPercent(arm.sequentialRelative.upper)}` : '—'}</td>
                    <td>{arm.bayesian ? percent(arm.bayesian.chanceToBeatControl) : '—'}</td>
                    <td>{arm.bayesian ? percent(arm.bayesian.expectedLossTreatment, 2) : '—'}</td>
                    <td>
                      <span className={verdictClass(arm.verdict)}>{arm.verdict?.toLowerCase()}</span>
                    </td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
          {metric.minimumDetectableEffect != null && (
            <tfoot>
              <tr>
                <td colSpan={9} className="muted">
                  At this sample the smallest relative change detectable with 80 % power is {percent(metric.minimumDetectableEffect)}. Welch
                  intervals are not adjusted for multiple comparisons; p-values are.
                </td>
              </tr>
            </tfoot>
          )}
        </table>
      ))}
      {Object.keys((results.rejectedEvents as Record<string, number>) ?? {}).length > 0 && (
        <p className="muted">
          Events refused in this environment:{' '}
          {Object.entries(results.rejectedEvents as Record<string, number>).map(([reason, n]) => `${reason} ${n}`).join(', ')}.
        </p>
      )}
    </section>
  );
}

function ConcludeForm({ experiment, onConclude }: { experiment: ExperimentFieldsFragment;
  onConclude: (shippedArm: string | null, decision: string) => Promise<unknown> }) {
  const [shipped, setShipped] = useState('');
  const [decision, setDecision] = useState('');
  return (
    <form className="conclude" onSubmit={(e) => { e.preventDefault(); void onConclude(shipped || null, decision); }}>
      <label>
        Ship{' '}
        <select value={shipped} onChange={(e) => setShipped(e.target.value)}>
          <option value="">no arm</option>
          {experiment.arms.map((a) => (
            <option key={a.variation} value={a.variation}>
              {a.variation}
            </option>
          ))}
        </select>
      </label>
      <label>
        Decision <textarea value={decision} onChange={(e) => setDecision(e.target.value)} required />
      </label>
      <button className="button primary" type="submit">
        Conclude
      </button>
    </form>
  );
}

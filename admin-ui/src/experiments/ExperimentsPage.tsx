import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { outcome } from '../api/mutate';
import { Field } from '../components/Field';
import { QueryTable, Table } from '../components/QueryTable';
import type { MetricDirection, MetricKind } from '../gql/graphql';
import { useProject } from '../pages/ProjectLayout';
import { DefineMetricMutation, ExperimentListQuery } from './documents';

const TYPES = { additionalTypenames: ['Experiment', 'Metric'] };

/** The project's experiments and the metrics they can use. */
export function ExperimentsPage() {
  const { project } = useProject();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: ExperimentListQuery, variables: { projectKey: project.key }, context: TYPES });
  const experiments = data?.experiments ?? [];
  const metrics = data?.metrics ?? [];
  return (
    <div className="page">
      <div className="section-header">
        <div>
          <h2>Experiments</h2>
          <p className="muted">A/B/n tests and bandits on a flag's variations, measured with the metrics below.</p>
        </div>
        <Link className="button primary" to="new">
          New experiment
        </Link>
      </div>
      <QueryTable
        query={{ data, fetching, error }}
        loading="Loading experiments…"
        empty={
          <div className="empty">
            <h3>No experiments yet</h3>
            <p>Define a metric, then create an experiment on a flag with two or more variations.</p>
          </div>
        }
        caption={`Experiments of ${project.name}`}
        columns={['Experiment', 'Status', 'Flag', 'Environment', 'Primary metric']}
        items={experiments}
        row={(e) => (
          <tr key={e.id}>
            <td>
              <Link to={e.key}>{e.name}</Link> <span className="mono muted">{e.key}</span>
              {e.bandit && <span className="badge">bandit</span>}
            </td>
            <td>
              <span className={`badge status-${e.status.toLowerCase()}`}>{e.status.toLowerCase()}</span>
            </td>
            <td className="mono">{e.flagKey}</td>
            <td>{e.environment}</td>
            <td className="mono">{e.primaryMetric}</td>
          </tr>
        )}
      />
      <h2>Metrics</h2>
      {metrics.length > 0 && (
        <Table
          caption={`Metrics of ${project.name}`}
          columns={['Metric', 'Kind', 'Event', 'Window', 'Direction', 'Cap']}
          items={metrics}
          row={(m) => (
            <tr key={m.id}>
              <td>
                {m.name} <span className="mono muted">{m.key}</span>
              </td>
              <td>{m.source === 'IMPORTED' ? `${m.kind.toLowerCase()} (imported)` : m.kind.toLowerCase()}</td>
              <td className="mono">{m.kind === 'RATIO' ? `${m.eventName} / ${m.denominatorEvent}` : m.eventName ?? '—'}</td>
              <td>{m.windowHours ? `${m.windowHours} h` : '—'}</td>
              <td>{m.direction === 'HIGHER_IS_BETTER' ? 'higher is better' : 'lower is better'}</td>
              <td>{m.capPercentile ? `p${m.capPercentile}` : '—'}</td>
            </tr>
          )}
        />
      )}
      <MetricForm projectKey={project.key} onDefined={() => reexecute({ requestPolicy: 'network-only' })} />
    </div>
  );
}

function MetricForm({ projectKey, onDefined }: { projectKey: string; onDefined: () => void }) {
  const [, define] = useMutation(DefineMetricMutation);
  const [key, setKey] = useState('');
  const [name, setName] = useState('');
  const [kind, setKind] = useState<MetricKind>('CONVERSION');
  const [eventName, setEventName] = useState('');
  const [denominatorEvent, setDenominatorEvent] = useState('');
  const [windowHours, setWindowHours] = useState('72');
  const [direction, setDirection] = useState<MetricDirection>('HIGHER_IS_BETTER');
  const [problem, setProblem] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await outcome(define({ input: { projectKey, key, name, kind, eventName: eventName || null,
      denominatorEvent: kind === 'RATIO' ? denominatorEvent : null, windowHours: windowHours ? Number(windowHours) : null, direction } }));
    setProblem(result.problem?.message ?? null);
    if (!result.problem) {
      setKey('');
      setName('');
      setEventName('');
      onDefined();
    }
  }

  return (
    <form className="card form-grid" onSubmit={submit} aria-label="Define a metric">
      <h3>Define a metric</h3>
      <Field label="Key">{({ id }) => <input id={id} value={key} onChange={(e) => setKey(e.target.value)} required />}</Field>
      <Field label="Name">{({ id }) => <input id={id} value={name} onChange={(e) => setName(e.target.value)} required />}</Field>
      <Field label="Kind">
        {({ id }) => (
          <select id={id} value={kind} onChange={(e) => setKind(e.target.value as MetricKind)}>
            <option value="CONVERSION">Conversion (sent the event)</option>
            <option value="COUNT">Count of events</option>
            <option value="MEAN">Mean of the event's value</option>
            <option value="RATIO">Ratio of two events</option>
          </select>
        )}
      </Field>
      <Field label="Event name" hint="The name the SDK's track() sends.">
        {({ id, describedBy }) => <input id={id} aria-describedby={describedBy} value={eventName} onChange={(e) => setEventName(e.target.value)} required />}
      </Field>
      {kind === 'RATIO' && (
        <Field label="Denominator event">{({ id }) => <input id={id} value={denominatorEvent} onChange={(e) => setDenominatorEvent(e.target.value)} required />}</Field>
      )}
      <Field label="Window after first exposure (hours)" optional>
        {({ id }) => <input id={id} type="number" min={1} value={windowHours} onChange={(e) => setWindowHours(e.target.value)} />}
      </Field>
      <Field label="Direction">
        {({ id }) => (
          <select id={id} value={direction} onChange={(e) => setDirection(e.target.value as MetricDirection)}>
            <option value="HIGHER_IS_BETTER">Higher is better</option>
            <option value="LOWER_IS_BETTER">Lower is better</option>
          </select>
        )}
      </Field>
      {problem && (
        <p className="alert error" role="alert">
          {problem}
        </p>
      )}
      <button className="button primary" type="submit">
        Define metric
      </button>
    </form>
  );
}

import { useMemo, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { FlagChoicesQuery } from '../api/documents';
import { outcome } from '../api/mutate';
import { Field } from '../components/Field';
import { useProject } from '../pages/ProjectLayout';
import { CreateExperimentMutation, ExperimentListQuery, ExperimentPowerQuery } from './documents';
import { count, evenSplit, percent, toWeights } from './model';

/** The set-up form: what is tested, on which flag, how traffic splits, what it measures; with a power calculator. */
export function ExperimentSetupPage() {
  const { project } = useProject();
  const navigate = useNavigate();
  const [{ data: flagData }] = useQuery({ query: FlagChoicesQuery, variables: { projectKey: project.key } });
  const [{ data: listData }] = useQuery({ query: ExperimentListQuery, variables: { projectKey: project.key } });
  const [, create] = useMutation(CreateExperimentMutation);
  const flags = flagData?.flags.edges.map((e) => e.node) ?? [];
  const metrics = listData?.metrics ?? [];
  const [key, setKey] = useState('');
  const [name, setName] = useState('');
  const [hypothesis, setHypothesis] = useState('');
  const [flagKey, setFlagKey] = useState('');
  const [environment, setEnvironment] = useState(project.environments[0]?.key ?? '');
  const [arms, setArms] = useState<{ variation: string; percent: number }[]>([]);
  const [primaryMetric, setPrimaryMetric] = useState('');
  const [guardrails, setGuardrails] = useState<string[]>([]);
  const [randomisationUnit, setRandomisationUnit] = useState('');
  const [segmentKey, setSegmentKey] = useState('');
  const [bandit, setBandit] = useState(false);
  const [plannedSampleSize, setPlannedSampleSize] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  function chooseFlag(next: string) {
    setFlagKey(next);
    const variations = flags.find((f) => f.key === next)?.variations.map((v) => v.key) ?? [];
    const split = evenSplit(Math.max(1, variations.length));
    setArms(variations.map((variation, i) => ({ variation, percent: split[i] })));
  }

  const total = arms.reduce((sum, a) => sum + a.percent, 0);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const weights = toWeights(arms.map((a) => a.percent));
    const result = await outcome(create({ input: { projectKey: project.key, key, definition: {
      name, hypothesis, flagKey, environment, arms: arms.map((a, i) => ({ variation: a.variation, weight: weights[i] })),
      randomisationUnit: randomisationUnit || null, audience: segmentKey ? { segmentKey } : null, primaryMetric,
      guardrailMetrics: guardrails, plannedSampleSize: plannedSampleSize ? Number(plannedSampleSize) : null,
      bandit: bandit ? { burnInUnitsPerArm: 1000, minimumShare: 0.05, intervalMinutes: 60 } : null } } }));
    if (result.problem) setProblem(result.problem.message);
    else navigate(`../${key}`);
  }

  return (
    <div className="page">
      <h2>New experiment</h2>
      <form className="card form-grid" onSubmit={submit} aria-label="Experiment set-up">
        <Field label="Key">{({ id }) => <input id={id} value={key} onChange={(e) => setKey(e.target.value)} required />}</Field>
        <Field label="Name">{({ id }) => <input id={id} value={name} onChange={(e) => setName(e.target.value)} required />}</Field>
        <Field label="Hypothesis" hint="What you expect to change, and why.">
          {({ id, describedBy }) => <textarea id={id} aria-describedby={describedBy} value={hypothesis} onChange={(e) => setHypothesis(e.target.value)} required />}
        </Field>
        <Field label="Flag" hint="Its variations are the arms; the first arm is the control.">
          {({ id, describedBy }) => (
            <select id={id} aria-describedby={describedBy} value={flagKey} onChange={(e) => chooseFlag(e.target.value)} required>
              <option value="">Choose a flag</option>
              {flags.filter((f) => f.variations.length >= 2).map((f) => (
                <option key={f.key} value={f.key}>
                  {f.name} ({f.key})
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Environment">
          {({ id }) => (
            <select id={id} value={environment} onChange={(e) => setEnvironment(e.target.value)}>
              {project.environments.map((e) => (
                <option key={e.key} value={e.key}>
                  {e.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        {arms.length > 0 && (
          <fieldset className="arms">
            <legend>Traffic per arm (percent)</legend>
            {arms.map((arm, i) => (
              <label key={arm.variation} className="arm-weight">
                <span className="mono">
                  {arm.variation}
                  {i === 0 ? ' (control)' : ''}
                </span>
                <input type="number" min={0} max={100} step={0.001} value={arm.percent}
                  onChange={(e) => setArms(arms.map((a, j) => (j === i ? { ...a, percent: Number(e.target.value) } : a)))} />
              </label>
            ))}
            <p className={Math.abs(total - 100) < 0.0005 ? 'hint' : 'field-error'}>Total {total.toFixed(3)} % (must be 100 %)</p>
          </fieldset>
        )}
        <Field label="Randomisation unit" optional hint="The context attribute hashed for assignment; the targeting key when empty.">
          {({ id, describedBy }) => <input id={id} aria-describedby={describedBy} value={randomisationUnit} onChange={(e) => setRandomisationUnit(e.target.value)} />}
        </Field>
        <Field label="Eligible audience (segment key)" optional hint="Everyone who reaches the flag when empty.">
          {({ id, describedBy }) => <input id={id} aria-describedby={describedBy} value={segmentKey} onChange={(e) => setSegmentKey(e.target.value)} />}
        </Field>
        <Field label="Primary metric">
          {({ id }) => (
            <select id={id} value={primaryMetric} onChange={(e) => setPrimaryMetric(e.target.value)} required>
              <option value="">Choose a metric</option>
              {metrics.map((m) => (
                <option key={m.key} value={m.key}>
                  {m.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <fieldset>
          <legend>Guardrail metrics</legend>
          {metrics.filter((m) => m.key !== primaryMetric).map((m) => (
            <label key={m.key} className="checkbox">
              <input type="checkbox" checked={guardrails.includes(m.key)}
                onChange={(e) => setGuardrails(e.target.checked ? [...guardrails, m.key] : guardrails.filter((g) => g !== m.key))} />
              {m.name}
            </label>
          ))}
        </fieldset>
        <Field label="Planned sample size (units)" optional>
          {({ id }) => <input id={id} type="number" min={2} value={plannedSampleSize} onChange={(e) => setPlannedSampleSize(e.target.value)} />}
        </Field>
        <label className="checkbox">
          <input type="checkbox" checked={bandit} onChange={(e) => setBandit(e.target.checked)} />
          Run as a bandit (Thompson sampling every hour after 1 000 units per arm, at least 5 % per arm)
        </label>
        {problem && (
          <p className="alert error" role="alert">
            {problem}
          </p>
        )}
        <button className="button primary" type="submit" disabled={!flagKey || Math.abs(total - 100) >= 0.0005}>
          Create draft
        </button>
      </form>
      <PowerCalculator arms={Math.max(2, arms.length)} onUse={(n) => setPlannedSampleSize(String(n))} />
    </div>
  );
}

/** Units needed for an effect, and the effect detectable with a sample (experimentPower, normal approximation). */
export function PowerCalculator({ arms, onUse }: { arms: number; onUse?: (total: number) => void }) {
  const [rate, setRate] = useState('10');
  const [effect, setEffect] = useState('5');
  const [power, setPower] = useState('80');
  const [units, setUnits] = useState('10000');
  const input = useMemo(() => ({ baselineRate: Number(rate) / 100, relativeEffect: Number(effect) / 100, power: Number(power) / 100,
    unitsPerArm: Number(units) || null, arms }), [rate, effect, power, units, arms]);
  const valid = input.baselineRate > 0 && input.baselineRate < 1 && input.relativeEffect > 0 && input.power > 0 && input.power < 1;
  const [{ data, error }] = useQuery({ query: ExperimentPowerQuery, variables: { input }, pause: !valid });
  const answer = data?.experimentPower;
  return (
    <section className="card form-grid" aria-label="Power calculator">
      <h3>Power calculator</h3>
      <Field label="Baseline conversion rate (%)">{({ id }) => <input id={id} type="number" step="any" value={rate} onChange={(e) => setRate(e.target.value)} />}</Field>
      <Field label="Relative effect to detect (%)">{({ id }) => <input id={id} type="number" step="any" value={effect} onChange={(e) => setEffect(e.target.value)} />}</Field>
      <Field label="Power (%)">{({ id }) => <input id={id} type="number" step="any" value={power} onChange={(e) => setPower(e.target.value)} />}</Field>
      <Field label="Units per arm you expect">{({ id }) => <input id={id} type="number" value={units} onChange={(e) => setUnits(e.target.value)} />}</Field>
      {error && <p className="alert error">{error.message}</p>}
      {answer && (
        <p aria-live="polite">
          Detecting {effect} % on a {rate} % baseline with {power} % power needs <strong>{count(answer.sampleSizePerArm)}</strong> units per
          arm ({count(answer.totalSampleSize)} for {arms} arms). With {count(Number(units))} units per arm the smallest detectable change is{' '}
          <strong>{percent(answer.minimumDetectableEffect)}</strong>.
          {onUse && answer.totalSampleSize != null && (
            <button type="button" className="button link" onClick={() => onUse(Math.round(answer.totalSampleSize!))}>
              Use as planned sample size
            </button>
          )}
        </p>
      )}
    </section>
  );
}

import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { useClient, useQuery } from 'urql';
import { EvaluateFlagQuery, FlagChoicesQuery, FlagQuery } from '../api/documents';
import { problemOf } from '../api/problems';
import type { EvaluateFlagQuery as Result } from '../gql/graphql';
import { explainStep } from '../targeting/trace';
import { useProject } from './ProjectLayout';
import { FlagAsOfQuery } from '../audit/documents';
import { fromLocalInput, readable, toLocalInput } from '../audit/time';
import '../audit/audit.css';

type Attribute = { id: number; name: string; value: string };
let nextId = 1;

/** A typed attribute value: JSON when it parses (numbers, booleans, objects), otherwise the text. */
export function attributeValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function EvaluatePage() {
  const { project } = useProject();
  const client = useClient();
  const [params, setParams] = useSearchParams();
  const [{ data: flagData }] = useQuery({ query: FlagChoicesQuery, variables: { projectKey: project.key } });
  const flags = flagData?.flags.edges.map((e) => e.node) ?? [];
  const flagKey = params.get('flag') ?? flags[0]?.key ?? '';
  const environment = params.get('environment') ?? project.environments.find((e) => e.key === 'production')?.key ?? project.environments[0]?.key ?? '';
  const [mode, setMode] = useState<'build' | 'json'>('build');
  const [targetingKey, setTargetingKey] = useState('');
  const [attributes, setAttributes] = useState<Attribute[]>([{ id: nextId++, name: '', value: '' }]);
  const [json, setJson] = useState('{\n  "targetingKey": "user-1"\n}');
  const [problem, setProblem] = useState<string | null>(null);
  const [result, setResult] = useState<Result['evaluateFlag'] | null>(null);
  const [busy, setBusy] = useState(false);
  // "As of": evaluate against the configuration of a past instant, replayed by the server.
  const at = params.get('at');
  const [asOfText, setAsOfText] = useState(toLocalInput(at));
  const [evaluatedAt, setEvaluatedAt] = useState<string | null>(null);
  // The flag's rules in this environment, so the trace can say "Rule 2 (Beta in DE)" rather than an id.
  const [{ data: flagDetail }] = useQuery({ query: FlagQuery, variables: { projectKey: project.key, key: flagKey }, pause: !flagKey || !!at });
  const [{ data: pastDetail }] = useQuery({ query: FlagAsOfQuery, variables: { projectKey: project.key, key: flagKey, at: at ?? '' }, pause: !flagKey || !at });
  const shownFlag = at ? pastDetail?.flagAsOf : flagDetail?.flag;
  const rules = shownFlag?.environments.find((e) => e.key === environment)?.targeting.rules ?? [];
  const ruleName = (id: string) => {
    const index = rules.findIndex((r) => r.id === id);
    if (index < 0) return `Rule ${id}`;
    return `Rule ${index + 1}${rules[index].description ? ` (${rules[index].description})` : ''}`;
  };

  function built(): Record<string, unknown> {
    const context: Record<string, unknown> = {};
    if (targetingKey.trim()) context.targetingKey = targetingKey.trim();
    for (const a of attributes) if (a.name.trim()) context[a.name.trim()] = attributeValue(a.value);
    return context;
  }

  function switchTo(next: 'build' | 'json') {
    if (next === 'json') setJson(JSON.stringify(built(), null, 2));
    else {
      try {
        const parsed = JSON.parse(json);
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
          setTargetingKey(typeof parsed.targetingKey === 'string' ? parsed.targetingKey : '');
          setAttributes(
            Object.entries(parsed)
              .filter(([k]) => k !== 'targetingKey')
              .map(([name, v]) => ({ id: nextId++, name, value: typeof v === 'string' ? v : JSON.stringify(v) })),
          );
        }
      } catch {
        setProblem('The JSON is not valid, so the builder starts from what it had.');
      }
    }
    setMode(next);
  }

  async function evaluate(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    let context: unknown;
    if (mode === 'json') {
      try {
        context = JSON.parse(json);
      } catch (e) {
        setProblem(`The context is not valid JSON: ${(e as Error).message}`);
        return;
      }
      if (!context || typeof context !== 'object' || Array.isArray(context)) {
        setProblem('The context must be a JSON object, e.g. {"targetingKey": "user-1", "country": "DE"}.');
        return;
      }
    } else context = built();
    if (!flagKey) {
      setProblem('Choose a flag.');
      return;
    }
    const asOf = asOfText ? fromLocalInput(asOfText) : null;
    if (asOfText && !asOf) {
      setProblem('“As of” is not a date and time.');
      return;
    }
    // Keep the exact instant a link brought (to the millisecond) while the field still shows it.
    const instant = asOf && at && toLocalInput(at) === asOfText ? at : asOf;
    if (instant !== at) choose('at', instant);
    setBusy(true);
    const answer = await client.query(EvaluateFlagQuery, { projectKey: project.key, environment, key: flagKey, context, at: instant }, { requestPolicy: 'network-only' }).toPromise();
    setBusy(false);
    if (answer.error) setProblem(problemOf(answer.error).message);
    else {
      setResult(answer.data?.evaluateFlag ?? null);
      setEvaluatedAt(instant);
    }
  }

  const choose = (name: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
    setResult(null);
  };

  return (
    <div className="page">
      <h2>Evaluate for a context</h2>
      <p className="muted">Evaluates a flag exactly as SDKs do, against the environment's live configuration (or, with “As of”, the configuration of a past moment), and explains each step. Nothing is recorded.</p>
      <form className="card section" onSubmit={evaluate} noValidate>
        <div className="row">
          <div className="field">
            <label htmlFor="eval-flag">Flag</label>
            <select id="eval-flag" value={flagKey} onChange={(e) => choose('flag', e.target.value)}>
              {flags.map((f) => (
                <option key={f.key} value={f.key}>
                  {f.name} ({f.key})
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="eval-env">Environment</label>
            <select id="eval-env" value={environment} onChange={(e) => choose('environment', e.target.value)}>
              {project.environments.map((env) => (
                <option key={env.key} value={env.key}>
                  {env.name}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="row">
          <div className="field">
            <label htmlFor="eval-at">
              As of <span className="optional">(optional, local time)</span>
            </label>
            <input id="eval-at" type="datetime-local" step="1" value={asOfText} aria-describedby="eval-at-hint" onChange={(e) => setAsOfText(e.target.value)} />
            <p id="eval-at-hint" className="hint">
              Empty: the live configuration. A past moment: the configuration then, replayed from the history.
            </p>
          </div>
        </div>
        <div className="segmented" role="radiogroup" aria-label="How to enter the context">
          <label className="check">
            <input type="radio" name="mode" checked={mode === 'build'} onChange={() => switchTo('build')} /> Build
          </label>
          <label className="check">
            <input type="radio" name="mode" checked={mode === 'json'} onChange={() => switchTo('json')} /> Paste JSON
          </label>
        </div>
        {mode === 'build' ? (
          <div>
            <div className="field">
              <label htmlFor="eval-key">Targeting key</label>
              <input id="eval-key" value={targetingKey} placeholder="user-1" onChange={(e) => setTargetingKey(e.target.value)} />
            </div>
            <p className="hint">Attributes: a name (dots for nested, e.g. account.plan is sent as written) and a value; numbers, true/false and JSON are sent typed.</p>
            {attributes.map((a, i) => (
              <div className="row" key={a.id}>
                <input aria-label={`Attribute ${i + 1} name`} placeholder="country" value={a.name} onChange={(e) => setAttributes(attributes.map((x) => (x.id === a.id ? { ...x, name: e.target.value } : x)))} />
                <input aria-label={`Attribute ${i + 1} value`} placeholder="DE" value={a.value} onChange={(e) => setAttributes(attributes.map((x) => (x.id === a.id ? { ...x, value: e.target.value } : x)))} />
                <button type="button" className="button small ghost" aria-label={`Remove attribute ${i + 1}`} onClick={() => setAttributes(attributes.filter((x) => x.id !== a.id))}>
                  Remove
                </button>
              </div>
            ))}
            <button type="button" className="button small" onClick={() => setAttributes([...attributes, { id: nextId++, name: '', value: '' }])}>
              Add attribute
            </button>
          </div>
        ) : (
          <div className="field">
            <label htmlFor="eval-json">Context (JSON)</label>
            <textarea id="eval-json" className="mono" rows={8} value={json} onChange={(e) => setJson(e.target.value)} />
          </div>
        )}
        {problem && (
          <div className="alert error" role="alert">
            {problem}
          </div>
        )}
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? 'Evaluating…' : 'Evaluate'}
          </button>
        </div>
      </form>
      {result && evaluatedAt && (
        <p className="historical-banner" role="note" data-testid="eval-as-of">
          <strong>Historical evaluation:</strong> against the configuration as it was at <time dateTime={evaluatedAt}>{readable(evaluatedAt)}</time>.
        </p>
      )}
      {result && <ResultCard result={result} ruleName={ruleName} />}
    </div>
  );
}

function ResultCard({ result, ruleName }: { result: Result['evaluateFlag']; ruleName: (id: string) => string }) {
  return (
    <section className="card section" aria-labelledby="result-title" aria-live="polite">
      <h3 id="result-title">Result</h3>
      <dl className="result-grid">
        <dt>Value</dt>
        <dd className="mono" data-testid="eval-value">{JSON.stringify(result.value)}</dd>
        <dt>Variant</dt>
        <dd className="mono" data-testid="eval-variant">{result.variant ?? '—'}</dd>
        <dt>Reason</dt>
        <dd data-testid="eval-reason">
          <span className="badge">{result.reason}</span>
          {result.matchedRuleId && <span className="muted small"> {ruleName(result.matchedRuleId)}</span>}
          {result.matchedTarget && <span className="muted small"> individual target</span>}
        </dd>
        {result.errorCode && (
          <>
            <dt>Error</dt>
            <dd>
              <span className="mono">{result.errorCode}</span> {result.errorMessage}
            </dd>
          </>
        )}
      </dl>
      <h4>How it was decided</h4>
      <ol className="trace">
        {result.trace.map((step, i) => {
          const explained = explainStep(step, ruleName);
          return (
            <li key={i} className={explained.outcome === false ? 'trace-miss' : explained.outcome ? 'trace-hit' : undefined}>
              <strong>{explained.title}</strong>
              {explained.details.length > 0 && (
                <ul>
                  {explained.details.map((d, j) => (
                    <li key={j}>{d}</li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ol>
      <p className="muted small">Snapshot position {result.snapshotPosition}</p>
    </section>
  );
}

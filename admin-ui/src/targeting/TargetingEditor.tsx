import { ClauseEditor } from './ClauseEditor';
import { newClause, newId, newRule, type RuleDraft, type ServeDraft, type TargetingDraft } from './model';
import { RolloutEditor } from './RolloutEditor';

export type FlagChoice = { key: string; name: string; variations: string[] };

type Props = {
  /** The flag's variation keys, in order. */
  variations: string[];
  defaultVariation: string;
  draft: TargetingDraft;
  onChange: (draft: TargetingDraft) => void;
  segments: { key: string; name: string }[];
  /** Other flags of the project, for prerequisites. */
  flags: FlagChoice[];
  disabled?: boolean;
};

/**
 * One environment's targeting, in the order the engine evaluates it: prerequisites, individual
 * targets, rules (first match wins), then the fallthrough.
 */
export function TargetingEditor({ variations, defaultVariation, draft, onChange, segments, flags, disabled }: Props) {
  const set = (patch: Partial<TargetingDraft>) => onChange({ ...draft, ...patch });
  const setRule = (i: number, rule: RuleDraft) => set({ rules: draft.rules.map((r, j) => (j === i ? rule : r)) });
  const moveRule = (i: number, by: number) => {
    const rules = [...draft.rules];
    const [rule] = rules.splice(i, 1);
    rules.splice(i + by, 0, rule);
    set({ rules });
  };

  return (
    <div className="targeting">
      <section aria-labelledby="prereq-title" className="targeting-part">
        <h4 id="prereq-title">Prerequisites</h4>
        <p className="hint">The flag serves its off variation unless each of these flags serves the variation named.</p>
        {draft.prerequisites.map((p, i) => {
          const flag = flags.find((f) => f.key === p.flagKey);
          const setPrereq = (patch: Partial<typeof p>) => set({ prerequisites: draft.prerequisites.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
          return (
            <div className="row" key={p.id}>
              <select aria-label={`Flag of prerequisite ${i + 1}`} value={p.flagKey} disabled={disabled} onChange={(e) => setPrereq({ flagKey: e.target.value, variation: flags.find((f) => f.key === e.target.value)?.variations[0] ?? '' })}>
                <option value="">Choose a flag…</option>
                {flags.map((f) => (
                  <option key={f.key} value={f.key}>
                    {f.name} ({f.key})
                  </option>
                ))}
              </select>
              <span>serves</span>
              <select aria-label={`Variation of prerequisite ${i + 1}`} value={p.variation} disabled={disabled || !flag} onChange={(e) => setPrereq({ variation: e.target.value })}>
                {(flag?.variations ?? []).map((v) => (
                  <option key={v} value={v}>
                    {v}
                  </option>
                ))}
              </select>
              <button type="button" className="button small ghost" disabled={disabled} onClick={() => set({ prerequisites: draft.prerequisites.filter((_, j) => j !== i) })} aria-label={`Remove prerequisite ${i + 1}`}>
                Remove
              </button>
            </div>
          );
        })}
        <button type="button" className="button small" disabled={disabled || flags.length === 0} onClick={() => set({ prerequisites: [...draft.prerequisites, { id: newId('p'), flagKey: '', variation: '' }] })}>
          Add prerequisite
        </button>
      </section>

      <section aria-labelledby="targets-title" className="targeting-part">
        <h4 id="targets-title">Individual targets</h4>
        <p className="hint">Targeting keys that always get a variation. Separate keys with commas, spaces or new lines.</p>
        <div className="targets-grid">
          {variations.map((v, i) => (
            <div className="field" key={v}>
              <label htmlFor={`targets-${v}`}>
                Serve <span className="mono">{v}</span> to
              </label>
              <textarea
                id={`targets-${v}`}
                rows={2}
                disabled={disabled}
                value={draft.targets[i] ?? ''}
                onChange={(e) => set({ targets: variations.map((_, j) => (j === i ? e.target.value : draft.targets[j] ?? '')) })}
              />
            </div>
          ))}
        </div>
      </section>

      <section aria-labelledby="rules-title" className="targeting-part">
        <h4 id="rules-title">Rules</h4>
        <p className="hint">Tried in order; the first rule whose conditions all hold serves.</p>
        {draft.rules.length === 0 && <p className="muted">No rules.</p>}
        <ol className="rules">
          {draft.rules.map((rule, i) => {
            const name = `rule ${i + 1}`;
            return (
              <li key={rule.id} className="rule card" aria-label={`Rule ${i + 1}`}>
                <div className="rule-header">
                  <strong>Rule {i + 1}</strong>
                  <input
                    className="grow"
                    aria-label={`Description of ${name}`}
                    placeholder="Description (optional)"
                    value={rule.description}
                    disabled={disabled}
                    onChange={(e) => setRule(i, { ...rule, description: e.target.value })}
                  />
                  <button type="button" className="button small ghost" disabled={disabled || i === 0} onClick={() => moveRule(i, -1)} aria-label={`Move ${name} up`}>
                    ↑
                  </button>
                  <button type="button" className="button small ghost" disabled={disabled || i === draft.rules.length - 1} onClick={() => moveRule(i, 1)} aria-label={`Move ${name} down`}>
                    ↓
                  </button>
                  <button type="button" className="button small danger" disabled={disabled} onClick={() => set({ rules: draft.rules.filter((_, j) => j !== i) })} aria-label={`Delete ${name}`}>
                    Delete
                  </button>
                </div>
                <p className="muted small">If all of these hold:</p>
                {rule.clauses.map((clause, c) => (
                  <div key={clause.id}>
                    {c > 0 && <span className="and">and</span>}
                    <ClauseEditor
                      label={`${name}, condition ${c + 1}`}
                      clause={clause}
                      segments={segments}
                      disabled={disabled}
                      onChange={(next) => setRule(i, { ...rule, clauses: rule.clauses.map((x, k) => (k === c ? next : x)) })}
                      onRemove={rule.clauses.length > 1 ? () => setRule(i, { ...rule, clauses: rule.clauses.filter((_, k) => k !== c) }) : undefined}
                    />
                  </div>
                ))}
                <button type="button" className="button small" disabled={disabled} onClick={() => setRule(i, { ...rule, clauses: [...rule.clauses, newClause()] })}>
                  Add condition to {name}
                </button>
                <ServeEditor label={name} variations={variations} serve={rule.serve} disabled={disabled} onChange={(serve) => setRule(i, { ...rule, serve })} />
              </li>
            );
          })}
        </ol>
        <button type="button" className="button" disabled={disabled} onClick={() => set({ rules: [...draft.rules, newRule(variations)] })}>
          Add rule
        </button>
      </section>

      <section aria-labelledby="fallthrough-title" className="targeting-part">
        <h4 id="fallthrough-title">Everyone else (fallthrough)</h4>
        <fieldset className="serve-choice" disabled={disabled}>
          <legend className="sr-only">Fallthrough serves</legend>
          <label className="check">
            <input type="radio" name="fallthrough" checked={draft.fallthrough.kind === 'variation'} onChange={() => set({ fallthrough: { ...draft.fallthrough, kind: 'variation' } })} />
            The default variation, <span className="mono">{defaultVariation}</span>
          </label>
          <label className="check">
            <input type="radio" name="fallthrough" checked={draft.fallthrough.kind === 'rollout'} onChange={() => set({ fallthrough: { ...draft.fallthrough, kind: 'rollout' } })} />
            A percentage rollout
          </label>
        </fieldset>
        {draft.fallthrough.kind === 'rollout' && (
          <>
            <RolloutEditor label="fallthrough" variations={variations} weights={draft.fallthrough.weights} disabled={disabled} onChange={(weights) => set({ fallthrough: { ...draft.fallthrough, weights } })} />
            <BucketBy label="fallthrough" serve={draft.fallthrough} disabled={disabled} onChange={(fallthrough) => set({ fallthrough })} />
          </>
        )}
      </section>
    </div>
  );
}

export function ServeEditor({ label, variations, serve, onChange, disabled }: { label: string; variations: string[]; serve: ServeDraft; onChange: (s: ServeDraft) => void; disabled?: boolean }) {
  return (
    <div className="serve">
      <label>
        Then serve{' '}
        <select
          aria-label={`What ${label} serves`}
          disabled={disabled}
          value={serve.kind === 'rollout' ? '__rollout' : serve.variation}
          onChange={(e) => onChange(e.target.value === '__rollout' ? { ...serve, kind: 'rollout' } : { ...serve, kind: 'variation', variation: e.target.value })}
        >
          {variations.map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
          <option value="__rollout">a percentage rollout</option>
        </select>
      </label>
      {serve.kind === 'rollout' && (
        <>
          <RolloutEditor label={label} variations={variations} weights={serve.weights} disabled={disabled} onChange={(weights) => onChange({ ...serve, weights })} />
          <BucketBy label={label} serve={serve} disabled={disabled} onChange={onChange} />
        </>
      )}
    </div>
  );
}

function BucketBy({ label, serve, onChange, disabled }: { label: string; serve: ServeDraft; onChange: (s: ServeDraft) => void; disabled?: boolean }) {
  return (
    <label className="bucket-by">
      Bucket by{' '}
      <input aria-label={`Bucket by attribute of ${label}`} placeholder="targetingKey" value={serve.bucketBy} disabled={disabled} onChange={(e) => onChange({ ...serve, bucketBy: e.target.value })} />
    </label>
  );
}

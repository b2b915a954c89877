import { OPERATORS, VALUE_HINTS, kindOf, takesScalars, type ClauseDraft, type ScalarType } from './model';

type Props = {
  /** e.g. "rule 1, condition 2": makes every label unique on the page. */
  label: string;
  clause: ClauseDraft;
  segments: { key: string; name: string }[];
  onChange: (clause: ClauseDraft) => void;
  onRemove?: () => void;
  disabled?: boolean;
};

/** One condition: attribute, operator, values (any one may match) and "not". */
export function ClauseEditor({ label, clause, segments, onChange, onRemove, disabled }: Props) {
  const kind = kindOf(clause.operator);
  const set = (patch: Partial<ClauseDraft>) => onChange({ ...clause, ...patch });
  const hintId = `${clause.id}-hint`;
  return (
    <div className="clause" role="group" aria-label={label}>
      {kind === 'segment' ? (
        <span className="clause-subject">The context</span>
      ) : (
        <input
          className="clause-attribute"
          aria-label={`Attribute of ${label}`}
          placeholder="attribute, e.g. country"
          value={clause.attribute}
          disabled={disabled}
          onChange={(e) => set({ attribute: e.target.value })}
        />
      )}
      <label className="clause-negate">
        <input type="checkbox" checked={clause.negate} disabled={disabled} onChange={(e) => set({ negate: e.target.checked })} />
        not
      </label>
      <select
        aria-label={`Operator of ${label}`}
        value={clause.operator}
        disabled={disabled}
        onChange={(e) => {
          const operator = e.target.value;
          const switching = (kindOf(operator) === 'segment') !== (kind === 'segment');
          set({ operator, values: switching ? [] : clause.values });
        }}
      >
        {OPERATORS.map((o) => (
          <option key={o.op} value={o.op}>
            {o.label}
          </option>
        ))}
      </select>
      {takesScalars(clause.operator) && (
        <select className="clause-type" aria-label={`Value type of ${label}`} value={clause.as} disabled={disabled} onChange={(e) => set({ as: e.target.value as ScalarType })}>
          <option value="string">text</option>
          <option value="number">number</option>
          <option value="boolean">true / false</option>
        </select>
      )}
      {kind === 'segment' ? (
        <fieldset className="clause-segments" aria-describedby={hintId}>
          <legend className="sr-only">Segments of {label}</legend>
          {segments.length === 0 && <span className="muted small">No segments yet: create one under Segments.</span>}
          {segments.map((s) => (
            <label key={s.key} className="check">
              <input
                type="checkbox"
                disabled={disabled}
                checked={clause.values.includes(s.key)}
                onChange={(e) => set({ values: e.target.checked ? [...clause.values, s.key] : clause.values.filter((v) => v !== s.key) })}
              />
              {s.name} <span className="mono muted small">{s.key}</span>
            </label>
          ))}
        </fieldset>
      ) : (
        <textarea
          className="clause-values"
          rows={Math.min(4, Math.max(1, clause.values.length))}
          aria-label={`Values of ${label}`}
          aria-describedby={hintId}
          placeholder="one value per line"
          disabled={disabled}
          value={clause.values.join('\n')}
          onChange={(e) => set({ values: e.target.value.split('\n') })}
        />
      )}
      {onRemove && (
        <button type="button" className="button small ghost" onClick={onRemove} disabled={disabled} aria-label={`Remove ${label}`}>
          Remove
        </button>
      )}
      <p id={hintId} className="hint clause-hint">
        {VALUE_HINTS[kind]}
      </p>
    </div>
  );
}

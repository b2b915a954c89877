import type { ValueType } from '../gql/graphql';
import { draftId, type DraftErrors, type VariationDraft } from './variations';

type Props = {
  type: ValueType;
  drafts: VariationDraft[];
  onChange: (drafts: VariationDraft[]) => void;
  errors: DraftErrors;
  /** Variation keys that something still serves: they cannot be removed or renamed here. */
  inUse?: ReadonlySet<string>;
  disabled?: boolean;
};

/** Edits a flag's variations with a value input that fits the flag's type. */
export function VariationsEditor({ type, drafts, onChange, errors, inUse = new Set(), disabled }: Props) {
  const set = (id: string, patch: Partial<VariationDraft>) => onChange(drafts.map((d) => (d.id === id ? { ...d, ...patch } : d)));

  return (
    <div className="variations">
      <table className="table variations-table">
        <caption className="sr-only">Variations</caption>
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">Name</th>
            <th scope="col">Value ({type.toLowerCase()})</th>
            <th scope="col">
              <span className="sr-only">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {drafts.map((draft, index) => {
            const error = errors[draft.id] ?? {};
            const label = draft.key || `variation ${index + 1}`;
            const used = inUse.has(draft.key) && draft.key !== '';
            return (
              <tr key={draft.id}>
                <td>
                  <input
                    className="mono"
                    aria-label={`Key of ${label}`}
                    value={draft.key}
                    disabled={disabled}
                    aria-invalid={error.key ? true : undefined}
                    aria-describedby={error.key ? `${draft.id}-key-error` : undefined}
                    onChange={(e) => set(draft.id, { key: e.target.value })}
                  />
                  {error.key && (
                    <p id={`${draft.id}-key-error`} className="field-error">
                      {error.key}
                    </p>
                  )}
                </td>
                <td>
                  <input aria-label={`Name of ${label}`} value={draft.name} disabled={disabled} placeholder={draft.key} onChange={(e) => set(draft.id, { name: e.target.value })} />
                  {error.name && <p className="field-error">{error.name}</p>}
                </td>
                <td>
                  <ValueInput type={type} draft={draft} label={label} disabled={disabled} invalid={Boolean(error.value)} onChange={(valueText) => set(draft.id, { valueText })} />
                  {error.value && (
                    <p id={`${draft.id}-value-error`} className="field-error">
                      {error.value}
                    </p>
                  )}
                </td>
                <td className="actions">
                  <button
                    type="button"
                    className="button small ghost"
                    aria-label={`Remove ${label}`}
                    title={used ? 'Served in an environment: choose another default and off variation first' : undefined}
                    disabled={disabled || used || drafts.length <= 1}
                    onClick={() => onChange(drafts.filter((d) => d.id !== draft.id))}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {!disabled && (
        <button
          type="button"
          className="button small"
          onClick={() => onChange([...drafts, { id: draftId(), key: '', name: '', description: '', valueText: type === 'BOOLEAN' ? 'true' : '' }])}
        >
          Add variation
        </button>
      )}
    </div>
  );
}

function ValueInput({ type, draft, label, disabled, invalid, onChange }: { type: ValueType; draft: VariationDraft; label: string; disabled?: boolean; invalid: boolean; onChange: (text: string) => void }) {
  const common = {
    'aria-label': `Value of ${label}`,
    'aria-invalid': invalid || undefined,
    'aria-describedby': invalid ? `${draft.id}-value-error` : undefined,
    disabled,
  };
  switch (type) {
    case 'BOOLEAN':
      return (
        <select {...common} value={draft.valueText} onChange={(e) => onChange(e.target.value)}>
          <option value="true">true</option>
          <option value="false">false</option>
        </select>
      );
    case 'NUMBER':
      return <input {...common} className="mono" inputMode="decimal" value={draft.valueText} onChange={(e) => onChange(e.target.value)} />;
    case 'JSON':
      return <textarea {...common} className="mono" rows={Math.min(8, Math.max(2, draft.valueText.split('\n').length))} value={draft.valueText} onChange={(e) => onChange(e.target.value)} />;
    default:
      return <input {...common} value={draft.valueText} onChange={(e) => onChange(e.target.value)} />;
  }
}

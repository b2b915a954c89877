import { Field } from '../components/Field';
import type { FlagKind } from '../gql/graphql';
import { KIND_LABELS } from './evidence';

const HINTS: Record<FlagKind, string> = {
  RELEASE: 'Ships a change; remove it once everyone gets the same variation.',
  EXPERIMENT: 'Compares variations; remove it once the experiment is decided.',
  KILL_SWITCH: 'Turns a feature off in an incident; kept on purpose.',
  PERMISSION: 'Grants a feature to some users; kept on purpose.',
};

/** What a flag is for: it sets how long the flag may serve one variation before it counts as stale. */
export function KindField({ kind, onChange, disabled }: { kind: FlagKind; onChange: (kind: FlagKind) => void; disabled?: boolean }) {
  return (
    <Field label="Kind" hint={HINTS[kind]}>
      {({ id, describedBy }) => (
        <select id={id} value={kind} disabled={disabled} aria-describedby={describedBy} onChange={(e) => onChange(e.target.value as FlagKind)}>
          {(Object.keys(KIND_LABELS) as FlagKind[]).map((value) => (
            <option key={value} value={value}>
              {KIND_LABELS[value]}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

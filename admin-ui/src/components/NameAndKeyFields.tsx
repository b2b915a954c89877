import { useState } from 'react';
import { keyFromName } from '../flag/values';
import { Field } from './Field';

/** A name and the key derived from it, until the user edits the key themselves. */
export interface NameAndKey {
  name: string;
  setName: (name: string) => void;
  /** The key to submit: derived from the name, or what the user typed once they touched it. */
  effectiveKey: string;
  editKey: (key: string) => void;
}

export function useNameAndKey(maxKeyLength?: number): NameAndKey {
  const [name, setName] = useState('');
  const [key, setKey] = useState('');
  const [keyTouched, setKeyTouched] = useState(false);
  return {
    name,
    setName,
    effectiveKey: keyTouched ? key : keyFromName(name, maxKeyLength),
    editKey: (typed) => {
      setKeyTouched(true);
      setKey(typed);
    },
  };
}

/** The Name field (focused first) and the Key field that follows it, for every "create" form. */
export function NameAndKeyFields({ state, errors, keyHint }: { state: NameAndKey; errors: Record<string, string>; keyHint: string }) {
  return (
    <>
      <Field label="Name" error={errors.name}>
        {({ id, describedBy, invalid }) => (
          <input id={id} value={state.name} autoFocus aria-describedby={describedBy} aria-invalid={invalid || undefined} onChange={(e) => state.setName(e.target.value)} />
        )}
      </Field>
      <Field label="Key" hint={keyHint} error={errors.key}>
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            className="mono"
            data-field="key"
            value={state.effectiveKey}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            onChange={(e) => state.editKey(e.target.value)}
          />
        )}
      </Field>
    </>
  );
}

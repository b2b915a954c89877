import { useState, type FormEvent } from 'react';
import { fromLocalInput, toLocalInput } from './time';

/** Picks an instant (local time, to the second) and hands it on as ISO-8601. */
export function AsOfPicker({ at, onChoose, label = 'As of (local time)' }: { at: string | null; onChoose: (iso: string) => void; label?: string }) {
  const [value, setValue] = useState(toLocalInput(at));
  const [problem, setProblem] = useState<string | null>(null);
  function submit(event: FormEvent) {
    event.preventDefault();
    const iso = fromLocalInput(value);
    if (!iso) return setProblem('Choose a date and time.');
    if (new Date(iso).getTime() > Date.now()) return setProblem('That is in the future: the history ends now.');
    setProblem(null);
    onChoose(iso);
  }
  return (
    <form className="as-of-picker" onSubmit={submit} noValidate aria-label="Choose the moment">
      <div className="field">
        <label htmlFor="as-of-at">{label}</label>
        <input id="as-of-at" type="datetime-local" step="1" value={value} aria-invalid={problem ? true : undefined} aria-describedby={problem ? 'as-of-problem' : undefined} onChange={(e) => setValue(e.target.value)} />
      </div>
      <button type="submit" className="button">
        Show
      </button>
      {problem && (
        <p id="as-of-problem" className="field-error" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}

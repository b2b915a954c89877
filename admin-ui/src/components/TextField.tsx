import type { InputHTMLAttributes, ReactNode } from 'react';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'aria-invalid' | 'aria-describedby'> & {
  /** The input's id; its error paragraph is `${id}-error`. Fixed ids keep e2e selectors and hint references stable. */
  id: string;
  label: ReactNode;
  error?: string | null;
  /** Ids of hints elsewhere on the page that also describe the input. */
  describedBy?: string;
  /** Take the spare width of a `.row`. */
  grow?: boolean;
  optional?: boolean;
};

/** A labelled text input with its inline error, wired up for screen readers (fixed ids; see Field for generated ones). */
export function TextField({ id, label, error, describedBy, grow, optional, ...input }: Props) {
  const errorId = `${id}-error`;
  return (
    <div className={grow ? 'field grow' : 'field'}>
      <label htmlFor={id}>
        {label}
        {optional && (
          <>
            {' '}
            <span className="optional">(optional)</span>
          </>
        )}
      </label>
      <input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={[describedBy, error ? errorId : null].filter(Boolean).join(' ') || undefined}
        {...input}
      />
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

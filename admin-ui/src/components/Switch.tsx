type Props = {
  checked: boolean;
  label: string;
  onChange: (next: boolean) => void;
  disabled?: boolean;
};

/** An on/off switch: a button with role="switch", so it is one Tab stop and toggles with Space or Enter. */
export function Switch({ checked, label, onChange, disabled }: Props) {
  return (
    <button
      type="button"
      role="switch"
      aria-checked={checked}
      aria-label={label}
      className={`switch ${checked ? 'on' : 'off'}`}
      disabled={disabled}
      onClick={() => onChange(!checked)}
    >
      <span className="switch-track" aria-hidden="true">
        <span className="switch-thumb" />
      </span>
      <span className="switch-text" aria-hidden="true">
        {checked ? 'On' : 'Off'}
      </span>
    </button>
  );
}

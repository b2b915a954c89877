import { useState, type KeyboardEvent } from 'react';
import { TOTAL, percentText, rebalance } from './rollout';

type Props = {
  /** Names the rollout in every label, e.g. "rule 1" or "fallthrough". */
  label: string;
  variations: string[];
  weights: number[];
  onChange: (weights: number[]) => void;
  disabled?: boolean;
};

const STEP = 1000; // 1 %
const PAGE = 10_000; // 10 %

/**
 * One slider per variation. Moving one moves the others in proportion, so the total is always
 * 100 %. Arrow keys change a slider by 1 %, Page Up/Down by 10 %, Home/End to 0 % and 100 %;
 * the number field beside it takes exact percentages (to a thousandth).
 */
export function RolloutEditor({ label, variations, weights, onChange, disabled }: Props) {
  const set = (i: number, weight: number) => onChange(rebalance(weights, i, weight));

  function keyDown(i: number, event: KeyboardEvent<HTMLInputElement>) {
    const moves: Record<string, number> = {
      ArrowUp: weights[i] + STEP,
      ArrowRight: weights[i] + STEP,
      ArrowDown: weights[i] - STEP,
      ArrowLeft: weights[i] - STEP,
      PageUp: weights[i] + PAGE,
      PageDown: weights[i] - PAGE,
      Home: 0,
      End: TOTAL,
    };
    if (!(event.key in moves)) return;
    event.preventDefault();
    set(i, moves[event.key]);
  }

  const sum = weights.reduce((a, b) => a + b, 0);
  return (
    <fieldset className="rollout" disabled={disabled}>
      <legend>Percentage rollout ({label})</legend>
      {variations.map((variation, i) => (
        <div className="rollout-row" key={variation}>
          <label className="mono rollout-variation" htmlFor={`${label}-${variation}-pct`}>
            {variation}
          </label>
          <input
            type="range"
            min={0}
            max={TOTAL}
            step={STEP}
            value={weights[i] ?? 0}
            aria-label={`Share of ${variation} in ${label}`}
            aria-valuetext={percentText(weights[i] ?? 0)}
            onKeyDown={(e) => keyDown(i, e)}
            onChange={(e) => set(i, Number(e.target.value))}
          />
          <span className="rollout-number">
            <PercentInput id={`${label}-${variation}-pct`} label={`Percent of ${variation} in ${label}`} weight={weights[i] ?? 0} onChange={(w) => set(i, w)} />
            <span aria-hidden="true">%</span>
          </span>
        </div>
      ))}
      <p className="hint" aria-live="polite">
        Total {percentText(sum)}
        {sum === TOTAL ? '' : ' — must be 100 %'}
      </p>
    </fieldset>
  );
}

/**
 * An exact percentage. While the user types, the field keeps their text (an empty field or "2" on the
 * way to "25" is not snapped back); every complete number in range is applied at once.
 */
function PercentInput({ id, label, weight, onChange }: { id: string; label: string; weight: number; onChange: (weight: number) => void }) {
  const [text, setText] = useState<string | null>(null);
  const shown = Number((weight / 1000).toFixed(3));
  return (
    <input
      id={id}
      type="number"
      inputMode="decimal"
      min={0}
      max={100}
      step={0.001}
      aria-label={label}
      value={text ?? String(shown)}
      onFocus={() => setText(String(shown))}
      onBlur={() => setText(null)}
      onChange={(e) => {
        setText(e.target.value);
        const percent = Number(e.target.value);
        if (e.target.value.trim() !== '' && Number.isFinite(percent) && percent >= 0 && percent <= 100) onChange(Math.round(percent * 1000));
      }}
    />
  );
}

import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { RolloutEditor } from './RolloutEditor';

let last: number[] = [];
function Harness({ initial, variations }: { initial: number[]; variations: string[] }) {
  const [weights, setWeights] = useState(initial);
  last = weights;
  return <RolloutEditor label="rule 1" variations={variations} weights={weights} onChange={setWeights} />;
}
const sum = () => last.reduce((a, b) => a + b, 0);

describe('RolloutEditor', () => {
  it('typing 20 % for one of two variations gives the other 80 %', async () => {
    render(<Harness initial={[50_000, 50_000]} variations={['on', 'off']} />);
    const on = screen.getByRole('spinbutton', { name: 'Percent of on in rule 1' });
    await userEvent.clear(on);
    await userEvent.type(on, '20');
    expect(last).toEqual([20_000, 80_000]);
    expect(screen.getByRole('spinbutton', { name: 'Percent of off in rule 1' })).toHaveValue(80);
    expect(screen.getByRole('slider', { name: 'Share of off in rule 1' })).toHaveAttribute('aria-valuetext', '80 %');
    expect(screen.getByText('Total 100 %')).toBeInTheDocument();
  });

  it('is adjustable from the keyboard: arrows by 1 %, Page keys by 10 %, Home and End', async () => {
    render(<Harness initial={[50_000, 30_000, 20_000]} variations={['a', 'b', 'c']} />);
    const a = screen.getByRole('slider', { name: 'Share of a in rule 1' });
    a.focus();
    await userEvent.keyboard('{ArrowRight}');
    expect(last[0]).toBe(51_000);
    expect(sum()).toBe(100_000);
    await userEvent.keyboard('{PageDown}{PageDown}');
    expect(last[0]).toBe(31_000);
    expect(sum()).toBe(100_000);
    await userEvent.keyboard('{End}');
    expect(last).toEqual([100_000, 0, 0]);
    await userEvent.keyboard('{Home}');
    expect(last).toEqual([0, 100_000, 0]);
    expect(a).toHaveAttribute('aria-valuetext', '0 %');
  });

  it('keeps the total at 100 % across any sequence of edits', async () => {
    render(<Harness initial={[34_000, 33_000, 33_000]} variations={['a', 'b', 'c']} />);
    const sliders = screen.getAllByRole('slider');
    for (const [i, key] of [[0, '{ArrowLeft}'], [1, '{PageUp}'], [2, '{ArrowUp}'], [0, '{End}'], [1, '{ArrowUp}'], [2, '{PageUp}']] as const) {
      sliders[i].focus();
      await userEvent.keyboard(key);
      expect(sum()).toBe(100_000);
    }
  });
});

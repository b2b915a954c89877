import { describe, expect, it } from 'vitest';
import { TOTAL, evenSplit, percentText, rebalance } from './rollout';

const sum = (w: number[]) => w.reduce((a, b) => a + b, 0);

describe('rebalance', () => {
  it('gives the other of two variations exactly the rest', () => {
    expect(rebalance([50_000, 50_000], 0, 20_000)).toEqual([20_000, 80_000]);
  });

  it('moves the difference to the others in proportion to what they had', () => {
    expect(rebalance([40_000, 40_000, 20_000], 0, 70_000)).toEqual([70_000, 20_000, 10_000]);
  });

  it('hands the rest to the next variation when the others are all at zero', () => {
    expect(rebalance([100_000, 0, 0], 0, 60_000)).toEqual([60_000, 40_000, 0]);
    expect(rebalance([0, 0, 100_000], 2, 30_000)).toEqual([70_000, 0, 30_000]);
  });

  it('clamps to 0..100 % and keeps a lone variation at 100 %', () => {
    expect(rebalance([50_000, 50_000], 1, 150_000)).toEqual([0, 100_000]);
    expect(rebalance([50_000, 50_000], 1, -5)).toEqual([100_000, 0]);
    expect(rebalance([100_000], 0, 3)).toEqual([100_000]);
  });

  it('always sums to 100 % whatever the rounding', () => {
    let weights = evenSplit(7);
    for (let i = 0; i < 500; i++) {
      weights = rebalance(weights, (i * 3) % 7, (i * 7919) % (TOTAL + 1));
      expect(sum(weights)).toBe(TOTAL);
      expect(weights.every((w) => w >= 0)).toBe(true);
    }
  });
});

describe('evenSplit and percentText', () => {
  it('splits evenly, summing to exactly 100 %', () => {
    expect(evenSplit(3)).toEqual([33_334, 33_333, 33_333]);
    expect(sum(evenSplit(6))).toBe(TOTAL);
  });
  it('writes thousandths of a percent as a percentage', () => {
    expect(percentText(33_333)).toBe('33.333 %');
    expect(percentText(20_000)).toBe('20 %');
  });
});

import { describe, expect, it } from 'vitest';
import { evenSplit, intervalSeries, pValue, percent, signedPercent, toWeights, weightSeries } from './model';

describe('experiment page helpers', () => {
  it('formats shares, effects and p-values for people', () => {
    expect(percent(0.1234)).toBe('12.3 %');
    expect(signedPercent(0.05)).toBe('+5.0 %');
    expect(signedPercent(-0.021)).toBe('-2.1 %');
    expect(pValue(0.00001)).toBe('< 0.0001');
    expect(pValue(0.0412)).toBe('0.0412');
    expect(percent(null)).toBe('—');
  });

  it('turns percent weights into thousandths of a percent that sum to exactly 100 000', () => {
    expect(toWeights(evenSplit(3))).toEqual([33_333, 33_333, 33_334]);
    expect(toWeights([50, 50])).toEqual([50_000, 50_000]);
    expect(toWeights(evenSplit(3)).reduce((a, b) => a + b, 0)).toBe(100_000);
  });

  it('builds the interval-over-time series of one arm, skipping snapshots without a comparison', () => {
    const history = [
      { computedAt: '2026-01-01T10:00:00Z', metrics: [{ key: 'signup', arms: [{ arm: 'blue', status: 'INSUFFICIENT' }] }] },
      { computedAt: '2026-01-01T11:00:00Z', metrics: [{ key: 'signup', arms: [{ arm: 'blue', status: 'COMPUTED',
        relative: { estimate: 0.1, lower: -0.02, upper: 0.22 }, sequentialRelative: { lower: -0.1, upper: 0.3 } }] }] },
    ];
    const series = intervalSeries(history, 'signup', 'blue');
    expect(series).toHaveLength(1);
    expect(series[0].estimate).toBeCloseTo(10);
    expect(series[0].welch[0]).toBeCloseTo(-2);
    expect(series[0].welch[1]).toBeCloseTo(22);
    expect(series[0].sequential).toEqual([-10, 30]);
  });

  it('builds the weight history rows in percent per arm', () => {
    const rows = weightSeries([
      { period: 0, startsAt: '2026-01-01T10:00:00Z', weights: [{ variation: 'a', weight: 50_000 }, { variation: 'b', weight: 50_000 }] },
      { period: 1, startsAt: '2026-01-01T11:00:00Z', weights: [{ variation: 'a', weight: 10_000 }, { variation: 'b', weight: 90_000 }] },
    ]);
    expect(rows[1]).toMatchObject({ period: 1, a: 10, b: 90 });
  });
});

// Pure helpers of the experiment pages: formatting and the chart series (tested in model.test.ts).

export const TOTAL_WEIGHT = 100_000;

export function percent(share: number | null | undefined, digits = 1): string {
  if (share == null || !Number.isFinite(share)) return '—';
  return `${(share * 100).toFixed(digits)} %`;
}

export function signedPercent(share: number | null | undefined, digits = 1): string {
  if (share == null || !Number.isFinite(share)) return '—';
  const text = (share * 100).toFixed(digits);
  return `${share > 0 ? '+' : ''}${text} %`;
}

export function pValue(p: number | null | undefined): string {
  if (p == null || !Number.isFinite(p)) return '—';
  if (p < 0.0001) return '< 0.0001';
  return p.toFixed(4);
}

export function count(n: number | null | undefined): string {
  return n == null ? '—' : Math.round(n).toLocaleString('en');
}

/** Weights of arms as the form edits them (percent) to the server's thousandths of a percent, summing exactly. */
export function toWeights(percents: number[]): number[] {
  const raw = percents.map((p) => Math.round(p * 1000));
  const sum = raw.reduce((a, b) => a + b, 0);
  if (raw.length && sum !== TOTAL_WEIGHT && Math.abs(sum - TOTAL_WEIGHT) <= raw.length) raw[raw.length - 1] += TOTAL_WEIGHT - sum;
  return raw;
}

export function evenSplit(arms: number): number[] {
  const base = Math.floor((100 / arms) * 1000) / 1000;
  const split = Array.from({ length: arms }, () => base);
  split[arms - 1] = Math.round((100 - base * (arms - 1)) * 1000) / 1000;
  return split;
}

export interface HistoryPoint {
  computedAt: string;
  metrics: { key: string; arms: { arm: string; status: string; relative?: { estimate: number; lower: number; upper: number } | null;
    sequentialRelative?: { lower: number; upper: number } | null }[] }[];
}

export interface IntervalPoint {
  time: number;
  label: string;
  estimate: number;
  /** [lower, upper] of the Welch interval, in percent. */
  welch: [number, number];
  /** [lower, upper] of the always-valid confidence sequence, in percent. */
  sequential: [number, number] | null;
}

/** One arm's relative effect on one metric over the stored results, oldest first, in percent. */
export function intervalSeries(history: HistoryPoint[], metricKey: string, arm: string): IntervalPoint[] {
  const points: IntervalPoint[] = [];
  for (const snapshot of history) {
    const metric = snapshot.metrics.find((m) => m.key === metricKey);
    const result = metric?.arms.find((a) => a.arm === arm);
    if (!result || result.status !== 'COMPUTED' || !result.relative) continue;
    const time = Date.parse(snapshot.computedAt);
    points.push({
      time,
      label: new Date(time).toISOString().slice(5, 16).replace('T', ' '),
      estimate: result.relative.estimate * 100,
      welch: [result.relative.lower * 100, result.relative.upper * 100],
      sequential: result.sequentialRelative ? [result.sequentialRelative.lower * 100, result.sequentialRelative.upper * 100] : null,
    });
  }
  return points;
}

export interface WeightPeriodLike {
  period: number;
  startsAt: string;
  weights: { variation: string; weight: number }[];
}

/** The weight history as chart rows: one row per period with each arm's share in percent. */
export function weightSeries(periods: WeightPeriodLike[]): Record<string, number | string>[] {
  return periods.map((p) => {
    const row: Record<string, number | string> = { period: p.period, label: `#${p.period} ${p.startsAt.slice(5, 16).replace('T', ' ')}` };
    for (const w of p.weights) row[w.variation] = w.weight / 1000;
    return row;
  });
}

/** A CSS class for a verdict, in the metric's direction (the server already applied it). */
export function verdictClass(verdict: string | null | undefined): string {
  if (verdict === 'BETTER') return 'verdict better';
  if (verdict === 'WORSE') return 'verdict worse';
  return 'verdict neutral';
}

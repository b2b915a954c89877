/** Rollout weights are thousandths of a percent on the wire and always sum to this. */
export const TOTAL = 100_000;

const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, n));

/**
 * Sets one weight and moves the difference to the others, in proportion to what they had, so the
 * weights still sum to 100 %. When the others are all at zero, the next one takes the rest.
 */
export function rebalance(weights: readonly number[], index: number, value: number): number[] {
  const next = [...weights];
  if (weights.length <= 1) return weights.length ? [TOTAL] : [];
  const target = clamp(Math.round(value), 0, TOTAL);
  next[index] = target;
  const others = weights.map((_, i) => i).filter((i) => i !== index);
  const rest = TOTAL - target;
  const otherSum = others.reduce((sum, i) => sum + weights[i], 0);
  if (otherSum === 0) {
    for (const i of others) next[i] = 0;
    next[others.find((i) => i > index) ?? others[0]] = rest;
    return next;
  }
  let assigned = 0;
  for (const i of others) {
    next[i] = Math.floor((weights[i] * rest) / otherSum);
    assigned += next[i];
  }
  // Rounding leaves at most one unit per other weight: hand it out in order, to those that had some.
  let left = rest - assigned;
  for (const i of others) {
    if (left === 0) break;
    if (weights[i] > 0) {
      next[i] += 1;
      left -= 1;
    }
  }
  return next;
}

/** An even split over n variations, summing to exactly 100 %. */
export function evenSplit(n: number): number[] {
  if (n === 0) return [];
  const base = Math.floor(TOTAL / n);
  return Array.from({ length: n }, (_, i) => base + (i < TOTAL - base * n ? 1 : 0));
}

/** "33.333 %", without trailing zeros. */
export function percentText(weight: number): string {
  return `${Number((weight / 1000).toFixed(3))} %`;
}

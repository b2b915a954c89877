import murmur from 'murmurhash';

/**
 * CONVENTIONS §3 bucketing: MurmurHash3 x86 32-bit, seed 0, over the UTF-8 bytes of
 * `salt + "." + value`, unsigned, scaled to 0..99 999. The `murmurhash` package (MurmurHash3 r136,
 * UTF-8 via TextEncoder) is checked against the Java engine by the shared vectors and the cross-check.
 */
export const BUCKETS = 100_000;

// Java's getBytes(UTF_8) writes '?' for an unpaired surrogate; TextEncoder writes U+FFFD. Agree with Java.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const SURROGATE = /[\uD800-\uDFFF]/;
const encoder = new TextEncoder();
// Reused for every hash input (3 bytes per UTF-16 unit at most): hashing allocates nothing.
let scratch = new Uint8Array(256);

export function bucket(salt: string, value: string): number {
  let text = salt + '.' + value;
  if (SURROGATE.test(text)) text = text.replace(LONE_SURROGATE, '?');
  if (text.length * 3 > scratch.length) scratch = new Uint8Array(text.length * 3);
  const { written } = encoder.encodeInto(text, scratch);
  const hash = murmur.v3(scratch.subarray(0, written), 0);
  // hash * 100 000 < 2^49, exact in a double; dividing by 2^32 and flooring equals Java's >>> 32.
  return Math.floor((hash * BUCKETS) / 4294967296);
}

/** `ranges`: the buckets [from, to) the variant owns when the rollout lists them (sticky re-weighting). */
export interface Weighted { variant: string; weight: number; ranges?: [number, number][] | null }

/** A rollout's bucket ranges, sorted by start, for one binary search per evaluation. */
export interface BucketRanges { starts: number[]; variants: string[] }

export function compileRanges(weights: Weighted[]): BucketRanges {
  const owned = weights.flatMap((w) => (w.ranges ?? []).map(([from]) => ({ from, variant: w.variant })));
  owned.sort((a, b) => a.from - b.from);
  return { starts: owned.map((o) => o.from), variants: owned.map((o) => o.variant) };
}

/** The variant whose range holds the bucket: the last range starting at or before it. */
export function variantInRanges(b: number, ranges: BucketRanges): string {
  let lo = 0;
  let hi = ranges.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (ranges.starts[mid] <= b) lo = mid;
    else hi = mid - 1;
  }
  return ranges.variants[lo];
}

/** The first variant whose running total exceeds the bucket: weight w owns exactly w buckets. */
export function variantFor(b: number, weights: Weighted[]): string {
  let total = 0;
  for (const w of weights) {
    total += w.weight;
    if (b < total) return w.variant;
  }
  return weights[weights.length - 1].variant;
}

/**
 * Another platform's bucketing, kept for rollouts imported from it (docs/evaluation.md, "Bucketing
 * specs"): flagd's fractional, or Unleash's normalized murmur3. Absent: Flagledger's own.
 */
export type Bucketing =
  | { algorithm: 'flagd'; prefix: string; relativeWeights: number[] | null; fallbackVariant: string | null }
  | { algorithm: 'unleash'; groupId: string; seed: number; modulus: number };

function utf8(text: string): Uint8Array {
  const clean = SURROGATE.test(text) ? text.replace(LONE_SURROGATE, '?') : text;
  return encoder.encode(clean);
}

const f32 = Math.fround;

/** flagd's float percentage bucket: |hash| (Java int semantics) / 2147483647f * 100, in float arithmetic. */
export function flagdBucket(input: string): number {
  const signed = murmur.v3(utf8(input), 0) | 0;
  // Java's Math.abs(Integer.MIN_VALUE) stays negative.
  const magnitude = signed === -2147483648 ? signed : Math.abs(signed);
  return f32(f32(f32(f32(magnitude) * 1) / f32(2147483648)) * 100);
}

/** flagd's walk over float percentages; -1 where flagd finds no bucket (it then serves its default). */
export function flagdIndex(b: number, weights: number[]): number {
  const total = weights.reduce((a, w) => a + w, 0);
  let sum = 0;
  for (let i = 0; i < weights.length; i++) {
    const percentage = weights[i] === 0 ? 0 : f32(f32(weights[i] * 100) / f32(total));
    sum = f32(sum + percentage);
    if (b < sum) return i;
  }
  return -1;
}

/** Unleash's murmur3(groupId:value, seed) mod modulus, scaled to 0..99 999. */
export function unleashBucket(groupId: string, seed: number, modulus: number, value: string): number {
  const hash = murmur.v3(utf8(groupId + ':' + value), seed >>> 0);
  return (hash % modulus) * (BUCKETS / modulus);
}

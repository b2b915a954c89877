import murmur from 'murmurhash';

/**
 * CONVENTIONS §3 bucketing: MurmurHash3 x86 32-bit, seed 0, over the UTF-8 bytes of
 * `salt + "." + value`, unsigned, scaled to 0..99 999. The `murmurhash` package (MurmurHash3 r136,
 * UTF-8 via TextEncoder) is checked against the Java engine by the shared vectors and the cross-check.
 */
export const BUCKETS = 100_000;

// Java's getBytes(UTF_8) writes '?' for an unpaired surrogate; TextEncoder writes U+FFFD. Agree with Java.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const encoder = new TextEncoder();

export function bucket(salt: string, value: string): number {
  const hash = murmur.v3(encoder.encode((salt + '.' + value).replace(LONE_SURROGATE, '?')), 0);
  // hash * 100 000 < 2^49, exact in a double; dividing by 2^32 and flooring equals Java's >>> 32.
  return Math.floor((hash * BUCKETS) / 4294967296);
}

export interface Weighted { variant: string; weight: number }

/** The first variant whose running total exceeds the bucket: weight w owns exactly w buckets. */
export function variantFor(b: number, weights: Weighted[]): string {
  let total = 0;
  for (const w of weights) {
    total += w.weight;
    if (b < total) return w.variant;
  }
  return weights[weights.length - 1].variant;
}

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

/** Type guards and number rules shared with the Java engine (JsonValues.java). */

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export const isScalar = (v: unknown): v is string | number | boolean =>
  typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/** Decimal digits of an integral number within ±2^53, else null: what a rollout hashes. */
export function integralText(n: number): string | null {
  return Number.isInteger(n) && Math.abs(n) <= 9007199254740992 ? String(n === 0 ? 0 : n) : null;
}

// java.lang.Character.isWhitespace, which String.isBlank uses (NBSP and friends are not blank).
const BLANK = /^[\t\n\u000B\f\r\u001C-\u001F \u1680\u2000-\u2006\u2008-\u200A\u2028\u2029\u205F\u3000]*$/;

/** Java's String.isBlank, so "blank" means the same thing to both engines. */
export const isBlank = (s: string): boolean => BLANK.test(s);

/** The error every config check throws; compiling catches it and marks the flag PARSE_ERROR. */
export class InvalidConfig extends Error {}

export function fail(message: string): never {
  throw new InvalidConfig(message);
}

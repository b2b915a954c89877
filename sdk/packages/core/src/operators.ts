import { fail, isScalar } from './json.js';
import { compareInstants, parseInstant } from './instants.js';
import { compileRegex } from './regex.js';
import { compareSemver, parseSemver } from './semver.js';

/** A compiled clause test on one scalar attribute value; never throws. */
export type Matcher = (candidate: string | number | boolean) => boolean;

function nonEmpty(op: string, values: unknown[]): unknown[] {
  // An empty OR never matches and, negated, always does: almost surely a mistake.
  if (!values.length) fail(`operator '${op}' needs at least one value`);
  return values;
}

export function strings(op: string, values: unknown[]): string[] {
  return nonEmpty(op, values).map((v) => (typeof v === 'string' ? v : fail(`operator '${op}' compares strings, not: ${v}`)));
}

function numbers(op: string, values: unknown[]): number[] {
  return nonEmpty(op, values).map((v) => (typeof v === 'number' ? v : fail(`operator '${op}' compares numbers, not: ${v}`)));
}

function equality(op: string, exactlyOne: boolean) {
  return (values: unknown[]): Matcher => {
    const expected = nonEmpty(op, values).map((v) => (isScalar(v) ? v : fail(`operator '${op}' compares scalars, not: ${v}`)));
    if (exactlyOne && expected.length !== 1) fail("operator 'equals' takes exactly one value (use 'in' for several)");
    // Same type and value; numbers are doubles in both engines, so 1 equals 1.0.
    return (c) => expected.includes(c);
  };
}

const text = (op: string, test: (a: string, b: string) => boolean) => (values: unknown[]): Matcher => {
  const expected = strings(op, values);
  return (c) => typeof c === 'string' && expected.some((v) => test(c, v));
};

const numeric = (op: string, test: (a: number, b: number) => boolean) => (values: unknown[]): Matcher => {
  const expected = numbers(op, values);
  return (c) => typeof c === 'number' && expected.some((v) => test(c, v));
};

const semver = (op: string, test: (c: number) => boolean) => (values: unknown[]): Matcher => {
  const expected = strings(op, values).map((v) => parseSemver(v) ?? fail(`operator '${op}' needs semver values, not: ${v}`));
  return (c) => {
    const actual = parseSemver(c);
    return actual !== null && expected.some((v) => test(compareSemver(actual, v)));
  };
};

const date = (op: string, before: boolean) => (values: unknown[]): Matcher => {
  const expected = nonEmpty(op, values).map((v) => parseInstant(v) ?? fail(`operator '${op}' needs ISO-8601 instants with an offset or epoch milliseconds, not: ${v}`));
  return (c) => {
    const actual = parseInstant(c);
    return actual !== null && expected.some((v) => (before ? compareInstants(actual, v) < 0 : compareInstants(actual, v) > 0));
  };
};

/** Every attribute operator of CONVENTIONS §3, by its config name; `inSegment` is handled by the compiler. */
export const OPERATORS: Record<string, (values: unknown[]) => Matcher> = {
  equals: equality('equals', true),
  in: equality('in', false),
  startsWith: text('startsWith', (a, b) => a.startsWith(b)),
  endsWith: text('endsWith', (a, b) => a.endsWith(b)),
  contains: text('contains', (a, b) => a.includes(b)),
  matches: (values) => {
    const patterns = strings('matches', values).map(compileRegex);
    return (c) => typeof c === 'string' && patterns.some((p) => p.find(c));
  },
  lt: numeric('lt', (a, b) => a < b),
  lte: numeric('lte', (a, b) => a <= b),
  gt: numeric('gt', (a, b) => a > b),
  gte: numeric('gte', (a, b) => a >= b),
  semverEq: semver('semverEq', (c) => c === 0),
  semverLt: semver('semverLt', (c) => c < 0),
  semverGt: semver('semverGt', (c) => c > 0),
  before: date('before', true),
  after: date('after', false),
};

// The parts of the engine where JavaScript and Java differ by default, pinned to Java's behaviour.
import { describe, expect, it } from 'vitest';
import { bucket, compareSemver, Environment, parseSemver } from '@flagledger/core';

/** A one-rule flag on `attr` with `matches`, evaluated for `value`: true when the rule matched. */
function matches(pattern: string, value: unknown): boolean | 'PARSE_ERROR' {
  const env = Environment.compile({ flags: { f: { valueType: 'boolean', enabled: true, variations: { on: true, off: false },
    rules: [{ id: 'r', clauses: [{ attribute: 'attr', operator: 'matches', values: [pattern] }], serve: { variant: 'on' } }],
    fallthrough: { variant: 'off' } } } });
  const r = env.evaluate('f', { targetingKey: 'u', attr: value });
  return r.errorCode === 'PARSE_ERROR' ? 'PARSE_ERROR' : r.reason === 'TARGETING_MATCH';
}

describe('the bounded regex matcher', () => {
  it('gives up on catastrophic backtracking quickly, answering no match', () => {
    const start = performance.now();
    expect(matches('(a+)+$', 'a'.repeat(1000) + '!')).toBe(false);
    expect(matches('(x+x+)+y', 'x'.repeat(1000))).toBe(false);
    // Bounded by the read budget (a few ms once JIT-compiled); generous for a cold, loaded CI machine.
    expect(performance.now() - start).toBeLessThan(3_000);
  });

  it('finds a pattern anywhere, like Matcher.find and RegExp.test', () => {
    expect(matches('beta', 'public-beta-2')).toBe(true);
    expect(matches('^beta', 'public-beta')).toBe(false);
    expect(matches('^(?:ab|a)*b?$', 'abab')).toBe(true);
    expect(matches('a{2,3}', 'caab')).toBe(true);
    expect(matches('[^@]+@example\\.com$', 'ann@example.com')).toBe(true);
    expect(matches('(a)\\1', 'xaay')).toBe(true);
    expect(matches('(?=.*\\d)^\\w+$', 'abc1')).toBe(true);
    expect(matches('(?!abc)^\\w+$', 'abcd')).toBe(false);
  });

  it("uses Java's meaning of $, ., \\s and \\b", () => {
    expect(matches('c$', 'abc\n')).toBe(true); // Java: $ also before a final line terminator
    expect(matches('c$', 'abc\nd')).toBe(false);
    expect(matches('^.$', '\u0085')).toBe(false); // NEL is a line terminator in Java
    expect(matches('\\s', '\u00a0')).toBe(false); // Java's \s is ASCII whitespace only
    expect(matches('\\bé', 'xé')).toBe(false); // Java 17's \b counts é as a word character
  });

  it('refuses what only one of the engines understands, as a PARSE_ERROR', () => {
    for (const pattern of ['(?<=a)b', '(?<name>a)', 'a*+', '[a[b]]', '[a&&b]', '\\v', '\\0', '(?i)a', '([a-z', 'a{,3}']) {
      expect(matches(pattern, 'a'), pattern).toBe('PARSE_ERROR');
    }
  });

  it('does not search values longer than 1 024 characters', () => {
    expect(matches('b', 'b'.repeat(1024))).toBe(true);
    expect(matches('b', 'b'.repeat(1025))).toBe(false);
  });
});

describe('bucketing', () => {
  it('hashes an unpaired surrogate as Java does: as "?"', () => {
    expect(bucket('salt', 'a\ud800b')).toBe(bucket('salt', 'a?b'));
    expect(bucket('salt', '\udc00')).toBe(bucket('salt', '?'));
    expect(bucket('salt', '😀')).not.toBe(bucket('salt', '?')); // a proper pair stays itself
  });

  it('stays within 0..99 999 and is stable for long inputs', () => {
    const long = 'x'.repeat(5_000);
    expect(bucket('s', long)).toBe(bucket('s', long));
    for (let i = 0; i < 1_000; i++) {
      const b = bucket('flag', `user-${i}`);
      expect(b).toBeGreaterThanOrEqual(0);
      expect(b).toBeLessThan(100_000);
    }
  });
});

describe('semver and instants', () => {
  it('compares 18-digit version parts exactly', () => {
    const big = parseSemver('999999999999999999.0.0')!;
    const smaller = parseSemver('999999999999999998.0.0')!;
    expect(compareSemver(big, smaller)).toBe(1);
    expect(parseSemver('1.0.0-01')).toBeNull();
    expect(compareSemver(parseSemver('1.0.0-alpha.1')!, parseSemver('1.0.0-alpha.beta')!)).toBe(-1);
  });

  it('compares instants to the nanosecond, as java.time does', () => {
    const env = Environment.compile({ flags: { f: { valueType: 'boolean', enabled: true, variations: { on: true, off: false },
      rules: [{ id: 'r', clauses: [{ attribute: 'at', operator: 'after', values: ['2025-01-01T00:00:00Z'] }], serve: { variant: 'on' } }],
      fallthrough: { variant: 'off' } } } });
    expect(env.evaluate('f', { targetingKey: 'u', at: '2025-01-01T00:00:00.000000001Z' }).variant).toBe('on');
    expect(env.evaluate('f', { targetingKey: 'u', at: '2025-01-01T01:00:00+01:00' }).variant).toBe('off');
    expect(env.evaluate('f', { targetingKey: 'u', at: '2025-01-01' }).variant).toBe('off');
    expect(env.evaluate('f', { targetingKey: 'u', at: 1735689600001 }).variant).toBe('on');
  });
});

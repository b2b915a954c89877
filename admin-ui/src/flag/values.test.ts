import { describe, expect, it } from 'vitest';
import { formatValue, keyFromName, parseTags, parseValue } from './values';

describe('parseValue', () => {
  it('reads booleans only from true and false', () => {
    expect(parseValue('BOOLEAN', 'true')).toEqual({ ok: true, value: true });
    expect(parseValue('BOOLEAN', 'false')).toEqual({ ok: true, value: false });
    expect(parseValue('BOOLEAN', 'yes').ok).toBe(false);
  });

  it('reads numbers and refuses text, blanks and infinities', () => {
    expect(parseValue('NUMBER', ' 0.5 ')).toEqual({ ok: true, value: 0.5 });
    expect(parseValue('NUMBER', '-12')).toEqual({ ok: true, value: -12 });
    expect(parseValue('NUMBER', '').ok).toBe(false);
    expect(parseValue('NUMBER', 'ten').ok).toBe(false);
    expect(parseValue('NUMBER', 'Infinity').ok).toBe(false);
  });

  it('keeps strings exactly as typed', () => {
    expect(parseValue('STRING', '  spaced  ')).toEqual({ ok: true, value: '  spaced  ' });
  });

  it('parses JSON and explains what is wrong with invalid JSON', () => {
    expect(parseValue('JSON', '{"limit": 10}')).toEqual({ ok: true, value: { limit: 10 } });
    const bad = parseValue('JSON', '{limit: 10}');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatch(/Not valid JSON/);
  });

  it('round-trips through formatValue for every type', () => {
    expect(parseValue('JSON', formatValue('JSON', { a: [1, 2] }))).toEqual({ ok: true, value: { a: [1, 2] } });
    expect(parseValue('NUMBER', formatValue('NUMBER', 3.25))).toEqual({ ok: true, value: 3.25 });
    expect(parseValue('BOOLEAN', formatValue('BOOLEAN', false))).toEqual({ ok: true, value: false });
    expect(parseValue('STRING', formatValue('STRING', 'x'))).toEqual({ ok: true, value: 'x' });
  });
});

describe('keyFromName', () => {
  it('turns a name into a key the server accepts', () => {
    expect(keyFromName('New Checkout Flow!')).toBe('new-checkout-flow');
    expect(keyFromName('  Crème brûlée  ')).toBe('creme-brulee');
    expect(keyFromName('a'.repeat(100), 63)).toHaveLength(63);
  });
});

describe('parseTags', () => {
  it('splits on commas and spaces and drops blanks and repeats', () => {
    expect(parseTags('checkout, team:payments  checkout,,')).toEqual(['checkout', 'team:payments']);
  });
});

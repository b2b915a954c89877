import { describe, expect, it } from 'vitest';
import { countText } from './FlagListPage';

describe('countText', () => {
  it('counts flags in plain English', () => {
    expect(countText(0, false, false)).toBe('0 active flags');
    expect(countText(1, true, false)).toBe('1 archived flag');
    expect(countText(1, false, true)).toBe('1 active flag matches');
    expect(countText(3, false, true)).toBe('3 active flags match');
  });
});

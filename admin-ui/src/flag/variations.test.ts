import { describe, expect, it } from 'vitest';
import { checkDrafts, type VariationDraft } from './variations';

const draft = (id: string, key: string, valueText: string, name = ''): VariationDraft => ({ id, key, name, description: '', valueText });

describe('checkDrafts', () => {
  it('turns valid drafts into typed variation inputs, naming unnamed ones after their key', () => {
    const result = checkDrafts('NUMBER', [draft('a', 'low', '10'), draft('b', 'high', '100', 'High')]);
    expect(result.errors).toEqual({});
    expect(result.variations).toEqual([
      { key: 'low', name: 'low', description: '', value: 10 },
      { key: 'high', name: 'High', description: '', value: 100 },
    ]);
  });

  it('marks each bad field on its own row', () => {
    const result = checkDrafts('JSON', [draft('a', 'Bad Key', '{}'), draft('b', 'ok', '{oops')]);
    expect(result.errors.a?.key).toMatch(/Lowercase/);
    expect(result.errors.a?.value).toBeUndefined();
    expect(result.errors.b?.value).toMatch(/Not valid JSON/);
  });

  it('refuses a key used twice', () => {
    const result = checkDrafts('STRING', [draft('a', 'same', 'x'), draft('b', 'same', 'y')]);
    expect(result.errors.b?.key).toMatch(/already called same/);
  });

  it('needs at least one variation', () => {
    expect(checkDrafts('STRING', []).problem).toMatch(/at least one/);
  });
});

import { describe, expect, it } from 'vitest';
import { explainStep } from './trace';

describe('explainStep', () => {
  it('names a rule by its position and lists each clause with the value seen', () => {
    const step = {
      step: 'RuleEvaluated',
      ruleId: 'rule-x',
      matched: false,
      clauses: [
        { attribute: 'country', operator: 'in', values: ['DE', 'AT'], negate: false, actualValue: 'FR', segments: [], matched: false },
      ],
    };
    expect(explainStep(step, () => 'Rule 2 (Canary)')).toEqual({
      title: 'Rule 2 (Canary): did not match',
      outcome: false,
      details: ['✗ country (“FR”) is one of “DE” or “AT”'],
    });
  });

  it('explains segment membership and bucketing', () => {
    const rule = explainStep({
      step: 'RuleEvaluated',
      ruleId: 'r',
      matched: true,
      clauses: [{ attribute: null, operator: 'inSegment', values: ['beta'], negate: false, actualValue: 'alice', segments: [{ segmentKey: 'beta', member: true, because: 'included' }], matched: true }],
    });
    expect(rule.details).toEqual(['✓ targeting key “alice” is in segment “beta” — beta: member (included)']);
    expect(explainStep({ step: 'Bucketed', salt: 'f', bucketBy: null, bucketByValue: 'alice', bucket: 123, variant: 'on' }).title).toBe('Rollout: bucket 123 of 0–99 999 → on');
  });

  it('shows an unknown step as it came', () => {
    expect(explainStep({ step: 'SomethingNew', x: 1 })).toEqual({ title: 'SomethingNew', details: ['{"step":"SomethingNew","x":1}'] });
  });
});

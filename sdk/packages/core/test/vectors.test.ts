// Acceptance 1: every case in spec/vectors/ (the folder the Java SpecVectorsTest reads) passes here too.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Environment, type ValueType } from '@flagledger/core';

const VECTORS = join(__dirname, '../../../../spec/vectors');
const index: string[] = JSON.parse(readFileSync(join(VECTORS, 'index.json'), 'utf8'));

interface Case {
  description: string;
  flag: string;
  context: Record<string, unknown>;
  type?: ValueType;
  expected: { value: unknown; variant: string | null; reason: string; errorCode: string | null; matchedRuleId?: string; metadata?: Record<string, unknown> };
}

let total = 0;
for (const file of index) {
  const spec = JSON.parse(readFileSync(join(VECTORS, file), 'utf8'));
  const env = Environment.compile({ flags: spec.flags, segments: spec.segments });
  describe(file, () => {
    for (const c of spec.cases as Case[]) {
      total++;
      it(c.description, () => {
        const r = env.evaluate(c.flag, c.context, c.type ?? null);
        const got = { value: r.value, variant: r.variant, reason: r.reason, errorCode: r.errorCode };
        expect(got, `${c.description}: ${JSON.stringify(r)}`).toEqual({
          value: c.expected.value, variant: c.expected.variant, reason: c.expected.reason, errorCode: c.expected.errorCode,
        });
        if ('matchedRuleId' in c.expected) expect(r.matchedRuleId, c.description).toBe(c.expected.matchedRuleId);
        for (const [k, v] of Object.entries(c.expected.metadata ?? {})) expect(r.metadata[k], `${c.description}: metadata ${k}`).toEqual(v);
        expect(r.errorCode !== null, c.description).toBe(r.reason === 'ERROR');
      });
    }
  });
}

describe('the vector folder', () => {
  it('holds at least 150 cases, every one run above', () => {
    expect(total).toBeGreaterThanOrEqual(150);
  });
});

// Acceptance 1, second half: 10 000 random contexts evaluated in Java and in TypeScript give the same
// answers. The Java half (evaluation/.../crosscheck/CrossCheckFixtureTest, run by `mvn verify` before
// this suite in scripts/test-all.sh) generates a random environment and contexts and writes them with
// its answers; here every one is evaluated again and compared field by field.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Environment, type ValueType } from '@flagledger/core';

const FIXTURE = process.env.FLAGLEDGER_CROSS_CHECK
  ?? join(__dirname, '../../../../evaluation/target/cross-check/java-results.json');

type Evaluation = [string, ValueType | null, string | null, string, string | null, unknown, string | null];

describe('Java and TypeScript evaluate alike', () => {
  it('agree on every flag for 10 000 random contexts', () => {
    expect(existsSync(FIXTURE), `${FIXTURE} is missing: run \`mvn -pl evaluation test\` (scripts/test-all.sh does) first`).toBe(true);
    const fixture = JSON.parse(readFileSync(FIXTURE, 'utf8'));
    const env = Environment.compile(JSON.parse(fixture.config));
    const cases: { context: string; evaluations: Evaluation[] }[] = fixture.cases;
    expect(cases.length).toBe(10_000);
    const differences: string[] = [];
    let compared = 0;
    for (const c of cases) {
      const context = JSON.parse(c.context);
      for (const [flag, type, variant, reason, errorCode, value, ruleId] of c.evaluations) {
        compared++;
        const r = env.evaluate(flag, context, type);
        const same = r.variant === variant && r.reason === reason && r.errorCode === errorCode
          && r.matchedRuleId === ruleId && JSON.stringify(r.value) === JSON.stringify(value);
        if (!same && differences.length < 20) {
          differences.push(`${flag} as ${type} for ${c.context}: java ${JSON.stringify([variant, reason, errorCode, value, ruleId])}, ts ${JSON.stringify([r.variant, r.reason, r.errorCode, r.value, r.matchedRuleId])} ${r.errorMessage ?? ''}`);
        }
      }
    }
    expect(differences, `seed ${fixture.seed}`).toEqual([]);
    expect(compared).toBeGreaterThanOrEqual(100_000);
  });
});


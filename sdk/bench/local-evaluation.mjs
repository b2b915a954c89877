// Local evaluations per second in Node: @flagledger/core next to @openfeature/flagd-core (the
// in-process engine of OpenFeature's flagd providers), on equivalent flags, in one process and run.
// Each round evaluates every scenario with both engines (alternating which goes first); the table
// shows the median of the rounds. Usage: npm run bench  [-- --rounds 9 --evaluations 200000]
import { Environment } from '@flagledger/core';
import { FlagdCore } from '@openfeature/flagd-core';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ROUNDS = arg('rounds', 9);
const EVALUATIONS = arg('evaluations', 200_000);

const bool = { on: true, off: false };
const flagledger = Environment.compile({
  flags: {
    simple: { valueType: 'boolean', enabled: true, variations: bool, offVariation: 'off', fallthrough: { variant: 'on' } },
    rules: { valueType: 'boolean', enabled: true, variations: bool, offVariation: 'off', fallthrough: { variant: 'off' },
      rules: [{ id: 'dutch-pro', clauses: [{ attribute: 'country', operator: 'in', values: ['NL', 'BE'] },
        { attribute: 'plan', operator: 'equals', values: ['pro'] }], serve: { variant: 'on' } }] },
    rollout: { valueType: 'boolean', enabled: true, variations: bool, offVariation: 'off',
      fallthrough: { rollout: { weights: [{ variant: 'on', weight: 50_000 }, { variant: 'off', weight: 50_000 }] } } },
    semver: { valueType: 'boolean', enabled: true, variations: bool, offVariation: 'off', fallthrough: { variant: 'off' },
      rules: [{ id: 'new-app', clauses: [{ attribute: 'version', operator: 'semverGt', values: ['2.0.0'] }], serve: { variant: 'on' } }] },
    endsWith: { valueType: 'boolean', enabled: true, variations: bool, offVariation: 'off', fallthrough: { variant: 'off' },
      rules: [{ id: 'staff', clauses: [{ attribute: 'email', operator: 'endsWith', values: ['@example.com'] }], serve: { variant: 'on' } }] },
  },
});

const flagd = new FlagdCore();
flagd.setConfigurations(JSON.stringify({
  flags: {
    simple: { state: 'ENABLED', variants: bool, defaultVariant: 'on' },
    rules: { state: 'ENABLED', variants: bool, defaultVariant: 'off',
      targeting: { if: [{ and: [{ in: [{ var: 'country' }, ['NL', 'BE']] }, { '==': [{ var: 'plan' }, 'pro'] }] }, 'on', 'off'] } },
    rollout: { state: 'ENABLED', variants: bool, defaultVariant: 'off', targeting: { fractional: [['on', 50], ['off', 50]] } },
    semver: { state: 'ENABLED', variants: bool, defaultVariant: 'off',
      targeting: { if: [{ sem_ver: [{ var: 'version' }, '>', '2.0.0'] }, 'on', 'off'] } },
    endsWith: { state: 'ENABLED', variants: bool, defaultVariant: 'off',
      targeting: { if: [{ ends_with: [{ var: 'email' }, '@example.com'] }, 'on', 'off'] } },
  },
}));

const countries = ['NL', 'BE', 'DE', 'FR'];
const contexts = Array.from({ length: 1024 }, (_, i) => ({
  targetingKey: `user-${i}`, country: countries[i % 4], plan: i % 3 ? 'pro' : 'free',
  version: `${1 + (i % 3)}.${i % 10}.0`, email: i % 2 ? `u${i}@example.com` : `u${i}@other.org`,
}));
const silent = { debug() {}, info() {}, warn() {}, error() {} };

// Both engines must agree on these flags, or the comparison means nothing.
for (const flag of ['simple', 'rules', 'semver', 'endsWith']) {
  for (const c of contexts.slice(0, 64)) {
    const a = flagledger.evaluate(flag, c, 'boolean').value;
    const b = flagd.resolveBooleanEvaluation(flag, false, c, silent).value;
    if (a !== b) throw new Error(`engines disagree on ${flag} for ${JSON.stringify(c)}: ${a} vs ${b}`);
  }
}

const engines = {
  flagledger: (flag, c) => flagledger.evaluate(flag, c, 'boolean'),
  'flagd-core': (flag, c) => flagd.resolveBooleanEvaluation(flag, false, c, silent),
};
let sink = 0;
function measure(run, flag) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < EVALUATIONS; i++) if (run(flag, contexts[i & 1023]).value) sink++;
  return EVALUATIONS / (Number(process.hrtime.bigint() - start) / 1e9);
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

// rollout is left out of the agreement check above: flagd hashes differently (by design), so only the cost compares.
const scenarios = ['simple', 'rules', 'rollout', 'semver', 'endsWith'];
const results = {};
for (const s of scenarios) for (const e of Object.keys(engines)) measure(engines[e], s); // warm-up
for (let round = 0; round < ROUNDS; round++) {
  for (const s of scenarios) {
    const order = round % 2 ? ['flagd-core', 'flagledger'] : ['flagledger', 'flagd-core'];
    for (const e of order) ((results[s] ??= {})[e] ??= []).push(measure(engines[e], s));
  }
}
console.log(`node ${process.version}, ${ROUNDS} rounds x ${EVALUATIONS} evaluations per scenario and engine (medians)\n`);
console.log('| flag | @flagledger/core evals/s | @openfeature/flagd-core evals/s | ratio |');
console.log('|---|---:|---:|---:|');
for (const s of scenarios) {
  const a = median(results[s].flagledger);
  const b = median(results[s]['flagd-core']);
  console.log(`| ${s} | ${Math.round(a).toLocaleString('en-US')} | ${Math.round(b).toLocaleString('en-US')} | ${(a / b).toFixed(1)}x |`);
}
if (sink < 0) console.log(sink);

// Acceptance 4 of issue 11 against the real server jar: the Node provider evaluates an experiment
// flag for 20 000 simulated users and tracks sign-ups with a planted effect (exactly 10 % of grey, 12 % of blue);
// the results query finds it; re-sending a batch the SDK sent changes no count.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpenFeature } from '@openfeature/server-sdk';
import { FlagledgerServerProvider } from '@flagledger/openfeature-server';
import { ServerJar } from './support/server.js';
import { Admin, within } from './support/admin.js';

const PROJECT = 'exp-it';
const USERS = 20_000;
const RATES: Record<string, number> = { grey: 0.10, blue: 0.12 };
let server: ServerJar;
let admin: Admin;
let serverKey: string;

/**
 * Whether the n-th user served an arm signs up: exactly `rate` of each arm's users, spread evenly. The
 * arms come from the experiment's own salt, new in every run, so a seeded draw per user still let the
 * realised lift vary from run to run (a standard error of about 4.5 points around the planted +20 %);
 * exact rates make the planted effect the measured one, and the statistics still have to find it.
 */
function signsUp(nth: number, rate: number): boolean {
  return Math.floor((nth + 1) * rate) > Math.floor(nth * rate);
}

const RESULTS = `query($p: String!, $k: String!) { experimentResults(projectKey: $p, key: $k) {
  verdict exposures { arm units } srm { pValue untrustworthy }
  metrics { key arms { arm status units mean verdict relative { estimate lower upper } adjustedPValue
    bayesian { chanceToBeatControl } } } } }`;

beforeAll(async () => {
  server = await ServerJar.start();
  admin = new Admin(server);
  await admin.project(PROJECT);
  await admin.graphql(`mutation($input: CreateFlagInput!) { createFlag(input: $input) { flag { version } } }`, {
    input: { projectKey: PROJECT, key: 'signup-button', name: 'Sign-up button', valueType: 'STRING',
      variations: [{ key: 'grey', value: 'grey' }, { key: 'blue', value: 'blue' }] } });
  await admin.toggle(PROJECT, 'signup-button', true);
  await admin.graphql(`mutation($input: DefineMetricInput!) { defineMetric(input: $input) { metric { key } } }`, {
    input: { projectKey: PROJECT, key: 'signup', name: 'Sign-up', kind: 'CONVERSION', eventName: 'signup',
      windowHours: 24, direction: 'HIGHER_IS_BETTER' } });
  const created = await admin.graphql(`mutation($input: CreateExperimentInput!) { createExperiment(input: $input) { experiment { version } } }`, {
    input: { projectKey: PROJECT, key: 'blue-button', definition: { name: 'Blue button', hypothesis: 'Blue gets more sign-ups',
      flagKey: 'signup-button', environment: 'staging', arms: [{ variation: 'grey', weight: 50_000 }, { variation: 'blue', weight: 50_000 }],
      primaryMetric: 'signup' } } });
  await admin.graphql(`mutation($input: ExperimentTransitionInput!) { startExperiment(input: $input) { experiment { status } } }`, {
    input: { projectKey: PROJECT, key: 'blue-button', environment: 'staging', expectedVersion: created.createExperiment.experiment.version,
      reason: 'acceptance 4' } });
  serverKey = await admin.key(PROJECT, 'SERVER');
}, 240_000);

afterAll(async () => {
  await OpenFeature.close();
  await server?.stop();
}, 60_000);

describe('an experiment end to end with the Node SDK', () => {
  it('finds the planted effect in 20 000 users, and a re-sent batch changes no count', async () => {
    const batches: string[] = [];
    const recording: typeof fetch = async (input, init) => {
      if (String(input).endsWith('/sdk/v1/events') && typeof init?.body === 'string') batches.push(init.body);
      return fetch(input, init);
    };
    const provider = new FlagledgerServerProvider({ url: server.url, sdkKey: serverKey, fetch: recording, startupTimeoutMs: 10_000,
      events: { batchSize: 500, maxQueue: 100_000, flushIntervalMs: 600_000 } });
    await OpenFeature.setProviderAndWait('experiment', provider);
    const client = OpenFeature.getClient('experiment');
    // The experiment's rule reaches the SDK asynchronously after startExperiment.
    // A new probe each time: the SDK sends one exposure per context, flag and variant, and only the probe
    // served by the experiment's rule (SPLIT) counts; the earlier ones got the default.
    let probes = 0;
    await within(30_000, async () => (await client.getStringDetails('signup-button', 'none', { targetingKey: `probe-${probes++}` })).reason === 'SPLIT',
      'the experiment rule reached the SDK');

    const served: Record<string, number> = { grey: 0, blue: 0 };
    const converted: Record<string, number> = { grey: 0, blue: 0 };
    for (let i = 0; i < USERS; i++) {
      const context = { targetingKey: `user-${i}` };
      const arm = await client.getStringValue('signup-button', 'none', context);
      served[arm] = (served[arm] ?? 0) + 1;
      if (signsUp(served[arm] - 1, RATES[arm])) {
        client.track('signup', context);
        converted[arm] = (converted[arm] ?? 0) + 1;
      }
      if (i % 1_000 === 999) await provider.flushEvents();
    }
    // A batch that timed out on the loaded machine went back to the queue (the server may have stored it:
    // then its re-sending is a duplicate, as idempotency allows); send until nothing is left.
    await within(180_000, async () => {
      await provider.flushEvents();
      if (provider.pendingEvents === 0) return true;
      await new Promise((r) => setTimeout(r, 1_000)); // the circuit breaker's cool-down
      return false;
    }, 'every queued event was accepted');
    expect(served.grey + served.blue).toBe(USERS);

    const read = async () => (await admin.graphql(RESULTS, { p: PROJECT, k: 'blue-button' })).experimentResults;
    const units = (r: any) => r.exposures.reduce((sum: number, a: any) => sum + a.units, 0);
    // The users and the one probe the experiment served.
    await within(120_000, async () => units(await read()) === USERS + 1, 'every exposure is counted');
    const results = await read();
    // What the SDK sent beside what the server counted, so a miscount names its arm.
    const counted = results.metrics.find((m: any) => m.key === 'signup').arms
      .map((a: any) => `${a.arm}: ${a.units} units, mean ${a.mean}`).join('; ');
    console.log(`served ${JSON.stringify(served)}, sign-ups sent ${JSON.stringify(converted)}; counted ${counted}; verdict: ${results.verdict}`);
    expect(results.srm.untrustworthy).toBe(false);
    const signup = results.metrics.find((m: any) => m.key === 'signup');
    const [grey, blue] = signup.arms;
    // Every sign-up the SDK sent is counted in its arm (units also count the probe, which did not sign up).
    for (const arm of [grey, blue]) expect(Math.round(arm.mean * arm.units)).toBe(converted[arm.arm]);
    expect(grey.mean).toBeGreaterThan(0.09);
    expect(grey.mean).toBeLessThan(0.11);
    expect(blue.verdict).toBe('BETTER');
    expect(blue.relative.lower).toBeGreaterThan(0);
    expect(blue.relative.estimate).toBeGreaterThan(0.1);
    expect(blue.relative.estimate).toBeLessThan(0.3);
    expect(results.verdict).toContain('blue beats grey');

    // Re-send a batch exactly as the SDK sent it (a retry after a lost answer): nothing is counted twice.
    expect(batches.length).toBeGreaterThan(40);
    for (const body of [batches[0], batches[batches.length - 1]]) {
      const response = await fetch(`${server.url}/sdk/v1/events`, { method: 'POST', body,
        headers: { authorization: `Bearer ${serverKey}`, 'content-type': 'application/json' } });
      expect(response.status).toBe(202);
      const outcome = await response.json();
      expect(outcome.stored).toBe(0);
      expect(outcome.duplicates).toBe(JSON.parse(body).events.length);
    }
    const again = await read();
    expect(again.exposures).toEqual(results.exposures);
    expect(again.metrics).toEqual(results.metrics);
  }, 600_000);
});

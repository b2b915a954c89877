// Acceptance 2 (Node): the published OpenFeature server SDK with the published OFREP provider,
// evaluating flags on a running Flagledger server. The Java IT (NodeOfrepProviderIT) starts the real
// jar, creates the flags through GraphQL and passes what this needs in the environment.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { OpenFeature } from '@openfeature/server-sdk';
import { OFREPProvider } from '@openfeature/ofrep-provider';

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this through NodeOfrepProviderIT (mvn verify)`);
  return value;
}

const baseUrl = required('FLAGLEDGER_URL');
const stagingKey = required('FLAGLEDGER_STAGING_KEY');
const productionKey = required('FLAGLEDGER_PRODUCTION_KEY');
// targetingKey -> variant, from the server's own bucketing, for new-checkout's 50/50 fallthrough.
const expectedSplit = JSON.parse(required('FLAGLEDGER_EXPECTED_SPLIT'));

let staging;
let production;
let unknownKey;

async function client(domain, key) {
  await OpenFeature.setProviderAndWait(domain, new OFREPProvider({
    baseUrl,
    headers: [['Authorization', `Bearer ${key}`]],
  }));
  return OpenFeature.getClient(domain);
}

before(async () => {
  staging = await client('staging', stagingKey);
  production = await client('production', productionKey);
  unknownKey = await client('unknown-key', 'flsrv_not-a-key-we-issued');
});

after(async () => {
  await OpenFeature.close();
});

describe('OFREP provider against Flagledger', () => {
  test('a boolean flag serves its individual target, then its rule, with TARGETING_MATCH', async () => {
    const blocked = await staging.getBooleanDetails('new-checkout', true, { targetingKey: 'blocked-user', country: 'NL' });
    assert.equal(blocked.value, false);
    assert.equal(blocked.variant, 'off');
    assert.equal(blocked.reason, 'TARGETING_MATCH');
    assert.equal(blocked.errorCode, undefined);

    const dutch = await staging.getBooleanDetails('new-checkout', false, { targetingKey: 'someone', country: 'NL' });
    assert.equal(dutch.value, true);
    assert.equal(dutch.variant, 'on');
    assert.equal(dutch.reason, 'TARGETING_MATCH');
    assert.equal(dutch.flagMetadata.flagVersion, 2);
  });

  test('the fallthrough rollout splits users exactly as the server buckets them, with SPLIT', async () => {
    const seen = new Set();
    for (const [targetingKey, variant] of Object.entries(expectedSplit)) {
      const details = await staging.getBooleanDetails('new-checkout', false, { targetingKey, country: 'DE' });
      assert.equal(details.variant, variant, targetingKey);
      assert.equal(details.value, variant === 'on', targetingKey);
      assert.equal(details.reason, 'SPLIT', targetingKey);
      seen.add(details.variant);
    }
    assert.deepEqual([...seen].sort(), ['off', 'on']);
  });

  test('a string flag follows its rule and otherwise serves its default', async () => {
    const pro = await staging.getStringDetails('banner', 'fallback', { targetingKey: 'u1', plan: 'pro' });
    assert.deepEqual([pro.value, pro.variant, pro.reason], ['Welcome back', 'treatment', 'TARGETING_MATCH']);
    const free = await staging.getStringDetails('banner', 'fallback', { targetingKey: 'u1', plan: 'free' });
    assert.deepEqual([free.value, free.variant, free.reason], ['Welcome', 'control', 'DEFAULT']);
  });

  test('number flags serve integers and fractions; rules can address nested attributes', async () => {
    const team = await staging.getNumberDetails('max-items', 1, { targetingKey: 'u1', plan: 'team' });
    assert.deepEqual([team.value, team.variant, team.reason], [50, 'large', 'TARGETING_MATCH']);
    const gold = await staging.getNumberDetails('discount', 0, { targetingKey: 'u1', account: { tier: 'gold' } });
    assert.deepEqual([gold.value, gold.variant, gold.reason], [0.15, 'gold', 'TARGETING_MATCH']);
    const silver = await staging.getNumberDetails('discount', 0, { targetingKey: 'u1', account: { tier: 'silver' } });
    assert.deepEqual([silver.value, silver.variant, silver.reason], [0.05, 'standard', 'DEFAULT']);
  });

  test('an object flag arrives as an object', async () => {
    const staff = await staging.getObjectDetails('theme', {}, { targetingKey: 'u1', email: 'ada@flagledger.dev' });
    assert.deepEqual(staff.value, { mode: 'dark', accent: '#ffaa00', columns: 3 });
    assert.deepEqual([staff.variant, staff.reason], ['dark', 'TARGETING_MATCH']);
    const customer = await staging.getObjectDetails('theme', {}, { targetingKey: 'u1', email: 'ada@example.com' });
    assert.deepEqual(customer.value, { mode: 'light', accent: '#0055ff' });
    assert.deepEqual([customer.variant, customer.reason], ['light', 'DEFAULT']);
  });

  test('a flag that is off in the environment serves its off variation as DISABLED', async () => {
    const retired = await staging.getBooleanDetails('retired', true, { targetingKey: 'u1' });
    assert.deepEqual([retired.value, retired.variant, retired.reason], [false, 'off', 'DISABLED']);
  });

  test('a key reads only its own environment', async () => {
    const details = await production.getBooleanDetails('new-checkout', true, { targetingKey: 'someone', country: 'NL' });
    assert.deepEqual([details.value, details.reason], [false, 'DISABLED']);
  });

  test('an unknown flag gets the default with FLAG_NOT_FOUND', async () => {
    const details = await staging.getBooleanDetails('no-such-flag', true, { targetingKey: 'u1' });
    assert.deepEqual([details.value, details.reason, details.errorCode], [true, 'ERROR', 'FLAG_NOT_FOUND']);
  });

  test('asking for the wrong type gets the default with TYPE_MISMATCH', async () => {
    const details = await staging.getStringDetails('new-checkout', 'default', { targetingKey: 'blocked-user' });
    assert.deepEqual([details.value, details.reason, details.errorCode], ['default', 'ERROR', 'TYPE_MISMATCH']);
  });

  test('a rollout without a targeting key gets the default with TARGETING_KEY_MISSING', async () => {
    const details = await staging.getBooleanDetails('new-checkout', true, { country: 'DE' });
    assert.deepEqual([details.value, details.reason, details.errorCode], [true, 'ERROR', 'TARGETING_KEY_MISSING']);
  });

  test('a key we never issued gets the default with a GENERAL error', async () => {
    const details = await unknownKey.getBooleanDetails('new-checkout', true, { targetingKey: 'u1' });
    assert.deepEqual([details.value, details.reason, details.errorCode], [true, 'ERROR', 'GENERAL']);
  });
});

import { mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OpenFeature, ProviderEvents } from '@openfeature/server-sdk';
import { describe, expect, it } from 'vitest';
import { FlagledgerServerProvider } from '../src/index.js';

const project = (enabled: boolean) => `
version: 1
project:
  key: shop
  environments:
    - key: development
flags:
  - key: new-checkout
    type: boolean
    variations:
      - {key: "on", value: true}
      - {key: "off", value: false}
    environments:
      development:
        enabled: ${enabled}
        defaultVariation: "on"
        offVariation: "off"
        targeting:
          rules:
            - id: dutch
              clauses: [{attribute: country, operator: in, values: [NL]}]
              serve: {variation: "off"}
`;

describe('reading a flag file directly (issue 13)', () => {
  it('evaluates the YAML project file and sees an edit within a second, through an OpenFeature client', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flagledger-file-'));
    const file = join(dir, 'flags.yaml');
    writeFileSync(file, project(false));
    const provider = new FlagledgerServerProvider({ flagFile: file, logger: { warn: () => {}, error: () => {}, info: () => {}, debug: () => {} } as never });
    await OpenFeature.setProviderAndWait('file', provider);
    const client = OpenFeature.getClient('file');
    const before = await client.getBooleanDetails('new-checkout', true, { targetingKey: 'u', country: 'DE' });
    expect(before.value).toBe(false);
    expect(before.reason).toBe('DISABLED');

    const changed = new Promise<void>((resolve) => provider.events.addHandler(ProviderEvents.ConfigurationChanged, () => resolve()));
    writeFileSync(join(dir, 'next.yaml'), project(true));
    renameSync(join(dir, 'next.yaml'), file);
    const saved = Date.now();
    await changed;
    expect(Date.now() - saved).toBeLessThan(1_000);
    expect(await client.getBooleanValue('new-checkout', false, { targetingKey: 'u', country: 'DE' })).toBe(true);
    const dutch = await client.getBooleanDetails('new-checkout', true, { targetingKey: 'u', country: 'NL' });
    expect(dutch.value).toBe(false);
    expect(dutch.reason).toBe('TARGETING_MATCH');

    // A broken edit keeps the last good file, reported as STALE.
    writeFileSync(file, 'flags: [ {key: x');
    await new Promise((resolve) => setTimeout(resolve, 600));
    const stale = await client.getBooleanDetails('new-checkout', false, { targetingKey: 'u', country: 'DE' });
    expect(stale.value).toBe(true);
    expect(stale.reason).toBe('STALE');
    await OpenFeature.clearProviders();
  });
});

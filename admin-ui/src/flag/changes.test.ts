import { describe, expect, it } from 'vitest';
import type { FlagFieldsFragment } from '../gql/graphql';
import { describeFlagChanges } from './changes';

const noTargeting = { prerequisites: [], targets: [], rules: [], fallthroughRollout: null };
const flag: FlagFieldsFragment = {
  id: 'f1',
  projectKey: 'shop',
  key: 'checkout',
  name: 'Checkout',
  description: '',
  tags: ['payments'],
  valueType: 'BOOLEAN',
  kind: 'RELEASE',
  archived: false,
  version: 3,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  variations: [
    { key: 'on', name: 'On', description: '', value: true },
    { key: 'off', name: 'Off', description: '', value: false },
  ],
  environments: [
    { key: 'development', enabled: true, defaultVariation: 'on', offVariation: 'off', targeting: noTargeting },
    { key: 'production', enabled: false, defaultVariation: 'on', offVariation: 'off', targeting: noTargeting },
  ],
};

describe('describeFlagChanges', () => {
  it('names a toggle in the environment where it happened', () => {
    const after = { ...flag, version: 4, environments: [flag.environments[0], { ...flag.environments[1], enabled: true }] };
    expect(describeFlagChanges(flag, after, new Map([['production', 'Production']]))).toEqual(['Production: turned on.']);
  });

  it('lists details, variations and archiving', () => {
    const after: FlagFieldsFragment = {
      ...flag,
      version: 7,
      name: 'New checkout',
      kind: 'KILL_SWITCH',
      archived: true,
      tags: [],
      variations: [{ ...flag.variations[0], value: true }, { key: 'maybe', name: 'Maybe', description: '', value: false }],
      environments: flag.environments.map((e) => ({ ...e, offVariation: 'maybe' })),
    };
    const changes = describeFlagChanges(flag, after);
    expect(changes).toContain('Name changed from “Checkout” to “New checkout”.');
    expect(changes).toContain('The flag was archived.');
    expect(changes).toContain('Kind is now kill switch (was release).');
    expect(changes).toContain('Tags are now: none.');
    expect(changes).toContain('Variation maybe was added (false).');
    expect(changes).toContain('Variation off was removed.');
    expect(changes).toContain('production: off variation is now maybe (was off).');
  });

  it('still says something changed when the change is not one this page shows', () => {
    expect(describeFlagChanges(flag, { ...flag, version: 5 })).toEqual(['Settings this page does not show yet were changed.']);
  });
});

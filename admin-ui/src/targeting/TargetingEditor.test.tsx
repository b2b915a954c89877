import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { draftOf, targetingInput, type TargetingDraft } from './model';
import { TargetingEditor } from './TargetingEditor';

const variations = ['on', 'off'];
const empty = { prerequisites: [], targets: [], rules: [], fallthroughRollout: null };
let current: TargetingDraft;
function Harness({ initial = draftOf(empty, variations, 'on') }: { initial?: TargetingDraft }) {
  const [draft, setDraft] = useState(initial);
  current = draft;
  return (
    <TargetingEditor
      variations={variations}
      defaultVariation="on"
      draft={draft}
      onChange={setDraft}
      segments={[{ key: 'beta', name: 'Beta testers' }]}
      flags={[{ key: 'payments', name: 'Payments', variations: ['enabled', 'disabled'] }]}
    />
  );
}

describe('TargetingEditor', () => {
  it('adds a rule with two clauses and a 20/80 rollout, in the wire shape setFlagTargeting takes', async () => {
    render(<Harness />);
    await userEvent.click(screen.getByRole('button', { name: 'Add rule' }));
    await userEvent.type(screen.getByRole('textbox', { name: 'Attribute of rule 1, condition 1' }), 'country');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Operator of rule 1, condition 1' }), 'in');
    await userEvent.type(screen.getByRole('textbox', { name: 'Values of rule 1, condition 1' }), 'DE{Enter}AT');
    await userEvent.click(screen.getByRole('button', { name: 'Add condition to rule 1' }));
    await userEvent.type(screen.getByRole('textbox', { name: 'Attribute of rule 1, condition 2' }), 'account.plan');
    await userEvent.type(screen.getByRole('textbox', { name: 'Values of rule 1, condition 2' }), 'gold');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'What rule 1 serves' }), 'a percentage rollout');
    const on = screen.getByRole('spinbutton', { name: 'Percent of on in rule 1' });
    await userEvent.clear(on);
    await userEvent.type(on, '20');
    expect(screen.getByRole('spinbutton', { name: 'Percent of off in rule 1' })).toHaveValue(80);

    const { input, errors } = targetingInput(current, variations);
    expect(errors).toEqual([]);
    expect(input?.rules).toEqual([
      {
        id: current.rules[0].id,
        description: null,
        clauses: [
          { attribute: 'country', operator: 'in', values: ['DE', 'AT'], negate: false },
          { attribute: 'account.plan', operator: 'equals', values: ['gold'], negate: false },
        ],
        serve: { rollout: { weights: [{ variation: 'on', weight: 20_000 }, { variation: 'off', weight: 80_000 }], bucketBy: null, salt: null } },
      },
    ]);
    expect(input?.fallthroughRollout).toBeNull();
  });

  it('says what to fix instead of sending an incomplete rule', async () => {
    render(<Harness />);
    await userEvent.click(screen.getByRole('button', { name: 'Add rule' }));
    expect(targetingInput(current, variations)).toEqual({ errors: ['Rule 1, condition 1: name the attribute to compare (e.g. country or account.plan).'] });
  });

  it('reorders and deletes rules, keeping their ids', async () => {
    const initial = draftOf(
      { ...empty, rules: ['first', 'second'].map((id) => ({ id, description: id, clauses: [{ attribute: 'a', operator: 'equals', values: ['x'], negate: false }], serve: { variation: 'on' } })) },
      variations,
      'on',
    );
    render(<Harness initial={initial} />);
    await userEvent.click(screen.getByRole('button', { name: 'Move rule 2 up' }));
    expect(current.rules.map((r) => r.id)).toEqual(['second', 'first']);
    await userEvent.click(screen.getByRole('button', { name: 'Delete rule 1' }));
    expect(current.rules.map((r) => r.id)).toEqual(['first']);
  });

  it('edits individual targets, prerequisites and a fallthrough rollout', async () => {
    render(<Harness />);
    await userEvent.type(screen.getByRole('textbox', { name: 'Serve on to' }), 'alice, bob');
    await userEvent.type(screen.getByRole('textbox', { name: 'Serve off to' }), 'bob');
    expect(targetingInput(current, variations).errors).toEqual(['Individual targets: bob is listed for both on and off.']);
    await userEvent.clear(screen.getByRole('textbox', { name: 'Serve off to' }));
    await userEvent.click(screen.getByRole('button', { name: 'Add prerequisite' }));
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Flag of prerequisite 1' }), 'payments');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Variation of prerequisite 1' }), 'disabled');
    await userEvent.click(screen.getByRole('radio', { name: 'A percentage rollout' }));
    const fallthrough = screen.getByRole('group', { name: 'Percentage rollout (fallthrough)' });
    within(fallthrough).getByRole('slider', { name: 'Share of on in fallthrough' }).focus();
    await userEvent.keyboard('{PageDown}');
    const { input } = targetingInput(current, variations);
    expect(input?.targets).toEqual([{ variation: 'on', keys: ['alice', 'bob'] }]);
    expect(input?.prerequisites).toEqual([{ flagKey: 'payments', variation: 'disabled' }]);
    expect(input?.fallthroughRollout?.weights).toEqual([{ variation: 'on', weight: 40_000 }, { variation: 'off', weight: 60_000 }]);
  });

  it('loads what the server has and sends it back unchanged', () => {
    const wire = {
      prerequisites: [{ flagKey: 'payments', variation: 'enabled' }],
      targets: [{ variation: 'off', keys: ['carol'] }],
      rules: [{ id: 'r1', description: 'Beta', clauses: [{ attribute: null, operator: 'inSegment', values: ['beta'], negate: true }], serve: { rollout: { weights: [{ variation: 'on', weight: 25_000 }, { variation: 'off', weight: 75_000 }], bucketBy: 'account.id', salt: 'exp-1' } } }],
      fallthroughRollout: null,
    };
    expect(targetingInput(draftOf(wire, variations, 'on'), variations).input).toEqual(wire);
  });
});

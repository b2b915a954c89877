import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { DiffView } from './DiffView';
import { diffValues, sameJson } from './diff';

const names = (key: string) => ({ production: 'Production', staging: 'Staging' })[key] ?? key;
const lines = () => screen.getAllByRole('listitem').map((li) => li.textContent);

const betaRule = {
  id: 'r1',
  description: 'Beta in DACH',
  clauses: [
    { attribute: 'country', operator: 'in', values: ['DE', 'AT'], negate: false },
    { attribute: null, operator: 'inSegment', values: ['beta'], negate: false },
  ],
  serve: { variation: null, rollout: { weights: [{ variation: 'on', weight: 20000 }, { variation: 'off', weight: 80000 }], bucketBy: null, salt: 'checkout' } },
};
const emptyTargeting = { prerequisites: [], targets: [], rules: [], fallthroughRollout: null };

describe('DiffView', () => {
  it('names the field in words and shows a toggle as off → on, marked removed and added', () => {
    render(<DiffView changes={[{ field: 'environments.production.enabled', before: false, after: true }]} environmentName={names} />);
    expect(screen.getByText('Production: On/off')).toBeInTheDocument();
    const removed = document.querySelector('del')!;
    const added = document.querySelector('ins')!;
    expect(removed).toHaveTextContent('off');
    expect(added).toHaveTextContent('on');
    // Screen readers hear the direction, not just colours.
    expect(removed).toHaveTextContent('from off');
    expect(added).toHaveTextContent('to on');
  });

  it('reads a new targeting rule as a sentence: its two conditions and its 20/80 rollout', () => {
    render(<DiffView changes={[{ field: 'environments.production.targeting', before: emptyTargeting, after: { ...emptyTargeting, rules: [betaRule] } }]} environmentName={names} />);
    expect(screen.getByText('Production: Targeting')).toBeInTheDocument();
    const line = screen.getByRole('listitem');
    expect(line).toHaveClass('added');
    expect(line).toHaveTextContent('rules › Rule 1 (Beta in DACH):');
    expect(line).toHaveTextContent('if country is one of DE, AT and context is in segment beta → serve 20 % on, 80 % off');
  });

  it("reads a segment's rule as membership, not as serving a variation, and an empty text as empty", () => {
    const rules = [
      { id: 's1', clauses: [{ attribute: 'email', operator: 'endsWith', values: ['@example.com'], negate: false }], weight: null, bucketBy: null },
      { id: 's2', clauses: [{ attribute: 'plan', operator: 'in', values: ['pro'], negate: false }], weight: 25000, bucketBy: 'accountId' },
    ];
    render(<DiffView changes={[{ field: 'rules', before: null, after: rules }, { field: 'description', before: null, after: '' }]} />);
    expect(document.body).toHaveTextContent('if email ends with @example.com → member; if plan is one of pro → member, 25 % of them by accountId');
    expect(document.body).not.toHaveTextContent('serve');
    expect(document.body).toHaveTextContent('(empty)');
  });

  it('compares rules by id, so editing one rule names only what changed in it', () => {
    const before = { ...emptyTargeting, rules: [{ ...betaRule, id: 'r0', description: '', clauses: [betaRule.clauses[0]], serve: { variation: 'on', rollout: null } }, betaRule] };
    const moved = { ...betaRule, serve: { variation: null, rollout: { ...betaRule.serve.rollout, weights: [{ variation: 'off', weight: 50000 }, { variation: 'on', weight: 50000 }] } } };
    const after = { ...emptyTargeting, rules: [before.rules[0], moved] };
    render(<DiffView changes={[{ field: 'environments.staging.targeting', before, after }]} environmentName={names} />);
    // In the new version's order; the untouched rule 1 is not mentioned.
    expect(lines()).toEqual(['~rules › Rule 2 (Beta in DACH) › serves › rollout › split › off: from 80 % →  to 50 %', '~rules › Rule 2 (Beta in DACH) › serves › rollout › split › on: from 20 % →  to 50 %']);
  });

  it('marks a removed rule as removed and says so in words', () => {
    render(<DiffView changes={[{ field: 'environments.production.targeting', before: { ...emptyTargeting, rules: [betaRule] }, after: emptyTargeting }]} />);
    const line = screen.getByRole('listitem');
    expect(line).toHaveClass('removed');
    expect(within(line).getByText(/removed/)).toHaveClass('sr-only');
    expect(line).toHaveTextContent('Rule 1 (Beta in DACH)');
  });

  it('finds nothing changed when only the order of object keys differs', () => {
    const reordered = { fallthroughRollout: null, rules: [{ serve: betaRule.serve, clauses: betaRule.clauses, description: betaRule.description, id: 'r1' }], targets: [], prerequisites: [] };
    expect(sameJson({ ...emptyTargeting, rules: [betaRule] }, reordered)).toBe(true);
    expect(diffValues({ ...emptyTargeting, rules: [betaRule] }, reordered, 'targeting')).toEqual([]);
  });

  it('lists tags added and removed rather than two whole lists', () => {
    render(<DiffView changes={[{ field: 'tags', before: ['checkout', 'beta'], after: ['checkout', 'ga'] }]} />);
    expect(screen.getByText('Tags')).toBeInTheDocument();
    expect(lines()).toEqual(['+added ga', '−removed beta']);
  });

  it('matches variations by key and compares JSON values structurally', () => {
    const before = [
      { key: 'small', name: 'small', description: '', value: { size: 1, colour: 'red' } },
      { key: 'large', name: 'large', description: '', value: { size: 9 } },
    ];
    const after = [
      { key: 'large', name: 'large', description: '', value: { size: 9 } },
      { key: 'small', name: 'small', description: '', value: { colour: 'red', size: 2 } },
      { key: 'tiny', name: 'tiny', description: '', value: { size: 0 } },
    ];
    render(<DiffView changes={[{ field: 'variations', before, after }]} />);
    expect(lines()).toEqual(['~variation small › value › size: from 1 →  to 2', '+variation tiny: added tiny = {"size":0}']);
  });

  it('shows both versions as pretty JSON with sorted keys on request', async () => {
    render(<DiffView changes={[{ field: 'variations', before: [{ key: 'a', value: { b: 1, a: 2 } }], after: [{ key: 'a', value: { b: 1, a: 3 } }] }]} />);
    await userEvent.click(screen.getByText('Show JSON'));
    const before = screen.getByText('Before').parentElement!.querySelector('pre')!;
    expect(before.textContent).toBe('[\n  {\n    "key": "a",\n    "value": {\n      "a": 2,\n      "b": 1\n    }\n  }\n]');
  });

  it('shows a value set for the first time as added, and names values in context', () => {
    render(
      <DiffView
        changes={[
          { field: 'name', before: null, after: 'Checkout' },
          { field: 'environments.production.requireReason', before: false, after: true },
          { field: 'archived', before: false, after: true },
        ]}
        environmentName={names}
      />,
    );
    expect(screen.getByText('Name').nextSibling).toHaveTextContent('set to “Checkout”');
    expect(screen.getByText('Production: Reason required').nextSibling).toHaveTextContent('from optional → to required');
    expect(screen.getByText('Archived').nextSibling).toHaveTextContent('from no → to yes');
  });

  it('says so when an entry changed no field', () => {
    render(<DiffView changes={[]} />);
    expect(screen.getByText('No field changed.')).toBeInTheDocument();
  });
});

import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { ClauseEditor } from './ClauseEditor';
import { OPERATORS, clauseInput, newClause, type ClauseDraft } from './model';

let current: ClauseDraft;
function Harness() {
  const [clause, setClause] = useState(newClause());
  current = clause;
  return <ClauseEditor label="rule 1, condition 1" clause={clause} segments={[{ key: 'beta', name: 'Beta testers' }, { key: 'staff', name: 'Staff' }]} onChange={setClause} />;
}

describe('ClauseEditor', () => {
  it('offers every operator of the engine', () => {
    render(<Harness />);
    const options = Array.from(screen.getByRole('combobox', { name: 'Operator of rule 1, condition 1' }).querySelectorAll('option')).map((o) => o.getAttribute('value'));
    expect(options).toEqual(['equals', 'in', 'startsWith', 'endsWith', 'contains', 'matches', 'lt', 'lte', 'gt', 'gte', 'semverEq', 'semverLt', 'semverGt', 'before', 'after', 'inSegment']);
    expect(OPERATORS).toHaveLength(16);
  });

  it('builds a negated string clause with several values', async () => {
    render(<Harness />);
    await userEvent.type(screen.getByRole('textbox', { name: 'Attribute of rule 1, condition 1' }), 'country');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Operator of rule 1, condition 1' }), 'in');
    await userEvent.type(screen.getByRole('textbox', { name: 'Values of rule 1, condition 1' }), 'DE{Enter}AT');
    await userEvent.click(screen.getByRole('checkbox', { name: 'not' }));
    expect(clauseInput(current).input).toEqual({ attribute: 'country', operator: 'in', values: ['DE', 'AT'], negate: true });
  });

  it('sends numbers for numeric operators and refuses what is not a number', async () => {
    render(<Harness />);
    await userEvent.type(screen.getByRole('textbox', { name: 'Attribute of rule 1, condition 1' }), 'age');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Operator of rule 1, condition 1' }), 'gte');
    expect(screen.getByText(/One number per line/)).toBeInTheDocument();
    await userEvent.type(screen.getByRole('textbox', { name: 'Values of rule 1, condition 1' }), 'eighteen');
    expect(clauseInput(current).error).toBe('“eighteen” is not a number');
    await userEvent.clear(screen.getByRole('textbox', { name: 'Values of rule 1, condition 1' }));
    await userEvent.type(screen.getByRole('textbox', { name: 'Values of rule 1, condition 1' }), '18');
    expect(clauseInput(current).input).toEqual({ attribute: 'age', operator: 'gte', values: [18], negate: false });
  });

  it('picks segments instead of an attribute for inSegment', async () => {
    render(<Harness />);
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Operator of rule 1, condition 1' }), 'inSegment');
    expect(screen.queryByRole('textbox', { name: 'Attribute of rule 1, condition 1' })).not.toBeInTheDocument();
    expect(clauseInput(current).error).toBe('choose at least one segment');
    await userEvent.click(screen.getByRole('checkbox', { name: /Staff/ }));
    expect(clauseInput(current).input).toEqual({ attribute: null, operator: 'inSegment', values: ['staff'], negate: false });
  });

  it('checks semver, dates and regular expressions before sending', () => {
    const clause = (operator: string, values: string[]) => clauseInput({ ...newClause('v'), operator, values });
    expect(clause('semverGt', ['2.1'])).toEqual({ error: '“2.1” is not a version like 2.1.0' });
    expect(clause('semverGt', ['2.1.0']).input?.values).toEqual(['2.1.0']);
    expect(clause('before', ['2026-03-01'])).toEqual({ error: '“2026-03-01” is not an instant with an offset, like 2026-03-01T12:00:00Z' });
    expect(clause('after', ['2026-03-01T12:00:00Z', '1767225600000']).input?.values).toEqual(['2026-03-01T12:00:00Z', 1767225600000]);
    expect(clause('matches', ['(unclosed']).error).toBe('“(unclosed” is not a valid regular expression');
  });

  it('sends typed values for equals and is one of, and equals takes exactly one', async () => {
    render(<Harness />);
    await userEvent.type(screen.getByRole('textbox', { name: 'Attribute of rule 1, condition 1' }), 'beta');
    await userEvent.type(screen.getByRole('textbox', { name: 'Values of rule 1, condition 1' }), 'true');
    expect(clauseInput(current).input?.values).toEqual(['true']);
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Value type of rule 1, condition 1' }), 'boolean');
    expect(clauseInput(current).input?.values).toEqual([true]);
    await userEvent.type(screen.getByRole('textbox', { name: 'Values of rule 1, condition 1' }), '{Enter}false');
    expect(clauseInput(current).error).toBe('equals takes exactly one value: use “is one of” for several');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Operator of rule 1, condition 1' }), 'in');
    expect(clauseInput(current).input?.values).toEqual([true, false]);
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Value type of rule 1, condition 1' }), 'number');
    expect(clauseInput(current).error).toBe('“true” is not a number');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Operator of rule 1, condition 1' }), 'gt');
    expect(screen.queryByRole('combobox', { name: 'Value type of rule 1, condition 1' })).not.toBeInTheDocument();
  });
});

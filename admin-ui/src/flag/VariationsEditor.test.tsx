import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import type { ValueType } from '../gql/graphql';
import { VariationsEditor } from './VariationsEditor';
import { checkDrafts, starterDrafts, type VariationDraft } from './variations';

function Harness({ type, inUse }: { type: ValueType; inUse?: Set<string> }) {
  const [drafts, setDrafts] = useState<VariationDraft[]>(starterDrafts(type));
  const { errors } = checkDrafts(type, drafts);
  return <VariationsEditor type={type} drafts={drafts} onChange={setDrafts} errors={errors} inUse={inUse} />;
}

describe('VariationsEditor', () => {
  it('offers true/false for boolean values', () => {
    render(<Harness type="BOOLEAN" />);
    expect(screen.getByRole('combobox', { name: 'Value of on' })).toHaveValue('true');
    expect(screen.getByRole('combobox', { name: 'Value of off' })).toHaveValue('false');
  });

  it('edits JSON in a text area and flags invalid JSON beside it', async () => {
    render(<Harness type="JSON" />);
    const value = screen.getByRole('textbox', { name: 'Value of standard' });
    await userEvent.clear(value);
    await userEvent.type(value, '{{bad');
    expect(value).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText(/Not valid JSON/)).toBeInTheDocument();
  });

  it('adds and removes variations, but never one still served', async () => {
    render(<Harness type="STRING" inUse={new Set(['control'])} />);
    expect(screen.getByRole('button', { name: 'Remove control' })).toBeDisabled();
    await userEvent.click(screen.getByRole('button', { name: 'Add variation' }));
    expect(screen.getAllByRole('textbox', { name: /^Key of/ })).toHaveLength(3);
    await userEvent.click(screen.getByRole('button', { name: 'Remove treatment' }));
    expect(screen.getAllByRole('textbox', { name: /^Key of/ })).toHaveLength(2);
  });
});

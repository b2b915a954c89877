import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ChangeDialog } from './ChangeDialog';

function setup(overrides: Partial<Parameters<typeof ChangeDialog>[0]> = {}) {
  const props = {
    title: 'Turn on in Production',
    summary: <p>Checkout will serve on.</p>,
    reasonRequired: true,
    reasonPolicy: 'Production requires a reason for every change.',
    confirmLabel: 'Turn on',
    subject: 'flag',
    apply: vi.fn().mockResolvedValue(null),
    onClose: vi.fn(),
    onApplied: vi.fn(),
    onReload: vi.fn(),
    ...overrides,
  };
  render(<ChangeDialog {...props} />);
  return props;
}

describe('ChangeDialog', () => {
  it('is a labelled modal dialog with the focus in the reason field', () => {
    setup();
    expect(screen.getByRole('dialog', { name: 'Turn on in Production' })).toBeInTheDocument();
    expect(screen.getByLabelText(/Reason/)).toHaveFocus();
    expect(screen.getByText('Production requires a reason for every change.')).toBeInTheDocument();
  });

  it('says when a protected environment turns the change into a change request, and proposes instead of applying', async () => {
    const props = setup({ approval: { environment: 'Production', approvals: 2 } });
    expect(screen.getByTestId('approval-note')).toHaveTextContent('Production is protected. This opens a change request that needs 2 approvals; nothing changes until it is approved.');
    expect(screen.queryByRole('button', { name: 'Turn on' })).toBeNull();
    await userEvent.type(screen.getByLabelText(/Reason/), 'Release 7');
    await userEvent.click(screen.getByRole('button', { name: 'Propose change' }));
    expect(props.apply).toHaveBeenCalledWith('Release 7');
  });

  it('does not send a change without a reason where one is required', async () => {
    const props = setup();
    await userEvent.click(screen.getByRole('button', { name: 'Turn on' }));
    expect(props.apply).not.toHaveBeenCalled();
    expect(screen.getByRole('alert')).toHaveTextContent(/Give a reason/);
    expect(screen.getByLabelText(/Reason/)).toHaveAttribute('aria-invalid', 'true');
  });

  it('sends the trimmed reason and closes once the change is applied', async () => {
    const props = setup();
    await userEvent.type(screen.getByLabelText(/Reason/), '  Launch day  ');
    await userEvent.click(screen.getByRole('button', { name: 'Turn on' }));
    expect(props.apply).toHaveBeenCalledWith('Launch day');
    expect(props.onApplied).toHaveBeenCalled();
    expect(props.onClose).toHaveBeenCalled();
  });

  it('sends no reason when an optional one is left blank', async () => {
    const props = setup({ reasonRequired: false });
    await userEvent.click(screen.getByRole('button', { name: 'Turn on' }));
    expect(props.apply).toHaveBeenCalledWith(undefined);
  });

  it('on CONFLICT says nothing was saved and offers a reload instead of retrying', async () => {
    const props = setup({ apply: vi.fn().mockResolvedValue({ code: 'CONFLICT', message: 'stale' }) });
    await userEvent.type(screen.getByLabelText(/Reason/), 'Go');
    await userEvent.click(screen.getByRole('button', { name: 'Turn on' }));

    expect(screen.getByRole('dialog', { name: 'Someone changed this flag' })).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('Your change was not saved');
    expect(props.onClose).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: 'Reload flag' }));
    expect(props.onReload).toHaveBeenCalled();
    expect(props.onClose).toHaveBeenCalled();
  });

  it('shows any other refusal in the dialog and keeps the reason for another try', async () => {
    setup({ apply: vi.fn().mockResolvedValue({ code: 'VALIDATION', message: 'a reason is required for changes to environment production' }) });
    await userEvent.type(screen.getByLabelText(/Reason/), 'x');
    await userEvent.click(screen.getByRole('button', { name: 'Turn on' }));
    expect(screen.getByRole('alert')).toHaveTextContent('a reason is required');
    expect(screen.getByLabelText(/Reason/)).toHaveValue('x');
  });

  it('closes with Escape and keeps Tab inside the dialog', async () => {
    const props = setup();
    await userEvent.tab();
    await userEvent.tab();
    await userEvent.tab();
    expect(screen.getByLabelText(/Reason/)).toHaveFocus();
    await userEvent.keyboard('{Escape}');
    expect(props.onClose).toHaveBeenCalled();
  });
});

import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { TextField } from './TextField';

describe('TextField', () => {
  it('is found by its label and, once in error, says so and is described by the error', () => {
    const { rerender } = render(<TextField id="token-name" label="Name" value="" onChange={() => {}} />);
    const input = screen.getByLabelText('Name');
    expect(input).toHaveAttribute('id', 'token-name');
    expect(input).not.toHaveAttribute('aria-invalid');
    expect(input).not.toHaveAttribute('aria-describedby');
    rerender(<TextField id="token-name" label="Name" value="" error="Name the token." onChange={() => {}} />);
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAccessibleDescription('Name the token.');
    expect(document.getElementById('token-name-error')).toHaveClass('field-error');
  });

  it('keeps a hint elsewhere on the page in its description, beside the error', () => {
    render(
      <>
        <TextField id="roles" label="Approver roles" optional describedBy="roles-hint" error="Too many." value="" onChange={() => {}} />
        <p id="roles-hint">Separated by commas.</p>
      </>,
    );
    const input = screen.getByLabelText('Approver roles (optional)');
    expect(input).toHaveAttribute('aria-describedby', 'roles-hint roles-error');
    expect(input).toHaveAccessibleDescription('Separated by commas. Too many.');
  });
});

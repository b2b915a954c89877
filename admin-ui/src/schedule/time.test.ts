import { describe, expect, it } from 'vitest';
import { dueInstant, localInputValue } from './time';

describe('dueInstant', () => {
  const now = new Date('2030-05-01T10:00:00');

  it('turns a local date and time into the UTC instant the API takes', () => {
    expect(dueInstant('2030-05-01T12:30', now)).toEqual({ at: new Date('2030-05-01T12:30').toISOString() });
  });

  it('refuses a time that has passed, and an empty value', () => {
    expect(dueInstant('2030-05-01T09:59', now).error).toMatch(/future/);
    expect(dueInstant('', now).error).toMatch(/Choose when/);
  });

  it('round-trips through the input value it proposes', () => {
    const value = localInputValue(new Date('2030-05-01T13:05:00'));
    expect(value).toBe('2030-05-01T13:05');
    expect(dueInstant(value, now).at).toBe(new Date('2030-05-01T13:05:00').toISOString());
  });
});

/** The value of a datetime-local input (local wall time, minute precision) for an instant. */
export function localInputValue(instant: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${instant.getFullYear()}-${pad(instant.getMonth() + 1)}-${pad(instant.getDate())}T${pad(instant.getHours())}:${pad(instant.getMinutes())}`;
}

/** The UTC instant (ISO-8601, as the API takes it) of a datetime-local value, or an error to show. */
export function dueInstant(value: string, now: Date): { at?: string; error?: string } {
  if (!value) return { error: 'Choose when the change should happen.' };
  const due = new Date(value);
  if (Number.isNaN(due.getTime())) return { error: 'This is not a date and time.' };
  if (due.getTime() <= now.getTime()) return { error: 'Choose a time in the future.' };
  return { at: due.toISOString() };
}

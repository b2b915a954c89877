// Instants on the wire are ISO-8601 UTC; people pick and read them in their own time zone.

/** The value of an <input type="datetime-local" step="1"> for an instant, in local time. */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** The instant a datetime-local value names (read as local time), or null when it names none. */
export function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** The instant one millisecond before: the configuration just before a change. */
export const justBefore = (iso: string) => new Date(new Date(iso).getTime() - 1).toISOString();

export const readable = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

import type { ValueType } from '../gql/graphql';

export type Parsed = { ok: true; value: unknown } | { ok: false; error: string };

/** Turns what a user typed into the variation value the server expects for the flag's type. */
export function parseValue(type: ValueType, text: string): Parsed {
  switch (type) {
    case 'BOOLEAN':
      if (text === 'true') return { ok: true, value: true };
      if (text === 'false') return { ok: true, value: false };
      return { ok: false, error: 'Choose true or false.' };
    case 'STRING':
      return { ok: true, value: text };
    case 'NUMBER': {
      const trimmed = text.trim();
      const value = Number(trimmed);
      if (trimmed === '' || !Number.isFinite(value)) return { ok: false, error: 'Enter a number, such as 42 or 0.5.' };
      return { ok: true, value };
    }
    case 'JSON':
      if (text.trim() === '') return { ok: false, error: 'Enter a JSON value, such as {"limit": 10}.' };
      try {
        return { ok: true, value: JSON.parse(text) };
      } catch (error) {
        return { ok: false, error: `Not valid JSON: ${(error as Error).message}` };
      }
  }
}

/** The editable text of a stored value: the inverse of {@link parseValue}. */
export function formatValue(type: ValueType, value: unknown): string {
  switch (type) {
    case 'STRING':
      return typeof value === 'string' ? value : JSON.stringify(value);
    case 'JSON':
      return JSON.stringify(value, null, 2);
    default:
      return String(value);
  }
}

/** A short, single-line rendering for tables and summaries. */
export function previewValue(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

export const FLAG_KEY = /^[a-z0-9][a-z0-9._-]{0,127}$/;
export const VARIATION_KEY = /^[a-z0-9][a-z0-9_-]{0,63}$/;
export const PROJECT_KEY = /^[a-z0-9][a-z0-9-]{0,62}$/;
export const ENVIRONMENT_KEY = PROJECT_KEY;
export const TAG = /^[A-Za-z0-9][A-Za-z0-9_.:/-]{0,63}$/;
export const NAME_MAX = 200;
export const DESCRIPTION_MAX = 2000;
export const REASON_MAX = 1000;

/** Suggests a key from a name: "New checkout flow" becomes "new-checkout-flow". */
export function keyFromName(name: string, maxLength = 63): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength)
    .replace(/-+$/, '');
}

/** Splits "a, b  c" into tags, dropping blanks and repeats. */
export function parseTags(text: string): string[] {
  const seen = new Set<string>();
  for (const tag of text.split(/[\s,]+/)) if (tag) seen.add(tag);
  return [...seen];
}

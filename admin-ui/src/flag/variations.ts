import type { ValueType } from '../gql/graphql';
import { formatValue, parseValue, VARIATION_KEY, NAME_MAX } from './values';

/** A variation as the editor holds it: the value still as typed. */
export type VariationDraft = { id: string; key: string; name: string; description: string; valueText: string };

export type VariationInput = { key: string; name: string; description: string; value: unknown };

let counter = 0;
export const draftId = () => `v${++counter}`;

export function draftsOf(type: ValueType, variations: readonly { key: string; name: string; description: string; value: unknown }[]): VariationDraft[] {
  return variations.map((v) => ({ id: draftId(), key: v.key, name: v.name, description: v.description, valueText: formatValue(type, v.value) }));
}

export function starterDrafts(type: ValueType): VariationDraft[] {
  const make = (key: string, valueText: string): VariationDraft => ({ id: draftId(), key, name: '', description: '', valueText });
  switch (type) {
    case 'BOOLEAN':
      return [make('on', 'true'), make('off', 'false')];
    case 'STRING':
      return [make('control', 'control'), make('treatment', 'treatment')];
    case 'NUMBER':
      return [make('low', '10'), make('high', '100')];
    case 'JSON':
      return [make('standard', '{"limit": 10}'), make('generous', '{"limit": 100}')];
  }
}

export type DraftErrors = Record<string, { key?: string; name?: string; value?: string }>;

/** Checks drafts the way the server will, so most mistakes show beside the field before sending. */
export function checkDrafts(type: ValueType, drafts: VariationDraft[]): { errors: DraftErrors; variations: VariationInput[]; problem?: string } {
  const errors: DraftErrors = {};
  const variations: VariationInput[] = [];
  const seenKeys = new Set<string>();
  for (const draft of drafts) {
    const error: DraftErrors[string] = {};
    if (!VARIATION_KEY.test(draft.key)) error.key = 'Lowercase letters, digits, - and _; starts with a letter or digit.';
    else if (seenKeys.has(draft.key)) error.key = `Another variation is already called ${draft.key}.`;
    seenKeys.add(draft.key);
    if (draft.name.length > NAME_MAX) error.name = `At most ${NAME_MAX} characters.`;
    const parsed = parseValue(type, draft.valueText);
    if (!parsed.ok) error.value = parsed.error;
    else {
      variations.push({ key: draft.key, name: draft.name.trim() || draft.key, description: draft.description, value: parsed.value });
    }
    if (error.key || error.name || error.value) errors[draft.id] = error;
  }
  let problem: string | undefined;
  if (drafts.length === 0) problem = 'A flag needs at least one variation.';
  if (drafts.length > 100) problem = 'A flag has at most 100 variations.';
  return { errors, variations, problem };
}

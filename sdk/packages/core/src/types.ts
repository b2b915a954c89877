/** A JSON value as JSON.parse produces it. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** An OpenFeature evaluation context: `targetingKey` plus attributes, which may nest. */
export type Context = { [key: string]: unknown };

export type ValueType = 'boolean' | 'string' | 'number' | 'json';

export type Reason = 'DISABLED' | 'TARGETING_MATCH' | 'SPLIT' | 'DEFAULT' | 'ERROR';

export type ErrorCode =
  | 'FLAG_NOT_FOUND'
  | 'PARSE_ERROR'
  | 'TYPE_MISMATCH'
  | 'TARGETING_KEY_MISSING'
  | 'INVALID_CONTEXT'
  | 'GENERAL';

/** The outcome of one evaluation; evaluation never throws (docs/evaluation.md). */
export interface EvaluationResult {
  /** null on error, and when an off flag has no off variation: the caller's default applies. */
  value: unknown;
  variant: string | null;
  reason: Reason;
  errorCode: ErrorCode | null;
  errorMessage: string | null;
  matchedRuleId: string | null;
  matchedTarget: boolean;
  /** `flagVersion` whenever the flag was found; on a failed prerequisite also `prerequisiteFailed`, `reasonDetail`. */
  metadata: Record<string, string | number>;
}

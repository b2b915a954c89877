export { Environment } from './evaluate.js';
export { bucket, variantFor } from './bucketing.js';
export { parseSemver, compareSemver } from './semver.js';
export type { Context, ErrorCode, EvaluationResult, JsonValue, Reason, ValueType } from './types.js';

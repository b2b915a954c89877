export { Environment } from './evaluate.js';
export { bucket, variantFor, variantInRanges } from './bucketing.js';
export { parseSemver, compareSemver } from './semver.js';
export type { Context, ErrorCode, EvaluationResult, JsonValue, Reason, ValueType } from './types.js';
export { CircuitBreaker, backoff, fetchWithTimeout, readSse, sleep, silentLogger } from './transport.js';
export type { Fetch, Logger, SseEvent } from './transport.js';
export { EventTracker } from './tracking.js';
export type { TrackedEvent, TrackingOptions } from './tracking.js';

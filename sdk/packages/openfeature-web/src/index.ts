export { FlagledgerWebProvider } from './provider.js';
export type { EvaluatedFlag, FlagledgerWebOptions } from './provider.js';

export { FlagledgerServerProvider } from './provider.js';
export type { FlagledgerServerOptions } from './provider.js';

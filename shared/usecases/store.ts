// The store handle, for adapters (functions/): they pass it to use cases and never call the
// store themselves (DESIGN.md's layer table).
export { storeFromEnv, type Store } from '#shared/store/client.ts';

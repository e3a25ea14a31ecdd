// The store handle, for adapters (functions/): they pass it to use cases and never call the
// store themselves (DESIGN.md's layer table). The idempotency records' persistence is here
// for the composition of the edge (functions/lib/http.ts).
export { storeFromEnv, type Store } from '#shared/store/client.ts';
export { idempotencyPersistence } from '#shared/store/idempotency.ts';

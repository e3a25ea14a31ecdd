// Where an idempotent function keeps its records (Powertools idempotency): in the one table,
// through the store's own client with its timeouts. Apart from ./store.ts so that only the
// function that uses it bundles the utility.
import type { Store } from '#shared/store/client.ts';
import { idempotencyPersistence } from '#shared/store/idempotency.ts';

export function idempotencyRecords(store: Store, functionName: string) {
  return idempotencyPersistence(store, functionName);
}

// `Idempotency-Key` for an adapter (shared/http/idempotency.ts): a retried create with the
// same key and body returns the first answer. Its records are kept by the store's own
// client (shared/usecases/idempotency.ts), with the store's timeouts and retries: one
// connection pool per function, not a second client. Made on first use, from the
// environment the function runs in.
import type { MiddlewareObj } from '@middy/core';
import { idempotencyKey as idempotencyMiddleware } from '#shared/http/idempotency.ts';
import { idempotencyRecords } from '#shared/usecases/idempotency.ts';
import { storeFromEnv } from '#shared/usecases/store.ts';

export function idempotencyKey(functionName: string): MiddlewareObj {
  return idempotencyMiddleware(functionName, (name) => idempotencyRecords(storeFromEnv(), name));
}

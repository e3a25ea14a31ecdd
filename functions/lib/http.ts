// The edge of this deployment: shared/http's middy stack bound to the store, so that every
// adapter's `httpHandler({ route, … run })` gets its caller checked as the route table says
// (shared/http/access.ts, through shared/usecases/access.ts) and its idempotency records
// kept by the store's own client. shared/http itself imports no store.
import { createHttpHandler } from '#shared/http/handler.ts';
import { callerLookups } from '#shared/usecases/access.ts';
import { idempotencyPersistence, storeFromEnv } from '#shared/usecases/store.ts';

export { type HttpResult } from '#shared/http/handler.ts';

// Both are asked for per request, so the store is made on first use: TABLE_NAME comes from
// the environment the function runs in (a route that looks nobody up never makes it).
export const httpHandler = createHttpHandler({
  lookups: () => callerLookups(storeFromEnv()),
  idempotency: (functionName) => idempotencyPersistence(storeFromEnv(), functionName),
});

// The edge of this deployment: shared/http's middy stack bound to the store, so that every
// adapter's `httpHandler({ route, … run })` gets its caller checked as the route table says
// (shared/http/access.ts, through shared/usecases/access.ts). shared/http itself imports no
// store. Idempotency is ./idempotency.ts, apart, so only the function that uses it bundles it.
import { callerFor } from '#shared/http/access.ts';
import { createHttpHandler } from '#shared/http/handler.ts';
import { callerLookups } from '#shared/usecases/access.ts';
import { storeFromEnv } from '#shared/usecases/store.ts';

export { type HttpResult } from '#shared/http/handler.ts';

// The lookups are made per request, so the store is made on first use: TABLE_NAME comes
// from the environment the function runs in. Routes that look nobody up: ./open-http.ts.
export const httpHandler = createHttpHandler({
  findCaller: (route, call) => callerFor(route, () => callerLookups(storeFromEnv()), call),
});

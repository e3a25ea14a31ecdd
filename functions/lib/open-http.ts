// The edge for the routes that look nobody up (shared/http/access.ts, `LooksNobodyUp`):
// public ones that use no session, and the action links, whose token the use case checks.
// The same middy stack as ./http.ts, with no lookups bound: so these functions do not
// bundle the store modules that find a caller, and a route that needs a caller cannot be
// made with it (its name does not compile here).
import { createHttpHandler } from '#shared/http/handler.ts';
import type { LooksNobodyUp } from '#shared/http/access.ts';

export { type HttpResult } from '#shared/http/handler.ts';

export const httpHandler = createHttpHandler<LooksNobodyUp['name']>({
  findCaller: async (route) => {
    if (route.access === 'action' || (route.access === 'public' && !route.session)) return {};
    throw new Error(`${route.name} needs its caller found: make it with functions/lib/http.ts`);
  },
});

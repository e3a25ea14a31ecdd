// GET /api/schools/{urn}/slots?from=&to=: dated slots with places left.
import { slotsQuery, urnPath } from '#shared/api/provider.ts';
import { httpHandler, type HttpResult } from '#functions/lib/open-http.ts';
import { storeFromEnv, type Store } from '#shared/usecases/store.ts';
import { availableSlots } from '#shared/usecases/schools.ts';

export async function schoolSlots(store: Store, urn: string, from: string, to: string): Promise<HttpResult> {
  return { status: 200, body: { slots: await availableSlots(store, urn, from, to) } };
}

export const handler = httpHandler({
  route: 'school-slots',
  path: urnPath,
  query: slotsQuery,
  run: ({ path, query }) => schoolSlots(storeFromEnv(), path.urn, query.from, query.to),
});

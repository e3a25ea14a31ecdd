// POST /api/tours (issue 15, item 5): a visit tour, one request per school. The
// Idempotency-Key is required and is the tour's own: a retry with it finishes the tour the
// first send began (shared/usecases/tours.ts), never sending a school a request twice.
import { createTourBody, tourView } from '#shared/api/tours.ts';
import { httpHandler, type HttpResult } from '#functions/lib/http.ts';
import { clientIp } from '#shared/http/client-ip.ts';
import { storeFromEnv, type Store } from '#shared/usecases/store.ts';
import { readTour, sendTour, type TourCaller, type TourInput } from '#shared/usecases/tours.ts';

export async function tourCreate(store: Store, body: TourInput, caller: TourCaller, key: string | undefined): Promise<HttpResult> {
  const { tour, created } = await sendTour(store, body, caller, key);
  const view = tourView(await readTour(store, tour.id, caller));
  return { status: created ? 201 : 200, body: { tour: view }, headers: { location: `/api/tours/${tour.id}` } };
}

export const handler = httpHandler({
  route: 'tour-create',
  body: createTourBody,
  run: ({ body, event, caller }) =>
    tourCreate(storeFromEnv(), body, { email: caller.session.email, ip: clientIp(event), ...(caller.membership ? { membership: caller.membership } : {}) }, event.headers?.['idempotency-key']),
});

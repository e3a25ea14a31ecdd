// GET /api/tours (issue 15, item 5): the signed-in provider's tours, and their organisation's, newest first.
import { toursView } from '#shared/api/tours.ts';
import { httpHandler } from '#functions/lib/http.ts';
import { storeFromEnv } from '#shared/usecases/store.ts';
import { listTours } from '#shared/usecases/tours.ts';

export const handler = httpHandler({
  route: 'tours-list',
  run: async ({ caller }) => ({ status: 200, body: toursView(await listTours(storeFromEnv(), { email: caller.session.email, ...(caller.membership ? { membership: caller.membership } : {}) })) }),
});

// GET /api/tours/{id} (issue 15, item 5): a tour's stops, each with its school, time,
// request reference and the school's answer as it stands. Another organisation's tour: 404.
import { tourIdPath, tourView } from '#shared/api/tours.ts';
import { httpHandler } from '#functions/lib/http.ts';
import { storeFromEnv } from '#shared/usecases/store.ts';
import { readTour } from '#shared/usecases/tours.ts';

export const handler = httpHandler({
  route: 'tour-get',
  path: tourIdPath,
  run: async ({ caller, path }) => ({
    status: 200,
    body: { tour: tourView(await readTour(storeFromEnv(), path.id, { email: caller.session.email, ...(caller.membership ? { membership: caller.membership } : {}) })) },
  }),
});

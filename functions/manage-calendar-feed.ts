// POST /api/manage/schools/{urn}/calendar-feed: makes a new secret address for the school's
// calendar feed and answers it once; the previous address stops working (school staff).
import { urnPath } from '#shared/api/provider.ts';
import { httpHandler, type HttpResult } from '#functions/lib/http.ts';
import { storeFromEnv, type Store } from '#shared/usecases/store.ts';
import { rotateCalendarFeed } from '#shared/usecases/calendar-feeds.ts';

export async function manageCalendarFeed(store: Store, urn: string, staffEmail: string): Promise<HttpResult> {
  return { status: 201, body: await rotateCalendarFeed(store, urn, staffEmail) };
}

export const handler = httpHandler({
  route: 'manage-calendar-feed',
  path: urnPath,
  run: ({ path, caller }) => manageCalendarFeed(storeFromEnv(), path.urn, caller.session.email),
});

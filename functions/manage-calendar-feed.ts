// POST /api/manage/schools/{urn}/calendar-feed: makes a new secret address for the school's
// calendar feed and answers it once; the previous address stops working (school staff).
import { urnPath } from '#shared/api/provider.ts';
import { httpHandler, type HttpResult } from '#shared/http/handler.ts';
import { requireStaffOf } from '#shared/http/staff.ts';
import { storeFromEnv, type Store } from '#shared/store/client.ts';
import { rotateCalendarFeed } from '#shared/usecases/exports.ts';

export async function manageCalendarFeed(store: Store, cookies: string[], urn: string): Promise<HttpResult> {
  const { session } = await requireStaffOf(store, cookies, urn);
  return { status: 201, body: await rotateCalendarFeed(store, urn, session.email) };
}

export const handler = httpHandler({
  route: 'manage-calendar-feed',
  path: urnPath,
  run: ({ cookies, path }) => {
    return manageCalendarFeed(storeFromEnv(), cookies, path.urn);
  },
});

// GET /api/schools/{urn}/calendar/{secret}.ics: the school's private subscription feed of
// its encounters. The secret in the address is the credential (only its hash is stored);
// a wrong or replaced one answers 404.
import { calendarFeedPath } from '#shared/api/exports.ts';
import { httpHandler, type HttpResult } from '#functions/lib/open-http.ts';
import { storeFromEnv, type Store } from '#shared/usecases/store.ts';
import { calendarFeedIcs } from '#shared/usecases/exports.ts';

export async function schoolCalendarFeed(store: Store, urn: string, feed: string): Promise<HttpResult> {
  const ics = await calendarFeedIcs(store, urn, feed.slice(0, -'.ics'.length));
  return {
    status: 200,
    text: ics,
    contentType: 'text/calendar; charset=utf-8',
    headers: { 'cache-control': 'private, max-age=300', 'referrer-policy': 'no-referrer' },
  };
}

export const handler = httpHandler({
  route: 'school-calendar-feed',
  path: calendarFeedPath,
  run: ({ path }) => schoolCalendarFeed(storeFromEnv(), path.urn, path.feed),
});

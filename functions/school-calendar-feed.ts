// GET /api/schools/{urn}/calendar/{secret}.ics: the school's private subscription feed of
// its encounters. The secret in the address is the credential (only its hash is stored);
// a wrong or replaced one answers 404.
import { calendarFeedPath, feedSecret } from '#shared/api/exports.ts';
import { httpHandler, type HttpResult } from '#functions/lib/open-http.ts';
import { storeFromEnv, type Store } from '#shared/usecases/store.ts';
import { calendarFeedIcs } from '#shared/usecases/calendar-feeds.ts';
import { icsFeed } from '#functions/lib/ics.ts';

export async function schoolCalendarFeed(store: Store, urn: string, feed: string): Promise<HttpResult> {
  return icsFeed(await calendarFeedIcs(store, urn, feedSecret(feed)));
}

export const handler = httpHandler({
  route: 'school-calendar-feed',
  path: calendarFeedPath,
  run: ({ path }) => schoolCalendarFeed(storeFromEnv(), path.urn, path.feed),
});

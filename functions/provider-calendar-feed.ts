// GET /api/provider/calendar/{secret}.ics: a provider organisation's private subscription
// feed of its visits (issue 15, item 3), for Outlook and Google to poll. The secret in the
// address is the credential (only its hash is stored); a wrong or replaced one answers 404.
import { feedSecret, organisationCalendarFeedPath } from '#shared/api/exports.ts';
import { httpHandler, type HttpResult } from '#functions/lib/open-http.ts';
import { storeFromEnv, type Store } from '#shared/usecases/store.ts';
import { organisationCalendarFeedIcs } from '#shared/usecases/calendar-feeds.ts';
import { icsFeed } from '#functions/lib/ics.ts';

export async function providerCalendarFeed(store: Store, feed: string): Promise<HttpResult> {
  return icsFeed(await organisationCalendarFeedIcs(store, feedSecret(feed)));
}

export const handler = httpHandler({
  route: 'provider-calendar-feed',
  path: organisationCalendarFeedPath,
  run: ({ path }) => providerCalendarFeed(storeFromEnv(), path.feed),
});

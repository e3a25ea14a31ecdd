// POST /api/provider/calendar-feed: a new secret address for the organisation's calendar
// feed (any member), answered once; the previous address stops working (issue 15, item 3).
import { httpHandler, type HttpResult } from '#functions/lib/http.ts';
import { storeFromEnv, type Store } from '#shared/usecases/store.ts';
import { rotateOrganisationCalendarFeed } from '#shared/usecases/calendar-feeds.ts';

export async function providerCalendarFeedRotate(store: Store, caller: { email: string; organisationId?: string }): Promise<HttpResult> {
  return { status: 201, body: await rotateOrganisationCalendarFeed(store, caller) };
}

export const handler = httpHandler({
  route: 'provider-calendar-feed-rotate',
  run: ({ caller }) => providerCalendarFeedRotate(storeFromEnv(), { email: caller.session.email, ...(caller.membership ? { organisationId: caller.membership.organisationId } : {}) }),
});

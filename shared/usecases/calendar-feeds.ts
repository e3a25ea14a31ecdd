// Private calendar feeds (issue 6 item 3, issue 15 item 3): a school's feed of its
// encounters and a provider organisation's feed of its visits, made the one way. A random
// secret in the address is the credential; only its hash is stored; a new one (rotation)
// replaces it, so the old address answers 404 at once; the address is shown once, when made.
// Each event has the same UID and SEQUENCE as the emailed invitation (shared/mail/calendar.ts).
import { timingSafeEqual } from 'node:crypto';
import type { CalendarFeedAnswer } from '#shared/domain/calendar-feed.ts';
import { addDays } from '#shared/domain/dates.ts';
import { DomainError } from '#shared/domain/errors.ts';
import type { StoredRequest } from '#shared/domain/records.ts';
import { londonDate } from '#shared/domain/timezone.ts';
import { buildOrganisationFeed, buildSchoolFeed } from '#shared/mail/calendar.ts';
import { siteUrl } from '#shared/mail/links.ts';
import { getCalendarFeed, organisationOfFeed, putCalendarFeed, type CalendarFeedOwner } from '#shared/store/calendar-feeds.ts';
import type { Store } from '#shared/store/client.ts';
import { getOrganisation } from '#shared/store/organisations.ts';
import { ENCOUNTER_STATUSES, listEncountersOfSchool, listRequestsOfOrganisation } from '#shared/store/requests.ts';
import { getSchoolProfiles } from '#shared/store/schools.ts';
import { hashSecret, newSecret } from '#shared/store/secrets.ts';
import { requireSchool } from './schools.ts';
import { venueOf } from './venue.ts';

/** How far back and ahead a feed reaches: a year of history, and the longest booking window. */
export const FEED_DAYS_BACK = 365;
export const FEED_DAYS_AHEAD = 730;

const feedWindow = (now: Date) => {
  const today = londonDate(now.toISOString());
  return { from: addDays(today, -FEED_DAYS_BACK), to: addDays(today, FEED_DAYS_AHEAD) };
};

/** A feed's address: a school's names the school; an organisation's is the secret alone (its hash finds the organisation). */
export function calendarFeedUrl(owner: CalendarFeedOwner, secret: string): string {
  return 'urn' in owner ? siteUrl(`/api/schools/${encodeURIComponent(owner.urn)}/calendar/${secret}.ics`) : siteUrl(`/api/provider/calendar/${secret}.ics`);
}

const SHOWN_ONCE = 'It is shown only now: keep it private, and make a new one if it is shared by mistake (the old one then stops working).';

/** A new secret address for the owner's feed; the old one stops working. Shown once. */
async function rotateFeed(store: Store, owner: CalendarFeedOwner, by: string, message: string, now: Date): Promise<CalendarFeedAnswer> {
  const secret = newSecret();
  const createdAt = now.toISOString();
  await putCalendarFeed(store, owner, { secretHash: hashSecret(secret), createdAt, createdBy: by });
  return { url: calendarFeedUrl(owner, secret), createdAt, message };
}

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

// ---- a school's feed -------------------------------------------------------------------

/** A new secret address for the school's feed (its staff); the old one stops working. */
export async function rotateCalendarFeed(store: Store, urn: string, by: string, now = new Date()): Promise<CalendarFeedAnswer> {
  await requireSchool(store, urn);
  return rotateFeed(store, { urn }, by, `Subscribe to this address in your calendar. ${SHOWN_ONCE}`, now);
}

const SCHOOL_FEED_NOT_FOUND = 'There is no calendar at this address. It may have been replaced: ask the careers lead for the current address.';

/** The .ics text of a school's feed, if `secret` is its current one; CALENDAR_NOT_FOUND otherwise (nothing leaks). */
export async function calendarFeedIcs(store: Store, urn: string, secret: string, now = new Date()): Promise<string> {
  const [feed, school] = await Promise.all([getCalendarFeed(store, { urn }), requireSchool(store, urn).catch(() => undefined)]);
  if (!feed || !school || !sameHash(feed.secretHash, hashSecret(secret))) throw new DomainError('CALENDAR_NOT_FOUND', SCHOOL_FEED_NOT_FOUND);
  const requests = await listEncountersOfSchool(store, urn, feedWindow(now));
  return buildSchoolFeed(school, requests, now, (id) => siteUrl(`/manage/requests/view/?id=${encodeURIComponent(id)}`));
}

// ---- a provider organisation's feed (issue 15, item 3) ---------------------------------

const NO_ORGANISATION = 'Set up your organisation first: its calendar holds the visits of all its members.';

/** A new secret address for the caller's organisation's feed (any member); colleagues' subscriptions to the old one stop. */
export async function rotateOrganisationCalendarFeed(store: Store, caller: { email: string; organisationId?: string }, now = new Date()): Promise<CalendarFeedAnswer> {
  if (!caller.organisationId) throw new DomainError('ORGANISATION_NOT_FOUND', NO_ORGANISATION);
  return rotateFeed(
    store,
    { organisationId: caller.organisationId },
    caller.email,
    `Subscribe to this address in Outlook or Google Calendar. ${SHOWN_ONCE} Colleagues subscribed to the old address need this one.`,
    now,
  );
}

/** When the organisation's current feed address was made, and by whom, or undefined (none yet). Never the address. */
export async function organisationCalendarFeed(store: Store, organisationId: string): Promise<{ createdAt: string; createdBy: string } | undefined> {
  const feed = await getCalendarFeed(store, { organisationId });
  return feed ? { createdAt: feed.createdAt, createdBy: feed.createdBy } : undefined;
}

const ORGANISATION_FEED_NOT_FOUND = 'There is no calendar at this address. It may have been replaced: a member of your organisation can see the current address on its page.';

/** The organisation's visits in the feed's window: approved (moved ones at their new time) and delivered, by date. */
const isVisit = (r: StoredRequest, window: { from: string; to: string }) => (ENCOUNTER_STATUSES as readonly string[]).includes(r.status) && r.date >= window.from && r.date <= window.to;

/**
 * The .ics text of the organisation whose current feed secret this is; CALENDAR_NOT_FOUND for
 * any other (never made, rotated away, or a guess), the same answer whatever the reason.
 */
export async function organisationCalendarFeedIcs(store: Store, secret: string, now = new Date()): Promise<string> {
  const secretHash = hashSecret(secret);
  const organisationId = await organisationOfFeed(store, secretHash);
  const [feed, organisation] = organisationId ? await Promise.all([getCalendarFeed(store, { organisationId }), getOrganisation(store, organisationId)]) : [];
  // The owner's own item, read strongly, must still hold this hash: a pointer left by a rotation cut short counts for nothing.
  if (!organisationId || !feed || !organisation || !sameHash(feed.secretHash, secretHash)) throw new DomainError('CALENDAR_NOT_FOUND', ORGANISATION_FEED_NOT_FOUND);
  const window = feedWindow(now);
  const requests = (await listRequestsOfOrganisation(store, organisationId, now)).filter((r) => isVisit(r, window)).sort((a, b) => `${a.date}T${a.start}`.localeCompare(`${b.date}T${b.start}`));
  const schools = await getSchoolProfiles(store, requests.map((r) => r.urn));
  // Where in the school, as the invitation says it (venue.ts); each opportunity's venue read once, however many visits share it.
  const venues = new Map<string, Promise<string | undefined>>();
  const venueFor = (r: StoredRequest): Promise<string | undefined> => {
    if (r.venue) return Promise.resolve(r.venue);
    const key = `${r.urn}#${r.slot?.opportunityId ?? ''}`;
    const known = venues.get(key) ?? venueOf(store, r);
    venues.set(key, known);
    return known;
  };
  const visits = (
    await Promise.all(
      requests.map(async (request) => {
        const school = schools.get(request.urn);
        const venue = await venueFor(request);
        return school ? [{ request, school, ...(venue ? { venue } : {}) }] : [];
      }),
    )
  ).flat();
  return buildOrganisationFeed(organisation.name, visits, now, (id) => siteUrl(`/requests/view/?id=${encodeURIComponent(id)}`));
}

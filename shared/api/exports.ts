// The exports contract: the encounters CSV for a careers hub or Compass+, and the school's
// private calendar feed (a secret address, rotated by staff).
import * as z from 'zod';
import { academicYearParam, isoDate } from './fields.ts';

export type { CalendarFeedAnswer } from '#shared/domain/calendar-feed.ts';

/** Both optional: the current academic year when left out. */
export const encountersCsvQuery = z.strictObject({ from: isoDate.optional(), to: isoDate.optional() });

/** `{secret}.ics`: the secret is the credential, so the path is all there is to check. */
const feedSegment = (where: string) => z.string().regex(/^[A-Za-z0-9_-]{40,100}\.ics$/, `This calendar address is not complete. Copy the whole address from ${where}.`);

/** The secret of a feed's last path segment (`<secret>.ics`). */
export const feedSecret = (feed: string) => feed.slice(0, -'.ics'.length);

export const calendarFeedPath = z.strictObject({
  urn: z.string().regex(/^\d{6,7}$/, 'A school URN is 6 or 7 digits.'),
  feed: feedSegment('the settings page'),
});

/** A provider organisation's feed (issue 15, item 3): the secret alone names it. */
export const organisationCalendarFeedPath = z.strictObject({ feed: feedSegment("your organisation's page") });

/** The Compass+ CSV and the evidence pack: one academic year (`year=2025` is 2025/26), the current one when left out. */
export const academicYearQuery = z.strictObject({ year: academicYearParam.optional() });
export type { EvidencePack, EvidenceDecision, StatementInForce } from '#shared/domain/evidence-pack.ts';

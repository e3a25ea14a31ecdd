// A month of a school's calendar (issue 14, item 4). Public: each date's closure or open
// slots with places left, from the first date the notice allows to the end of the booking
// window (R-NOTICE), filtered by a year group and an opportunity. Staff: the same month
// from tomorrow (a school may waive its own notice when it proposes a time) with the
// encounters already approved for the year groups asked about, so a lead proposing
// another time sees what would clash. The school's profile, then two or three queries of
// its partition, one month long; no scans. A month outside today's to the booking
// window's is refused before them.
import { bookableRange } from '#shared/domain/rules.ts';
import { addDays } from '#shared/domain/dates.ts';
import { DomainError } from '#shared/domain/errors.ts';
import { monthOf, monthRange, openSlotsOf, schoolMonth, shiftMonth, type SchoolMonth } from '#shared/domain/school-month.ts';
import { londonDate } from '#shared/domain/timezone.ts';
import type { StoredSchool } from '#shared/domain/records.ts';
import type { YearGroup } from '#shared/domain/types.ts';
import { providerAccessYears } from '#shared/domain/year-groups.ts';
import type { Store } from '#shared/store/client.ts';
import { listOpportunities } from '#shared/store/opportunities.ts';
import { listSlotsOfSchool } from '#shared/store/slots.ts';
import { listYearGroupDaysBetween } from '#shared/store/year-group-days.ts';
import { requireSchool } from './schools.ts';

/** Today's month to the booking window's last month: the months a calendar may show. */
function requireMonthInRange(month: string, today: string, last: string): { previous?: string; next?: string } {
  const firstMonth = monthOf(today);
  const lastMonth = monthOf(last);
  if (month < firstMonth || month > lastMonth) {
    const message = `Choose a month from ${firstMonth} to ${lastMonth}: the school takes bookings from today to the end of its booking window.`;
    throw new DomainError('MONTH_OUT_OF_RANGE', message, { rule: 'R-NOTICE', field: 'query.month', fields: { 'query.month': message } });
  }
  return { ...(month > firstMonth ? { previous: shiftMonth(month, -1) } : {}), ...(month < lastMonth ? { next: shiftMonth(month, 1) } : {}) };
}

/** The month's open slots: the opportunities and the month's booked slot items, two queries of the school's partition. */
async function monthReads(store: Store, school: StoredSchool, month: string) {
  const { first, last } = monthRange(month);
  const [opportunities, booked] = await Promise.all([listOpportunities(store, school.urn), listSlotsOfSchool(store, school.urn, first, last)]);
  return { slots: providerAccessYears(school).length === 0 ? [] : openSlotsOf(school, opportunities, booked, first, last) };
}

export async function publicSchoolMonth(
  store: Store,
  urn: string,
  query: { month?: string | undefined; yearGroup?: YearGroup | undefined; opportunity?: string | undefined },
  now = new Date(),
): Promise<SchoolMonth> {
  const today = londonDate(now.toISOString());
  const school = await requireSchool(store, urn);
  // R-NOTICE: never a same-day booking, even with no notice (as the slot list, the form and coverage's suggestions).
  const { from: bookableFrom, to: bookableTo } = bookableRange(school, today);
  const month = query.month ?? monthOf(bookableFrom);
  const pager = requireMonthInRange(month, today, bookableTo);
  const read = await monthReads(store, school, month);
  const slots = read
    .slots
    .filter((s) => (query.yearGroup === undefined || s.yearGroups.includes(query.yearGroup)) && (query.opportunity === undefined || s.opportunityId === query.opportunity));
  return { urn, month, today, bookableFrom, bookableTo, ...pager, days: schoolMonth(school, { month, today, bookableFrom, bookableTo, slots }) };
}

export async function staffSchoolMonth(store: Store, urn: string, query: { month?: string | undefined; yearGroups?: YearGroup[] | undefined }, now = new Date()): Promise<SchoolMonth> {
  const today = londonDate(now.toISOString());
  const school = await requireSchool(store, urn);
  const bookableFrom = addDays(today, 1);
  const bookableTo = addDays(today, school.rules.bookingWindowDays);
  const month = query.month ?? monthOf(bookableFrom);
  const pager = requireMonthInRange(month, today, bookableTo);
  const { first, last } = monthRange(month);
  const [read, yearGroupDays] = await Promise.all([monthReads(store, school, month), listYearGroupDaysBetween(store, urn, first, last)]);
  const years = query.yearGroups ?? providerAccessYears(school);
  const slots = read.slots.filter((s) => s.yearGroups.some((y) => years.includes(y)));
  const approvedDays = yearGroupDays.filter((d) => years.includes(d.yearGroup) && d.intervals.length > 0);
  return { urn, month, today, bookableFrom, bookableTo, ...pager, days: schoolMonth(school, { month, today, bookableFrom, bookableTo, slots, approvedDays }) };
}

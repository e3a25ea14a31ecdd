// A month of a school's calendar (issue 14, item 4). Public: each date's closure or open
// slots with places left, from the first date the notice allows to the end of the booking
// window (R-NOTICE), filtered by a year group and an opportunity. Staff: the same month
// from tomorrow (a school may waive its own notice when it proposes a time) with the
// encounters already approved for the year groups asked about, so a lead proposing
// another time sees what would clash. Three or four key reads of the school's partition,
// one month long; no scans.
import { addDays } from '#shared/domain/dates.ts';
import { DomainError } from '#shared/domain/errors.ts';
import { monthOf, monthRange, openSlotsOf, schoolMonth, shiftMonth, type MonthDay } from '#shared/domain/school-month.ts';
import { londonDate } from '#shared/domain/timezone.ts';
import type { StoredSchool } from '#shared/domain/records.ts';
import type { YearGroup } from '#shared/domain/types.ts';
import { providerAccessYears } from '#shared/domain/year-groups.ts';
import type { Store } from '#shared/store/client.ts';
import { listOpportunities } from '#shared/store/opportunities.ts';
import { listSlotsOfSchool } from '#shared/store/slots.ts';
import { listYearGroupDaysBetween } from '#shared/store/year-group-days.ts';
import { requireSchool } from './schools.ts';

export interface SchoolMonth {
  urn: string;
  month: string;
  today: string;
  bookableFrom: string;
  bookableTo: string;
  previous?: string;
  next?: string;
  days: MonthDay[];
}

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

async function monthReads(store: Store, urn: string, month: string) {
  const { first, last } = monthRange(month);
  const [school, opportunities, booked] = await Promise.all([requireSchool(store, urn), listOpportunities(store, urn), listSlotsOfSchool(store, urn, first, last)]);
  return { school, first, last, slots: (s: StoredSchool) => (providerAccessYears(s).length === 0 ? [] : openSlotsOf(s, opportunities, booked, first, last)) };
}

export async function publicSchoolMonth(
  store: Store,
  urn: string,
  query: { month: string; yearGroup?: YearGroup | undefined; opportunity?: string | undefined },
  now = new Date(),
): Promise<SchoolMonth> {
  const read = await monthReads(store, urn, query.month);
  const { school } = read;
  const today = londonDate(now.toISOString());
  // R-NOTICE: never a same-day booking, even with no notice (as the slot list and the form).
  const bookableFrom = addDays(today, Math.max(1, school.rules.minimumNoticeDays));
  const bookableTo = addDays(today, school.rules.bookingWindowDays);
  const pager = requireMonthInRange(query.month, today, bookableTo);
  const slots = read
    .slots(school)
    .filter((s) => (query.yearGroup === undefined || s.yearGroups.includes(query.yearGroup)) && (query.opportunity === undefined || s.opportunityId === query.opportunity));
  return { urn, month: query.month, today, bookableFrom, bookableTo, ...pager, days: schoolMonth(school, { month: query.month, today, bookableFrom, bookableTo, slots }) };
}

export async function staffSchoolMonth(store: Store, urn: string, query: { month: string; yearGroups?: YearGroup[] | undefined }, now = new Date()): Promise<SchoolMonth> {
  const { first, last } = monthRange(query.month);
  const [read, yearGroupDays] = await Promise.all([monthReads(store, urn, query.month), listYearGroupDaysBetween(store, urn, first, last)]);
  const { school } = read;
  const today = londonDate(now.toISOString());
  const bookableFrom = addDays(today, 1);
  const bookableTo = addDays(today, school.rules.bookingWindowDays);
  const pager = requireMonthInRange(query.month, today, bookableTo);
  const years = query.yearGroups ?? providerAccessYears(school);
  const slots = read.slots(school).filter((s) => s.yearGroups.some((y) => years.includes(y)));
  const approvedDays = yearGroupDays.filter((d) => years.includes(d.yearGroup) && d.intervals.length > 0);
  return { urn, month: query.month, today, bookableFrom, bookableTo, ...pager, days: schoolMonth(school, { month: query.month, today, bookableFrom, bookableTo, slots, approvedDays }) };
}

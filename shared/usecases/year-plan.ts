// The careers lead's year plan (issue 16, item 4). Reads the school, its requests in the
// plan's three statuses for the year (one gsi1 query each, the year's dates), its
// opportunities and the year's booked slot items (the month calendar's reads, for the
// open slots a provider could book now), and its coverage, worked out by
// shared/usecases/coverage.ts on today (a past year's: on its last day; the next year's: on
// its first day). No scans.
import { academicYearBounds, academicYearLabel, academicYearOf } from '#shared/domain/academic-year.ts';
import { DomainError } from '#shared/domain/errors.ts';
import { bookableRange } from '#shared/domain/rules.ts';
import { openSlotsOf } from '#shared/domain/school-month.ts';
import { londonDate } from '#shared/domain/timezone.ts';
import { latestPlanYear, openSlotRange, statusDateFor, YEAR_PLAN_STATUSES, yearPlan, type YearPlan } from '#shared/domain/year-plan.ts';
import { providerAccessYears } from '#shared/domain/year-groups.ts';
import type { Store } from '#shared/store/client.ts';
import { listOpportunities } from '#shared/store/opportunities.ts';
import { getPlatformSettings } from '#shared/store/platform-settings.ts';
import { listRequestsOfSchoolByStatus } from '#shared/store/requests.ts';
import { listSlotsOfSchool } from '#shared/store/slots.ts';
import { schoolCoverage } from './coverage.ts';
import { requireSchool } from './schools.ts';

/** The plan reaches the next academic year (planning September in July); a later one has no cohorts to give statuses for yet. */
function requireYear(year: number, currentYear: number): void {
  const latest = latestPlanYear(currentYear);
  if (year > latest) {
    const message = `Choose ${latest} (${academicYearLabel(latest)}) or an earlier year: the year plan shows the next academic year at the latest.`;
    throw new DomainError('YEAR_OUT_OF_RANGE', message, { field: 'query.year', fields: { 'query.year': message } });
  }
}

export async function schoolYearPlan(store: Store, urn: string, query: { year?: number | undefined }, now = new Date()): Promise<YearPlan> {
  const today = londonDate(now.toISOString());
  const currentYear = academicYearOf(today);
  const year = query.year ?? currentYear;
  requireYear(year, currentYear);
  const school = await requireSchool(store, urn);
  const { start, end } = academicYearBounds(year);
  const bookable = bookableRange(school, today);
  const slotRange = providerAccessYears(school).length > 0 ? openSlotRange(year, bookable) : undefined;
  const statusAsOf = statusDateFor(year, today);
  const settings = await getPlatformSettings(store);
  const [requests, opportunities, booked, coverage] = await Promise.all([
    Promise.all(YEAR_PLAN_STATUSES.map((status) => listRequestsOfSchoolByStatus(store, urn, status, { from: start, to: end, limit: 'every' }))),
    slotRange ? listOpportunities(store, urn) : Promise.resolve([]),
    slotRange ? listSlotsOfSchool(store, urn, slotRange.from, slotRange.to) : Promise.resolve([]),
    // Noon UTC on the status date is that date in London whatever the season.
    schoolCoverage(store, school, statusAsOf === today ? now : new Date(`${statusAsOf}T12:00:00Z`), { fixes: false, settings }),
  ]);
  const slots = slotRange ? openSlotsOf(school, opportunities, booked, slotRange.from, slotRange.to) : [];
  return yearPlan(school, {
    urn,
    schoolName: school.name,
    year,
    currentYear,
    today,
    statusAsOf,
    bookableFrom: bookable.from,
    bookableTo: bookable.to,
    yearGroups: providerAccessYears(school),
    required: coverage.required,
    requests: requests.flat(),
    slots,
    cohorts: coverage.cohorts,
  });
}

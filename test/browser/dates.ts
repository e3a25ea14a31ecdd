// Dates for the journeys, from the same demo calendar the local stack seeds (so the tests
// work whatever day they run): the first date the notice allows, a Saturday after it, and
// a school day that is too soon.
import { demoSchools } from '#infra/local/demo-data.ts';
import { addDays } from '#shared/domain/dates.ts';
import { firstSchoolDayFrom } from '#shared/domain/calendar.ts';
import { earliestBookableDate } from '#shared/domain/rules.ts';
import { londonDate } from '#shared/domain/timezone.ts';

export const HARBOUR_VIEW = '990101';

export function journeyDates(now = new Date()) {
  const school = demoSchools(now).find((s) => s.school.urn === HARBOUR_VIEW)!.school;
  const today = londonDate(now.toISOString());
  const earliest = earliestBookableDate(school, now.toISOString());
  if (!earliest) throw new Error('The demo calendar has no bookable date');
  let saturday = earliest;
  while (new Date(`${saturday}T12:00:00Z`).getUTCDay() !== 6) saturday = addDays(saturday, 1);
  /** A school day inside the notice period, when there is one (not in the summer holiday). */
  const tooSoon = firstSchoolDayFrom(school, addDays(today, 1), addDays(earliest, -1));
  return { today, earliest, saturday, tooSoon };
}

/** 2027-01-09 → ['9', '1', '2027'] as a person types it. */
export function dayMonthYear(iso: string): [string, string, string] {
  const [y, m, d] = iso.split('-');
  return [String(Number(d)), String(Number(m)), y!];
}

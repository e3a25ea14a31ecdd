// Whether an encounter is an "eligible provider access encounter" in the sense careers hubs
// and Compass+ record: delivered, all four R-CONTENT items confirmed, only Years 8–13
// (R-YEARS), and inside the school's session times on a weekday that is not a bank
// holiday (R-HOURS). Terms and closures are not re-checked: they were when the encounter
// was booked, and a school removes past terms from its settings.
import { bankHolidayOn } from './bank-holidays.ts';
import { sessionOn } from './calendar.ts';
import { minutesOfDay } from './dates.ts';
import type { IsoDate, LocalTime, School, YearGroup } from './types.ts';
import { isProviderAccessYear } from './year-groups.ts';

export function withinSchoolHours(school: Pick<School, 'calendar'>, date: IsoDate, start: LocalTime, end: LocalTime): boolean {
  const session = sessionOn(school.calendar, date);
  if (!session || bankHolidayOn(date)) return false;
  return minutesOfDay(start) >= minutesOfDay(session.start) && minutesOfDay(end) <= minutesOfDay(session.end) && minutesOfDay(end) > minutesOfDay(start);
}

export interface EncounterFacts {
  delivered: boolean;
  contentConfirmed: boolean;
  yearGroups: readonly YearGroup[];
  date: IsoDate;
  start: LocalTime;
  end: LocalTime;
}

export function isEligibleEncounter(school: Pick<School, 'calendar'>, e: EncounterFacts): boolean {
  return (
    e.delivered &&
    e.contentConfirmed &&
    e.yearGroups.length > 0 &&
    e.yearGroups.every(isProviderAccessYear) &&
    withinSchoolHours(school, e.date, e.start, e.end)
  );
}

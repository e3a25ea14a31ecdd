// The month calendar's contract (issue 14, item 4): GET /api/schools/{urn}/calendar, the
// school's free slots by day for providers, and GET /api/manage/schools/{urn}/calendar,
// the same month for its staff with the encounters already approved for some year groups.
import * as z from 'zod';
import type { SchoolMonth } from '#shared/domain/school-month.ts';

export type { ApprovedInterval, ClosedKind, DayAvailability, MonthDay as CalendarDayView } from '#shared/domain/school-month.ts';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Give the month as YYYY-MM, like 2027-01.');
const yearGroup = z
  .string()
  .regex(/^(8|9|1[0-3])$/, 'Choose a year group from 8 to 13 (R-YEARS).')
  .transform(Number);

/** ?month=YYYY-MM (by default the month of the first date a request may name), and optionally one year group and one opportunity to show the slots of. */
export const schoolMonthQuery = z.strictObject({
  month: month.optional(),
  yearGroup: yearGroup.optional(),
  opportunity: z.string().regex(/^[A-Za-z0-9_-]{1,80}$/, 'Choose one of the school’s opportunities.').optional(),
});

/** ?month=YYYY-MM (by default tomorrow's)&yearGroups=10,11: the year groups whose approved encounters to show (a request's). */
export const staffMonthQuery = z.strictObject({
  month: month.optional(),
  yearGroups: z
    .string()
    .regex(/^(8|9|1[0-3])(,(8|9|1[0-3])){0,5}$/, 'List year groups from 8 to 13 separated by commas, like 10,11 (R-YEARS).')
    .transform((s) => [...new Set(s.split(',').map(Number))].sort((a, b) => a - b))
    .optional(),
});

export type SchoolMonthQuery = z.output<typeof schoolMonthQuery>;
export type StaffMonthQuery = z.output<typeof staffMonthQuery>;

/** One month of a school's calendar, as the domain works it out. */
export type CalendarMonthView = SchoolMonth;

// The school year in England runs 1 September to 31 August. An academic year is named by
// the calendar year it starts in: 2026 is 2026/27.
import { dateParts, makeDate } from './dates.ts';
import type { IsoDate } from './types.ts';

/** The academic year a date falls in, as its starting calendar year. */
export function academicYearOf(date: IsoDate): number {
  const { year, month } = dateParts(date);
  return month >= 9 ? year : year - 1;
}

/** '2026/27'. */
export function academicYearLabel(startYear: number): string {
  return `${startYear}/${String((startYear + 1) % 100).padStart(2, '0')}`;
}

export function academicYearStart(startYear: number): IsoDate {
  return makeDate(startYear, 9, 1);
}

export function academicYearEnd(startYear: number): IsoDate {
  return makeDate(startYear + 1, 8, 31);
}

export function academicYearBounds(startYear: number): { start: IsoDate; end: IsoDate } {
  return { start: academicYearStart(startYear), end: academicYearEnd(startYear) };
}

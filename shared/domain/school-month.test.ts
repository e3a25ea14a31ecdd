import { describe, expect, it } from 'vitest';
import { isSchoolDay } from './calendar.ts';
import { closedOn, monthRange, openSlotsOf, schoolMonth, shiftMonth } from './school-month.ts';
import { demoSchool, TUESDAY_ASSEMBLY } from './test-fixtures.ts';

const school = demoSchool();
const assembly = TUESDAY_ASSEMBLY;

describe('a month of the school calendar (issue 14, item 4)', () => {
  it('months: their first and last dates, and the months either side across a year', () => {
    expect(monthRange('2028-02')).toEqual({ first: '2028-02-01', last: '2028-02-29' });
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
    expect(shiftMonth('2027-01', -1)).toBe('2026-12');
  });

  it.each([
    ['2026-06-13', 'WEEKEND', 'Weekend'],
    ['2026-05-25', 'BANK_HOLIDAY', 'Bank holiday: Spring bank holiday'],
    ['2026-02-16', 'HOLIDAY', 'School holiday'],
    ['2026-01-05', 'INSET', 'INSET day'],
    ['2026-06-09', 'EXAMS', 'Exam closure: Year 10 mock exams'],
    ['2026-07-15', 'TRIP', 'School trip: Year 9 trip to the coast'],
    ['2026-11-20', 'OTHER', 'Closed'],
  ])('R-HOURS: %s is closed (%s), in the calendar’s words', (date, kind, label) => {
    expect(closedOn(school, date)).toEqual({ kind, label });
    expect(isSchoolDay(school, date)).toBe(false);
  });

  it('a weekday with no published sessions is closed for that reason; a school day is not closed', () => {
    const noWednesdays = demoSchool({ calendar: { ...school.calendar, schoolDay: { ...school.calendar.schoolDay, wed: undefined } } });
    expect(closedOn(noWednesdays, '2026-03-18')).toEqual({ kind: 'NO_SESSIONS', label: 'No sessions on Wednesdays' });
    expect(closedOn(school, '2026-03-18')).toBeUndefined();
  });

  it('agrees with isSchoolDay on every date of three years', () => {
    for (let m = '2025-09', i = 0; i < 36; m = shiftMonth(m, 1), i++) {
      const { first, last } = monthRange(m);
      const days = schoolMonth(school, { month: m, today: '2025-08-31', bookableFrom: first, bookableTo: last, slots: [] });
      for (const d of days) expect(d.closed === undefined, d.date).toBe(isSchoolDay(school, d.date));
    }
  });

  it('P-SLOT: places left from the booked item; R-NOTICE: no slots before the first bookable date or after the window', () => {
    const slots = openSlotsOf(school, [assembly], [{ opportunityId: 'y10', date: '2026-03-10', time: '08:50', capacity: 2, held: 2 }], '2026-03-01', '2026-03-31');
    expect(slots.map((s) => [s.date, s.placesLeft])).toEqual([
      ['2026-03-03', 2],
      ['2026-03-10', 0],
      ['2026-03-17', 2],
      ['2026-03-24', 2],
    ]);
    const days = schoolMonth(school, { month: '2026-03', today: '2026-03-02', bookableFrom: '2026-03-10', bookableTo: '2026-03-20', slots });
    const of = (date: string) => days.find((d) => d.date === date);
    expect(of('2026-03-02')?.availability).toBe('past');
    expect(of('2026-03-03')).toMatchObject({ availability: 'notice', slots: [] });
    expect(of('2026-03-10')?.slots.map((s) => s.placesLeft)).toEqual([0]);
    expect(of('2026-03-24')).toMatchObject({ availability: 'window', slots: [] });
    expect(of('2026-03-10')?.approved).toBeUndefined();
  });

  it('staff: an encounter for two year groups at once is one interval naming both', () => {
    const approvedDays = [
      { date: '2026-03-11', yearGroup: 11, intervals: [{ start: '10:00', end: '11:00', requestId: 'A' }] },
      { date: '2026-03-11', yearGroup: 10, intervals: [{ start: '10:00', end: '11:00', requestId: 'A' }, { start: '09:00', end: '09:30', requestId: 'B' }] },
    ];
    const days = schoolMonth(school, { month: '2026-03', today: '2026-03-01', bookableFrom: '2026-03-02', bookableTo: '2026-03-31', slots: [], approvedDays });
    expect(days.find((d) => d.date === '2026-03-11')?.approved).toEqual([
      { start: '09:00', end: '09:30', yearGroups: [10], requestId: 'B' },
      { start: '10:00', end: '11:00', yearGroups: [10, 11], requestId: 'A' },
    ]);
    expect(days.find((d) => d.date === '2026-03-14')?.approved).toEqual([]);
  });
});

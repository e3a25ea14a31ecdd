import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bankHolidayListWarning, bankHolidayOn, bankHolidays, easterSunday, isBankHoliday, publishedChanges } from './bank-holidays.ts';
import { dayOfWeek, isWeekend } from './dates.ts';

// The published England and Wales lists (gov.uk/bank-holidays), including the substitute
// days and the one-off proclamation changes.
const PUBLISHED: Record<number, string[]> = {
  2020: ['2020-01-01', '2020-04-10', '2020-04-13', '2020-05-08', '2020-05-25', '2020-08-31', '2020-12-25', '2020-12-28'],
  2021: ['2021-01-01', '2021-04-02', '2021-04-05', '2021-05-03', '2021-05-31', '2021-08-30', '2021-12-27', '2021-12-28'],
  2022: [
    '2022-01-03', '2022-04-15', '2022-04-18', '2022-05-02', '2022-06-02', '2022-06-03',
    '2022-08-29', '2022-09-19', '2022-12-26', '2022-12-27',
  ],
  2023: ['2023-01-02', '2023-04-07', '2023-04-10', '2023-05-01', '2023-05-08', '2023-05-29', '2023-08-28', '2023-12-25', '2023-12-26'],
  2024: ['2024-01-01', '2024-03-29', '2024-04-01', '2024-05-06', '2024-05-27', '2024-08-26', '2024-12-25', '2024-12-26'],
  2025: ['2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26'],
  2026: ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28'],
  2027: ['2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28'],
  2028: ['2028-01-03', '2028-04-14', '2028-04-17', '2028-05-01', '2028-05-29', '2028-08-28', '2028-12-25', '2028-12-26'],
  2029: ['2029-01-01', '2029-03-30', '2029-04-02', '2029-05-07', '2029-05-28', '2029-08-27', '2029-12-25', '2029-12-26'],
  2030: ['2030-01-01', '2030-04-19', '2030-04-22', '2030-05-06', '2030-05-27', '2030-08-26', '2030-12-25', '2030-12-26'],
};

describe('bank holidays of England and Wales', () => {
  it.each([
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2028, '2028-04-16'],
    [2029, '2029-04-01'],
    [2030, '2030-04-21'],
    [2038, '2038-04-25'],
  ])('Easter Sunday %i is %s', (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });

  it.each(Object.entries(PUBLISHED))('%s matches the published list', (year, dates) => {
    expect(bankHolidays(Number(year)).map((h) => h.date)).toEqual(dates);
  });

  it.each([
    ['2026-12-28', 'Boxing Day (substitute day)'],
    ['2027-12-27', 'Christmas Day (substitute day)'],
    ['2027-12-28', 'Boxing Day (substitute day)'],
    ['2022-12-26', 'Boxing Day'],
    ['2022-12-27', 'Christmas Day (substitute day)'],
    ['2028-01-03', 'New Year’s Day (substitute day)'],
    ['2022-09-19', 'Bank Holiday for the State Funeral of Queen Elizabeth II'],
    ['2026-04-03', 'Good Friday'],
  ])('%s is %s', (date, name) => {
    expect(bankHolidayOn(date)?.name).toBe(name);
  });

  it('moves the proclaimed days and drops the days they replaced', () => {
    expect(isBankHoliday('2020-05-04')).toBe(false);
    expect(isBankHoliday('2022-05-30')).toBe(false);
    expect(isBankHoliday('2012-06-05')).toBe(true);
    expect(isBankHoliday('2026-03-16')).toBe(false);
  });

  it('every generated holiday is a weekday, unique, and there are at least eight (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2200 }), (year) => {
        const days = bankHolidays(year);
        expect(days.length).toBeGreaterThanOrEqual(8);
        expect(new Set(days.map((d) => d.date)).size).toBe(days.length);
        for (const d of days) expect(isWeekend(d.date)).toBe(false);
        expect(dayOfWeek(easterSunday(year))).toBe(0);
      }),
    );
  });

  it('returns the same frozen list on a second call', () => {
    expect(bankHolidays(2026)).toBe(bankHolidays(2026));
    expect(Object.isFrozen(bankHolidays(2026))).toBe(true);
  });
});

describe('GOV.UK\'s published list over the rules (issue 17, item 3)', () => {
  const ruled = (year: number) => bankHolidays(year).map((h) => ({ date: h.date, name: h.name }));

  it('a list that matches the rules changes nothing', () => {
    const changes = publishedChanges([...ruled(2027), ...ruled(2028)]);
    expect(changes).toEqual({ add: [], remove: [], from: '2027-01-01', until: '2028-12-26' });
  });

  it('adds a one-off day, removes a moved one, only inside the list\'s dates', () => {
    const moved = ruled(2028).filter((h) => h.date !== '2028-05-01');
    const changes = publishedChanges([...moved, { date: '2028-05-08', name: 'Early May bank holiday (moved)' }, { date: '2028-06-05', name: 'A one-off bank holiday' }]);
    expect(changes?.add.map((h) => h.date)).toEqual(['2028-05-08', '2028-06-05']);
    expect(changes?.remove).toEqual(['2028-05-01']);
    expect(bankHolidayOn('2028-06-05', changes)?.name).toBe('A one-off bank holiday');
    expect(isBankHoliday('2028-05-01', changes)).toBe(false);
    expect(isBankHoliday('2028-05-01')).toBe(true);
    // Outside the list, the rules alone.
    expect(isBankHoliday('2029-05-07', changes)).toBe(true);
  });

  it('warns when no list is loaded, or it ends within six months', () => {
    expect(bankHolidayListWarning(undefined, '2027-01-10')).toMatch(/No bank-holiday list/);
    expect(bankHolidayListWarning('2027-06-30', '2027-01-10')).toMatch(/ends on 30 June 2027, within six months/);
    expect(bankHolidayListWarning('2026-12-26', '2027-01-10')).toMatch(/ended on 26 December 2026/);
    expect(bankHolidayListWarning('2028-12-26', '2027-01-10')).toBeUndefined();
  });
});

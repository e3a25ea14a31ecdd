import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  compareDates,
  dayOfWeek,
  daysBetween,
  eachDate,
  formatDate,
  formatDateAbbreviated,
  formatDateShort,
  formatDateTime,
  formatDateTimeRange,
  formatTime,
  formatTimeRange,
  realDate,
  fromDayNumber,
  isIsoDate,
  isLeapYear,
  isLocalTime,
  isWithin,
  lastDayOfWeekInMonth,
  makeDate,
  maxDate,
  minDate,
  minutesOfDay,
  nextDayOfWeek,
  timeFromMinutes,
  dayNumber,
  dateParts,
} from './dates.ts';

describe('dates', () => {
  it.each([
    ['2026-03-14', true],
    ['2026-02-29', false],
    ['2028-02-29', true],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-1-01', false],
    [20260314, false],
  ])('isIsoDate(%s) is %s', (value, expected) => {
    expect(isIsoDate(value)).toBe(expected);
  });

  it.each([
    ['09:00', true],
    ['23:59', true],
    ['24:00', false],
    ['9:00', false],
    ['12:60', false],
    [900, false],
  ])('isLocalTime(%s) is %s', (value, expected) => {
    expect(isLocalTime(value)).toBe(expected);
  });

  it.each([
    [2024, true],
    [2026, false],
    [1900, false],
    [2000, true],
  ])('isLeapYear(%i) is %s', (year, expected) => {
    expect(isLeapYear(year)).toBe(expected);
  });

  it.each([
    ['2026-03-14', 6, 'Saturday 14 March 2026'],
    ['2026-03-29', 0, 'Sunday 29 March 2026'],
    ['2026-10-26', 1, 'Monday 26 October 2026'],
    ['1970-01-01', 4, 'Thursday 1 January 1970'],
  ])('%s is day %i, %s', (date, dow, words) => {
    expect(dayOfWeek(date)).toBe(dow);
    expect(formatDate(date)).toBe(words);
  });

  it('adds days across month, year and clock-change boundaries', () => {
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
    expect(addDays('2026-10-25', 1)).toBe('2026-10-26');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-14', 30)).toBe('2026-04-13');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-03-14', '2026-04-13')).toBe(30);
  });

  it('day numbers round-trip for any date', () => {
    fc.assert(
      fc.property(fc.integer({ min: -20000, max: 40000 }), (n) => {
        expect(dayNumber(fromDayNumber(n))).toBe(n);
      }),
    );
  });

  it('has small helpers that agree with each other', () => {
    expect(makeDate(2026, 2, 29)).toBe('2026-03-01');
    expect(dateParts('2026-03-14')).toEqual({ year: 2026, month: 3, day: 14 });
    expect(() => dateParts('14/03/2026')).toThrow(RangeError);
    expect(compareDates('2026-01-01', '2026-01-02')).toBe(-1);
    expect(compareDates('2026-01-02', '2026-01-01')).toBe(1);
    expect(compareDates('2026-01-01', '2026-01-01')).toBe(0);
    expect(maxDate('2026-01-01', '2026-01-02')).toBe('2026-01-02');
    expect(minDate('2026-01-01', '2026-01-02')).toBe('2026-01-01');
    expect(isWithin('2026-01-02', '2026-01-01', '2026-01-02')).toBe(true);
    expect(isWithin('2026-01-03', '2026-01-01', '2026-01-02')).toBe(false);
    expect(eachDate('2026-02-27', '2026-03-02')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
    expect(eachDate('2026-03-02', '2026-03-01')).toEqual([]);
    expect(minutesOfDay('08:40')).toBe(520);
    expect(() => minutesOfDay('8:40')).toThrow(RangeError);
    expect(timeFromMinutes(520)).toBe('08:40');
    expect(formatDateShort('2026-04-13')).toBe('13 April 2026');
    expect(nextDayOfWeek('2026-05-01', 1)).toBe('2026-05-04');
    expect(nextDayOfWeek('2026-05-04', 1)).toBe('2026-05-04');
    expect(lastDayOfWeekInMonth(2026, 5, 1)).toBe('2026-05-25');
    expect(lastDayOfWeekInMonth(2026, 8, 1)).toBe('2026-08-31');
    expect(fromDayNumber(-800000)).toMatch(/^-?\d+-\d{2}-\d{2}$/);
  });
});

describe('dates and times in words (GOV.UK style, one form for pages, emails and messages)', () => {
  it.each([
    ['09:00', '9am'],
    ['10:45', '10:45am'],
    ['12:00', 'midday'],
    ['12:30', '12:30pm'],
    ['13:05', '1:05pm'],
    ['00:00', 'midnight'],
    ['00:15', '12:15am'],
    ['23:59', '11:59pm'],
  ])('%s is "%s"', (time, words) => {
    expect(formatTime(time)).toBe(words);
  });

  it('says a range with "to", and a booking as its date then its times', () => {
    expect(formatTimeRange('10:00', '10:45')).toBe('10am to 10:45am');
    expect(formatDateTimeRange('2027-01-12', '10:00', '11:00')).toBe('Tuesday 12 January 2027, 10am to 11am');
    expect(formatDateTime('2027-01-12', '16:05')).toBe('12 January 2027 at 4:05pm');
    expect(formatTime('9.30')).toBe('9.30');
    expect(formatTime('25:00')).toBe('25:00');
  });

  it('abbreviates a date for a table cell as en-GB does ("Sept")', () => {
    expect(formatDateAbbreviated('2027-01-12')).toBe('Tue 12 Jan 2027');
    expect(formatDateAbbreviated('2027-09-09')).toBe('Thu 9 Sept 2027');
    const intl = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
    for (const date of eachDate('2027-01-01', '2027-12-31')) {
      expect(formatDateAbbreviated(date)).toBe(intl.format(Date.parse(date)).replace(',', ''));
    }
  });

  it('takes a typed day, month and year only as a real date', () => {
    expect(realDate(2027, 1, 12)).toBe('2027-01-12');
    expect(realDate(2028, 2, 29)).toBe('2028-02-29');
    expect(realDate(2027, 2, 29)).toBeUndefined();
    expect(realDate(2027, 13, 1)).toBeUndefined();
    expect(realDate(27, 1, 12)).toBeUndefined();
    expect(realDate(2027, 1.5, 12)).toBeUndefined();
  });
});

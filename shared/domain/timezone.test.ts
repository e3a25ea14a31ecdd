import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatInstant, formatWhen, fromInstant, instantMs, localToUtcMs, londonDate, londonOffsetMinutes, toInstant } from './timezone.ts';
import { DomainError } from './errors.ts';
import { addDays, fromDayNumber, timeFromMinutes } from './dates.ts';

describe('Europe/London time', () => {
  it.each([
    // A 09:00 session is 09:00 on the wall clock in every season.
    ['2026-03-27', '09:00', '2026-03-27T09:00:00+00:00', '2026-03-27T09:00:00.000Z'],
    ['2026-03-30', '09:00', '2026-03-30T09:00:00+01:00', '2026-03-30T08:00:00.000Z'],
    ['2026-10-23', '09:00', '2026-10-23T09:00:00+01:00', '2026-10-23T08:00:00.000Z'],
    ['2026-11-02', '09:00', '2026-11-02T09:00:00+00:00', '2026-11-02T09:00:00.000Z'],
    ['2026-07-01', '15:10', '2026-07-01T15:10:00+01:00', '2026-07-01T14:10:00.000Z'],
    ['2027-01-04', '08:40', '2027-01-04T08:40:00+00:00', '2027-01-04T08:40:00.000Z'],
  ])('%s %s is %s', (date, time, instant, utc) => {
    expect(toInstant(date, time)).toBe(instant);
    expect(new Date(localToUtcMs(date, time)).toISOString()).toBe(utc);
    expect(fromInstant(instant)).toEqual({ date, time });
    expect(fromInstant(utc)).toEqual({ date, time });
  });

  it('maps a time skipped by the spring change forward, and a repeated autumn time to BST', () => {
    // 01:30 on 29 March 2026 never happens: clocks jump from 01:00 GMT to 02:00 BST.
    expect(toInstant('2026-03-29', '01:30')).toBe('2026-03-29T02:30:00+01:00');
    // 01:30 on 25 October 2026 happens twice; the first (BST) is chosen.
    expect(toInstant('2026-10-25', '01:30')).toBe('2026-10-25T01:30:00+01:00');
    expect(new Date(localToUtcMs('2026-10-25', '01:30')).toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  it('knows the offset either side of each change', () => {
    expect(londonOffsetMinutes(Date.parse('2026-03-29T00:59:00Z'))).toBe(0);
    expect(londonOffsetMinutes(Date.parse('2026-03-29T01:00:00Z'))).toBe(60);
    expect(londonOffsetMinutes(Date.parse('2026-10-25T00:59:00Z'))).toBe(60);
    expect(londonOffsetMinutes(Date.parse('2026-10-25T01:00:00Z'))).toBe(0);
  });

  it('says what is wrong with a malformed date, time or instant', () => {
    expect(() => toInstant('2026-02-30', '09:00')).toThrow(DomainError);
    expect(() => toInstant('2026-03-02', '9am')).toThrow(/HH:MM/);
    expect(() => instantMs('yesterday')).toThrow(/ISO 8601/);
    expect(() => instantMs('2026-13-45T00:00:00Z')).toThrow(DomainError);
  });

  it('londonDate is the school-local date (late evening UTC in summer is tomorrow)', () => {
    expect(londonDate('2026-06-30T23:30:00Z')).toBe('2026-07-01');
    expect(londonDate('2026-12-31T23:30:00Z')).toBe('2026-12-31');
    expect(formatInstant(Date.parse('2026-06-30T23:30:00Z'))).toBe('2026-07-01T00:30:00+01:00');
  });

  it('round-trips every daytime wall-clock time on every day (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 20000, max: 23000 }), fc.integer({ min: 6 * 60, max: 22 * 60 }), (day, minute) => {
        const date = fromDayNumber(day);
        const time = timeFromMinutes(minute);
        expect(fromInstant(toInstant(date, time))).toEqual({ date, time });
        // A wall-clock day is 24 hours, except on the two change days.
        const next = localToUtcMs(addDays(date, 1), time) - localToUtcMs(date, time);
        expect([23, 24, 25].map((h) => h * 3_600_000)).toContain(next);
      }),
    );
  });
});

describe('formatWhen: when something happened, in London', () => {
  it('says an instant as London\'s date and time, and a date as a date', () => {
    expect(formatWhen('2027-01-12T16:05:00Z')).toBe('12 January 2027 at 4:05pm');
    expect(formatWhen('2026-06-30T23:30:00Z')).toBe('1 July 2026 at 12:30am');
    expect(formatWhen('2026-07-01T11:00:00Z')).toBe('1 July 2026 at midday');
    expect(formatWhen('2027-01-12')).toBe('Tuesday 12 January 2027');
  });
});


import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addSchoolDays,
  closureOn,
  expandOpportunity,
  firstSchoolDayFrom,
  isSchoolDay,
  isSchoolTime,
  lastSlotDate,
  MAX_EXPAND_DAYS,
  OPEN_ENDED,
  responseDeadline,
  schoolDayCheck,
  schoolDaysBetween,
  sessionOn,
  termOn,
  validateCalendar,
  weekdayOf,
} from './calendar.ts';
import { addDays, fromDayNumber, dayNumber, minutesOfDay, timeFromMinutes } from './dates.ts';
import { DomainError } from './errors.ts';
import { toInstant } from './timezone.ts';
import { demoSchool } from './test-fixtures.ts';
import type { Opportunity, SchoolCalendar } from './types.ts';

const school = demoSchool();

describe('R-HOURS school calendar', () => {
  it.each([
    ['2026-03-16', '09:00', '10:00', true, undefined],
    ['2026-03-16', '08:40', '15:10', true, undefined],
    ['2026-03-20', '13:30', '14:30', true, undefined], // Friday finishes at 14:30
    ['2026-03-20', '14:00', '15:00', false, 'OUTSIDE_SESSION'],
    ['2026-03-16', '08:00', '09:00', false, 'OUTSIDE_SESSION'],
    ['2026-03-16', '10:00', '10:00', false, 'OUTSIDE_SESSION'],
    ['2026-03-14', '09:00', '10:00', false, 'WEEKEND'],
    ['2026-03-15', '09:00', '10:00', false, 'WEEKEND'],
    ['2026-05-04', '09:00', '10:00', false, 'BANK_HOLIDAY'],
    ['2026-04-06', '09:00', '10:00', false, 'BANK_HOLIDAY'],
    ['2026-04-08', '09:00', '10:00', false, 'OUTSIDE_TERM'],
    ['2026-08-10', '09:00', '10:00', false, 'OUTSIDE_TERM'],
    ['2026-01-05', '09:00', '10:00', false, 'CLOSURE'],
    ['2026-06-10', '09:00', '10:00', false, 'CLOSURE'],
    ['2026-07-15', '09:00', '10:00', false, 'CLOSURE'],
    ['2026-11-20', '09:00', '10:00', false, 'CLOSURE'],
  ])('R-HOURS: %s %s–%s is school time: %s (%s)', (date, start, end, ok, reason) => {
    const answer = isSchoolTime(school, date, start, end);
    expect(answer.ok).toBe(ok);
    if (!answer.ok) {
      expect(answer.reason).toBe(reason);
      expect(answer.message).toMatch(/choose/);
      expect(answer.message).not.toMatch(/^invalid/i);
    }
  });

  it.each([
    ['2026-03-14', 'Saturday 14 March 2026 is not a school day; choose a weekday in term time.'],
    ['2026-05-04', 'Monday 4 May 2026 is a bank holiday (Early May bank holiday); choose another school day.'],
    ['2026-04-08', 'Wednesday 8 April 2026 is outside term time; choose a date in term time, for example from Monday 13 April 2026 when Summer term 1 starts.'],
    ['2026-01-05', 'The school is closed to visitors on Monday 5 January 2026 (an INSET (staff training) day); choose another school day.'],
    ['2026-06-08', 'The school is closed to visitors on Monday 8 June 2026 (exams: Year 10 mock exams); choose another school day.'],
    ['2028-08-01', "Tuesday 1 August 2028 is outside term time; choose a date in one of the school's terms."],
  ])('R-HOURS: the message for %s says what to choose', (date, message) => {
    const answer = schoolDayCheck(school, date);
    expect(answer.ok).toBe(false);
    if (!answer.ok) expect(answer.message).toBe(message);
  });

  it('R-HOURS: names the session on the day asked for', () => {
    const answer = isSchoolTime(school, '2026-03-20', '14:00', '15:00');
    expect(answer).toEqual({
      ok: false,
      reason: 'OUTSIDE_SESSION',
      message: 'On Friday 20 March 2026 the school day runs from 8:40am to 2:30pm; choose a start and end time between those times.',
    });
  });

  it('R-HOURS: a weekday without published sessions is not a school day', () => {
    const noWed = demoSchool({
      calendar: { ...school.calendar, schoolDay: { ...school.calendar.schoolDay, wed: undefined } },
    });
    const answer = schoolDayCheck(noWed, '2026-03-18');
    expect(answer).toMatchObject({ ok: false, reason: 'OUTSIDE_SESSION' });
    if (!answer.ok) expect(answer.message).toBe('The school has no sessions on Wednesdays; choose a Monday, Tuesday, Thursday or Friday.');
    const none = demoSchool({ calendar: { ...school.calendar, schoolDay: {} } });
    const a2 = schoolDayCheck(none, '2026-03-18');
    if (!a2.ok) expect(a2.message).toMatch(/once the school has published its session times/);
    const monOnly = demoSchool({ calendar: { ...school.calendar, schoolDay: { mon: { start: '09:00', end: '15:00' } } } });
    const a3 = schoolDayCheck(monOnly, '2026-03-18');
    if (!a3.ok) expect(a3.message).toMatch(/choose a Monday\.$/);
  });

  it('R-HOURS: refuses malformed input with a typed error', () => {
    expect(() => isSchoolTime(school, '2026-3-16', '09:00', '10:00')).toThrow(DomainError);
    expect(() => isSchoolTime(school, '2026-03-16', '9', '10:00')).toThrow(/HH:MM/);
  });

  it('R-HOURS: a 09:00 session is 09:00 local either side of the clock change', () => {
    // School days either side of BST starting (29 March 2026) and ending (25 October 2026).
    for (const [d, instant] of [
      ['2026-03-27', '2026-03-27T09:00:00+00:00'],
      ['2026-04-14', '2026-04-14T09:00:00+01:00'],
      ['2026-10-23', '2026-10-23T09:00:00+01:00'],
      ['2026-11-02', '2026-11-02T09:00:00+00:00'],
    ] as const) {
      expect(isSchoolTime(school, d, '09:00', '10:00').ok).toBe(true);
      expect(toInstant(d, '09:00')).toBe(instant);
    }
  });

  it('R-HOURS: any time the calendar calls school time lies inside a session on a term day (property)', () => {
    const from = dayNumber('2025-08-01');
    const to = dayNumber('2028-08-31');
    fc.assert(
      fc.property(
        fc.integer({ min: from, max: to }),
        fc.integer({ min: 0, max: 24 * 60 - 2 }),
        fc.integer({ min: 1, max: 10 * 60 }),
        (day, startMin, length) => {
          const date = fromDayNumber(day);
          const start = timeFromMinutes(startMin);
          const end = timeFromMinutes(Math.min(startMin + length, 24 * 60 - 1));
          const answer = isSchoolTime(school, date, start, end);
          if (answer.ok) {
            const session = sessionOn(school.calendar, date);
            expect(session).toBeDefined();
            expect(termOn(school.calendar, date)).toBeDefined();
            expect(closureOn(school.calendar, date)).toBeUndefined();
            expect(weekdayOf(date)).toBeDefined();
            expect(minutesOfDay(start)).toBeGreaterThanOrEqual(minutesOfDay(session!.start));
            expect(minutesOfDay(end)).toBeLessThanOrEqual(minutesOfDay(session!.end));
            expect(minutesOfDay(end)).toBeGreaterThan(minutesOfDay(start));
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('school days', () => {
  it.each([
    // Thursday 2 April 2026 is the Easter holiday; 13 April the first day back.
    ['2026-03-26', 1, '2026-03-27'],
    ['2026-03-26', 2, '2026-04-13'],
    ['2026-03-27', 10, '2026-04-24'],
    ['2026-04-30', 1, '2026-05-01'],
    ['2026-05-01', 1, '2026-05-05'], // skips the early May bank holiday
    ['2026-03-16', 0, '2026-03-16'],
    ['2026-03-14', 1, '2026-03-16'],
  ])('%s + %i school days is %s', (date, n, expected) => {
    expect(addSchoolDays(school, date, n)).toBe(expected);
  });

  it('counts school days between two dates, both included', () => {
    expect(schoolDaysBetween(school, '2026-03-16', '2026-03-20')).toBe(5);
    expect(schoolDaysBetween(school, '2026-03-14', '2026-03-15')).toBe(0);
    expect(schoolDaysBetween(school, '2026-03-20', '2026-03-16')).toBe(0);
    expect(schoolDaysBetween(school, '2026-03-23', '2026-04-17')).toBe(10);
  });

  it('addSchoolDays and schoolDaysBetween agree (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: dayNumber('2025-09-01'), max: dayNumber('2027-06-01') }), fc.integer({ min: 0, max: 40 }), (day, n) => {
        const date = fromDayNumber(day);
        const later = addSchoolDays(school, date, n);
        expect(schoolDaysBetween(school, addDays(date, 1), later)).toBe(n);
        if (n > 0) expect(isSchoolDay(school, later)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('refuses a negative count and says when the calendar runs out', () => {
    expect(() => addSchoolDays(school, '2026-03-16', -1)).toThrow(RangeError);
    expect(() => addSchoolDays(school, '2028-07-20', 5)).toThrow(expect.objectContaining({ code: 'NO_SCHOOL_DAYS', rule: 'R-HOURS' }));
  });

  it('finds the first school day on or after a date', () => {
    expect(firstSchoolDayFrom(school, '2026-04-04')).toBe('2026-04-13');
    expect(firstSchoolDayFrom(school, '2026-03-16')).toBe('2026-03-16');
    expect(firstSchoolDayFrom(school, '2026-04-04', '2026-04-10')).toBeUndefined();
  });

  it('response deadline: N school days after arrival, never after the day before the encounter', () => {
    expect(responseDeadline(school, '2026-03-02T10:00:00Z')).toBe('2026-03-16');
    expect(responseDeadline(school, '2026-03-02T10:00:00Z', '2026-06-15')).toBe('2026-03-16');
    expect(responseDeadline(school, '2026-03-02T10:00:00Z', '2026-03-10')).toBe('2026-03-09');
    // Late in the evening UTC on 31 May is 1 June in London.
    expect(responseDeadline(school, '2026-05-31T23:30:00Z')).toBe(addSchoolDays(school, '2026-06-01', 10));
    expect(responseDeadline(school, '2026-03-02T10:00:00Z', '2026-03-02')).toBe('2026-03-02');
  });
});

describe('R-HOURS opportunity schedules', () => {
  const weekly: Opportunity = {
    id: 'opp-assembly',
    title: 'Tuesday assembly',
    sessionType: 'assembly',
    yearGroups: [10, 11],
    schedule: { kind: 'weekly', weekday: 'tue', start: '08:50', end: '09:20' },
    capacity: 1,
    venue: 'Main hall',
    facilities: ['projector'],
  };

  it('R-HOURS: expands a weekly slot, skipping holidays, bank holidays and closures', () => {
    const slots = expandOpportunity(school, weekly, '2026-03-16', '2026-04-30');
    expect(slots.map((s) => s.date)).toEqual(['2026-03-17', '2026-03-24', '2026-04-14', '2026-04-21', '2026-04-28']);
    expect(slots[0]).toEqual({ opportunityId: 'opp-assembly', date: '2026-03-17', start: '08:50', end: '09:20', capacity: 1, yearGroups: [10, 11] });
  });

  it('R-HOURS: respects the pattern’s own from and until, and drops slots outside the session', () => {
    const bounded = { ...weekly, schedule: { ...weekly.schedule, from: '2026-03-20', until: '2026-03-31' } } as Opportunity;
    expect(expandOpportunity(school, bounded, '2026-03-01', '2026-06-30').map((s) => s.date)).toEqual(['2026-03-24']);
    const late: Opportunity = { ...weekly, schedule: { kind: 'weekly', weekday: 'fri', start: '14:00', end: '15:00' } };
    expect(expandOpportunity(school, late, '2026-03-01', '2026-03-31')).toEqual([]);
    // 2 June 2026 is a Tuesday in term but the school is closed for exams 8–12 June.
    expect(expandOpportunity(school, weekly, '2026-06-01', '2026-06-12').map((s) => s.date)).toEqual(['2026-06-02']);
  });

  it('R-HOURS: a one-off opportunity gives its date only when in range and school time', () => {
    const once: Opportunity = { ...weekly, schedule: { kind: 'once', date: '2026-03-19', start: '13:00', end: '15:00' } };
    expect(expandOpportunity(school, once, '2026-03-01', '2026-03-31')).toHaveLength(1);
    expect(expandOpportunity(school, once, '2026-03-20', '2026-03-31')).toHaveLength(0);
    const holiday: Opportunity = { ...once, schedule: { kind: 'once', date: '2026-04-06', start: '13:00', end: '15:00' } };
    expect(expandOpportunity(school, holiday, '2026-03-01', '2026-04-30')).toHaveLength(0);
  });

  it('refuses a range that is too long', () => {
    expect(() => expandOpportunity(school, weekly, '2026-01-01', addDays('2026-01-01', MAX_EXPAND_DAYS + 1))).toThrow(
      expect.objectContaining({ code: 'RANGE_TOO_LONG' }),
    );
  });
});

describe('R-HOURS calendar settings', () => {
  it('accepts the demo calendar', () => {
    expect(validateCalendar(school.calendar)).toEqual([]);
  });

  it('R-HOURS: names every problem in a broken calendar', () => {
    const broken = {
      schoolDay: { mon: { start: '15:00', end: '09:00' }, tue: { start: '9', end: '15:00' } },
      terms: [
        { name: 'Autumn', start: '2026-12-01', end: '2026-09-01' },
        { name: '', start: '2026-13-01', end: '2026-12-01' },
        { name: '', start: '2027-02-01', end: '2027-01-01' },
      ],
      closures: [
        { start: '2026-10-02', end: '2026-10-01', reason: 'PARTY' },
        { start: 'soon', end: '2026-10-01', reason: 'INSET' },
      ],
    } as unknown as SchoolCalendar;
    const codes = validateCalendar(broken).map((v) => `${v.code}@${v.field}`);
    expect(codes).toEqual([
      'SESSION_END_BEFORE_START@schoolDay.mon',
      'TIME_FORMAT@schoolDay.tue',
      'TERM_END_BEFORE_START@terms.0',
      'DATE_FORMAT@terms.1',
      'TERM_END_BEFORE_START@terms.2',
      'CLOSURE_END_BEFORE_START@closures.0',
      'CLOSURE_REASON@closures.0.reason',
      'DATE_FORMAT@closures.1',
    ]);
    expect(validateCalendar({ schoolDay: {}, terms: [], closures: [] }).map((v) => v.code)).toEqual(['NO_SESSIONS']);
    for (const v of validateCalendar(broken)) expect(v.message).toMatch(/make|Write|Give|Add/);
  });
});

describe('isSchoolDay', () => {
  it('answers as schoolDayCheck(…).ok on every date of two years, and for a school with no Friday sessions', () => {
    const noFridays = { ...school, calendar: { ...school.calendar, schoolDay: { ...school.calendar.schoolDay, fri: undefined } } };
    for (const s of [school, noFridays]) {
      for (let d = '2026-08-01'; d <= '2028-08-31'; d = addDays(d, 1)) expect(isSchoolDay(s, d), d).toBe(schoolDayCheck(s, d).ok);
    }
  });
});

describe('lastSlotDate (the near search checks slots only at schools whose opportunities run to the dates)', () => {
  const base = { title: 'Talk', sessionType: 'assembly' as const, yearGroups: [10], capacity: 1, venue: 'Hall', facilities: [] };
  const once = (id: string, date: string): Opportunity => ({ ...base, id, schedule: { kind: 'once', date, start: '10:00', end: '11:00' } });
  const weekly = (id: string, until?: string): Opportunity => ({ ...base, id, schedule: { kind: 'weekly', weekday: 'wed', start: '10:00', end: '11:00', ...(until ? { until } : {}) } });

  it('is the latest date, open-ended for a weekly opportunity with no end, and none without opportunities', () => {
    expect(lastSlotDate([])).toBeUndefined();
    expect(lastSlotDate([once('a', '2027-03-01'), once('b', '2027-01-10')])).toBe('2027-03-01');
    expect(lastSlotDate([once('a', '2027-03-01'), weekly('w', '2027-05-26')])).toBe('2027-05-26');
    expect(lastSlotDate([weekly('w', '2027-05-26'), weekly('v')])).toBe(OPEN_ENDED);
  });

  it('is never before a slot the opportunities give', () => {
    const school = demoSchool();
    const day = fc.integer({ min: 0, max: 400 }).map((n) => addDays('2026-09-01', n));
    const opportunity = fc.oneof(
      day.map((d) => once('o', d)),
      fc.option(day, { nil: undefined }).map((until) => weekly('w', until)),
    );
    let slotsSeen = 0;
    fc.assert(
      fc.property(fc.array(opportunity, { maxLength: 4 }), day, (opportunities, from) => {
        const slots = opportunities.flatMap((o) => expandOpportunity(school, o, from, addDays(from, 60)));
        slotsSeen += slots.length;
        const last = lastSlotDate(opportunities);
        for (const slot of slots) expect(last !== undefined && slot.date <= last).toBe(true);
      }),
    );
    expect(slotsSeen).toBeGreaterThan(0);
  });
});

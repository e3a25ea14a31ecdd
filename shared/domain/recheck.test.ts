import { describe, expect, it } from 'vitest';
import { attentionProblems, bookingOf, recheckBooking, recheckRefusal, type Booking, type RequestForRecheck } from './recheck.ts';
import { demoSchool } from './test-fixtures.ts';
import type { Opportunity, School } from './types.ts';

// Tuesday 12 January 2027, in Spring term 1 of the fixture's calendar.
const TUESDAY = '2027-01-12';
const NOW = '2026-12-01T10:00:00Z';
const SAVED = '2026-12-03T09:15:00Z'; // when the school changed its settings

const school = (overrides: Partial<School> = {}) => ({ ...demoSchool(overrides), updatedAt: SAVED });
const booking = (overrides: Partial<Booking> = {}): Booking => ({ date: TUESDAY, start: '10:00', end: '10:45', yearGroups: [10], ...overrides });

const assembly: Opportunity = {
  id: 'y10-assembly',
  title: 'Year 10 assembly',
  sessionType: 'assembly',
  yearGroups: [10],
  schedule: { kind: 'weekly', weekday: 'tue', start: '08:50', end: '09:20' },
  capacity: 1,
  venue: 'Main hall',
  facilities: [],
};
const onSlot = booking({ start: '08:50', end: '09:20', slot: { opportunityId: 'y10-assembly', date: TUESDAY, start: '08:50' } });

const withClosure = (addedOn?: string) => {
  const base = demoSchool();
  return school({ calendar: { ...base.calendar, closures: [...base.calendar.closures, { start: TUESDAY, end: TUESDAY, reason: 'INSET', ...(addedOn ? { addedOn } : {}) }] } });
};

describe('recheckBooking: every applicable rule against the school as it is now', () => {
  it('finds nothing when nothing changed', () => {
    expect(recheckBooking(school(), undefined, booking(), NOW)).toEqual([]);
    expect(recheckBooking(school(), assembly, onSlot, NOW)).toEqual([]);
  });

  it('R-HOURS: a closure added on the date, saying when it was added', () => {
    const [problem, ...rest] = recheckBooking(withClosure('2026-12-03'), undefined, booking(), NOW);
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ rule: 'R-HOURS', code: 'NOT_SCHOOL_DAY', field: 'date', message: 'Tuesday 12 January 2027 is now an INSET day (closure added 3 December 2026).' });
    // A closure from before closures were dated says what it is, without a date.
    expect(recheckBooking(withClosure(), undefined, booking(), NOW)[0]?.message).toBe('Tuesday 12 January 2027 is an INSET day, in the school’s closures.');
  });

  it('R-HOURS: a term change that leaves the date outside term time', () => {
    const base = demoSchool();
    const terms = base.calendar.terms.map((t) => (t.start === '2027-01-04' ? { ...t, end: '2027-01-08' } : t));
    const [problem] = recheckBooking(school({ calendar: { ...base.calendar, terms } }), undefined, booking(), NOW);
    expect(problem).toMatchObject({ rule: 'R-HOURS', message: 'Tuesday 12 January 2027 is now outside term time (settings changed 3 December 2026).' });
  });

  it('R-HOURS: a shorter school day, or none on that weekday', () => {
    const base = demoSchool();
    const late = booking({ start: '14:15', end: '15:00' });
    const shorter = school({ calendar: { ...base.calendar, schoolDay: { ...base.calendar.schoolDay, tue: { start: '08:40', end: '14:30' } } } });
    expect(recheckBooking(shorter, undefined, late, NOW)).toEqual([
      expect.objectContaining({
        rule: 'R-HOURS',
        code: 'OUTSIDE_SESSION',
        message: 'The school day on Tuesdays now ends at 2:30pm (settings changed 3 December 2026); this booking is from 2:15pm to 3pm.',
      }),
    ]);
    const later = school({ calendar: { ...base.calendar, schoolDay: { ...base.calendar.schoolDay, tue: { start: '10:30', end: '15:10' } } } });
    expect(recheckBooking(later, undefined, booking(), NOW)[0]?.message).toMatch(/^The school day on Tuesdays now starts at 10:30am /);
    const { tue: _tue, ...noTuesday } = base.calendar.schoolDay;
    expect(recheckBooking(school({ calendar: { ...base.calendar, schoolDay: noTuesday } }), undefined, booking(), NOW)[0]?.message).toBe(
      'The school now has no sessions on Tuesdays (settings changed 3 December 2026).',
    );
  });

  it('R-TAUGHT: a year group the school no longer teaches', () => {
    const [problem] = recheckBooking(school({ yearGroups: [7, 8, 9, 10, 11] }), undefined, booking({ yearGroups: [11, 12] }), NOW);
    expect(problem).toMatchObject({ rule: 'R-TAUGHT', code: 'YEAR_NOT_TAUGHT', field: 'yearGroups', message: 'Riverside Academy no longer teaches Year 12, which this booking is for (school record updated 3 December 2026).' });
  });

  it("R-HOURS: a booking still at its slot's time follows the opportunity's time, naming the new time", () => {
    const moved = { ...assembly, schedule: { ...assembly.schedule, start: '09:00', end: '09:30' } };
    expect(recheckBooking(school(), moved, onSlot, NOW)).toEqual([
      expect.objectContaining({ rule: 'R-HOURS', code: 'SLOT_TIME_CHANGED', message: '“Year 10 assembly” on Tuesday 12 January 2027 now runs from 9am to 9:30am; this booking is from 8:50am to 9:20am.' }),
    ]);
    const wednesdays = { ...assembly, schedule: { kind: 'weekly' as const, weekday: 'wed' as const, start: '09:00', end: '09:30' } };
    expect(recheckBooking(school(), wednesdays, onSlot, NOW)[0]).toMatchObject({ code: 'SLOT_MOVED', message: expect.stringMatching(/is now on Wednesdays from 9am to 9:30am, so it has no slot on Tuesday 12 January 2027/) });
    // Removed opportunities and bookings moved off their slot stand on their own time.
    expect(recheckBooking(school(), undefined, onSlot, NOW)).toEqual([]);
    expect(recheckBooking(school(), moved, { ...onSlot, slot: undefined }, NOW)).toEqual([]);
  });

  it('R-NOTICE only as "not in the past": raising the notice or shortening the window later breaks nothing', () => {
    expect(recheckBooking(school({ rules: { ...demoSchool().rules, minimumNoticeDays: 180, bookingWindowDays: 30 } }), undefined, booking(), NOW)).toEqual([]);
    expect(recheckBooking(school(), undefined, booking(), '2027-01-12T12:00:00Z')).toEqual([
      expect.objectContaining({ rule: 'R-NOTICE', code: 'IN_THE_PAST', message: 'This booking’s time, Tuesday 12 January 2027 at 10am, has already passed.' }),
    ]);
  });

  it('gives a different key for a different change, the same key for the same one', () => {
    const base = demoSchool();
    const endsAt = (end: string) => school({ calendar: { ...base.calendar, schoolDay: { ...base.calendar.schoolDay, tue: { start: '08:40', end } } } });
    const late = booking({ start: '14:15', end: '15:00' });
    const key = (s: ReturnType<typeof school>) => recheckBooking(s, undefined, late, NOW)[0]?.key;
    expect(key(endsAt('14:30'))).toBe(key({ ...endsAt('14:30'), updatedAt: '2027-01-01T10:00:00Z' }));
    expect(key(endsAt('14:30'))).not.toBe(key(endsAt('14:00')));
  });
});

describe('bookingOf and attentionProblems', () => {
  const request = (overrides: Partial<RequestForRecheck> = {}): RequestForRecheck => ({ status: 'approved', ...onSlot, ...overrides });

  it("checks the school's proposal while the provider holds it, and the slot only while the booking is at its time", () => {
    const alternative = { date: '2027-01-13', start: '11:00', end: '11:30' };
    expect(bookingOf(request({ status: 'alternative_proposed', alternative }))).toEqual({ ...alternative, yearGroups: [10] });
    expect(bookingOf(request())).toHaveProperty('slot');
    expect(bookingOf(request({ date: '2027-01-19' }))).not.toHaveProperty('slot');
  });

  it('flags live bookings still to come, without R-NOTICE and without what the lead kept', () => {
    const closed = withClosure('2026-12-03');
    const [problem] = attentionProblems(closed, assembly, request(), NOW);
    expect(problem?.rule).toBe('R-HOURS');
    expect(attentionProblems(closed, assembly, request({ keptProblems: [problem!.key] }), NOW)).toEqual([]);
    // A new, different problem flags a kept booking again.
    const shorter = { ...closed, yearGroups: [7, 8, 9] };
    expect(attentionProblems(shorter, assembly, request({ keptProblems: [problem!.key] }), NOW).map((p) => p.rule)).toEqual(['R-TAUGHT']);
    expect(attentionProblems(closed, assembly, request({ status: 'cancelled' }), NOW)).toEqual([]);
    // Today, already started: still on a closed day, but its time passing is no problem to resolve.
    expect(attentionProblems(closed, assembly, request(), '2027-01-12T10:00:00Z').map((p) => p.rule)).toEqual(['R-HOURS']);
    expect(attentionProblems(school(), assembly, request(), '2027-01-12T10:00:00Z')).toEqual([]);
    expect(attentionProblems(closed, assembly, request(), '2027-01-13T10:00:00Z')).toEqual([]);
  });

  it('recheckRefusal: one 422 with the rule, the change and what to do instead', () => {
    expect(recheckRefusal([], 'x')).toBeUndefined();
    const err = recheckRefusal(recheckBooking(withClosure('2026-12-03'), undefined, booking(), NOW), 'Propose another time or decline the request.');
    expect(err).toMatchObject({ code: 'NOT_SCHOOL_DAY', rule: 'R-HOURS', fields: { date: expect.stringMatching(/INSET day/) } });
    expect(err?.message).toBe('Tuesday 12 January 2027 is now an INSET day (closure added 3 December 2026). Propose another time or decline the request.');
  });
});

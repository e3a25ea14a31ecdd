import { describe, expect, it } from 'vitest';
import { checkOpportunities, checkSettings, datedClosures, DEFAULT_GROUNDS_FOR_REFUSING, opportunityWarnings, profileFieldsOf, settingsOf } from './settings.ts';
import { demoSchool } from './test-fixtures.ts';
import type { Opportunity } from './types.ts';

const school = demoSchool();
const settings = settingsOf(school);

function opp(overrides: Partial<Opportunity> = {}): Opportunity {
  return {
    id: 'y10-assembly',
    title: 'Year 10 assembly',
    sessionType: 'assembly',
    yearGroups: [10],
    schedule: { kind: 'weekly', weekday: 'tue', start: '08:50', end: '09:20' },
    capacity: 1,
    venue: 'Main hall',
    facilities: [],
    ...overrides,
  };
}

describe('school settings', () => {
  it('round-trips between the profile and the settings, with defaults for missing fields', () => {
    expect(profileFieldsOf(settings)).toEqual({ calendar: school.calendar, rules: school.rules, groundsForRefusing: school.groundsForRefusing, premises: school.premises, careersLead: school.careersLead });
    expect(settingsOf({ ...school, groundsForRefusing: [] }).groundsForRefusing).toEqual(DEFAULT_GROUNDS_FOR_REFUSING);
    expect(checkSettings(settings)).toEqual([]);
  });

  it('R-HOURS: names the input to correct: a session, term or closure ending before it starts, and overlapping terms', () => {
    const bad = {
      ...settings,
      schoolDay: { ...settings.schoolDay, wed: { start: '15:00', end: '09:00' } },
      terms: [{ name: 'Autumn', start: '2026-09-02', end: '2026-08-01' }, { name: 'A', start: '2026-01-01', end: '2026-03-01' }, { name: 'B', start: '2026-02-01', end: '2026-04-01' }],
      closures: [{ start: '2026-10-02', end: '2026-10-01', reason: 'INSET' as const }],
    };
    const fields = checkSettings(bad).map((v) => [v.field, v.code]);
    expect(fields).toEqual([
      ['schoolDay.wed.end', 'SESSION_END_BEFORE_START'],
      ['terms.0.end', 'TERM_END_BEFORE_START'],
      ['closures.0.end', 'CLOSURE_END_BEFORE_START'],
      ['terms.2.start', 'TERMS_OVERLAP'],
    ]);
  });

  it('R-NOTICE: the booking window must reach beyond the minimum notice; grounds are not repeated', () => {
    const v = checkSettings({ ...settings, minimumNoticeDays: 60, bookingWindowDays: 60, groundsForRefusing: ['Not enough notice', 'not enough notice '] });
    expect(v.map((x) => [x.field, x.rule])).toEqual([
      ['bookingWindowDays', 'R-NOTICE'],
      ['groundsForRefusing.1', 'P-DETAILS'],
    ]);
  });
});

describe('closures are dated when added (issue 11)', () => {
  it('a new closure gets today, an existing one keeps its date (or none), whatever the client sends', () => {
    const before = [
      { start: '2027-01-04', end: '2027-01-04', reason: 'INSET' as const },
      { start: '2027-03-01', end: '2027-03-01', reason: 'TRIP' as const, addedOn: '2026-10-01' },
    ];
    const after = [
      { ...before[0]!, note: 'Staff training', addedOn: '2020-01-01' },
      { ...before[1]!, addedOn: '2026-12-25' },
      { start: '2027-01-12', end: '2027-01-12', reason: 'INSET' as const, addedOn: '2020-01-01' },
      { start: '2027-03-01', end: '2027-03-02', reason: 'TRIP' as const },
    ];
    expect(datedClosures(before, after, '2026-12-03')).toEqual([
      { start: '2027-01-04', end: '2027-01-04', reason: 'INSET', note: 'Staff training' },
      { start: '2027-03-01', end: '2027-03-01', reason: 'TRIP', addedOn: '2026-10-01' },
      { start: '2027-01-12', end: '2027-01-12', reason: 'INSET', addedOn: '2026-12-03' },
      { start: '2027-03-01', end: '2027-03-02', reason: 'TRIP', addedOn: '2026-12-03' },
    ]);
  });
});

describe('opportunities', () => {
  it('accepts weekly and one-off opportunities inside the school day', () => {
    expect(checkOpportunities(school, [opp(), opp({ id: 'fair', schedule: { kind: 'once', date: '2026-11-19', start: '13:00', end: '15:00' } })])).toEqual([]);
  });

  it('R-YEARS, R-TAUGHT, R-HOURS, R-REASONABLE: every problem at its field', () => {
    const middle = demoSchool({ yearGroups: [5, 6, 7, 8] });
    const v = checkOpportunities(middle, [
      opp({ yearGroups: [7, 9] }),
      opp({ id: 'early', yearGroups: [8], schedule: { kind: 'weekly', weekday: 'fri', start: '07:00', end: '14:45' } }),
      opp({ id: 'early', yearGroups: [8], schedule: { kind: 'once', date: '2026-11-21', start: '10:00', end: '10:05' } }),
    ]);
    expect(v.map((x) => [x.field, x.code, x.rule])).toEqual([
      ['0.yearGroups', 'YEAR_NOT_COVERED', 'R-YEARS'],
      ['0.yearGroups', 'YEAR_NOT_TAUGHT', 'R-TAUGHT'],
      ['1.schedule.start', 'OUTSIDE_SESSION', 'R-HOURS'],
      ['1.schedule.end', 'OUTSIDE_SESSION', 'R-HOURS'],
      ['2.id', 'DUPLICATE_ID', 'P-DETAILS'],
      ['2.schedule.end', 'DURATION_TOO_SHORT', 'R-REASONABLE'],
      ['2.schedule.date', 'NOT_SCHOOL_DAY', 'R-HOURS'],
    ]);
    expect(v[2]?.message).toBe('On Fridays the school day runs from 8:40am to 2:30pm; start at 8:40am or later, and before 2:30pm.');
  });

  it('a weekday without school is refused for a weekly opportunity and warned about after the fact', () => {
    const noWednesday = demoSchool({ calendar: { ...school.calendar, schoolDay: { ...school.calendar.schoolDay, wed: undefined } } });
    const wed = opp({ schedule: { kind: 'weekly', weekday: 'wed', start: '09:00', end: '10:00' } });
    expect(checkOpportunities(noWednesday, [wed]).map((v) => v.field)).toEqual(['0.schedule.weekday']);
    const past = opp({ id: 'past', schedule: { kind: 'once', date: '2026-01-05', start: '09:00', end: '10:00' } });
    expect(opportunityWarnings(noWednesday, [wed, past], '2026-03-01')).toEqual([
      { code: 'NO_SCHOOL_THAT_DAY', opportunityId: 'y10-assembly', message: expect.stringMatching(/^"Year 10 assembly" gives no slots now: the school day has no session times on Wednesdays/) },
    ]);
  });
});

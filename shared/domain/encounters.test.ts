import { describe, expect, it } from 'vitest';
import { completeSplitSets, isEligibleEncounter, palShortfalls, withinSchoolHours } from './encounters.ts';
import { demoSchool } from './test-fixtures.ts';

const school = demoSchool();
const facts = { delivered: true, contentConfirmed: true, yearGroups: [9, 10], date: '2026-03-04', start: '09:00', end: '10:00' };

describe('eligible provider access encounter (the Compass+ flag)', () => {
  it('delivered, all four items, Years 8–13 only, inside the school day', () => {
    expect(isEligibleEncounter(school, facts)).toBe(true);
    expect(isEligibleEncounter(school, { ...facts, delivered: false })).toBe(false);
    expect(isEligibleEncounter(school, { ...facts, contentConfirmed: false })).toBe(false);
    expect(isEligibleEncounter(school, { ...facts, yearGroups: [7, 8] })).toBe(false);
    expect(isEligibleEncounter(school, { ...facts, yearGroups: [] })).toBe(false);
    expect(isEligibleEncounter(school, { ...facts, start: '17:00', end: '18:00' })).toBe(false);
  });

  it('school hours: the weekday’s session, never a weekend or bank holiday', () => {
    expect(withinSchoolHours(school, '2026-03-06', '14:00', '14:30')).toBe(true); // Friday ends 14:30
    expect(withinSchoolHours(school, '2026-03-06', '14:00', '14:45')).toBe(false);
    expect(withinSchoolHours(school, '2026-03-07', '10:00', '11:00')).toBe(false); // Saturday
    expect(withinSchoolHours(school, '2026-05-04', '10:00', '11:00')).toBe(false); // early May bank holiday
    expect(withinSchoolHours(school, '2026-03-04', '08:30', '09:00')).toBe(false); // before 08:40
  });

  it('says which rule each shortfall breaks (the CSV\'s "why not" column)', () => {
    expect(palShortfalls(school, facts)).toEqual([]);
    const rules = (over: Partial<typeof facts> & Record<string, unknown>) => palShortfalls(school, { ...facts, ...over }).map((s) => s.rule);
    expect(rules({ delivered: false })).toEqual(['P-STATE']);
    expect(rules({ providerType: 'sixth_form' })).toEqual(['R-PROVIDER']);
    expect(rules({ providerType: 'fe_college' })).toEqual([]);
    expect(rules({ yearGroups: [7] })).toEqual(['R-YEARS']);
    expect(rules({ start: '17:00', end: '18:00' })).toEqual(['R-HOURS']);
    expect(rules({ contentConfirmed: false })).toEqual(['R-CONTENT']);
    // A session of a carousel counts once its set reaches the whole year group (R-WHOLE).
    expect(rules({ split: { session: 2, sessions: 3 } })).toEqual(['R-WHOLE']);
    expect(rules({ split: { session: 2, sessions: 3 }, splitComplete: true })).toEqual([]);
    expect(rules({ delivered: false, yearGroups: [7], contentConfirmed: false, start: '17:00', end: '18:00' })).toEqual(['P-STATE', 'R-YEARS', 'R-HOURS']);
  });

  it('complete sets of sessions: per provider and number of sessions, delivered ones only', () => {
    const s = (id: string, providerId: string, session: number, sessions: number, delivered = true) => ({ id, providerId, delivered, split: { session, sessions } });
    const rows = [
      s('a1', 'A', 1, 2),
      s('a2', 'A', 2, 2),
      s('a3', 'A', 1, 2), // a second carousel, its session 2 still to come
      s('b1', 'B', 1, 3),
      s('b2', 'B', 2, 3),
      s('b3', 'B', 3, 3, false),
      s('c2', 'C', 2, 2), // no session 1
      { id: 'w', providerId: 'A', delivered: true },
    ];
    expect([...completeSplitSets(rows)].sort()).toEqual(['a1', 'a2']);
  });
});

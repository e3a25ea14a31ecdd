import { describe, expect, it } from 'vitest';
import { isEligibleEncounter, withinSchoolHours } from './encounters.ts';
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
});

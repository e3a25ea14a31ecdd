import { describe, expect, it } from 'vitest';
import { buildStatement, isReviewDue, nextReviewDate, REQUEST_MUST_INCLUDE, requestUrlOf } from './statement.ts';
import { demoSchool } from './test-fixtures.ts';
import type { Opportunity } from './types.ts';

const approval = { approvedBy: 'The governing board', approvedOn: '2026-09-15' };
const site = { siteUrl: 'https://provider-access.example/' };
const opportunities: Opportunity[] = [
  { id: 'y8', title: 'Year 8 careers lesson', sessionType: 'class_discussion', yearGroups: [8], schedule: { kind: 'weekly', weekday: 'thu', start: '13:30', end: '14:30' }, capacity: 2, venue: 'Humanities block', facilities: [] },
  { id: 'fair', title: 'Careers fair', sessionType: 'careers_fair', yearGroups: [11, 12], schedule: { kind: 'once', date: '2027-03-10', start: '09:00', end: '12:00' }, capacity: 20, venue: 'Main hall', facilities: [] },
];

describe('S-REVIEW dates', () => {
  it('the next review is a year after approval; 29 February is followed by 28 February', () => {
    expect(nextReviewDate('2026-09-15')).toBe('2027-09-15');
    expect(nextReviewDate('2028-02-29')).toBe('2029-02-28');
    expect(nextReviewDate('2027-02-28')).toBe('2028-02-28');
  });

  it('is due on the review date and after, not before', () => {
    expect(isReviewDue({ nextReviewOn: '2027-09-15' }, '2027-09-14')).toBe(false);
    expect(isReviewDue({ nextReviewOn: '2027-09-15' }, '2027-09-15')).toBe(true);
    expect(isReviewDue({ nextReviewOn: '2027-09-15' }, '2028-01-01')).toBe(true);
  });
});

describe('buildStatement: every S-* section from the settings', () => {
  const school = demoSchool({ rules: { minimumNoticeDays: 42, bookingWindowDays: 365, responseDeadlineSchoolDays: 7, pendingHoldsPlace: true } });
  const s = buildStatement(school, opportunities, approval, site);

  it('S-PROCEDURE: the lead, the online link, what to include, notice and response time', () => {
    expect(s.procedure.careersLead).toEqual({ name: 'Sam Patel', email: 'careers@riverside.example', phone: '01234 567890' });
    expect(s.procedure.requestUrl).toBe('https://provider-access.example/school/?urn=100001');
    expect(requestUrlOf('https://x.example', '123456')).toBe('https://x.example/school/?urn=123456');
    expect(s.procedure.mustInclude).toEqual(REQUEST_MUST_INCLUDE);
    expect(s.procedure).toMatchObject({ minimumNoticeDays: 42, responseSchoolDays: 7, bookingWindowDays: 365 });
  });

  it('S-GROUNDS: granting in the school’s numbers; refusing is the school’s own list', () => {
    expect(s.grounds.refusing).toEqual(school.groundsForRefusing);
    expect(s.grounds.granting.join(' ')).toContain('Years 8 to 13');
    expect(s.grounds.granting.join(' ')).toContain('at least 42 days ahead');
  });

  it('S-PREMISES and S-REVIEW', () => {
    expect(s.premises).toBe(school.premises);
    expect(s.review).toEqual({ approvedBy: 'The governing board', approvedOn: '2026-09-15', nextReviewOn: '2027-09-15' });
  });

  it('S-OPPORTUNITIES: each opportunity under every key phase it serves, and how each phase gets two', () => {
    expect(s.opportunities.map((p) => [p.phase, p.opportunities.map((o) => o.title)])).toEqual([
      [1, ['Year 8 careers lesson']],
      [2, ['Careers fair']],
      [3, ['Careers fair']],
    ]);
    expect(s.opportunities[0]?.howTwoEncounters).toContain('any time in Year 8, or from 1 September to 28 February in Year 9');
    expect(s.opportunities[2]?.howTwoEncounters).toContain('pupils choose whether to attend');
    expect(s.opportunities[0]?.opportunities[0]?.when).toBe('Thursdays, 1:30pm to 2:30pm, in term time');
  });

  it("pupils' entitlement: two per phase taught, the four items, whole year groups, the school day", () => {
    expect(s.entitlement.summary).toContain('Years 8 to 13');
    expect(s.entitlement.contentItems).toHaveLength(4);
    expect(s.entitlement.wholeYearGroups).toContain('whole year groups');
    expect(s.entitlement.schoolDay[4]).toEqual({ day: 'Friday', start: '08:40', end: '14:30' });
  });

  it('a middle school with Year 8 only: phase 1 alone, said plainly; a primary: no phases', () => {
    const middle = buildStatement(demoSchool({ yearGroups: [5, 6, 7, 8] }), [], approval, site);
    expect(middle.opportunities.map((p) => p.phase)).toEqual([1]);
    expect(middle.opportunities[0]?.howTwoEncounters).toContain('while they are with us in Year 8');
    expect(middle.opportunities[0]?.howTwoEncounters).toContain('providers may propose a date and time');
    const primary = buildStatement(demoSchool({ yearGroups: [0, 1, 2, 3, 4, 5, 6] }), [], approval, site);
    expect(primary.opportunities).toEqual([]);
    expect(primary.grounds.granting).toEqual([]);
    expect(primary.entitlement.summary).toContain('teaches none of Years 8 to 13');
  });

  it('is plain data: a published copy survives JSON unchanged', () => {
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });
});

// No two approved encounters overlap for a year group on a day, except encounters in one
// slot of an opportunity (a careers fair's stands), which are one event for the pupils.
import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.ts';
import { bookYearGroups, releaseYearGroups, slotKey, type YearGroupDay } from './year-group-days.ts';

const fair = slotKey({ opportunityId: 'fair', date: '2027-01-20', time: '13:00' });
const day = (intervals: YearGroupDay['intervals']): YearGroupDay[] => [{ date: '2027-01-20', yearGroup: 11, intervals }];

describe('year-group days (P-SLOT)', () => {
  it('refuses an overlap, naming the year group and the time taken', () => {
    const booked = day([{ start: '13:00', end: '13:45', requestId: 'a' }]);
    let refusal: unknown;
    try {
      bookYearGroups(booked, { start: '13:30', end: '14:00', requestId: 'b' });
    } catch (err) {
      refusal = err;
    }
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal).toMatchObject({ code: 'YEAR_GROUP_BUSY', message: 'Year 11 already has an approved encounter on Wednesday 20 January 2027 from 1pm to 1:45pm; choose another time.' });
    expect(bookYearGroups(booked, { start: '13:45', end: '14:15', requestId: 'b' })[0]?.intervals).toHaveLength(2); // touching is fine
  });

  it('lets encounters in the same slot share the time, but not a time of their own, nor another slot', () => {
    const booked = day([{ start: '13:00', end: '13:45', requestId: 'a', slot: fair }]);
    expect(bookYearGroups(booked, { start: '13:00', end: '13:45', requestId: 'b', slot: fair })[0]?.intervals.map((i) => i.requestId)).toEqual(['a', 'b']);
    expect(() => bookYearGroups(booked, { start: '13:00', end: '13:45', requestId: 'c' })).toThrow(/already has an approved encounter/);
    const other = slotKey({ opportunityId: 'assembly', date: '2027-01-20', time: '13:00' });
    expect(() => bookYearGroups(booked, { start: '13:00', end: '13:45', requestId: 'd', slot: other })).toThrow(/already has an approved encounter/);
  });

  it('rebooking the same request replaces its interval; releasing takes it off', () => {
    const booked = day([{ start: '13:00', end: '13:45', requestId: 'a' }]);
    expect(bookYearGroups(booked, { start: '13:15', end: '14:00', requestId: 'a' })[0]?.intervals).toEqual([{ start: '13:15', end: '14:00', requestId: 'a' }]);
    expect(releaseYearGroups(booked, 'a')[0]?.intervals).toEqual([]);
  });
});

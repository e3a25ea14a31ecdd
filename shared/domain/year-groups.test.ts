import { describe, expect, it } from 'vitest';
import {
  formatYearGroups,
  isProviderAccessYear,
  offersProviderAccess,
  providerAccessYears,
  yearGroupLabel,
  yearGroupsFromAges,
} from './year-groups.ts';
import { academicYearBounds, academicYearLabel, academicYearOf } from './academic-year.ts';

describe('year groups from statutory ages (GIAS)', () => {
  it.each([
    [11, 16, [7, 8, 9, 10, 11], [8, 9, 10, 11]],
    [11, 18, [7, 8, 9, 10, 11, 12, 13], [8, 9, 10, 11, 12, 13]],
    [11, 19, [7, 8, 9, 10, 11, 12, 13], [8, 9, 10, 11, 12, 13]],
    [9, 13, [5, 6, 7, 8], [8]],
    [4, 11, [0, 1, 2, 3, 4, 5, 6], []],
    [3, 11, [0, 1, 2, 3, 4, 5, 6], []],
    [2, 18, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13], [8, 9, 10, 11, 12, 13]],
    [14, 19, [10, 11, 12, 13], [10, 11, 12, 13]],
    [16, 19, [12, 13], [12, 13]],
    [13, 13, [], []],
  ])('R-TAUGHT: ages %i–%i teach %j; provider access %j', (low, high, taught, access) => {
    const yearGroups = yearGroupsFromAges(low, high);
    expect(yearGroups).toEqual(taught);
    expect(providerAccessYears({ yearGroups })).toEqual(access);
    expect(offersProviderAccess({ yearGroups })).toBe(access.length > 0);
  });

  it.each([
    [7, false],
    [8, true],
    [13, true],
    [14, false],
    [8.5, false],
  ])('R-YEARS: Year %s is covered: %s', (year, covered) => {
    expect(isProviderAccessYear(year)).toBe(covered);
  });

  it('providerAccessYears dedupes and sorts', () => {
    expect(providerAccessYears({ yearGroups: [13, 8, 8, 7, 12] })).toEqual([8, 12, 13]);
  });

  it.each([
    [[], 'no year groups'],
    [[9], 'Year 9'],
    [[0], 'Reception'],
    [[8, 9], 'Years 8 and 9'],
    [[8, 9, 10, 11], 'Years 8 to 11'],
    [[8, 10, 12], 'Years 8, 10 and 12'],
    [[8, 9, 10, 12, 13], 'Years 8 to 10, 12 and 13'],
    [[0, 1, 2, 3], 'Reception and Years 1 to 3'],
    [[0, 5], 'Reception and Year 5'],
  ])('formatYearGroups(%j) is "%s"', (years, text) => {
    expect(formatYearGroups(years)).toBe(text);
  });

  it('labels', () => {
    expect(yearGroupLabel(0)).toBe('Reception');
    expect(yearGroupLabel(7)).toBe('Year 7');
  });
});

describe('academic year (1 September to 31 August)', () => {
  it.each([
    ['2026-08-31', 2025],
    ['2026-09-01', 2026],
    ['2027-02-28', 2026],
    ['2026-01-01', 2025],
  ])('%s is in the academic year starting %i', (date, year) => {
    expect(academicYearOf(date)).toBe(year);
  });

  it('labels and bounds', () => {
    expect(academicYearLabel(2026)).toBe('2026/27');
    expect(academicYearLabel(2099)).toBe('2099/00');
    expect(academicYearBounds(2026)).toEqual({ start: '2026-09-01', end: '2027-08-31' });
  });
});

// Year groups: which a school teaches (from the statutory ages in a GIAS extract) and which
// of those provider access covers (R-YEARS, R-TAUGHT).
import type { School, YearGroup } from './types.ts';

/** R-YEARS: provider access applies to Years 8 to 13 only. */
export const PROVIDER_ACCESS_YEARS: readonly YearGroup[] = [8, 9, 10, 11, 12, 13];
export const FIRST_PROVIDER_ACCESS_YEAR = 8;
export const LAST_PROVIDER_ACCESS_YEAR = 13;

const RECEPTION = 0;
const YEAR_13 = 13;

/**
 * The year groups a school teaches from its statutory low and high ages. A pupil aged
 * 11 on 1 September is in Year 7, so Year = age − 4; the ages taught run low..high−1
 * (an 11–16 school teaches pupils aged 11 to 15: Years 7–11). Nursery ages (below
 * Reception) and anything beyond Year 13 are dropped.
 */
export function yearGroupsFromAges(lowAge: number, highAge: number): YearGroup[] {
  const years: YearGroup[] = [];
  for (let age = Math.ceil(lowAge); age < highAge; age++) {
    const year = age - 4;
    if (year >= RECEPTION && year <= YEAR_13) years.push(year);
  }
  return years;
}

export function isProviderAccessYear(year: YearGroup): boolean {
  return Number.isInteger(year) && year >= FIRST_PROVIDER_ACCESS_YEAR && year <= LAST_PROVIDER_ACCESS_YEAR;
}

/** R-TAUGHT ∩ R-YEARS: the years a provider may ask for at this school, ascending. */
export function providerAccessYears(school: Pick<School, 'yearGroups'>): YearGroup[] {
  return [...new Set(school.yearGroups)].filter(isProviderAccessYear).sort((a, b) => a - b);
}

/** A school teaching none of Years 8–13 takes no provider access requests (R-TAUGHT). */
export function offersProviderAccess(school: Pick<School, 'yearGroups'>): boolean {
  return providerAccessYears(school).length > 0;
}

/** 'Reception' or 'Year 9'. */
export function yearGroupLabel(year: YearGroup): string {
  return year === RECEPTION ? 'Reception' : `Year ${year}`;
}

/**
 * Year groups in words for messages: 'Year 8', 'Years 8 to 11', 'Years 8, 10 and 12',
 * 'Years 8 to 10 and 12'.
 */
export function formatYearGroups(years: readonly YearGroup[]): string {
  const sorted = [...new Set(years)].sort((a, b) => a - b);
  if (sorted.length === 0) return 'no year groups';
  if (sorted[0] === RECEPTION) {
    return sorted.length === 1 ? 'Reception' : `Reception and ${formatYearGroups(sorted.slice(1))}`;
  }
  if (sorted.length === 1) return yearGroupLabel(sorted[0] as YearGroup);
  const runs: string[] = [];
  let start = sorted[0] as YearGroup;
  let prev = start;
  const flush = () => {
    if (prev === start) runs.push(String(start));
    else if (prev === start + 1) runs.push(`${start}`, `${prev}`);
    else runs.push(`${start} to ${prev}`);
  };
  for (const y of sorted.slice(1)) {
    if (y !== prev + 1) {
      flush();
      start = y;
    }
    prev = y;
  }
  flush();
  const list = runs.length === 1 ? runs[0] : `${runs.slice(0, -1).join(', ')} and ${runs[runs.length - 1]}`;
  return `Years ${list}`;
}

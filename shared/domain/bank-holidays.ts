// Bank holidays of England and Wales, generated from the Banking and Financial Dealings
// Act 1971 pattern plus the one-off changes made by royal proclamation. Generating them
// keeps the calendar right for any year without a yearly data update; the proclamation
// list is the only part that needs editing when a new one-off day is announced.
import {
  addDays,
  isWeekend,
  lastDayOfWeekInMonth,
  makeDate,
  nextDayOfWeek,
  dateParts,
  formatDateShort,
} from './dates.ts';
import type { BankHoliday, IsoDate, PublishedBankHolidays } from './types.ts';

export type { BankHoliday, PublishedBankHolidays } from './types.ts';

/** Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return makeDate(year, month, day);
}

interface Proclamation {
  /** A regular holiday this year that did not happen (moved or replaced). */
  remove?: IsoDate;
  add: BankHoliday[];
}

/** One-off changes by proclamation, keyed by year. */
const PROCLAMATIONS: Record<number, Proclamation[]> = {
  1995: [{ remove: '1995-05-01', add: [{ date: '1995-05-08', name: 'Early May bank holiday (VE Day)' }] }],
  1999: [{ add: [{ date: '1999-12-31', name: 'Millennium celebrations' }] }],
  2002: [
    { remove: '2002-05-27', add: [{ date: '2002-06-04', name: 'Spring bank holiday' }] },
    { add: [{ date: '2002-06-03', name: 'Golden Jubilee bank holiday' }] },
  ],
  2011: [{ add: [{ date: '2011-04-29', name: 'Royal wedding' }] }],
  2012: [
    { remove: '2012-05-28', add: [{ date: '2012-06-04', name: 'Spring bank holiday' }] },
    { add: [{ date: '2012-06-05', name: 'Queen’s Diamond Jubilee' }] },
  ],
  2020: [{ remove: '2020-05-04', add: [{ date: '2020-05-08', name: 'Early May bank holiday (VE day)' }] }],
  2022: [
    { remove: '2022-05-30', add: [{ date: '2022-06-02', name: 'Spring bank holiday' }] },
    { add: [{ date: '2022-06-03', name: 'Platinum Jubilee bank holiday' }] },
    { add: [{ date: '2022-09-19', name: 'Bank Holiday for the State Funeral of Queen Elizabeth II' }] },
  ],
  2023: [{ add: [{ date: '2023-05-08', name: 'Bank holiday for the coronation of King Charles III' }] }],
};

/**
 * The fixed-date holidays: each one on a weekend moves to the next weekday not already a
 * holiday. Weekday holidays are placed first, so when Christmas is a Sunday, Boxing Day
 * keeps Monday 26 and Christmas moves to Tuesday 27; when Christmas is a Saturday,
 * Christmas moves to Monday 27 and Boxing Day to Tuesday 28.
 */
function fixedDateHolidays(year: number): BankHoliday[] {
  const fixed: BankHoliday[] = [
    { date: makeDate(year, 1, 1), name: 'New Year’s Day' },
    { date: makeDate(year, 12, 25), name: 'Christmas Day' },
    { date: makeDate(year, 12, 26), name: 'Boxing Day' },
  ];
  const taken = new Set(fixed.filter((h) => !isWeekend(h.date)).map((h) => h.date));
  return fixed.map((h) => {
    if (!isWeekend(h.date)) return h;
    let date = addDays(h.date, 1);
    while (isWeekend(date) || taken.has(date)) date = addDays(date, 1);
    taken.add(date);
    return { date, name: `${h.name} (substitute day)` };
  });
}

function regularHolidays(year: number): BankHoliday[] {
  const easter = easterSunday(year);
  return [
    ...fixedDateHolidays(year),
    { date: addDays(easter, -2), name: 'Good Friday' },
    { date: addDays(easter, 1), name: 'Easter Monday' },
    { date: nextDayOfWeek(makeDate(year, 5, 1), 1), name: 'Early May bank holiday' },
    { date: lastDayOfWeekInMonth(year, 5, 1), name: 'Spring bank holiday' },
    { date: lastDayOfWeekInMonth(year, 8, 1), name: 'Summer bank holiday' },
  ];
}

const cache = new Map<number, readonly BankHoliday[]>();

/** Every bank holiday of England and Wales in a year, in date order. */
export function bankHolidays(year: number): readonly BankHoliday[] {
  const hit = cache.get(year);
  if (hit) return hit;
  let days = regularHolidays(year);
  for (const p of PROCLAMATIONS[year] ?? []) {
    days = days.filter((h) => h.date !== p.remove).concat(p.add);
  }
  days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const frozen = Object.freeze(days.map((h) => Object.freeze({ ...h })));
  cache.set(year, frozen);
  return frozen;
}

/** The published days against the rules' days of the same span. */
export function publishedChanges(events: readonly BankHoliday[]): PublishedBankHolidays | undefined {
  const dates = events.map((e) => e.date).sort();
  const from = dates[0];
  const until = dates.at(-1);
  if (!from || !until) return undefined;
  const published = new Set(dates);
  const ruled: BankHoliday[] = [];
  for (let year = dateParts(from).year; year <= dateParts(until).year; year++) {
    ruled.push(...bankHolidays(year).filter((h) => h.date >= from && h.date <= until));
  }
  const ruledDates = new Set(ruled.map((h) => h.date));
  const add = events.filter((e) => !ruledDates.has(e.date)).map((e) => ({ date: e.date, name: e.name })).sort((a, b) => (a.date < b.date ? -1 : 1));
  const remove = ruled.filter((h) => !published.has(h.date)).map((h) => h.date);
  return { add, remove, from, until };
}

/** The bank holiday on a date, if there is one: the rules, with the published changes where given. */
export function bankHolidayOn(date: IsoDate, published?: PublishedBankHolidays): BankHoliday | undefined {
  if (published && date >= published.from && date <= published.until) {
    const added = published.add.find((h) => h.date === date);
    if (added) return added;
    if (published.remove.includes(date)) return undefined;
  }
  return bankHolidays(dateParts(date).year).find((h) => h.date === date);
}

export function isBankHoliday(date: IsoDate, published?: PublishedBankHolidays): boolean {
  return bankHolidayOn(date, published) !== undefined;
}

/** Platform admins are warned when the published list ends within this many days (six months). */
export const BANK_HOLIDAYS_WARN_DAYS = 183;

/**
 * The warning a platform admin sees about the list the product knows: none loaded (the
 * rules and the one-off days known when this code was written only), or one that ends
 * within six months of `today` (a one-off day announced later would be missed).
 */
export function bankHolidayListWarning(until: IsoDate | undefined, today: IsoDate): string | undefined {
  if (!until) {
    return 'No bank-holiday list from GOV.UK has been loaded: the service knows only the regular bank holidays and the one-off days known when it was built. Load bank-holidays.json from https://www.gov.uk/bank-holidays.json.';
  }
  if (until < today) return `The bank-holiday list from GOV.UK ended on ${formatDateShort(until)}: load the latest bank-holidays.json from https://www.gov.uk/bank-holidays.json.`;
  if (until <= addDays(today, BANK_HOLIDAYS_WARN_DAYS)) {
    return `The bank-holiday list from GOV.UK ends on ${formatDateShort(until)}, within six months: load the latest bank-holidays.json from https://www.gov.uk/bank-holidays.json, so one-off days announced since are known.`;
  }
  return undefined;
}

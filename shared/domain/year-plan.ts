// The careers lead's year plan (issue 16, item 4): one academic year, 1 September to 31
// August, month by month: each date's closure or session (as the school's month calendar
// says it), the encounters on it (approved, delivered or cancelled) and the open slots a
// provider could still book on it, with each cohort's coverage status beside the lot.
// Pure shaping: the use case reads the requests, works out the open slots (openSlotsOf)
// and the coverage (shared/usecases/coverage.ts); nothing is counted again here.
import { academicYearBounds, academicYearLabel } from './academic-year.ts';
import type { CohortCoverage, CoverageStatus, KeyPhase } from './coverage.ts';
import type { StoredRequest } from './records.ts';
import { monthOf, schoolMonth, shiftMonth, type MonthDay } from './school-month.ts';
import type { OpenSlot } from './slot-places.ts';
import type { Party } from './state-machine.ts';
import type { IsoDate, LocalTime, ProviderType, School, SessionType, YearGroup } from './types.ts';

/** The earliest academic year the plan's query takes (`?year=20xx`). */
export const FIRST_YEAR = 2000;

/** The requests a year plan shows: booked, held, or called off after being booked. */
export const YEAR_PLAN_STATUSES = ['approved', 'delivered', 'cancelled'] as const;
export type YearPlanStatus = (typeof YEAR_PLAN_STATUSES)[number];

export interface YearPlanEncounter {
  id: string;
  /** "PA-7K3M-Q9"; absent on requests made before references. */
  reference?: string;
  date: IsoDate;
  start: LocalTime;
  end: LocalTime;
  status: YearPlanStatus;
  provider: string;
  providerType: ProviderType;
  yearGroups: YearGroup[];
  sessionType: SessionType;
  venue?: string;
  /** Cancelled: who called it off. */
  cancelledBy?: Party;
}

/** A cohort's coverage for the year, as coverage worked it out (the plan's side panel). */
export interface YearPlanCohort {
  yearGroup: YearGroup;
  phase: KeyPhase;
  /** 'Year 8 in 2025/26'. */
  cohort: string;
  status: CoverageStatus;
  statusText: string;
  counted: number;
  required: number;
  planned: number;
  windowEnd: IsoDate;
}

/** A date of the plan: the month calendar's day (closure, session, open slots) and the encounters on it. */
export interface YearPlanDay extends Omit<MonthDay, 'approved'> {
  encounters: YearPlanEncounter[];
}

export interface YearPlanMonth {
  /** YYYY-MM */
  month: string;
  days: YearPlanDay[];
}

export interface YearPlan {
  urn: string;
  schoolName: string;
  /** The academic year by the calendar year it starts in (2026 is 2026/27), and its label. */
  year: number;
  label: string;
  start: IsoDate;
  end: IsoDate;
  today: IsoDate;
  /** The date the cohorts' statuses are worked out on: today, or a past year's last day. */
  statusAsOf: IsoDate;
  /** The open slots shown are those a provider could book now: these dates (R-NOTICE), inside the year. */
  bookableFrom: IsoDate;
  bookableTo: IsoDate;
  /** Which year this is to today: a past one (statuses on its last day), this one, or the next (statuses on its first day, from what is booked now). */
  when: YearPlanWhen;
  /** The years either side the plan can show (never later than the next academic year). */
  previousYear?: number;
  nextYear?: number;
  /** The school's year groups in Years 8–13 (the filter's choices). */
  yearGroups: YearGroup[];
  required: number;
  cohorts: YearPlanCohort[];
  /** September to August. */
  months: YearPlanMonth[];
}

export function yearPlanEncounter(r: StoredRequest): YearPlanEncounter {
  return {
    id: r.id,
    ...(r.reference ? { reference: r.reference } : {}),
    date: r.date,
    start: r.start,
    end: r.end,
    status: r.status as YearPlanStatus,
    provider: r.provider.organisation,
    providerType: r.provider.type,
    yearGroups: [...r.yearGroups].sort((a, b) => a - b),
    sessionType: r.sessionType,
    ...(r.venue ? { venue: r.venue } : {}),
    ...(r.status === 'cancelled' && r.endedBy ? { cancelledBy: r.endedBy } : {}),
  };
}

export function yearPlanCohort(c: CohortCoverage): YearPlanCohort {
  return {
    yearGroup: c.yearGroup,
    phase: c.phase,
    cohort: c.cohort,
    status: c.status,
    statusText: c.statusText,
    counted: c.counted,
    required: c.required,
    planned: c.planned,
    windowEnd: c.window.end,
  };
}

/** The months of an academic year, September to August ('YYYY-MM'). */
export function yearMonths(year: number): string[] {
  const first = monthOf(academicYearBounds(year).start);
  return Array.from({ length: 12 }, (_, i) => shiftMonth(first, i));
}

/**
 * The first and last dates whose open slots the plan shows: what a provider could book now
 * (`bookable`, R-NOTICE and the booking window) inside the year; undefined when none is.
 */
export function openSlotRange(year: number, bookable: { from: IsoDate; to: IsoDate }): { from: IsoDate; to: IsoDate } | undefined {
  const { start, end } = academicYearBounds(year);
  const from = bookable.from > start ? bookable.from : start;
  const to = bookable.to < end ? bookable.to : end;
  return from <= to ? { from, to } : undefined;
}

export interface YearPlanInput {
  urn: string;
  schoolName: string;
  year: number;
  currentYear: number;
  today: IsoDate;
  statusAsOf: IsoDate;
  bookableFrom: IsoDate;
  bookableTo: IsoDate;
  yearGroups: YearGroup[];
  required: number;
  /** The year's requests in the plan's statuses (others are left out). */
  requests: readonly StoredRequest[];
  /** The open slots of the year, as openSlotsOf gives them (full ones are left out). */
  slots: readonly OpenSlot[];
  cohorts: readonly CohortCoverage[];
}

/** The plan: each month's days with their encounters (by start time) and open slots (with places left). */
export function yearPlan(school: Pick<School, 'calendar'>, input: YearPlanInput): YearPlan {
  const { start, end } = academicYearBounds(input.year);
  const encounters = input.requests
    .filter((r) => (YEAR_PLAN_STATUSES as readonly string[]).includes(r.status) && r.date >= start && r.date <= end)
    .map(yearPlanEncounter)
    .sort((a, b) => `${a.date}${a.start}${a.id}`.localeCompare(`${b.date}${b.start}${b.id}`));
  const byDate = new Map<IsoDate, YearPlanEncounter[]>();
  for (const e of encounters) byDate.set(e.date, [...(byDate.get(e.date) ?? []), e]);
  const slots = input.slots.filter((s) => s.placesLeft > 0);
  const months = yearMonths(input.year).map((month) => ({
    month,
    days: schoolMonth(school, { month, today: input.today, bookableFrom: input.bookableFrom, bookableTo: input.bookableTo, slots }).map(
      (day): YearPlanDay => ({ ...day, encounters: byDate.get(day.date) ?? [] }),
    ),
  }));
  return {
    urn: input.urn,
    schoolName: input.schoolName,
    year: input.year,
    label: academicYearLabel(input.year),
    start,
    end,
    today: input.today,
    statusAsOf: input.statusAsOf,
    bookableFrom: input.bookableFrom,
    bookableTo: input.bookableTo,
    ...(input.year > FIRST_YEAR ? { previousYear: input.year - 1 } : {}),
    when: input.year < input.currentYear ? 'past' : input.year === input.currentYear ? 'current' : 'next',
    ...(input.year < latestPlanYear(input.currentYear) ? { nextYear: input.year + 1 } : {}),
    yearGroups: input.yearGroups,
    required: input.required,
    cohorts: input.cohorts.map(yearPlanCohort),
    months,
  };
}

/**
 * The date a year's cohort statuses are worked out on: today in this year, its last day for
 * a past one, its first day for the next one (a lead planning September in July sees each
 * cohort as it will start the year on what is booked now).
 */
export function statusDateFor(year: number, today: IsoDate): IsoDate {
  const { start, end } = academicYearBounds(year);
  return today > end ? end : today < start ? start : today;
}

export type YearPlanWhen = 'past' | 'current' | 'next';

/** The latest year a plan is shown for: the next academic year (a later one has no cohorts yet: who is in Year 8 then is not at the school). */
export const latestPlanYear = (currentYear: number) => currentYear + 1;

/** Every open slot of the plan, in date order: the list view's and the tests' reading of the months. */
export function planSlots(plan: Pick<YearPlan, 'months'>): OpenSlot[] {
  return plan.months.flatMap((m) => m.days.flatMap((d) => d.slots));
}

/** Every encounter of the plan, in date and time order. */
export function planEncounters(plan: Pick<YearPlan, 'months'>): YearPlanEncounter[] {
  return plan.months.flatMap((m) => m.days.flatMap((d) => d.encounters));
}

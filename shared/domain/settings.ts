// A school's own settings checked against the rules before they are saved: the calendar
// (R-HOURS: session times, terms, closures), notice and booking window (R-NOTICE), and
// the opportunities it offers (R-YEARS, R-TAUGHT, R-HOURS). Like the request rules, each
// check returns every problem at once, at the field to fix, in a sentence that says how.
// Field paths are relative: the settings object ('schoolDay.mon.end') or the list of
// opportunities ('2.schedule.start'); the caller prefixes them with where they sit.
import { schoolDayCheck, validateCalendar, weekdayName } from './calendar.ts';
import { formatDate, formatDateShort, formatTime, formatTimeRange, isIsoDate, isLocalTime, minutesOfDay } from './dates.ts';
import type { RuleViolation } from './errors.ts';
import { MIN_DURATION_MINUTES, checkMinimumLength, checkYearGroups, minimumLengthOf } from './rules.ts';
import type { StaffRole } from './roles.ts';
import type { BookingRules, Closure, IsoDate, Opportunity, Person, School, SchoolDay, SessionTimes, Term } from './types.ts';

/** RULES.md: the grounds for refusing that real statements use, offered as an editable list. */
export const DEFAULT_GROUNDS_FOR_REFUSING: readonly string[] = [
  'A clash with other planned activities in the school calendar',
  'Disruption to preparation for public or internal exams',
  'Staff, rooms or resources are not available',
  "A risk to pupils' or staff's safety or wellbeing",
  'The content is not relevant to the audience, or the need is already met in our careers programme',
  'The provider does not offer approved technical education or apprenticeships',
  'Not enough notice was given',
];

/** The bounds a school may set; the API schema and the pages use the same numbers. */
export const SETTINGS_LIMITS = {
  minimumNoticeDays: { min: 0, max: 180 },
  /** R-REASONABLE: from P-DURATION's floor to a double lesson. */
  minimumLengthMinutes: { min: MIN_DURATION_MINUTES, max: 120 },
  bookingWindowDays: { min: 30, max: 730 },
  responseDeadlineSchoolDays: { min: 1, max: 30 },
  groundsForRefusing: { min: 1, max: 20, length: 300 },
  premisesLength: 4000,
  terms: 40,
  closures: 100,
  opportunities: 40,
  opportunityCapacity: { min: 1, max: 500 },
} as const;

/** What a careers lead edits on the settings page: everything of the profile but its identity. */
export interface SchoolSettings {
  schoolDay: SchoolDay;
  terms: Term[];
  closures: Closure[];
  minimumNoticeDays: number;
  bookingWindowDays: number;
  responseDeadlineSchoolDays: number;
  pendingHoldsPlace: boolean;
  /** R-REASONABLE: the shortest encounter the school accepts, in minutes. */
  minimumLengthMinutes: number;
  groundsForRefusing: string[];
  premises: string;
  careersLead: Person;
}

/** The settings of a stored school; a profile written before a field existed gets its default. */
export function settingsOf(school: Pick<School, 'calendar' | 'rules' | 'groundsForRefusing' | 'premises' | 'careersLead'>): SchoolSettings {
  const rules: Partial<BookingRules> = school.rules ?? {};
  return {
    schoolDay: school.calendar?.schoolDay ?? {},
    terms: school.calendar?.terms ?? [],
    closures: school.calendar?.closures ?? [],
    minimumNoticeDays: rules.minimumNoticeDays ?? 30,
    bookingWindowDays: rules.bookingWindowDays ?? 365,
    responseDeadlineSchoolDays: rules.responseDeadlineSchoolDays ?? 10,
    pendingHoldsPlace: rules.pendingHoldsPlace ?? true,
    minimumLengthMinutes: minimumLengthOf(rules),
    groundsForRefusing: school.groundsForRefusing?.length ? [...school.groundsForRefusing] : [...DEFAULT_GROUNDS_FOR_REFUSING],
    premises: school.premises ?? '',
    careersLead: school.careersLead,
  };
}

/** The profile fields that settings replace; every other field of the school is kept. */
export function profileFieldsOf(settings: SchoolSettings): Pick<School, 'calendar' | 'rules' | 'groundsForRefusing' | 'premises' | 'careersLead'> {
  return {
    calendar: { schoolDay: settings.schoolDay, terms: settings.terms, closures: settings.closures },
    rules: {
      minimumNoticeDays: settings.minimumNoticeDays,
      bookingWindowDays: settings.bookingWindowDays,
      responseDeadlineSchoolDays: settings.responseDeadlineSchoolDays,
      pendingHoldsPlace: settings.pendingHoldsPlace,
      minimumLengthMinutes: settings.minimumLengthMinutes,
    },
    groundsForRefusing: settings.groundsForRefusing,
    premises: settings.premises,
    careersLead: settings.careersLead,
  };
}

/**
 * The closures as saved: one already there (same dates and reason) keeps the day it was
 * added, or none if it never had one; a new one is dated `today`. Whatever `addedOn` a
 * client sends is ignored, so the date says truly when the school closed that day.
 */
export function datedClosures(before: readonly Closure[], after: readonly Closure[], today: IsoDate): Closure[] {
  const key = (c: Closure) => `${c.start}|${c.end}|${c.reason}`;
  const known = new Map(before.map((c) => [key(c), c.addedOn]));
  return after.map(({ addedOn: _sent, ...c }) => {
    const addedOn = known.has(key(c)) ? known.get(key(c)) : today;
    return addedOn ? { ...c, addedOn } : c;
  });
}

/** validateCalendar names the day, term or closure; a form wants the input to correct. */
const END_FIELD_CODES = new Set(['SESSION_END_BEFORE_START', 'TERM_END_BEFORE_START', 'CLOSURE_END_BEFORE_START']);

/** Every problem of a school's settings that a schema cannot see: order, overlaps, sums. */
export function checkSettings(settings: SchoolSettings): RuleViolation[] {
  const calendar = { schoolDay: settings.schoolDay, terms: settings.terms, closures: settings.closures };
  const out = validateCalendar(calendar).map((v) => (END_FIELD_CODES.has(v.code) ? { ...v, field: `${v.field}.end` } : v));
  out.push(...termOverlaps(settings.terms));
  if (settings.bookingWindowDays <= settings.minimumNoticeDays) {
    out.push({
      code: 'WINDOW_WITHIN_NOTICE',
      rule: 'R-NOTICE',
      field: 'bookingWindowDays',
      message:
        `The booking window (${settings.bookingWindowDays} days) must be longer than the minimum notice (${settings.minimumNoticeDays} days), ` +
        `or no date is ever bookable; make the window at least ${settings.minimumNoticeDays + 1} days or the notice shorter.`,
    });
  }
  const seen = new Map<string, number>();
  settings.groundsForRefusing.forEach((ground, i) => {
    const key = ground.trim().toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) {
      out.push({ code: 'GROUND_REPEATED', rule: 'P-DETAILS', field: `groundsForRefusing.${i}`, message: `This ground repeats ground ${first + 1}; remove one of them.` });
    } else {
      seen.set(key, i);
    }
  });
  return out;
}

function termOverlaps(terms: readonly Term[]): RuleViolation[] {
  const usable = terms.map((t, i) => ({ t, i })).filter(({ t }) => isIsoDate(t.start) && isIsoDate(t.end) && t.end >= t.start);
  usable.sort((a, b) => (a.t.start < b.t.start ? -1 : a.t.start > b.t.start ? 1 : a.i - b.i));
  const out: RuleViolation[] = [];
  for (let k = 1; k < usable.length; k++) {
    const prev = usable[k - 1];
    const cur = usable[k];
    if (!prev || !cur || cur.t.start > prev.t.end) continue;
    const name = (term: Term, i: number) => term.name || `Term ${i + 1}`;
    out.push({
      code: 'TERMS_OVERLAP',
      rule: 'R-HOURS',
      field: `terms.${cur.i}.start`,
      message: `${name(cur.t, cur.i)} starts on ${formatDate(cur.t.start)}, before ${name(prev.t, prev.i)} ends on ${formatDate(prev.t.end)}; terms must not overlap, so start it after that date.`,
    });
  }
  return out;
}

export type SchoolForOpportunities = Pick<School, 'name' | 'yearGroups' | 'calendar' | 'rules'>;

/**
 * Every problem of a school's set of opportunities: year groups (R-YEARS, R-TAUGHT),
 * the schedule inside the school day of its weekday or date (R-HOURS), a sane length
 * (P-DURATION), and ids unique within the set.
 */
export function checkOpportunities(school: SchoolForOpportunities, opportunities: readonly Opportunity[]): RuleViolation[] {
  const out: RuleViolation[] = [];
  const ids = new Map<string, number>();
  opportunities.forEach((o, i) => {
    const at = (field: string) => `${i}.${field}`;
    const first = ids.get(o.id);
    if (first !== undefined) {
      out.push({ code: 'DUPLICATE_ID', rule: 'P-DETAILS', field: at('id'), message: `Opportunity ${first + 1} already has the id "${o.id}"; give each opportunity its own id, or leave the id out of a new one.` });
    } else {
      ids.set(o.id, i);
    }
    for (const v of checkYearGroups(school, o.yearGroups)) out.push({ ...v, field: at(v.field) });
    for (const v of checkSchedule(school, o.schedule)) out.push({ ...v, field: at(`schedule.${v.field}`) });
  });
  return out;
}

/** R-HOURS, P-DURATION and R-REASONABLE (the school's minimum length) for one schedule; fields relative to the schedule. */
export function checkSchedule(school: Pick<School, 'calendar' | 'rules'>, schedule: Opportunity['schedule']): RuleViolation[] {
  const out: RuleViolation[] = [];
  const { start, end } = schedule;
  if (!isLocalTime(start) || !isLocalTime(end)) return out; // the schema reports the format
  const s = minutesOfDay(start);
  const e = minutesOfDay(end);
  if (e <= s) {
    out.push({ code: 'END_BEFORE_START', rule: 'P-DURATION', field: 'end', message: `The end time ${formatTime(end)} is not after the start time ${formatTime(start)}; choose an end time after ${formatTime(start)}.` });
  } else {
    out.push(...checkMinimumLength(school.rules, start, end));
  }
  if (schedule.kind === 'weekly') {
    const session = school.calendar.schoolDay[schedule.weekday];
    const days = `${weekdayName(schedule.weekday)}s`;
    if (!session) {
      out.push({
        code: 'NO_SCHOOL_THAT_DAY',
        rule: 'R-HOURS',
        field: 'weekday',
        message: `The school day has no session times on ${days}; choose another weekday, or add ${weekdayName(schedule.weekday)}'s times to the school day first.`,
      });
    } else {
      out.push(...insideSession(session, `On ${days}`, s, e));
    }
    if (schedule.from && schedule.until && isIsoDate(schedule.from) && isIsoDate(schedule.until) && schedule.until < schedule.from) {
      out.push({ code: 'UNTIL_BEFORE_FROM', rule: 'P-DETAILS', field: 'until', message: `The last date ${formatDate(schedule.until)} is before the first date ${formatDate(schedule.from)}; make it on or after ${formatDateShort(schedule.from)}.` });
    }
  } else if (isIsoDate(schedule.date)) {
    const day = schoolDayCheck(school, schedule.date);
    if (!day.ok) {
      out.push({ code: 'NOT_SCHOOL_DAY', rule: 'R-HOURS', field: 'date', message: day.message, reason: day.reason });
    } else {
      out.push(...insideSession(day.session, `On ${formatDate(schedule.date)}`, s, e));
    }
  }
  return out;
}

function insideSession(session: SessionTimes, when: string, s: number, e: number): RuleViolation[] {
  const out: RuleViolation[] = [];
  // The vocabulary's times ("8:40am", "2pm"), as every other message says them.
  const runs = `${when} the school day runs from ${formatTimeRange(session.start, session.end)}`;
  if (s < minutesOfDay(session.start) || s >= minutesOfDay(session.end)) {
    out.push({ code: 'OUTSIDE_SESSION', rule: 'R-HOURS', field: 'start', message: `${runs}; start at ${formatTime(session.start)} or later, and before ${formatTime(session.end)}.` });
  }
  if (e > minutesOfDay(session.end) && e > s) {
    out.push({ code: 'OUTSIDE_SESSION', rule: 'R-HOURS', field: 'end', message: `${runs}; finish by ${formatTime(session.end)}.` });
  }
  return out;
}

/** An opportunity that the current settings leave without bookable slots, for the settings page. */
export interface OpportunityWarning {
  code: string;
  opportunityId: string;
  message: string;
}

/**
 * Opportunities that the school day, terms or closures now exclude: a weekly one on a
 * day with no session or outside its times, a one-off on a date that is no longer a
 * school day. They stay stored but give no slots until changed. One-offs before `today`
 * are history, not a problem.
 */
export function opportunityWarnings(school: SchoolForOpportunities, opportunities: readonly Opportunity[], today: IsoDate): OpportunityWarning[] {
  const out: OpportunityWarning[] = [];
  for (const o of opportunities) {
    if (o.schedule.kind === 'once' && o.schedule.date < today) continue;
    const problems = checkSchedule(school, o.schedule).filter((v) => v.rule === 'R-HOURS');
    const [first] = problems;
    if (first) {
      out.push({ code: first.code, opportunityId: o.id, message: `"${o.title}" gives no slots now: ${lowerFirst(first.message)}` });
    }
  }
  return out;
}

function lowerFirst(s: string): string {
  return s.startsWith('On ') || s.startsWith('The ') ? s.charAt(0).toLowerCase() + s.slice(1) : s;
}

// ---- what a member of staff saves, and what the school's settings pages read back ----

/** PUT …/settings: the settings as edited, at the version they were read. */
export interface SettingsChange {
  /** The version the settings were read at: the save is refused (409) if they changed since. */
  version: number;
  settings: SchoolSettings;
  /** Save nothing; say which bookings the change would put outside the rules. */
  dryRun?: boolean;
}

/** An opportunity as sent: a new one has no id yet. */
export interface OpportunityInput extends Omit<Opportunity, 'id'> {
  id?: string;
}

/** PUT …/opportunities: the whole set (any opportunity left out is removed). */
export interface OpportunitiesChange {
  /** The version the list was read at; when sent, the save is refused (409) if it changed since. */
  version?: number;
  opportunities: OpportunityInput[];
  dryRun?: boolean;
}

/** PUT …/staff: the whole list as the page shows it. */
export interface StaffChange {
  staff: StaffMember[];
}

/** A live booking (waiting for the school or the provider, or approved, today onward) a change puts outside the rules. */
export interface AffectedBooking {
  id: string;
  organisation: string;
  date: string;
  start: string;
  end: string;
  status: string;
  /** The year groups the booking is for, so the lead knows which cohort's encounter it is. */
  yearGroups: number[];
  /** What it would break, each with the rule and what changed (shared/domain/recheck.ts). */
  problems: { rule: string; code: string; message: string }[];
}

/** PUT …/settings or …/opportunities with `dryRun: true`: nothing written. */
export interface DryRunAnswer {
  dryRun: true;
  affected: AffectedBooking[];
  /** The careers lead would be replaced: the old lead loses their role at this school (issue 12, item 4). */
  careersLeadChange?: { from: { name: string; email: string }; to: { name: string; email: string } };
  /** Settings only, when any: the opportunities the change would leave without slots that have slots now. */
  warnings?: OpportunityWarning[];
}

/** GET and PUT …/settings answer. */
export interface SettingsAnswer {
  settings: SchoolSettings;
  /** Send it back with the next PUT; 0 for a school never edited here. */
  version: number;
  updatedAt?: string;
  updatedBy?: string;
  /** Opportunities these settings leave without slots (e.g. on a day with no session). */
  warnings: OpportunityWarning[];
  /** After a PUT: the bookings the change put outside the rules, now flagged for attention. */
  affected?: AffectedBooking[];
}

/** GET and PUT …/opportunities answer. */
export interface OpportunitiesAnswer {
  opportunities: Opportunity[];
  version: number;
  /** After a PUT: the bookings the change put outside the rules, now flagged for attention. */
  affected?: AffectedBooking[];
}

export interface StaffMember {
  email: string;
  name: string;
  role: StaffRole;
}

/** GET and PUT …/staff answer. */
export interface StaffAnswer {
  staff: StaffMember[];
  /** Whether the caller may change the list (careers lead or trust admin). */
  canEdit: boolean;
}

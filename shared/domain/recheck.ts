// Bookings that stay true when a calendar changes (issue 11). A request was checked
// against the school as it was when the provider sent it; the school may since have added
// a closure, moved its terms, shortened its day, moved an opportunity or stopped teaching a
// year group. recheckBooking checks a booking again against the school as it is now, for
// every decision that makes or offers a booking and to flag bookings for the careers lead.
// It restates no rule: the checks are rules.ts's (checkYearGroups, checkTiming, checkSlot)
// and calendar.ts's; this file only says, in the lead's words, what changed.
import { closureOn, expandOpportunity, sessionOn, weekdayName, weekdayOf } from './calendar.ts';
import { formatDate, formatDateShort, formatTime, formatTimeRange, minutesOfDay } from './dates.ts';
import { DomainError, type ErrorCode, type RuleId, type RuleViolation } from './errors.ts';
import { checkSlot, checkTiming, checkYearGroups, type SchoolForRules, type SlotRef } from './rules.ts';
import { londonDate } from './timezone.ts';
import type { ClosureReason, Instant, IsoDate, LocalTime, Opportunity, OpportunitySchedule, RequestStatus, YearGroup } from './types.ts';
import { formatYearGroups, providerAccessYears } from './year-groups.ts';

/** A booking's time and audience, and the slot it was booked on while it is still at that slot's time. */
export interface Booking {
  date: IsoDate;
  start: LocalTime;
  end: LocalTime;
  yearGroups: readonly YearGroup[];
  slot?: SlotRef;
}

/** One rule a booking breaks now, and what changed to make it so. */
export interface BookingProblem {
  rule: RuleId;
  code: ErrorCode;
  /** The decision's field it concerns. */
  field: 'date' | 'yearGroups';
  message: string;
  /**
   * What makes this problem this problem (the closure, the new session times, the slot's
   * new time…) and the booking's time: keeping a booking answers these keys, and a
   * different change gives a different key, which flags the booking again.
   */
  key: string;
}

/** The school as rules read it, with when its profile last changed (the settings' updatedAt). */
export type SchoolForRecheck = SchoolForRules & { updatedAt?: Instant };

/** A request as far as the re-check reads it. */
export interface RequestForRecheck {
  status: RequestStatus;
  date: IsoDate;
  start: LocalTime;
  end: LocalTime;
  yearGroups: readonly YearGroup[];
  slot?: SlotRef;
  alternative?: { date: IsoDate; start: LocalTime; end: LocalTime };
  /** Problem keys the careers lead chose to keep the booking despite (the `keep` action). */
  keptProblems?: readonly string[];
}

/** The statuses whose bookings are live: waiting for the school, for the provider, or approved. */
export const LIVE_STATUSES = ['pending', 'alternative_proposed', 'approved'] as const satisfies readonly RequestStatus[];

const CLOSURE_WORDS: Record<ClosureReason, string> = {
  INSET: 'an INSET day',
  EXAMS: 'closed for exams',
  TRIP: 'a school trip day',
  OTHER: 'a closure day',
};

/**
 * Every rule that applies to a booking, against the school, its calendar and the
 * opportunity as they are at `now`: R-YEARS and R-TAUGHT against the school's year groups,
 * R-HOURS (term, weekend, bank holiday, closure, session times) for the booking's time, the
 * opportunity's current dated slot for a booking still at its slot's time (a slot that
 * moved is an R-HOURS problem naming its new time), and R-NOTICE only as "not in the past".
 */
export function recheckBooking(school: SchoolForRecheck, opportunity: Opportunity | undefined, booking: Booking, now: Instant): BookingProblem[] {
  const out = yearGroupProblems(school, booking);
  // Minimum notice is waived: it was met when the provider asked, and a school approving
  // or moving a booking late waives its own notice (as it may when proposing a time);
  // raising the notice later must not undo requests made under the old one. The booking
  // window likewise bounds what providers may ask for, not what the school has agreed.
  const timing = checkTiming(school, booking, { now, minimumNotice: false });
  const hours = timing.find((v) => v.rule === 'R-HOURS');
  if (hours) out.push(hoursProblem(school, booking, hours));
  else out.push(...slotProblems(school, opportunity, booking));
  if (timing.some((v) => v.code === 'IN_THE_PAST')) {
    out.push({
      rule: 'R-NOTICE',
      code: 'IN_THE_PAST',
      field: 'date',
      message: `This booking’s time, ${formatDate(booking.date)} at ${formatTime(booking.start)}, has already passed.`,
      key: `${at(booking)}|PAST`,
    });
  }
  return out;
}

/** The time a decision on the request books or offers: the school's proposal while the provider holds it, else the request's own. */
export function bookingOf(request: RequestForRecheck): Booking {
  const alt = request.status === 'alternative_proposed' ? request.alternative : undefined;
  if (alt) return { date: alt.date, start: alt.start, end: alt.end, yearGroups: request.yearGroups };
  const atSlot = request.slot && request.slot.date === request.date && request.slot.start === request.start;
  return {
    date: request.date,
    start: request.start,
    end: request.end,
    yearGroups: request.yearGroups,
    ...(atSlot && request.slot ? { slot: request.slot } : {}),
  };
}

/**
 * What needs the careers lead's attention on a live booking still to come: its problems
 * now, without R-NOTICE (an encounter happening today is not a problem, only a decision
 * that late would be) and without the ones the lead chose to keep it despite.
 */
export function attentionProblems(school: SchoolForRecheck, opportunity: Opportunity | undefined, request: RequestForRecheck, now: Instant): BookingProblem[] {
  if (!(LIVE_STATUSES as readonly string[]).includes(request.status)) return [];
  const booking = bookingOf(request);
  if (booking.date < londonDate(now)) return [];
  const kept = new Set(request.keptProblems ?? []);
  return recheckBooking(school, opportunity, booking, now).filter((p) => p.rule !== 'R-NOTICE' && !kept.has(p.key));
}

/** One refusal for a decision the booking's problems forbid, ending with what the person can do instead. */
export function recheckRefusal(problems: readonly BookingProblem[], instead: string): DomainError | undefined {
  const [first] = problems;
  if (!first) return undefined;
  const fields: Record<string, string> = {};
  for (const p of problems) fields[p.field] = fields[p.field] ? `${fields[p.field]} ${p.message}` : p.message;
  const rules = new Set(problems.map((p) => p.rule));
  const violations: RuleViolation[] = problems.map((p) => ({ code: p.code, rule: p.rule, field: p.field, message: p.message }));
  return new DomainError(problems.length === 1 ? first.code : 'BOOKING_RULES_BROKEN', `${problems.map((p) => p.message).join(' ')} ${instead}`, {
    ...(rules.size === 1 ? { rule: first.rule } : {}),
    field: first.field,
    fields,
    violations,
  });
}

function at(b: Booking): string {
  return `${b.date}T${b.start}-${b.end}`;
}

/** ' (settings changed 3 December 2026)', from the profile's last change. */
function changedOn(school: SchoolForRecheck, what: string): string {
  return school.updatedAt ? ` (${what} ${formatDateShort(londonDate(school.updatedAt))})` : '';
}

/** R-YEARS and R-TAUGHT: one problem naming the year groups the school no longer teaches. */
function yearGroupProblems(school: SchoolForRecheck, b: Booking): BookingProblem[] {
  const broken = checkYearGroups(school, b.yearGroups);
  const [first] = broken;
  if (!first) return [];
  const access = providerAccessYears(school);
  const gone = b.yearGroups.filter((y) => !access.includes(y));
  const message =
    gone.length > 0
      ? `${school.name} no longer teaches ${formatYearGroups(gone)}, which this booking is for${changedOn(school, 'school record updated')}.`
      : broken.map((v) => v.message).join(' ');
  return [{ rule: first.rule, code: first.code, field: 'yearGroups', message, key: `${at(b)}|YEARS|${gone.join(',')}` }];
}

/** R-HOURS: what about the day or its times changed, from the calendar check's reason. */
function hoursProblem(school: SchoolForRecheck, b: Booking, v: RuleViolation): BookingProblem {
  const when = formatDate(b.date);
  const problem = (message: string, what: string): BookingProblem => ({ rule: 'R-HOURS', code: v.code, field: 'date', message, key: `${at(b)}|${what}` });
  const cal = school.calendar;
  const closure = v.reason === 'CLOSURE' ? closureOn(cal, b.date) : undefined;
  if (closure) {
    const words = `${CLOSURE_WORDS[closure.reason]}${closure.note ? `: ${closure.note}` : ''}`;
    return problem(
      closure.addedOn ? `${when} is now ${words} (closure added ${formatDateShort(closure.addedOn)}).` : `${when} is ${words}, in the school’s closures.`,
      `CLOSURE|${closure.start}|${closure.end}|${closure.reason}`,
    );
  }
  if (v.reason === 'OUTSIDE_TERM') return problem(`${when} is now outside term time${changedOn(school, 'settings changed')}.`, 'OUTSIDE_TERM');
  const day = weekdayOf(b.date);
  if (v.reason === 'OUTSIDE_SESSION' && day) {
    const session = sessionOn(cal, b.date);
    if (!session) return problem(`The school now has no sessions on ${weekdayName(day)}s${changedOn(school, 'settings changed')}.`, `NO_SESSION|${day}`);
    const early = minutesOfDay(b.start) < minutesOfDay(session.start);
    const late = minutesOfDay(b.end) > minutesOfDay(session.end);
    const now = early && late ? `now runs from ${formatTimeRange(session.start, session.end)}` : early ? `now starts at ${formatTime(session.start)}` : `now ends at ${formatTime(session.end)}`;
    return problem(
      `The school day on ${weekdayName(day)}s ${now}${changedOn(school, 'settings changed')}; this booking is from ${formatTimeRange(b.start, b.end)}.`,
      `SESSION|${day}|${session.start}-${session.end}`,
    );
  }
  return problem(v.message, v.reason ?? v.code);
}

/** A booking still at its slot's time must match the opportunity's dated slot now; a slot that moved is named with its new time. */
function slotProblems(school: SchoolForRecheck, opportunity: Opportunity | undefined, b: Booking): BookingProblem[] {
  // An opportunity removed since leaves the booking standing on its own time (the opportunities page says so).
  if (!b.slot || !opportunity || opportunity.id !== b.slot.opportunityId) return [];
  const [dated] = expandOpportunity(school, opportunity, b.date, b.date);
  const draft = { slot: b.slot, date: b.date, start: b.start, end: b.end, yearGroups: [] };
  const moved = checkSlot(draft, dated ? { ...dated, held: 0 } : undefined).find((v) => v.code === 'SLOT_NOT_FOUND' || v.code === 'SLOT_MISMATCH');
  if (!moved) return [];
  const key = `${at(b)}|SLOT|${opportunity.id}|${scheduleKey(opportunity.schedule)}`;
  const title = `“${opportunity.title}”`;
  if (dated) {
    return [
      {
        rule: 'R-HOURS',
        code: 'SLOT_TIME_CHANGED',
        field: 'date',
        message: `${title} on ${formatDate(b.date)} now runs from ${formatTimeRange(dated.start, dated.end)}; this booking is from ${formatTimeRange(b.start, b.end)}.`,
        key,
      },
    ];
  }
  return [
    {
      rule: 'R-HOURS',
      code: 'SLOT_MOVED',
      field: 'date',
      message: `${title} is now ${scheduleWords(opportunity.schedule)}, so it has no slot on ${formatDate(b.date)}; this booking is from ${formatTimeRange(b.start, b.end)}.`,
      key,
    },
  ];
}

function scheduleWords(s: OpportunitySchedule): string {
  if (s.kind === 'once') return `on ${formatDate(s.date)} from ${formatTimeRange(s.start, s.end)}`;
  const span = [s.from ? ` from ${formatDateShort(s.from)}` : '', s.until ? ` until ${formatDateShort(s.until)}` : ''].join('');
  return `on ${weekdayName(s.weekday)}s from ${formatTimeRange(s.start, s.end)}${span}`;
}

function scheduleKey(s: OpportunitySchedule): string {
  return s.kind === 'once' ? `${s.date}T${s.start}-${s.end}` : `${s.weekday}T${s.start}-${s.end}|${s.from ?? ''}|${s.until ?? ''}`;
}

// What the daily job does to one request on one day, as a pure decision: expire it, send
// one reminder, or nothing. Dates are school-local; "school days" follow the school's own
// calendar (terms, closures, bank holidays, weekdays with sessions: R-HOURS).
//
// pending              ─ after the response deadline ─────────────► expire
//                      ─ 3rd school day after it arrived ─────────► remind the lead ('pending-3')
//                      ─ 7th school day after it arrived ─────────► remind the lead ('pending-7')
// alternative_proposed ─ after the proposal's respond-by date ────► expire
// approved             ─ 2 school days before the visit ──────────► remind the provider ('visit')
//                      ─ first school day after the encounter ────► remind the lead to record delivery ('delivery')
//
// Each reminder has a window, not a single day: a run that was missed (a failed job, a
// deploy) catches up the next day, and the store makes each reminder go at most once.
import { addSchoolDays, isSchoolDay, type SchoolWithCalendar } from './calendar.ts';
import { addDays } from './dates.ts';
import { DomainError } from './errors.ts';
import { londonDate } from './timezone.ts';
import type { RequestState } from './state-machine.ts';
import type { Instant, IsoDate } from './types.ts';

export const REMINDER_KINDS = ['pending-3', 'pending-7', 'visit', 'delivery'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

/** Who each reminder goes to: the careers lead ('school') or the provider. */
export const REMINDER_AUDIENCE: Record<ReminderKind, 'school' | 'provider'> = {
  'pending-3': 'school',
  'pending-7': 'school',
  visit: 'provider',
  delivery: 'school',
};

/** The lead is reminded of an unanswered request this many school days after it arrived. */
export const PENDING_REMINDER_SCHOOL_DAYS = { 'pending-3': 3, 'pending-7': 7 } as const;

/** The provider is reminded this many school days before an approved visit… */
export const VISIT_REMINDER_SCHOOL_DAYS = 2;

/**
 * …but never more than this many calendar days before it, and the lead's delivery reminder
 * never more than this many after the encounter: across a half term or the summer holiday,
 * counting school days alone would send them weeks early or late.
 */
export const REMINDER_MAX_CALENDAR_DAYS = 7;

/** Approved encounters this far back still get their delivery reminder (a missed run catches up). */
export const DELIVERY_REMINDER_LOOKBACK_DAYS = 60;

/** The part of a stored request the decision reads. */
export interface DailyRequest extends Pick<RequestState, 'status' | 'date' | 'responseDeadline' | 'alternative'> {
  createdAt: Instant;
}

export type DailyAction =
  | { action: 'expire'; deadline: IsoDate }
  | { action: 'remind'; reminder: ReminderKind; from: IsoDate };

/** The date a pending request's n-school-day reminder is due: the n-th school day after it arrived. */
export function pendingReminderDate(school: SchoolWithCalendar, submittedOn: IsoDate, schoolDays: number): IsoDate | undefined {
  try {
    return addSchoolDays(school, submittedOn, schoolDays);
  } catch (err) {
    // A calendar with no coming terms has no school days to count: no reminder.
    if (err instanceof DomainError && err.code === 'NO_SCHOOL_DAYS') return undefined;
    throw err;
  }
}

/**
 * The date the provider is reminded of a visit: the second school day before it (a
 * Tuesday visit → the Friday before), or a week before it when there are fewer than two
 * school days in that week (after a half term or the summer holiday).
 */
export function visitReminderDate(school: SchoolWithCalendar, visitDate: IsoDate): IsoDate {
  let found = 0;
  for (let back = 1; back <= REMINDER_MAX_CALENDAR_DAYS; back++) {
    const day = addDays(visitDate, -back);
    if (isSchoolDay(school, day) && ++found === VISIT_REMINDER_SCHOOL_DAYS) return day;
  }
  return addDays(visitDate, -REMINDER_MAX_CALENDAR_DAYS);
}

/**
 * The date the lead is asked to record delivery: the first school day after the
 * encounter, or a week after it when the school is closed all that week.
 */
export function deliveryReminderDate(school: SchoolWithCalendar, encounterDate: IsoDate): IsoDate {
  for (let ahead = 1; ahead <= REMINDER_MAX_CALENDAR_DAYS; ahead++) {
    const day = addDays(encounterDate, ahead);
    if (isSchoolDay(school, day)) return day;
  }
  return addDays(encounterDate, REMINDER_MAX_CALENDAR_DAYS);
}

/** The last date a request in its current state can be answered; after it, it expires. */
export function expiryDeadline(request: Pick<DailyRequest, 'status' | 'responseDeadline' | 'alternative'>): IsoDate | undefined {
  if (request.status === 'pending') return request.responseDeadline;
  if (request.status === 'alternative_proposed') return request.alternative?.respondBy ?? request.responseDeadline;
  return undefined;
}

/**
 * The encounter dates of approved requests the job must look at on `today`: from the
 * oldest still owed a delivery reminder to the furthest whose visit reminder can be due.
 */
export function approvedWindow(today: IsoDate): { from: IsoDate; to: IsoDate } {
  return { from: addDays(today, -DELIVERY_REMINDER_LOOKBACK_DAYS), to: addDays(today, REMINDER_MAX_CALENDAR_DAYS) };
}

/** What the daily job does to a request on `today` (a school-local date), if anything. */
export function dailyAction(school: SchoolWithCalendar, request: DailyRequest, today: IsoDate): DailyAction | undefined {
  switch (request.status) {
    case 'pending': {
      const deadline = request.responseDeadline;
      if (today > deadline) return { action: 'expire', deadline };
      const submittedOn = londonDate(request.createdAt);
      // Latest first: a run that missed the 3rd day but not the 7th sends only the 7th.
      for (const reminder of ['pending-7', 'pending-3'] as const) {
        const due = pendingReminderDate(school, submittedOn, PENDING_REMINDER_SCHOOL_DAYS[reminder]);
        if (due !== undefined && due <= today) return { action: 'remind', reminder, from: due };
      }
      return undefined;
    }
    case 'alternative_proposed': {
      const deadline = expiryDeadline(request);
      return deadline !== undefined && today > deadline ? { action: 'expire', deadline } : undefined;
    }
    case 'approved': {
      if (today < request.date) {
        const due = visitReminderDate(school, request.date);
        return due <= today ? { action: 'remind', reminder: 'visit', from: due } : undefined;
      }
      if (today > request.date && today <= addDays(request.date, DELIVERY_REMINDER_LOOKBACK_DAYS)) {
        const due = deliveryReminderDate(school, request.date);
        return due <= today ? { action: 'remind', reminder: 'delivery', from: due } : undefined;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

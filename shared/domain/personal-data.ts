// Personal data (UK GDPR) in requests and their audit trail: what is kept when a person is
// erased on request, or when the school's retention period for an encounter has passed.
// Kept: what happened (event types, dates and times, statuses, who acted by party and
// role, the reasons a request ended: a decline's ground, a withdrawal's or cancellation's
// reason), the organisation and its UKPRN. Removed: the person's name, email and phone,
// and free text (the provider's notes, notes and messages on decisions, a delivery note).
import { academicYearEnd, academicYearOf } from './academic-year.ts';
import type { Actor } from './state-machine.ts';
import type { Instant, IsoDate } from './types.ts';

/** The default retention: six years after the end of the academic year of the encounter. */
export const DEFAULT_RETENTION_YEARS = 6;
export const RETENTION_YEARS_LIMITS = { min: 1, max: 25 } as const;

/** What an erased person's name becomes. */
export const ERASED_NAME = 'Erased';

/**
 * The last encounter date whose personal data is past retention on `today`: the end of
 * the academic year that ended `years` years before the current academic year began.
 * On 1 September 2033, with six years, that is 31 August 2027 (the end of 2026/27).
 */
export function retentionCutoff(today: IsoDate, years: number = DEFAULT_RETENTION_YEARS): IsoDate {
  return academicYearEnd(academicYearOf(today) - years - 1);
}

/** The school's retention in years: its own setting if it has a sensible one, else the default. */
export function retentionYearsOf(school: { personalDataRetentionYears?: number }): number {
  const y = school.personalDataRetentionYears;
  return typeof y === 'number' && Number.isInteger(y) && y >= RETENTION_YEARS_LIMITS.min && y <= RETENTION_YEARS_LIMITS.max ? y : DEFAULT_RETENTION_YEARS;
}

/** The personal fields of a stored request. */
export interface RequestPersonalData {
  contact: { name: string; email: string; phone: string };
  providerEmail: string;
  notes: string;
  /** The school's message to the provider when approving (where to sign in, parking). */
  schoolMessage?: string;
  alternative?: { message?: string };
  delivery?: { note?: string };
  anonymisedAt?: Instant;
}

/** A request without its personal data; `placeholder` stands for the email (an address at .invalid, never delivered). */
export function anonymisedRequest<T extends RequestPersonalData>(request: T, placeholder: string, at: Instant): T {
  const out: T = {
    ...request,
    contact: { name: ERASED_NAME, email: placeholder, phone: '' },
    providerEmail: placeholder,
    notes: '',
    anonymisedAt: at,
  };
  delete out.schoolMessage;
  if (request.alternative) out.alternative = withoutFreeText(request.alternative) as T['alternative'];
  if (request.delivery) out.delivery = withoutFreeText(request.delivery) as T['delivery'];
  return out;
}

/** Keys of free text, removed at any depth of an event's data or a record. */
const FREE_TEXT = new Set(['note', 'message']);

function withoutFreeText(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutFreeText);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => !FREE_TEXT.has(k)).map(([k, v]) => [k, withoutFreeText(v)]));
}

/**
 * An event of the audit trail without personal data: the actors `isSubject` picks lose
 * their email (the placeholder instead) and name, keeping party and role; free text goes.
 */
export function anonymisedEvent<E extends { actor: Actor; data: Record<string, unknown> }>(event: E, isSubject: (actor: Actor) => boolean, placeholder: string): E {
  const actor: Actor = isSubject(event.actor) ? { party: event.actor.party, id: placeholder, ...(event.actor.role ? { role: event.actor.role } : {}) } : event.actor;
  return { ...event, actor, data: withoutFreeText(event.data) as Record<string, unknown> };
}

// Request rules: a provider's draft request checked against RULES.md. Every check returns
// every violation it finds (never just the first), each with a stable code, the rule id,
// the field at fault and a sentence that says what to change. R-WHOLE wording is returned
// separately as flags for the careers lead, not as refusals.
import { findSubsetAudience, type SubsetFlag } from './audience.ts';
import { firstSchoolDayFrom, isSchoolTime, schoolDayCheck, type DatedSlot } from './calendar.ts';
import { addDays, formatDate, formatDateShort, formatTime, formatTimeRange, isIsoDate, isLocalTime, minutesOfDay, timeFromMinutes } from './dates.ts';
import type { ErrorCode, RuleViolation } from './errors.ts';
import {
  CONTENT_ITEM_LABELS,
  CONTENT_ITEMS,
  PROVIDER_TYPE_LABELS,
  SESSION_TYPE_LABELS,
  listWithOr,
  plural,
  type ContentConfirmation,
} from './labels.ts';
import { instantMs, localToUtcMs, londonDate } from './timezone.ts';
import {
  DEFAULT_MINIMUM_LENGTH_MINUTES,
  PROVIDER_TYPES,
  SESSION_TYPES,
  type BookingRules,
  type Instant,
  type IsoDate,
  type LocalTime,
  type ProviderType,
  type School,
  type SessionType,
  type YearGroup,
} from './types.ts';
import { formatYearGroups, isProviderAccessYear, providerAccessYears, yearGroupLabel } from './year-groups.ts';

/** A reference to one dated slot of an opportunity, as the provider chose it. */
export interface SlotRef {
  opportunityId: string;
  date: IsoDate;
  start: LocalTime;
}

/** What a provider tells the school when asking for access (RULES.md "What a provider must tell the school"). */
export interface ProviderRequestDraft {
  provider: { organisation: string; type: ProviderType; ukprn?: string };
  contact: { name: string; email: string; phone: string };
  sessionType: SessionType;
  yearGroups: YearGroup[];
  date: IsoDate;
  start: LocalTime;
  end: LocalTime;
  staffCount: number;
  safeguardingAgreed: boolean;
  facilities: string[];
  /** R-CONTENT: the provider confirms it will cover each of the four items. */
  content: ContentConfirmation;
  notes: string;
  slot?: SlotRef;
}

/** What a provider sends: a published slot or a time they propose, in place of the draft's date and times. */
export interface RequestSubmission extends Omit<ProviderRequestDraft, 'date' | 'start' | 'end' | 'slot'> {
  slot?: { opportunityId: string; date: IsoDate };
  proposed?: { date: IsoDate; start: LocalTime; end: LocalTime };
}

/** The request form as sent: the submission, and the field only bots fill in (the honeypot). */
export interface RequestForm extends RequestSubmission {
  website?: string;
}

/** A slot as the store holds it: its dated shape plus the places already held. */
export interface SlotState extends DatedSlot {
  held: number;
}

export interface CheckContext {
  /** The moment of checking; rules never read the clock. */
  now: Instant;
  /** The slot the draft names, as read from the store (absent when it no longer exists). */
  slot?: SlotState;
}

export interface RequestCheck {
  violations: RuleViolation[];
  flags: SubsetFlag[];
}

export type SchoolForRules = Pick<School, 'name' | 'yearGroups' | 'calendar' | 'rules'>;

/** P-DURATION: the shortest minimum a school may set (R-REASONABLE sets the school's own). */
export const MIN_DURATION_MINUTES = 10;

/** R-REASONABLE: the school's minimum length of an encounter; a profile saved before the setting existed has the default. */
export function minimumLengthOf(rules: Partial<BookingRules> | undefined): number {
  return rules?.minimumLengthMinutes ?? DEFAULT_MINIMUM_LENGTH_MINUTES;
}

/**
 * R-REASONABLE for a start and end already known to be in order: too short for the
 * school's minimum, at the end time, saying where to end instead.
 */
export function checkMinimumLength(rules: Partial<BookingRules> | undefined, start: LocalTime, end: LocalTime): RuleViolation[] {
  const minimum = minimumLengthOf(rules);
  const s = minutesOfDay(start);
  const length = minutesOfDay(end) - s;
  if (length >= minimum) return [];
  return [
    violation(
      'DURATION_TOO_SHORT',
      'R-REASONABLE',
      'end',
      `A ${length}-minute session is too short: the school asks for at least ${minimum} minutes, so make it end at ${formatTime(timeFromMinutes(s + minimum))} or later.`,
    ),
  ];
}
export const MAX_STAFF = 50;
export const MAX_NOTES_LENGTH = 2000;

const UKPRN_RE = /^1\d{7}$/;
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Every rule at once: the whole draft against one school, at `now`. */
export function checkRequest(school: SchoolForRules, draft: ProviderRequestDraft, ctx: CheckContext): RequestCheck {
  const violations = [
    ...checkProvider(draft.provider),
    ...checkDetails(draft),
    ...checkYearGroups(school, draft.yearGroups),
    ...checkTiming(school, draft, { now: ctx.now }),
    ...checkContent(draft.content),
    ...checkSlot(draft, ctx.slot),
  ];
  return { violations, flags: subsetFlags(draft) };
}

/** R-YEARS and R-TAUGHT: only Years 8–13, and only years this school teaches. */
export function checkYearGroups(school: Pick<School, 'name' | 'yearGroups'>, yearGroups: readonly YearGroup[]): RuleViolation[] {
  const out: RuleViolation[] = [];
  const access = providerAccessYears(school);
  const choose = access.length > 0 ? `choose from ${formatYearGroups(access)}` : 'choose a school that teaches some of Years 8 to 13';
  if (!Array.isArray(yearGroups) || yearGroups.length === 0) {
    const from = access.length > 0 ? ` from ${formatYearGroups(access)}` : '';
    out.push(violation('YEAR_GROUPS_REQUIRED', 'R-YEARS', 'yearGroups', `Choose at least one year group${from}.`));
  }
  if (access.length === 0) {
    out.push(
      violation(
        'NO_PROVIDER_ACCESS',
        'R-TAUGHT',
        'yearGroups',
        `${school.name} teaches none of Years 8 to 13, so it takes no provider access requests; choose a school that teaches some of those years.`,
      ),
    );
  }
  for (const y of new Set(Array.isArray(yearGroups) ? yearGroups : [])) {
    if (!Number.isInteger(y) || y < 0 || y > 13) {
      out.push(violation('YEAR_GROUP_UNKNOWN', 'R-YEARS', 'yearGroups', `"${String(y)}" is not a year group; ${choose}.`));
    } else if (!isProviderAccessYear(y)) {
      out.push(
        violation('YEAR_NOT_COVERED', 'R-YEARS', 'yearGroups', `${yearGroupLabel(y)} is not covered by provider access, which is for Years 8 to 13; ${choose}.`),
      );
    } else if (access.length > 0 && !access.includes(y)) {
      out.push(violation('YEAR_NOT_TAUGHT', 'R-TAUGHT', 'yearGroups', `${school.name} does not teach ${yearGroupLabel(y)}; ${choose}.`));
    }
  }
  return out;
}

/** R-PROVIDER: who is asking. */
export function checkProvider(provider: ProviderRequestDraft['provider']): RuleViolation[] {
  const out: RuleViolation[] = [];
  if (!provider?.organisation?.trim()) {
    out.push(violation('ORGANISATION_REQUIRED', 'R-PROVIDER', 'provider.organisation', 'Give the name of your organisation.'));
  }
  if (!(PROVIDER_TYPES as readonly string[]).includes(provider?.type)) {
    const kinds = listWithOr(PROVIDER_TYPES.map((t) => PROVIDER_TYPE_LABELS[t]));
    out.push(violation('PROVIDER_TYPE', 'R-PROVIDER', 'provider.type', `Choose the kind of provider you are: ${kinds}.`));
  }
  const ukprn = provider?.ukprn?.trim();
  if (ukprn && !UKPRN_RE.test(ukprn)) {
    out.push(
      violation(
        'UKPRN_FORMAT',
        'R-PROVIDER',
        'provider.ukprn',
        `A UKPRN has 8 digits and starts with 1 (e.g. 10012345); correct "${ukprn}", or leave it blank if your organisation has none.`,
      ),
    );
  }
  return out;
}

/** P-DETAILS: the rest of what a provider must tell the school. */
export function checkDetails(draft: ProviderRequestDraft): RuleViolation[] {
  const out: RuleViolation[] = [];
  const v = (code: ErrorCode, field: string, message: string) => out.push(violation(code, 'P-DETAILS', field, message));
  if (!draft.contact?.name?.trim()) v('CONTACT_NAME_REQUIRED', 'contact.name', 'Give the name of the person the school should contact.');
  if (!EMAIL_RE.test(draft.contact?.email?.trim() ?? '')) {
    v('CONTACT_EMAIL_FORMAT', 'contact.email', 'Give an email address the school can reply to, e.g. name@college.ac.uk.');
  }
  const digits = (draft.contact?.phone ?? '').replace(/[\s()+-]/g, '');
  if (!/^\d{10,13}$/.test(digits)) {
    v('CONTACT_PHONE_FORMAT', 'contact.phone', 'Give a phone number the school can call on the day, e.g. 01234 567890 or +44 1234 567890.');
  }
  if (!(SESSION_TYPES as readonly string[]).includes(draft.sessionType)) {
    v('SESSION_TYPE', 'sessionType', `Choose a session type: ${listWithOr(SESSION_TYPES.map((t) => SESSION_TYPE_LABELS[t]))}.`);
  }
  if (!Number.isInteger(draft.staffCount) || draft.staffCount < 1 || draft.staffCount > MAX_STAFF) {
    v('STAFF_COUNT', 'staffCount', `Say how many of your staff will attend, as a whole number from 1 to ${MAX_STAFF}.`);
  }
  if (draft.safeguardingAgreed !== true) {
    v('SAFEGUARDING_NOT_AGREED', 'safeguardingAgreed', "Confirm that your staff will follow the school's safeguarding and visitor checks.");
  }
  if ((draft.notes ?? '').length > MAX_NOTES_LENGTH) {
    v('NOTES_TOO_LONG', 'notes', `Shorten the notes to ${MAX_NOTES_LENGTH} characters or fewer (they are ${draft.notes.length}).`);
  }
  return out;
}

/** R-CONTENT: all four content items confirmed. `prefix` is the field path of the content object. */
export function checkContent(content: Partial<ContentConfirmation> | undefined, prefix = 'content'): RuleViolation[] {
  return CONTENT_ITEMS.filter((item) => content?.[item] !== true).map((item) =>
    violation(
      'CONTENT_MISSING',
      'R-CONTENT',
      `${prefix}.${item}`,
      `Confirm that the session will cover ${CONTENT_ITEM_LABELS[item]}; every provider access encounter must.`,
    ),
  );
}

export interface TimingOptions {
  now: Instant;
  /**
   * Apply the school's minimum notice (default true). A school proposing its own
   * alternative may waive its own notice; the past and the booking window always apply.
   */
  minimumNotice?: boolean;
}

/**
 * R-HOURS, R-NOTICE and P-DURATION for a date and time. Also the check for a time the
 * school proposes as an alternative: the caller runs it before `transition(…,'propose',…)`.
 */
export function checkTiming(
  school: Pick<School, 'calendar' | 'rules'>,
  when: { date: IsoDate; start: LocalTime; end: LocalTime },
  options: TimingOptions,
): RuleViolation[] {
  const out: RuleViolation[] = [];
  const dateOk = isIsoDate(when.date);
  const startOk = isLocalTime(when.start);
  const endOk = isLocalTime(when.end);
  if (!dateOk) out.push(violation('DATE_FORMAT', 'P-DETAILS', 'date', `Give the date as YYYY-MM-DD, e.g. 2026-03-16 (not "${String(when.date)}").`));
  if (!startOk) out.push(violation('TIME_FORMAT', 'P-DETAILS', 'start', `Give the start time as HH:MM on the 24-hour clock, e.g. 09:30 (not "${String(when.start)}").`));
  if (!endOk) out.push(violation('TIME_FORMAT', 'P-DETAILS', 'end', `Give the end time as HH:MM on the 24-hour clock, e.g. 10:30 (not "${String(when.end)}").`));
  if (startOk && endOk) out.push(...checkDuration(school, when));
  if (dateOk) {
    out.push(...checkSchoolHours(school, when, startOk && endOk));
    out.push(...checkNotice(school, when, options, startOk));
  }
  return out;
}

/** An alternative time proposed by the school: same checks as a request's time. */
export const checkProposedTime = checkTiming;

function checkDuration(school: Pick<School, 'calendar' | 'rules'>, when: { date: IsoDate; start: LocalTime; end: LocalTime }): RuleViolation[] {
  const s = minutesOfDay(when.start);
  const e = minutesOfDay(when.end);
  if (e <= s) {
    return [
      violation('END_BEFORE_START', 'P-DURATION', 'end', `The end time ${formatTime(when.end)} is not after the start time ${formatTime(when.start)}; choose an end time after ${formatTime(when.start)}.`),
    ];
  }
  const tooShort = checkMinimumLength(school.rules, when.start, when.end);
  if (tooShort.length) return tooShort;
  const day = isIsoDate(when.date) ? schoolDayCheck(school, when.date) : undefined;
  if (day?.ok) {
    const length = minutesOfDay(day.session.end) - minutesOfDay(day.session.start);
    if (e - s > length) {
      return [
        violation(
          'DURATION_TOO_LONG',
          'P-DURATION',
          'end',
          `A session of ${hoursAndMinutes(e - s)} is longer than the school day on ${formatDate(when.date)} ` +
            `(${formatTimeRange(day.session.start, day.session.end)}); shorten it to ${hoursAndMinutes(length)} or less.`,
        ),
      ];
    }
  }
  return [];
}

function checkSchoolHours(
  school: Pick<School, 'calendar'>,
  when: { date: IsoDate; start: LocalTime; end: LocalTime },
  timesOk: boolean,
): RuleViolation[] {
  const day = schoolDayCheck(school, when.date);
  if (!day.ok) return [{ ...violation('NOT_SCHOOL_DAY', 'R-HOURS', 'date', day.message), reason: day.reason }];
  // End before start is reported once, as END_BEFORE_START.
  if (!timesOk || minutesOfDay(when.end) <= minutesOfDay(when.start)) return [];
  const answer = isSchoolTime(school, when.date, when.start, when.end);
  if (answer.ok) return [];
  const field = minutesOfDay(when.start) < minutesOfDay(day.session.start) ? 'start' : 'end';
  return [{ ...violation('OUTSIDE_SESSION', 'R-HOURS', field, answer.message), reason: answer.reason }];
}

function checkNotice(
  school: Pick<School, 'calendar' | 'rules'>,
  when: { date: IsoDate; start: LocalTime },
  options: TimingOptions,
  startOk: boolean,
): RuleViolation[] {
  const nowMs = instantMs(options.now);
  const today = londonDate(options.now);
  const { minimumNoticeDays, bookingWindowDays } = school.rules;
  const earliest = addDays(today, options.minimumNotice === false ? 0 : minimumNoticeDays);
  const latest = addDays(today, bookingWindowDays);
  const startMs = localToUtcMs(when.date, startOk ? when.start : '23:59');
  if (startMs <= nowMs) {
    return [
      violation('IN_THE_PAST', 'R-NOTICE', 'date', `${formatDate(when.date)} at ${startOk ? formatTime(when.start) : 'that time'} has already passed; choose a date on or after ${formatDateShort(earliest)}${firstDayHint(school, earliest, latest)}.`),
    ];
  }
  if (options.minimumNotice !== false && when.date < earliest) {
    return [
      violation(
        'TOO_LITTLE_NOTICE',
        'R-NOTICE',
        'date',
        `This school asks for at least ${minimumNoticeDays === 1 ? "1 day's" : `${minimumNoticeDays} days'`} notice; ` +
          `choose a date on or after ${formatDateShort(earliest)}${firstDayHint(school, earliest, latest)}.`,
      ),
    ];
  }
  if (when.date > latest) {
    return [
      violation(
        'BEYOND_BOOKING_WINDOW',
        'R-NOTICE',
        'date',
        `This school takes bookings up to ${plural(bookingWindowDays, 'day')} ahead; choose a date on or before ${formatDateShort(latest)}.`,
      ),
    ];
  }
  return [];
}

/** ' (the first school day from then is …)' when the earliest date itself is not a school day. */
function firstDayHint(school: Pick<School, 'calendar'>, earliest: IsoDate, latest: IsoDate): string {
  const first = firstSchoolDayFrom(school, earliest, latest);
  return first && first !== earliest ? `; the first school day from then is ${formatDate(first)}` : '';
}

/** R-NOTICE: the dates a provider may ask for today (never the same day, even with no notice), as the school's page offers them. */
export function bookableRange(school: Pick<School, 'rules'>, today: IsoDate): { from: IsoDate; to: IsoDate } {
  return { from: addDays(today, Math.max(1, school.rules.minimumNoticeDays)), to: addDays(today, school.rules.bookingWindowDays) };
}

/** The first date to suggest to a provider: a school day with enough notice, tomorrow at the earliest (never a same-day booking, even with no notice). */
export function earliestBookableDate(school: Pick<School, 'calendar' | 'rules'>, now: Instant): IsoDate | undefined {
  const today = londonDate(now);
  return firstSchoolDayFrom(school, addDays(today, Math.max(1, school.rules.minimumNoticeDays)), addDays(today, school.rules.bookingWindowDays));
}

/** P-SLOT: a chosen slot exists, has a place, and the draft matches its date, time and years. */
export function checkSlot(draft: Pick<ProviderRequestDraft, 'slot' | 'date' | 'start' | 'end' | 'yearGroups'>, slot: SlotState | undefined): RuleViolation[] {
  if (!draft.slot && !slot) return [];
  if (!slot) {
    return [violation('SLOT_NOT_FOUND', 'P-SLOT', 'slot', 'The slot you chose is no longer offered; choose another slot or propose a different time.')];
  }
  const out: RuleViolation[] = [];
  const when = `${formatDate(slot.date)} from ${formatTimeRange(slot.start, slot.end)}`;
  if (slot.held >= slot.capacity) {
    out.push(violation('SLOT_FULL', 'P-SLOT', 'slot', `The slot on ${when} has no places left; choose another slot or propose a different time.`));
  }
  if (draft.date !== slot.date || draft.start !== slot.start || draft.end !== slot.end) {
    out.push(
      violation('SLOT_MISMATCH', 'P-SLOT', 'date', `The slot you chose is on ${when}; use that date and time, or propose a different time without choosing a slot.`),
    );
  }
  const outside = (draft.yearGroups ?? []).filter((y) => !slot.yearGroups.includes(y));
  if (slot.yearGroups.length > 0 && outside.length > 0) {
    out.push(
      violation(
        'YEAR_NOT_IN_SLOT',
        'P-SLOT',
        'yearGroups',
        `This slot is for ${formatYearGroups(slot.yearGroups)}, not ${formatYearGroups(outside)}; choose from ${formatYearGroups(slot.yearGroups)}, or propose a time without choosing a slot.`,
      ),
    );
  }
  return out;
}

/** R-WHOLE: flags for free text asking for a subset of pupils (notes and facilities). */
export function subsetFlags(draft: Pick<ProviderRequestDraft, 'notes' | 'facilities'>): SubsetFlag[] {
  const flags = findSubsetAudience(draft.notes ?? '', 'notes');
  (draft.facilities ?? []).forEach((f, i) => flags.push(...findSubsetAudience(f, `facilities.${i}`, 'facilities requested')));
  return flags;
}

function violation(code: ErrorCode, rule: RuleViolation['rule'], field: string, message: string): RuleViolation {
  return { code, rule, field, message };
}

function hoursAndMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return plural(m, 'minute');
  return m === 0 ? plural(h, 'hour') : `${plural(h, 'hour')} ${plural(m, 'minute')}`;
}

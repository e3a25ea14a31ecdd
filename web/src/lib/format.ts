// Words and dates the way GOV.UK writes them: "Tuesday 12 January 2027", "1:30pm",
// "Years 8, 9 and 10". School dates are calendar dates in Europe/London; they are
// formatted as calendar dates (never through the browser's own time zone).
import { CONTENT_ITEM_LABELS, PROVIDER_TYPE_LABELS, SESSION_TYPE_LABELS, listWithAnd } from '#shared/domain/labels.ts';
import type { ContentItem } from '#shared/domain/labels.ts';
import type { ProviderType, SessionType } from '#shared/domain/types.ts';

export { listWithAnd };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function dateParts(iso: string): [number, number, number] | undefined {
  const m = ISO_DATE.exec(iso);
  if (!m) return undefined;
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** A real calendar date as YYYY-MM-DD, or undefined (31 February is not one). */
export function isoDate(year: number, month: number, day: number): string | undefined {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return undefined;
  if (year < 1000 || year > 9999) return undefined;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** "Tuesday 12 January 2027". */
export function formatDate(iso: string, weekday = true): string {
  const p = dateParts(iso);
  if (!p) return formatInstant(iso);
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: 'UTC',
    ...(weekday ? { weekday: 'long' } : {}),
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  })
    .format(new Date(Date.UTC(p[0], p[1] - 1, p[2])))
    .replace(',', '');
}

/** "12 Jan 2027" for tables. */
export function formatShortDate(iso: string): string {
  const p = dateParts(iso);
  if (!p) return iso;
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' })
    .format(new Date(Date.UTC(p[0], p[1] - 1, p[2])))
    .replace(',', '');
}

/** An instant (or a date) in London: "12 January 2027 at 4:05pm". */
export function formatInstant(value: string): string {
  if (ISO_DATE.test(value)) return formatDate(value);
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(d);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('day')} ${get('month')} ${get('year')} at ${formatTime(`${get('hour')}:${get('minute')}`)}`;
}

/** "9am", "1:30pm", "midday". */
export function formatTime(hhmm: string): string {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  if (!m) return hhmm;
  const hour = Number(m[1]);
  const minute = m[2] ?? '00';
  if (hour === 12 && minute === '00') return 'midday';
  if (hour === 0 && minute === '00') return 'midnight';
  const h12 = hour % 12 === 0 ? 12 : hour % 12;
  return `${h12}${minute === '00' ? '' : `:${minute}`}${hour < 12 ? 'am' : 'pm'}`;
}

export function formatTimes(start: string, end: string): string {
  return `${formatTime(start)} to ${formatTime(end)}`;
}

/** "Year 8", "Years 8 and 9", "Years 8, 9 and 10". */
export function formatYears(years: readonly number[]): string {
  const sorted = [...years].sort((a, b) => a - b);
  if (sorted.length === 0) return 'None';
  if (sorted.length === 1) return `Year ${sorted[0]}`;
  return `Years ${listWithAnd(sorted.map(String))}`;
}

/** Today's date in England, as YYYY-MM-DD. */
export function todayInLondon(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export function addDays(iso: string, days: number): string {
  const p = dateParts(iso);
  if (!p) return iso;
  const d = new Date(Date.UTC(p[0], p[1] - 1, p[2] + days));
  return d.toISOString().slice(0, 10);
}

export function isIsoDate(value: string): boolean {
  const p = dateParts(value);
  return p !== undefined && isoDate(p[0], p[1], p[2]) === value;
}

const capitalise = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

export function sessionTypeLabel(code: string): string {
  return capitalise(SESSION_TYPE_LABELS[code as SessionType] ?? code.replaceAll('_', ' '));
}

export function providerTypeLabel(code: string): string {
  return capitalise(PROVIDER_TYPE_LABELS[code as ProviderType] ?? code.replaceAll('_', ' '));
}

export function contentItemLabel(item: ContentItem): string {
  return capitalise(CONTENT_ITEM_LABELS[item]);
}

/** A request's status as the provider reads it, and its GOV.UK tag colour. */
export const STATUS: Record<string, { text: string; tag: string }> = {
  // Issue 12, item 2: sent, but not to the school until the provider confirms it from the email.
  unconfirmed: { text: 'Waiting for you to confirm', tag: 'govuk-tag--light-blue' },
  pending: { text: 'Waiting for the school', tag: 'govuk-tag--blue' },
  approved: { text: 'Approved', tag: 'govuk-tag--green' },
  declined: { text: 'Declined', tag: 'govuk-tag--red' },
  alternative_proposed: { text: 'New time proposed', tag: 'govuk-tag--yellow' },
  withdrawn: { text: 'Withdrawn', tag: 'govuk-tag--grey' },
  expired: { text: 'Not answered in time', tag: 'govuk-tag--grey' },
  cancelled: { text: 'Cancelled', tag: 'govuk-tag--orange' },
  delivered: { text: 'Delivered', tag: 'govuk-tag--turquoise' },
  not_delivered: { text: 'Did not take place', tag: 'govuk-tag--pink' },
};

export function statusOf(code: string): { text: string; tag: string } {
  return STATUS[code] ?? { text: capitalise(code.replaceAll('_', ' ')), tag: 'govuk-tag--grey' };
}

/** What happened, by the event types of shared/domain/state-machine.ts (REQUEST_EVENT_TYPES). */
const EVENT_TEXT: Record<string, string> = {
  REQUEST_SUBMITTED: 'Request sent',
  REQUEST_APPROVED: 'The school approved the request',
  REQUEST_DECLINED: 'The school declined the request',
  ALTERNATIVE_PROPOSED: 'The school proposed another time',
  REQUEST_WITHDRAWN: 'Request withdrawn',
  ALTERNATIVE_ACCEPTED: 'The new time was accepted',
  ALTERNATIVE_REJECTED: 'The new time was turned down',
  REQUEST_EXPIRED: 'The school did not answer in time',
  REQUEST_CANCELLED: 'Visit cancelled',
  REQUEST_RESCHEDULED: 'The school moved the visit',
  ENCOUNTER_DELIVERED: 'The school recorded the visit as delivered',
  ENCOUNTER_NOT_DELIVERED: 'The school recorded that the visit did not take place',
};

export function eventText(type: string): string {
  return EVENT_TEXT[type] ?? capitalise(type.toLowerCase().replaceAll('_', ' '));
}

/** Who did it, from the provider's side. */
export function actorText(party: string): string {
  return party === 'provider' ? 'You' : party === 'school' ? 'The school' : party === 'system' ? 'Automatic' : party;
}

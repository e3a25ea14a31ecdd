// Words and dates the way GOV.UK writes them: "Tuesday 12 January 2027", "1:30pm",
// "Years 8, 9 and 10". The dates and times are shared/domain/dates.ts's, the same words the
// emails and the function-rendered pages use; school dates are calendar dates in
// Europe/London, formatted as calendar dates (never through the browser's own time zone).
import { CONTENT_ITEM_LABELS, PROVIDER_TYPE_LABELS, SESSION_TYPE_LABELS, capitalise, listWithAnd, statusLabel } from '#shared/domain/labels.ts';
import type { ContentItem, StatusReader } from '#shared/domain/labels.ts';
import { londonDate } from '#shared/domain/timezone.ts';
import type { ProviderType, RequestStatus, SessionType } from '#shared/domain/types.ts';

export { listWithAnd };
export {
  addDays,
  formatDate,
  formatDateAbbreviated,
  formatDateShort,
  formatDateTimeRange,
  formatTime,
  formatTimeRange,
  isIsoDate,
  realDate,
} from '#shared/domain/dates.ts';
export { formatWhen } from '#shared/domain/timezone.ts';
export { distanceWords, slotsCheckedSentence } from '#shared/domain/places.ts';

/** "Year 8", "Years 8 and 9", "Years 8, 9 and 10". */
export function formatYears(years: readonly number[]): string {
  const sorted = [...years].sort((a, b) => a - b);
  if (sorted.length === 0) return 'None';
  if (sorted.length === 1) return `Year ${sorted[0]}`;
  return `Years ${listWithAnd(sorted.map(String))}`;
}

/** Today's date in England, as YYYY-MM-DD. */
export function todayInLondon(now = new Date()): string {
  return londonDate(now.toISOString());
}

export function sessionTypeLabel(code: string): string {
  return capitalise(SESSION_TYPE_LABELS[code as SessionType] ?? code.replaceAll('_', ' '));
}

export function providerTypeLabel(code: string): string {
  return capitalise(PROVIDER_TYPE_LABELS[code as ProviderType] ?? code.replaceAll('_', ' '));
}

export function contentItemLabel(item: ContentItem): string {
  return capitalise(CONTENT_ITEM_LABELS[item]);
}

/** Each status's GOV.UK tag colour; the words are shared/domain/labels.ts's, for either reader. */
const STATUS_TAGS: Record<RequestStatus, string> = {
  unconfirmed: 'govuk-tag--light-blue',
  pending: 'govuk-tag--blue',
  approved: 'govuk-tag--green',
  declined: 'govuk-tag--red',
  alternative_proposed: 'govuk-tag--yellow',
  withdrawn: 'govuk-tag--grey',
  expired: 'govuk-tag--grey',
  cancelled: 'govuk-tag--orange',
  delivered: 'govuk-tag--turquoise',
  not_delivered: 'govuk-tag--pink',
};

/** A request's status as the provider (or the school) reads it, and its GOV.UK tag colour. */
export function statusOf(code: string, reader: StatusReader = 'provider'): { text: string; tag: string } {
  return { text: statusLabel(code, reader), tag: STATUS_TAGS[code as RequestStatus] ?? 'govuk-tag--grey' };
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
  MOVE_ASKED: 'You asked to move the visit',
  MOVE_APPROVED: 'The school approved the move',
  MOVE_DECLINED: 'The school could not move the visit',
  COUNTER_OFFERED: 'You offered another time',
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

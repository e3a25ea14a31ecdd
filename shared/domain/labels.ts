// Words for the codes in types.ts, for messages, the web and the published statement.
import { SCHOOL_REQUEST_STATUSES, type ProviderType, type RequestStatus, type SchoolRequestStatus, type SessionType } from './types.ts';

export const PROVIDER_TYPE_LABELS: Record<ProviderType, string> = {
  fe_college: 'further education college',
  utc: 'university technical college (UTC)',
  studio_school: 'studio school',
  independent_training_provider: 'independent training provider',
  employer_provider: 'employer-provider',
  he_degree_apprenticeships: 'higher education institution offering degree apprenticeships',
};

export const SESSION_TYPE_LABELS: Record<SessionType, string> = {
  assembly: 'assembly',
  class_discussion: 'class or group discussion',
  engagement_event: 'engagement event',
  one_to_one_introduction: 'one-to-one introduction for pupils and parents',
  open_day: 'open day',
  college_visit: 'college visit or taster',
  virtual_session: 'virtual session',
  careers_fair: 'careers fair stand',
};

/** A request's status in a tag, a heading or a list, as its provider reads it. */
export const PROVIDER_STATUS_LABELS: Record<RequestStatus, string> = {
  // Issue 12, item 2: sent, but not to the school until the provider confirms it from the email.
  unconfirmed: 'Waiting for you to confirm',
  pending: 'Waiting for the school',
  approved: 'Approved',
  declined: 'Declined',
  alternative_proposed: 'New time proposed',
  withdrawn: 'Withdrawn',
  expired: 'Not answered in time',
  cancelled: 'Cancelled',
  delivered: 'Delivered',
  not_delivered: 'Did not take place',
};

/**
 * The same as the school reads it, in the order its history filter lists them: a pending
 * request needs its decision, and an unconfirmed one is not the school's yet.
 */
export const SCHOOL_STATUS_LABELS = Object.fromEntries(
  SCHOOL_REQUEST_STATUSES.map((s) => [s, s === 'pending' ? 'Needs a decision' : PROVIDER_STATUS_LABELS[s]]),
) as Record<SchoolRequestStatus, string>;

export type StatusReader = 'provider' | 'school';

/** A status code's label for its reader; a code the tables do not know is said as its words. */
export function statusLabel(status: string, reader: StatusReader): string {
  const labels: Record<string, string> = reader === 'school' ? SCHOOL_STATUS_LABELS : PROVIDER_STATUS_LABELS;
  return labels[status] ?? capitalise(status.replaceAll('_', ' '));
}

/** R-CONTENT: the four things every provider must cover, in RULES.md order. */
export const CONTENT_ITEMS = ['provider', 'careers', 'learning', 'questions'] as const;
export type ContentItem = (typeof CONTENT_ITEMS)[number];
export type ContentConfirmation = Record<ContentItem, boolean>;

export const CONTENT_ITEM_LABELS: Record<ContentItem, string> = {
  provider: 'the provider and the approved technical education qualifications or apprenticeships it offers',
  careers: 'the careers these lead to',
  learning: 'what learning or training with the provider is like',
  questions: "answers to pupils' questions",
};

/** 'a, b or c' */
export function listWithOr(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** 'a, b and c' */
export function listWithAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** '1 day', '30 days'. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** 'Careers fair stand' from 'careers fair stand'. */
export function capitalise(s: string): string {
  return s ? s[0]!.toUpperCase() + s.slice(1) : s;
}

// Words for the codes in types.ts, for messages, the web and the published statement.
import type { ProviderType, SessionType } from './types.ts';

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

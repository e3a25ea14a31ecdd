// What the careers lead decides on a request, and what they give with it: the site's
// decision form and the emailed link's form both come down to these (the state machine
// says which fields each decision needs).
import type { ContentConfirmation } from './labels.ts';
import type { SplitSession } from './state-machine.ts';
import type { IsoDate, LocalTime, YearGroup } from './types.ts';

/** R-ATTEND as the lead gives it when recording delivery: numbers only, never names. */
export interface AttendanceGiven {
  yearGroup: YearGroup;
  onRoll: number;
  /** Pupils who took part. */
  pupils: number;
}

/** `approve-move`, `decline-move`: the answer to a provider's ask to move an approved encounter (issue 14, item 5). */
export const DECISIONS = ['approve', 'decline', 'propose', 'reschedule', 'cancel', 'deliver', 'keep', 'approve-move', 'decline-move'] as const;
export type Decision = (typeof DECISIONS)[number];

/** Every decision's fields; which are needed depends on the decision. */
export interface DecisionDetails {
  note?: string;
  /** Approve: where the encounter takes place, e.g. "Main hall" (shown to the provider and in the invitation). */
  venue?: string;
  /** Decline: one of the school's grounds for refusing, or the lead's own words; cancel, reschedule, keep, decline-move: why. */
  reason?: string;
  /** Propose, reschedule: the other date and time, and an optional message to the provider. */
  date?: IsoDate;
  start?: LocalTime;
  end?: LocalTime;
  message?: string;
  respondBy?: IsoDate;
  /** Deliver: whether it happened, the four R-CONTENT items confirmed again, attendance. */
  happened?: boolean;
  content?: ContentConfirmation;
  /** R-ATTEND: a decision always gives pupils on roll (only records from before issue 16 lack it). */
  attendance?: AttendanceGiven[];
  /** Deliver: one session of a split encounter (R-WHOLE); absent, a whole encounter. */
  split?: SplitSession;
}

/** What an emailed link can do: one decision, named when the link was issued. */
export type LinkDecision = Extract<Decision, 'approve' | 'decline' | 'propose' | 'approve-move' | 'decline-move'>;

/** The links of a provider's ask to move an approved encounter (issue 14, item 5): each is for that one ask, by when it was made. */
export const MOVE_LINK_DECISIONS = ['approve-move', 'decline-move'] as const satisfies readonly LinkDecision[];

/** The emailed link's confirmation form as a browser sends it: the date in three boxes, times as typed. */
export interface ActionForm {
  reason?: string;
  otherReason?: string;
  note?: string;
  'date-day'?: string;
  'date-month'?: string;
  'date-year'?: string;
  start?: string;
  end?: string;
  message?: string;
}

// The careers lead's API contract: dashboard lists, one request in full, and decisions.
import * as z from 'zod';
import { SCHOOL_REQUEST_STATUSES } from '#shared/domain/types.ts';
import { DECISIONS, type ActionForm, type DecisionDetails, type LinkDecision } from '#shared/domain/decisions.ts';
import type { CoverageConcern, UndeliverableAddress } from '#shared/domain/read-models.ts';
import { isoDate, localTime, optionalLine, parsesTo, requestReference, text } from './fields.ts';

export { DECISIONS } from '#shared/domain/decisions.ts';
export type { ActionForm, Decision, DecisionDetails, LinkDecision } from '#shared/domain/decisions.ts';
export type { UndeliverableAddress } from '#shared/domain/read-models.ts';


export const dashboardQuery = z.strictObject({
  // Never `unconfirmed`: a request waiting for its provider to confirm is not the school's yet (issue 12, item 2).
  status: z.enum(SCHOOL_REQUEST_STATUSES, { error: `Choose a status: ${SCHOOL_REQUEST_STATUSES.join(', ')}.` }).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  /** Find one request by its reference (issue 14, item 6): answers `{ request: { id, reference } }` or 404; the rest is not read. */
  reference: requestReference.optional(),
});

export const decisionPath = z.strictObject({
  id: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'A request id is 26 letters and digits, as in the link you were sent.'),
  action: z.enum(DECISIONS, { error: `Use one of: ${DECISIONS.join(', ')}.` }),
});

const reason = text(1000);

/** Every decision's fields; which are needed depends on the decision (the state machine says). */
export const decisionBody = parsesTo<DecisionDetails>()(z.strictObject({
  note: reason.optional(),
  /** Approve: where the encounter takes place, e.g. "Main hall" (shown to the provider and in the invitation). */
  venue: optionalLine(200).optional(),
  /** Decline: one of the school's grounds for refusing, or the lead's own words; cancel, reschedule, keep: why. */
  reason: reason.optional(),
  /** Propose: the other date and time, and an optional message to the provider. */
  date: isoDate.optional(),
  start: localTime.optional(),
  end: localTime.optional(),
  message: reason.optional(),
  respondBy: isoDate.optional(),
  /** Deliver: whether it happened, the four R-CONTENT items confirmed again, attendance. */
  happened: z.boolean().optional(),
  content: z
    .strictObject({ provider: z.boolean(), careers: z.boolean(), learning: z.boolean(), questions: z.boolean() })
    .optional(),
  /** R-ATTEND, per year group: pupils on roll and pupils who took part (`pupils`), numbers only, never names. */
  attendance: z
    .array(
      z
        .strictObject({
          yearGroup: z.number().int().min(0).max(13),
          onRoll: z.number({ error: 'Enter the number of pupils on roll as a whole number, like 180 (R-ATTEND).' }).int('Enter the number of pupils on roll as a whole number, like 180 (R-ATTEND).').min(1, 'Enter at least 1 pupil on roll (R-ATTEND).').max(2000),
          pupils: z.number({ error: 'Enter the number of pupils who took part as a whole number, like 172 (R-ATTEND).' }).int('Enter the number of pupils who took part as a whole number, like 172 (R-ATTEND).').min(0).max(2000),
        })
        .refine((a) => a.pupils <= a.onRoll, { path: ['pupils'], message: 'The pupils who took part cannot be more than the pupils on roll (R-ATTEND).' }),
    )
    .max(6)
    .optional(),
  /** R-WHOLE: this was session `session` of `sessions` that together reached the whole year group (a carousel of form groups); absent, a whole encounter. */
  split: z
    .strictObject({
      session: z.number().int('Enter which session this was as a whole number, like 2 (R-WHOLE).').min(1, 'Sessions are counted from 1 (R-WHOLE).').max(20),
      sessions: z.number().int('Enter how many sessions there were as a whole number, like 4 (R-WHOLE).').min(2, 'A split encounter has at least 2 sessions; for one session, say it was not split (R-WHOLE).').max(20, 'Use at most 20 sessions (R-WHOLE).'),
    })
    .refine((s) => s.session <= s.sessions, { path: ['session'], message: 'The session cannot be later than the number of sessions, like 2 of 4 (R-WHOLE).' })
    .optional(),
}));

export type DecisionBody = z.output<typeof decisionBody>;

/** An emailed action link's token, as the link carries it (in its fragment; in the path of links sent before issue 12). */
export const actionToken = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, 'This link is not complete. Copy the whole link from the email.');

/** Links sent before issue 12, item 3: the token in the path of /actions/{token} and /api/actions/{token}. */
export const actionTokenPath = z.strictObject({ token: actionToken });
/** Where an action link leads now: the page at /actions/ with the token in the fragment. */
export { actionLinkPath } from '#shared/domain/links.ts';

/** What an action form posts: the same decision fields, as a browser form sends them. */
export const actionFormBody = parsesTo<ActionForm>()(z.strictObject({
  reason: reason.optional(),
  otherReason: reason.optional(),
  note: reason.optional(),
  'date-day': z.string().trim().max(2).optional(),
  'date-month': z.string().trim().max(2).optional(),
  'date-year': z.string().trim().max(4).optional(),
  start: z.string().trim().max(5).optional(),
  end: z.string().trim().max(5).optional(),
  message: reason.optional(),
}));

/**
 * POST /api/actions/view: what an emailed link is for, without acting. The token travels
 * in the body (never in an address: issue 12, item 3), so this is a POST that writes nothing.
 */
export const actionViewBody = z.strictObject({ token: actionToken });

/** POST /api/actions: the decision, with the link's token and the same fields as the form. */
export const actionDecideBody = actionFormBody.extend({ token: actionToken });

/** What the confirmation page shows: the request as the lead's email described it. */
export interface ActionLinkView {
  action: LinkDecision;
  school: { urn: string; name: string };
  request: {
    id: string;
    /** What people call it, "PA-7K3M-Q9" (issue 14, item 6); absent on a request stored before references. */
    reference?: string;
    provider: { organisation: string };
    contact: { name: string; email: string; phone: string };
    sessionType: string;
    yearGroups: number[];
    date: string;
    start: string;
    end: string;
    notes?: string;
    /** Warnings the request carried when it was made (e.g. a second visit this term). */
    flags: string[];
  };
  /** Decline: the school's grounds for refusing, offered as choices (with "another reason"). */
  groundsForRefusing: string[];
  /** Approve-move, decline-move: the provider's ask the link answers (issue 14, item 5). */
  move?: MoveView;
}

/** What the done page says after POST /api/actions. */
export interface ActionDoneView {
  action: LinkDecision;
  status: string;
  requestId: string;
  /** What people call it, "PA-7K3M-Q9" (issue 14, item 6); absent on a request stored before references. */
  reference?: string;
  school: { urn: string; name: string };
  provider: { organisation: string };
  contact: { name: string };
  date: string;
}

/** One request as the careers leads lead sees it: everything the provider sent, flags and trail. */
export interface ManagedRequestView {
  id: string;
  /** What people call it, "PA-7K3M-Q9" (issue 14, item 6); absent on a request stored before references. */
  reference?: string;
  urn: string;
  status: string;
  date: string;
  start: string;
  end: string;
  yearGroups: number[];
  sessionType: string;
  provider: { organisation: string; type: string; ukprn?: string };
  contact: { name: string; email: string; phone: string };
  staffCount: number;
  facilities: string[];
  content: { provider: boolean; careers: boolean; learning: boolean; questions: boolean };
  notes: string;
  createdAt: string;
  responseDeadline: string;
  /** School days left to answer, counting today; 0 on the deadline day itself, negative past it. */
  schoolDaysLeft?: number;
  flags: { code: string; rule: string; field: string; message: string }[];
  /** Rules the booking breaks now that the school's calendar or opportunities changed (issue 11); empty when none. */
  attention: { rule: string; code: string; message: string }[];
  alternative?: { date: string; start: string; end: string; respondBy: string; message?: string };
  /** The provider's ask to move this approved encounter, waiting for the school's answer (issue 14, item 5). */
  move?: MoveView;
  reason?: string;
  /** Where it takes place: given when approving, or the slot's opportunity's venue. */
  venue?: string;
  /** R-WHOLE: booked as one session of several, as the lead said when approving. */
  split?: { session: number; sessions: number };
  delivery?: {
    content: Record<string, boolean>;
    /** `pupils`: who took part; `onRoll` absent in records from before issue 16. */
    attendance: { yearGroup: number; pupils: number; onRoll?: number }[];
    split?: { session: number; sessions: number };
    note?: string;
    recordedAt: string;
  };
  allowedActions: string[];
  history: { type: string; at: string; actor: string; by?: string; note?: string }[];
}
export type DashboardQuery = z.output<typeof dashboardQuery>;

/** GET …/requests without a status: the dashboard's lists (the adapter adds suppressedAddresses). */
export interface DashboardView {
  today: string;
  needsAttention: ManagedRequestView[];
  needsDecision: ManagedRequestView[];
  awaitingProvider: ManagedRequestView[];
  upcoming: ManagedRequestView[];
  statementReviewDue?: { version: number; nextReviewOn: string; message: string };
  undeliverableSchoolAddresses?: UndeliverableAddress[];
  /** Issue 16, item 3: cohorts at risk (soonest first), then not met. */
  coverageConcerns: CoverageConcern[];
}

/** A provider's ask to move an approved encounter, as both sides see it. */
export interface MoveView {
  date: string;
  start: string;
  end: string;
  reason: string;
  askedAt: string;
}

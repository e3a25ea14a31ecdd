// What a use case hands back for a reply: the stored records and what it gathered around
// them (a school's name, the trail, what a later change broke). shared/api/views.ts turns
// each into the JSON a route answers, so every route with the same view answers alike.
import type { BookingProblem } from './recheck.ts';
import type { RequestEvent, StoredRequest, StoredSchool } from './records.ts';
import type { IsoDate, Opportunity } from './types.ts';

/** A request as its school's staff see it. */
export interface ManagedRequest {
  request: StoredRequest;
  /** Pending only: school days left to answer, counting today; 0 on the deadline day itself, negative past it. */
  schoolDaysLeft?: number;
  /** Rules the booking breaks now that the school's calendar or opportunities changed (issue 11). */
  attention: readonly BookingProblem[];
  /** Its trail (one request in full; lists leave it out). */
  events?: readonly RequestEvent[];
  /** The slot's opportunity's venue, for a request given none when approved (one request in full). */
  slotVenue?: string;
}

/** One of the school's own addresses the service no longer emails, and why (dashboard banner). */
export interface UndeliverableAddress {
  who: 'careers_lead';
  name: string;
  address: string;
  /** bounce: SES reported it bouncing for good; complaint: an email to it was reported as spam. */
  reason: 'bounce' | 'complaint';
  /** When SES reported it. */
  since: string;
  /** The service's sender address, for the school's IT to allow. */
  sender: string;
}

/** The careers lead's dashboard: what needs them, soonest or oldest first. */
export interface SchoolBoard {
  today: IsoDate;
  /** Bookings a later change put outside the rules, soonest first (each also in its own list). */
  needsAttention: ManagedRequest[];
  needsDecision: ManagedRequest[];
  awaitingProvider: ManagedRequest[];
  upcoming: ManagedRequest[];
  /** The published policy statement has passed its yearly review date (S-REVIEW). */
  statementReviewDue?: { version: number; nextReviewOn: string; message: string };
  undeliverableSchoolAddresses?: UndeliverableAddress[];
}

/** A request as the provider who sent it sees it: with its school's name, and its trail for one request. */
export interface ProviderRequestRead {
  request: StoredRequest;
  schoolName: string;
  events?: readonly RequestEvent[];
}

/** A school's public page: its profile and the opportunities it offers. */
export interface PublicSchoolRead {
  school: StoredSchool;
  opportunities: Opportunity[];
}

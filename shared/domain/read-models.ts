// What a use case hands back for a reply: the stored records and what it gathered around
// them (a school's name, the trail, what a later change broke). shared/api/views.ts turns
// each into the JSON a route answers, so every route with the same view answers alike.
import type { CoverageStatus, KeyPhase, SchoolCoverage, TrustCoverage } from './coverage.ts';
import type { BookingProblem } from './recheck.ts';
import type { InvitedSlot, RequestEvent, StoredRequest, StoredSchool } from './records.ts';
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
  /** Issue 16, item 3: the cohorts at risk (soonest window end first), then those not met. */
  coverageConcerns: CoverageConcern[];
}

/**
 * A cohort whose key phase falls short (at risk: the window is open; not met: it closed),
 * as the dashboard's panel lists it: how many more encounters, by which date.
 */
export interface CoverageConcern {
  yearGroup: number;
  phase: KeyPhase;
  status: Extract<CoverageStatus, 'at_risk' | 'not_met'>;
  counted: number;
  planned: number;
  required: number;
  /** More encounters to book (at risk), or the shortfall when the window closed (not met). */
  needed: number;
  /** The window's last day (inclusive). */
  byDate: IsoDate;
  /** The last day a provider can still ask for `byDate`, given the school's notice (R-NOTICE). */
  askBy: IsoDate;
  statusText: string;
}

/** What is at risk at one school of a trust: the order of the trust view. */
export interface SchoolRisk {
  /** Cohorts at risk or not met. */
  cohorts: number;
  /** Encounters still needed across them. */
  encounters: number;
}

/** The trust view: its schools, the most at risk first, with the order in words. */
export type TrustCoverageRead = Omit<TrustCoverage, 'schools'> & {
  schools: (TrustCoverage['schools'][number] & { risk: SchoolRisk })[];
  order: string;
};

/** Issue 16, item 2: the last invitation to providers for a cohort ("Invited 3 providers on 1 December"). */
export interface CohortInvitation {
  yearGroup: number;
  /** The cohort, by its Year 8 academic year (the year group moves on each September). */
  year8AcademicYear: number;
  sentAt: string;
  providers: string[];
}

/** A school's coverage with the invitations sent for its cohorts. */
export type SchoolCoverageRead = SchoolCoverage & { invitations: CohortInvitation[] };

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

/** A provider who visited the school (a delivered or approved request), as the invitation page lists it. */
export interface VisitedProvider {
  /** Its UKPRN, or its name when it has none (as coverage counts providers). */
  id: string;
  organisation: string;
  contactName: string;
  /** Its latest visit's date. */
  lastVisit: IsoDate;
  /** When it was last invited for this cohort, if it was. */
  invitedAt?: string;
  /** Invited within the week: the first day it can be invited again. */
  inviteAgainOn?: IsoDate;
}

/** GET …/coverage/invitations: the cohort, the providers who visited before, the slots and the email's words. */
export interface InvitationPlan {
  urn: string;
  schoolName: string;
  yearGroup: number;
  year8AcademicYear: number;
  phase: KeyPhase;
  needed: number;
  byDate: IsoDate;
  askBy: IsoDate;
  providers: VisitedProvider[];
  slots: InvitedSlot[];
  /** The email each provider is sent, addressed to its own contact (shown with placeholders). */
  preview: { subject: string; text: string };
  lastInvitation?: CohortInvitation;
}

/** POST …/coverage/invitations: who was invited. */
export interface InvitationSent {
  invitation: CohortInvitation;
  message: string;
}

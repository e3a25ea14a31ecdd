// The records the store keeps, as plain types: a request, a school, a session, a staff
// role, a token, a queued message. Every layer that handles one (use cases, mail, pages,
// the edge) takes it from here, so none of them needs to import the store (DESIGN.md's
// layer table); shared/store maps items to and from these.
import type { SubsetFlag } from './audience.ts';
import { DEFAULT_COVERAGE_SETTINGS, type CoverageSettings } from './coverage.ts';
import type { ReminderKind } from './reminders.ts';
import type { StaffRole } from './roles.ts';
import type { ProviderRequestDraft } from './rules.ts';
import type { RequestEvent as DomainRequestEvent, RequestState } from './state-machine.ts';
import type { RequestReference } from './reference.ts';
import type { IsoDate, LocalTime, ProviderType, RequestStatus, School } from './types.ts';

/** A slot place named by the request that takes it (the slot's date, start and opportunity). */
export interface SlotPlace {
  date: IsoDate;
  time: LocalTime;
  opportunityId: string;
}

/** The place a request takes in a slot (shared/store/slots.ts owns the slot's updates). */
export type SlotHold = SlotPlace;

/** A request as stored: what the provider told the school, plus where it stands. */
export interface StoredRequest extends ProviderRequestDraft, RequestState {
  urn: string;
  status: RequestStatus;
  /** The contact email, lower case: the provider's requests are listed by it. */
  providerEmail: string;
  createdAt: string;
  updatedAt: string;
  /** R-WHOLE and similar flags for the careers lead; never a refusal. */
  flags: SubsetFlag[];
  /**
   * The slot this request takes a place in, while it takes one: waiting (when the school's
   * pendingHoldsPlace was Yes at creation) or approved on the slot's time (P-SLOT).
   */
  heldSlot?: SlotHold;
  /**
   * Optimistic lock: every transition is conditional on the version it read. One per event:
   * 1 when sent (REQUEST_SUBMITTED), 0 while unconfirmed (issue 12, item 2: no event yet).
   */
  version: number;
  /** When the provider confirmed their address by the emailed link (issue 12, item 2); absent when it needed no confirming. */
  confirmedAt?: string;
  /**
   * What people call it, "PA-7K3M-Q9" (reference.ts), unique across the service; set when it
   * is created. Absent on requests stored before references (issue 14, item 6): shown as none.
   */
  reference?: RequestReference;
  /**
   * The provider organisation the request belongs to (issue 15, item 1), whose members all see
   * and act on it: stamped at creation (the signed-in member's, or the contact address's), or
   * when its address joins one. It stays with the organisation when its sender leaves.
   */
  organisationId?: string;
}

/** An event of the state machine, kept as the request's audit trail; the mailer reads it. */
export type RequestEvent = DomainRequestEvent & { urn: string };

export interface StoredSchool extends School {
  updatedAt: string;
  /** Settings version, for saves conditional on what was read; absent (never edited) counts as 0. */
  version?: number;
  /** Version of the school's set of opportunities, likewise. */
  opportunitiesVersion?: number;
  /**
   * The last date its opportunities can give a slot on (lastSlotDate), written with every
   * change to them and copied onto its near point; absent when it publishes none, so a near
   * search with dates checks slots only where there may be some.
   */
  slotsUntil?: IsoDate;
  /** The member of staff who last saved the settings. */
  updatedBy?: string;
}

export type SessionKind = 'staff' | 'provider';

export interface SessionRecord {
  kind: SessionKind;
  email: string;
  createdAt: string;
  lastSeenAt: number;
  absoluteExpiresAt: number;
  /** TTL: the earlier of idle and absolute expiry. */
  expiresAt: number;
}

export interface StaffRoleRecord {
  urn: string;
  email: string;
  name: string;
  role: StaffRole;
}

/** The platform's own settings, the same for every school (shared/store/platform-settings.ts). */
export type PlatformSettings = CoverageSettings;
export const DEFAULT_PLATFORM_SETTINGS: PlatformSettings = DEFAULT_COVERAGE_SETTINGS;

export interface PlatformAdmin {
  email: string;
  name: string;
  addedAt: string;
}

/** sign-in: a session; action: a careers lead's decision; confirm-request: a provider's first request from an address (issue 12, item 2). */
export const TOKEN_PURPOSES = ['sign-in', 'action', 'confirm-request'] as const;
export type TokenPurpose = (typeof TOKEN_PURPOSES)[number];

export interface TokenRecord {
  purpose: TokenPurpose;
  /** The email the link was sent to: whoever uses it acts as this person. */
  email: string;
  /** What the link is for, e.g. { next: '/requests/view/?id=…' } or { requestId, action }. */
  data: Record<string, string>;
  createdAt: string;
  expiresAt: number;
  usedAt?: string;
  /** A newer link of the same kind was sent to the same address, so this one no longer works. */
  replacedAt?: string;
}

export interface SignInLinkMessage {
  kind: 'sign-in-link';
  email: string;
  sessionKind: SessionKind;
  /** Where the link leads once used (a path on the site). */
  next: string;
}

/** A reminder from the daily job about one request (see shared/domain/reminders.ts). */
export interface ReminderMessage {
  kind: 'reminder';
  reminder: ReminderKind;
  urn: string;
  requestId: string;
  /** The status and encounter date it was decided on: the mailer sends nothing if either has changed since. */
  status: RequestStatus;
  date: IsoDate;
}

/** The careers lead's reminder that the published policy statement is due for review (S-REVIEW). */
export interface StatementReviewMessage {
  kind: 'statement-review';
  urn: string;
  /** The version it was decided on: the mailer sends nothing once a newer version is published. */
  version: number;
  nextReviewOn: IsoDate;
}

/**
 * The careers lead's list of bookings a change put outside the rules (issue 11), after a
 * save of settings or opportunities or from the daily job. The mailer reads each booking
 * again and lists only those still needing attention; none left, nothing is sent.
 */
export interface AttentionMessage {
  kind: 'attention';
  urn: string;
  requestIds: string[];
  cause: 'settings' | 'opportunities' | 'daily';
}

/**
 * The link that confirms a provider's first request from an address (issue 12, item 2).
 * Names only the request: the mailer reads its address there, and sends nothing once the
 * request is confirmed or gone.
 */
export interface RequestConfirmationMessage {
  kind: 'request-confirmation';
  urn: string;
  requestId: string;
}

/**
 * A colleague's invitation to an organisation (issue 15, item 1): names only the member;
 * the mailer reads the organisation and who invited them then, and sends nothing once they
 * are no longer a member of it (removed before the email went).
 */
export interface OrganisationInviteMessage {
  kind: 'organisation-invite';
  email: string;
  organisationId: string;
}

/** A slot as an invitation to providers lists it: what the lead saw, with what the request form needs. */
export interface InvitedSlot {
  opportunityId: string;
  title: string;
  date: IsoDate;
  start: LocalTime;
  end: LocalTime;
  yearGroups: number[];
  placesLeft: number;
}

/**
 * Issue 16, item 2: the careers lead's invitation to one provider who visited before, to
 * book one of the school's open slots for a cohort at risk. One message per provider (no
 * provider sees another's address); the slots are those the lead saw in the preview.
 */
export interface CoverageInvitationMessage {
  kind: 'coverage-invitation';
  urn: string;
  yearGroup: number;
  /** The provider's contact on its latest visit. */
  email: string;
  contactName: string;
  organisation: string;
  /** The window's last day and the last day to ask, given the school's notice. */
  byDate: IsoDate;
  askBy: IsoDate;
  slots: InvitedSlot[];
}

/**
 * One invitation of providers for a cohort (issue 16, item 2): who was invited and when, so
 * the coverage page says "Invited 3 providers on 1 December".
 */
export interface CoverageInvitationRecord {
  id: string;
  urn: string;
  yearGroup: number;
  year8AcademicYear: number;
  sentAt: string;
  /** Who sent it (the member of staff's address). */
  by: string;
  providers: { providerId: string; organisation: string }[];
}

export type OutboxMessage =
  | SignInLinkMessage
  | ReminderMessage
  | StatementReviewMessage
  | AttentionMessage
  | RequestConfirmationMessage
  | OrganisationInviteMessage
  | CoverageInvitationMessage;

/** A college's (or other provider's) account (issue 15, item 1): its saved profile, one per UKPRN (R-PROVIDER). */
export interface OrganisationRecord {
  id: string;
  name: string;
  type: ProviderType;
  /** 8 digits starting with 1 (R-PROVIDER); claimed by one organisation only. */
  ukprn: string;
  website?: string;
  /** Who a school should reach about the organisation's requests: fills in the request form. */
  defaultContact: { name: string; email: string; phone: string };
  createdAt: string;
  updatedAt: string;
  /** Counts saves: a PUT is conditional on the version it read. */
  version: number;
}

export type MemberRole = 'admin' | 'member';

/** A person of an organisation: admins change the profile and the members; every member sees its requests. */
export interface MemberRecord {
  organisationId: string;
  email: string;
  role: MemberRole;
  /** Who added them (the admin's address); the founder invited themselves. */
  invitedBy: string;
  invitedAt: string;
  /** When they first signed in since the invitation; unset until then. */
  joinedAt?: string;
}

/** The organisation a person belongs to and their role there: what the edge hands a provider route (read on every call). */
export interface OrganisationMembership {
  organisationId: string;
  role: MemberRole;
}

/**
 * A visit tour (issue 15, item 5): one sending of requests to several schools. Each stop
 * becomes its own request (its own decision and emails); the tour only remembers which.
 * Owned by the sender's organisation when they have one (its members see it), else by
 * the sender's address.
 */
export interface TourRecord {
  id: string;
  owner: { organisationId: string } | { email: string };
  /** The address that sent it (a member of the owning organisation, or the owner itself). */
  createdBy: string;
  createdAt: string;
  /** The sent body's digest: the same Idempotency-Key with another body is refused, never resumed. */
  fingerprint: string;
  stops: TourStop[];
}

export interface TourStop {
  urn: string;
  schoolName: string;
  /** What was asked: a published slot, or a time of the provider's own. */
  slot?: { opportunityId: string; date: string };
  /** The time as checked (a slot's own start and end). */
  date: string;
  start: string;
  end: string;
  /** The request this stop became, once written. */
  requestId?: string;
  reference?: string;
  /**
   * When its request was last being written: set before the write, cleared by its outcome.
   * Still set on a retry means the write may have happened: the retry looks for that request first.
   */
  attemptedAt?: string;
  /** Why its request was not written when the tour was sent (a place taken meanwhile, a rate limit). */
  problem?: { code: string; message: string };
}

// The one registry of emails. For each kind of message (a request event people are told
// about, or an outbox item), who receives it and, beside each recipient, its template
// (subject, HTML and text, in ./messages) and its .ics. What a kind needs is its mail input,
// gathered by the use case (shared/usecases/notify.ts); a link with a fresh token is asked
// for here as a TokenGrant and minted by the use case only once the email is claimed, so
// mail reads nothing and writes nothing. A new email is one entry here and one template.
import { REMINDER_AUDIENCE, type ReminderKind } from '#shared/domain/reminders.ts';
import type { AttentionMessage, CoverageInvitationMessage, MemberRole, OrganisationRecord, RequestEvent, SessionKind, StoredRequest, StoredSchool } from '#shared/domain/records.ts';
import type { RequestEventType } from '#shared/domain/state-machine.ts';
import { buildInvite } from './calendar.ts';
import type { Address, CalendarPart, OutgoingEmail } from './compose.ts';
import { ACTION_LINK_SECONDS, leadRequestUrl, lifetimeWords, PROVIDER_LINK_SECONDS, providerSignIn, siteUrl, STAFF_LINK_SECONDS, type TokenGrant } from './links.ts';
import { attentionForLead, type AttentionItem } from './messages/attention.ts';
import { counterOfferForLead } from './messages/counter-offer.ts';
import { coverageInvitation } from './messages/coverage-invitation.ts';
import { organisationInvite } from './messages/organisation-invite.ts';
import { moveAskedForLead, type MoveAskedMail } from './messages/move-asked.ts';
import { withReference, type MessageContent } from './messages/layout.ts';
import { deliveryReminderForLead, pendingReminderForLead, visitReminderForProvider } from './messages/reminders.ts';
import { requestConfirmation } from './messages/request-confirmation.ts';
import { requestExpiredForLead, requestExpiredForProvider } from './messages/request-expired.ts';
import { requestCreatedForLead, requestCreatedForProvider } from './messages/request-submitted.ts';
import { signInLink } from './messages/sign-in.ts';
import { statementReviewForLead } from './messages/statement-review.ts';
import { updateMessage, wording, type Audience } from './messages/updates.ts';
import { senderAddress } from './send.ts';

// ——— What each kind is given ———

/** A request event: the event, the request and school as they are now, and where it takes place when the email says so. */
export interface RequestMail {
  event: RequestEvent;
  request: StoredRequest;
  school: StoredSchool;
  /** Read only for an event that changes the calendar (the invitation's LOCATION, the visit details). */
  venue?: string;
}

/** A reminder of the daily job, on the state it was decided on (the use case checked it still holds). */
export interface ReminderMail {
  reminder: ReminderKind;
  request: StoredRequest;
  school: StoredSchool;
  /** Where the visit is, for the provider's reminder. */
  venue?: string;
}

export interface SignInMail {
  email: string;
  sessionKind: SessionKind;
  next: string;
}

/** A colleague invited to an organisation, as the organisation and their invitation are when the email goes. */
export interface OrganisationInviteMail {
  email: string;
  role: MemberRole;
  organisation: Pick<OrganisationRecord, 'name' | 'type' | 'ukprn' | 'website'>;
  /** The admin who invited them: their name when the organisation knows it (its default contact), or none. */
  inviter: Address;
}

export interface StatementReviewMail {
  school: StoredSchool;
  review: { version: number; approvedOn: string; nextReviewOn: string };
}

/** A booking still outside the rules, with what it breaks (shared/domain/recheck.ts). */
export type AttentionBooking = Omit<AttentionItem, 'link'> & { requestId: string };

export interface AttentionMail {
  school: StoredSchool;
  cause: AttentionMessage['cause'];
  /** Only those still needing attention when the email is built; none, nothing is sent. */
  bookings: AttentionBooking[];
}

/** An unconfirmed request still within its time to be confirmed. */
export interface RequestConfirmationMail {
  request: StoredRequest & { confirmBy: string };
  school: StoredSchool;
}

/** A provider invited to book a cohort's open slots (issue 16, item 2), with the school as it is when the email goes. */
export interface CoverageInvitationMail {
  message: Omit<CoverageInvitationMessage, 'kind'>;
  school: StoredSchool;
}

/** The request form for one slot, as the school's page links it. */
function requestFormUrl(urn: string, slot: { opportunityId: string; date: string }): string {
  return siteUrl(`/request/?${new URLSearchParams({ urn, opportunity: slot.opportunityId, date: slot.date }).toString()}`);
}

/** The invitation's words and links; also the preview the careers lead sees before sending. */
export function coverageInvitationContent({ message, school }: CoverageInvitationMail): MessageContent {
  return coverageInvitation(
    { school, contactName: message.contactName, organisation: message.organisation, yearGroup: message.yearGroup, byDate: message.byDate, askBy: message.askBy, slots: message.slots },
    { slots: message.slots.map((s) => requestFormUrl(school.urn, s)), school: siteUrl(`/school/?urn=${encodeURIComponent(school.urn)}`) },
  );
}

/** The request events that send email: the later changes, each worded for the other side. */
const UPDATE_EVENTS = [
  'REQUEST_APPROVED',
  'ALTERNATIVE_ACCEPTED',
  'REQUEST_RESCHEDULED',
  'REQUEST_DECLINED',
  'ALTERNATIVE_PROPOSED',
  'REQUEST_WITHDRAWN',
  'ALTERNATIVE_REJECTED',
  'REQUEST_CANCELLED',
  // Issue 14, item 5: a provider's ask to move (to the lead), and the lead's answer (approved: both, with the invitation; declined: the provider).
  'MOVE_ASKED',
  'MOVE_APPROVED',
  'MOVE_DECLINED',
] as const satisfies readonly RequestEventType[];

export type MailedEventType = 'REQUEST_SUBMITTED' | 'REQUEST_EXPIRED' | 'COUNTER_OFFERED' | (typeof UPDATE_EVENTS)[number];

export type MailInputs = { [K in MailedEventType]: RequestMail } & {
  'sign-in-link': SignInMail;
  'organisation-invite': OrganisationInviteMail;
  reminder: ReminderMail;
  'statement-review': StatementReviewMail;
  attention: AttentionMail;
  'request-confirmation': RequestConfirmationMail;
  'coverage-invitation': CoverageInvitationMail;
};

export type MailKind = keyof MailInputs;

/** One kind with its input, as the use case hands it over. */
export type Mail = { [K in MailKind]: { kind: K; input: MailInputs[K] } }[MailKind];

// ——— Whom it goes to, and what they are sent ———

/** Whom an email is for, as the item sees them: the school's careers lead, the provider's contact, or a person signing in. */
export type DeliveryRole = 'lead' | 'provider' | 'user';

export interface Recipient<L extends string = string> {
  /**
   * One email per item and role. The mail log's once-only claim is keyed by the role, not
   * the address: the address can change between retries (a lead replaced in settings, an
   * erased contact), and the markers already written are keyed this way.
   */
  role: DeliveryRole;
  /** The one address it goes to: checked against the suppressions before anything is built. */
  to: Address;
  replyTo?: Address;
  /** Links with a fresh token, by name: minted (in this order) once the email is claimed. */
  links: Record<L, TokenGrant>;
  /** The email itself, given those links as URLs under the same names. */
  message(links: Record<L, string>): MessageContent;
  /** Its calendar invitation, when it carries one. */
  ics?(): CalendarPart;
}

/** An email without its recipient (the delivery's `to` is the only one). */
export type EmailContent = Omit<OutgoingEmail, 'to'>;

/** Keeps each recipient's link names checked against its own template. */
function recipient<L extends string>(r: Recipient<L>): Recipient {
  return r as unknown as Recipient;
}

const leadOf = (school: StoredSchool): Address => ({ name: school.careersLead.name, address: school.careersLead.email });
const providerOf = (request: StoredRequest): Address => ({ name: request.contact.name, address: request.contact.email });

const signInSeconds = (kind: SessionKind) => (kind === 'staff' ? STAFF_LINK_SECONDS : PROVIDER_LINK_SECONDS);

/** A sign-in link's token: single use, for the address it is sent to, landing on `next`. */
function signInGrant(email: string, kind: SessionKind, next: string): TokenGrant {
  return { purpose: 'sign-in', email, data: { kind, next }, lifetime: { seconds: signInSeconds(kind) } };
}

function actionGrant(request: StoredRequest, school: StoredSchool, action: 'approve' | 'decline' | 'propose' | 'approve-move' | 'decline-move', extra: Record<string, string> = {}): TokenGrant {
  return { purpose: 'action', email: school.careersLead.email, data: { requestId: request.id, urn: request.urn, action, ...extra }, lifetime: { seconds: ACTION_LINK_SECONDS } };
}

/** Why an encounter moved or was cancelled, for the invitation (a move's reason travels with its event). */
function calendarReason({ event, request }: RequestMail): string | undefined {
  const given = typeof event.data.reason === 'string' ? event.data.reason : undefined;
  if (event.type === 'REQUEST_RESCHEDULED' || event.type === 'MOVE_APPROVED') return given;
  if (event.type === 'REQUEST_CANCELLED') return given ?? request.reason;
  return undefined;
}

/**
 * Later changes: the other side is told; with a calendar change both sides get the .ics.
 * Each side's copy, email and .ics alike, is its own: the provider's says where to go and
 * what the school asks of them, the lead's who is coming and what they need.
 */
function updateRecipients(mail: RequestMail): Recipient[] {
  const { event, request, school, venue } = mail;
  const audiences = new Set<Audience>(event.notify.map((p) => (p === 'school' ? 'lead' : 'provider')));
  if (event.calendar) {
    audiences.add('lead');
    audiences.add('provider');
  }
  const reason = calendarReason(mail);
  return [...audiences].flatMap((audience): Recipient[] => {
    const words = wording(event.type, audience, school, request, event.data);
    if (!words) return [];
    const where = words.visit || event.calendar ? venue : undefined;
    const calendar = event.calendar;
    const ics = calendar
      ? () => ({
          method: calendar.method,
          content: buildInvite({
            request,
            school,
            method: calendar.method,
            sequence: calendar.sequence,
            now: new Date(event.at),
            audience,
            ...(where ? { venue: where } : {}),
            ...(reason ? { reason } : {}),
          }),
        })
      : undefined;
    if (audience === 'lead') {
      return [
        recipient({
          role: 'lead',
          to: leadOf(school),
          replyTo: providerOf(request),
          links: {},
          message: () => updateMessage(words, audience, school, request, leadRequestUrl(request.id), where),
          ...(ics ? { ics } : {}),
        }),
      ];
    }
    return [
      recipient({
        role: 'provider',
        to: providerOf(request),
        replyTo: leadOf(school),
        links: { manage: providerSignIn(request) },
        message: (l) => updateMessage(words, audience, school, request, l.manage, where),
        ...(ics ? { ics } : {}),
      }),
    ];
  });
}

type Registry = { [K in MailKind]: (input: MailInputs[K]) => Recipient[] };

export const MAIL: Registry = {
  /** A new request: the lead gets approve / decline / propose links, the provider an acknowledgement. */
  REQUEST_SUBMITTED: ({ request, school }) => [
    recipient({
      role: 'lead',
      to: leadOf(school),
      replyTo: providerOf(request),
      links: { approve: actionGrant(request, school, 'approve'), decline: actionGrant(request, school, 'decline'), propose: actionGrant(request, school, 'propose') },
      message: (l) => requestCreatedForLead(school, request, { review: leadRequestUrl(request.id), ...l }),
    }),
    recipient({
      role: 'provider',
      to: providerOf(request),
      replyTo: leadOf(school),
      links: { manage: providerSignIn(request) },
      message: (l) => requestCreatedForProvider(school, request, l.manage),
    }),
  ],
  REQUEST_APPROVED: updateRecipients,
  ALTERNATIVE_ACCEPTED: updateRecipients,
  REQUEST_RESCHEDULED: updateRecipients,
  REQUEST_DECLINED: updateRecipients,
  ALTERNATIVE_PROPOSED: updateRecipients,
  REQUEST_WITHDRAWN: updateRecipients,
  ALTERNATIVE_REJECTED: updateRecipients,
  REQUEST_CANCELLED: updateRecipients,
  /** A provider's ask to move: to the lead, with links to approve or decline that one ask (each confirmed on a page first). */
  MOVE_ASKED: ({ event, request, school }) => {
    // The ask as the event made it; a link for an ask already answered does nothing (action-links.ts matches askedAt).
    const askedAt = event.at;
    const asked = event.data as Partial<MoveAskedMail['asked']>;
    if (typeof asked.date !== 'string' || typeof asked.start !== 'string' || typeof asked.end !== 'string') return [];
    const move = { date: asked.date, start: asked.start, end: asked.end, reason: typeof asked.reason === 'string' ? asked.reason : '' };
    const current = (event.data.current as MoveAskedMail['current'] | undefined) ?? { date: request.date, start: request.start, end: request.end };
    return [
      recipient({
        role: 'lead',
        to: leadOf(school),
        replyTo: providerOf(request),
        links: { approve: actionGrant(request, school, 'approve-move', { askedAt }), decline: actionGrant(request, school, 'decline-move', { askedAt }) },
        message: (l) => moveAskedForLead(school, request, { asked: move, current }, { review: leadRequestUrl(request.id), ...l }),
      }),
    ];
  },
  MOVE_APPROVED: updateRecipients,
  MOVE_DECLINED: updateRecipients,
  /** The provider answered the school's proposed time with its own: the lead decides again, with the same links as a new request. */
  COUNTER_OFFERED: ({ event, request, school }) => {
    const proposed = event.data.proposed as { date: string; start: string; end: string } | undefined;
    const message = typeof event.data.message === 'string' ? event.data.message : undefined;
    return [
      recipient({
        role: 'lead',
        to: leadOf(school),
        replyTo: providerOf(request),
        links: { approve: actionGrant(request, school, 'approve'), decline: actionGrant(request, school, 'decline'), propose: actionGrant(request, school, 'propose') },
        message: (l) => counterOfferForLead(school, request, { ...(proposed ? { proposed } : {}), ...(message ? { message } : {}) }, { review: leadRequestUrl(request.id), ...l }),
      }),
    ];
  },
  /** The daily job ended a request nobody answered in time: both sides are told. */
  REQUEST_EXPIRED: ({ event, request, school }) => [
    recipient({
      role: 'lead',
      to: leadOf(school),
      replyTo: providerOf(request),
      links: {},
      message: () => requestExpiredForLead(school, request, event.from, leadRequestUrl(request.id)),
    }),
    recipient({
      role: 'provider',
      to: providerOf(request),
      replyTo: leadOf(school),
      links: { manage: providerSignIn(request) },
      message: (l) => requestExpiredForProvider(school, request, event.from, { manage: l.manage, school: siteUrl(`/school/?urn=${encodeURIComponent(school.urn)}`) }),
    }),
  ],

  /** A sign-in link, to the address that asked (no display name: the person typed it). */
  'sign-in-link': ({ email, sessionKind, next }) => [
    recipient({
      role: 'user',
      to: { name: '', address: email },
      links: { signIn: signInGrant(email, sessionKind, next) },
      message: (l) => signInLink(l.signIn, sessionKind === 'staff', lifetimeWords(signInSeconds(sessionKind))),
    }),
  ],
  /**
   * A colleague's invitation (issue 15, item 1): to the address the admin typed, with the
   * same single-use provider sign-in link as signing in (it lands on the organisation's
   * page); replies go to the admin who invited them.
   */
  'organisation-invite': ({ email, role, organisation, inviter }) => [
    recipient({
      role: 'user',
      to: { name: '', address: email },
      replyTo: inviter,
      links: { signIn: signInGrant(email, 'provider', '/provider/organisation/') },
      message: (l) =>
        organisationInvite(
          { organisation, role, inviter: { name: inviter.name, address: inviter.address }, lifetime: lifetimeWords(signInSeconds('provider')) },
          { signIn: l.signIn, signInPage: siteUrl('/sign-in/') },
        ),
    }),
  ],
  /** The daily job's reminders: the visit to the provider, the rest to the careers lead. */
  reminder: ({ reminder, request, school, venue }) => {
    if (REMINDER_AUDIENCE[reminder] === 'provider') {
      return [
        recipient({
          role: 'provider',
          to: providerOf(request),
          replyTo: leadOf(school),
          links: { manage: providerSignIn(request) },
          message: (l) => visitReminderForProvider(school, request, l.manage, venue),
        }),
      ];
    }
    return [
      recipient({
        role: 'lead',
        to: leadOf(school),
        replyTo: providerOf(request),
        links: {},
        message: () =>
          reminder === 'delivery'
            ? deliveryReminderForLead(school, request, leadRequestUrl(request.id))
            : pendingReminderForLead(school, request, reminder === 'pending-7' ? 'pending-7' : 'pending-3', leadRequestUrl(request.id)),
      }),
    ];
  },
  /** The yearly review of the published policy statement, to the careers lead. */
  'statement-review': ({ school, review }) => {
    if (!school.careersLead.email) return [];
    const urn = encodeURIComponent(school.urn);
    return [
      recipient({
        role: 'lead',
        to: leadOf(school),
        links: {},
        message: () => statementReviewForLead(school, review, { manage: siteUrl(`/manage/statement/?urn=${urn}`), statement: siteUrl(`/schools/${urn}/statement`) }),
      }),
    ];
  },
  /** Bookings a change put outside the rules, to the careers lead; none left, nothing sent. */
  attention: ({ school, cause, bookings }) => {
    if (!school.careersLead.email || bookings.length === 0) return [];
    const items: AttentionItem[] = bookings.map(({ requestId, ...item }) => ({ ...item, link: leadRequestUrl(requestId) }));
    return [
      recipient({
        role: 'lead',
        to: leadOf(school),
        links: {},
        message: () => attentionForLead(school, cause, items, siteUrl(`/manage/?urn=${encodeURIComponent(school.urn)}`)),
      }),
    ];
  },
  /**
   * A first request from an address (issue 12, item 2): its confirmation link, to the address
   * only (no display name: the sender typed it), with no Reply-To; its token lives as long
   * as the request can still be confirmed.
   */
  'request-confirmation': ({ request, school }) => [
    recipient({
      role: 'provider',
      to: { name: '', address: request.contact.email },
      links: { confirm: { purpose: 'confirm-request', email: request.providerEmail, data: { urn: request.urn, requestId: request.id }, lifetime: { until: request.confirmBy } } },
      message: (l) => requestConfirmation(school.name, l.confirm),
    }),
  ],
  /**
   * The careers lead's invitation to one provider who visited before (issue 16, item 2): to
   * that provider's contact alone (one email each, so nobody sees another's address), with
   * plain links to the request form (no token: anyone may request a slot); replies reach the lead.
   */
  'coverage-invitation': (mail) => [
    recipient({
      role: 'provider',
      to: { name: mail.message.contactName, address: mail.message.email },
      ...(mail.school.careersLead.email ? { replyTo: leadOf(mail.school) } : {}),
      links: {},
      message: () => coverageInvitationContent(mail),
    }),
  ],
};

const MAILED_EVENTS = new Set<string>(['REQUEST_SUBMITTED', 'REQUEST_EXPIRED', 'COUNTER_OFFERED', ...UPDATE_EVENTS] satisfies MailedEventType[]);

/** Whether people are emailed about a request event of this type. */
export function isMailedEvent(type: string): type is MailedEventType {
  return MAILED_EVENTS.has(type);
}

/**
 * Who receives a message of this kind, each with their template and .ics. Every email
 * about one request carries its reference in the subject and once at the top (issue 14,
 * item 6): whatever the kind, here, so a kind added later cannot leave it out.
 */
export function recipientsOf(mail: Mail): Recipient[] {
  const recipients = (MAIL[mail.kind] as (input: Mail['input']) => Recipient[])(mail.input);
  const reference = 'request' in mail.input ? mail.input.request.reference : undefined;
  if (!reference) return recipients;
  return recipients.map((r) => ({ ...r, message: (links) => withReference(r.message(links), reference) }));
}

/** The email one recipient is sent, once its links are minted. */
export function emailFor(r: Recipient, links: Record<string, string>): EmailContent {
  const calendar = r.ics?.();
  return { from: senderAddress(), ...(r.replyTo ? { replyTo: r.replyTo } : {}), ...r.message(links), ...(calendar ? { calendar } : {}) };
}

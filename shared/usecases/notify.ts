// The mailer's use case: a new table item (a request event or an outbox message) becomes
// its emails, once each. Here the data each kind needs is gathered (the mail input of
// shared/mail/registry.ts, which says who receives what); each email is then claimed in the
// mail log, its links' tokens are minted, and it is sent. Tokens are minted only once the
// delivery is claimed, so a redelivered batch neither sends twice nor mints stray links.
import type { OutboxMessage, RequestEvent } from '#shared/domain/records.ts';
import { confirmationLapsed } from '#shared/domain/state-machine.ts';
import { logger } from '#shared/log.ts';
import type { Address } from '#shared/mail/compose.ts';
import { tokenLink, type TokenGrant } from '#shared/mail/links.ts';
import { emailFor, isMailedEvent, recipientsOf, type DeliveryRole, type EmailContent, type Mail, type MailInputs } from '#shared/mail/registry.ts';
import { sendEmail } from '#shared/mail/send.ts';
import type { Store } from '#shared/store/client.ts';
import { claimDelivery, recordDelivery, recordSuppressed, releaseDelivery, type ItemKey } from '#shared/store/mail-log.ts';
import { getMember, getOrganisation } from '#shared/store/organisations.ts';
import { getRequest } from '#shared/store/requests.ts';
import { getSchoolProfile } from '#shared/store/schools.ts';
import { getSuppression } from '#shared/store/suppressions.ts';
import { issueToken } from '#shared/store/tokens.ts';
import { attentionMail } from './attention-mail.ts';
import { reminderMail } from './daily-mail.ts';
import { statementReviewMail } from './statement-mail.ts';
import { venueOf } from './venue.ts';

/** One email to one recipient for one table item, built only when it is about to be sent. */
export interface Delivery {
  role: DeliveryRole;
  /** The one address it goes to: checked against the suppressions before anything is built. */
  to: Address;
  /** The message itself (its links minted now); its recipient is always `to`. */
  build: () => Promise<EmailContent>;
}

type OutboxGatherers = { [K in OutboxMessage['kind']]: (store: Store, message: Extract<OutboxMessage, { kind: K }>) => Promise<MailInputs[K] | undefined> };

const outboxGatherers: OutboxGatherers = {
  'sign-in-link': async (_store, { email, sessionKind, next }) => ({ email, sessionKind, next }),
  // Nothing once they are no longer a member of that organisation (removed before it went).
  'organisation-invite': async (store, { email, organisationId }) => {
    const [member, organisation] = await Promise.all([getMember(store, organisationId, email), getOrganisation(store, organisationId)]);
    if (!member || !organisation) return undefined;
    // Members have no names of their own: the default contact's, when the inviter is that person.
    const name = organisation.defaultContact.email === member.invitedBy ? organisation.defaultContact.name : '';
    return { email, role: member.role, organisation, inviter: { name, address: member.invitedBy } };
  },
  reminder: reminderMail,
  'statement-review': statementReviewMail,
  attention: attentionMail,
  // Nothing once the request is confirmed, gone, or past its time to be confirmed.
  'request-confirmation': async (store, message) => {
    const [request, school] = await Promise.all([getRequest(store, message.urn, message.requestId), getSchoolProfile(store, message.urn)]);
    if (!request || !school || request.status !== 'unconfirmed' || !request.confirmBy) return undefined;
    if (confirmationLapsed(request, new Date().toISOString())) return undefined;
    return { request: { ...request, confirmBy: request.confirmBy }, school };
  },
  // The slots the lead saw; the school as it is now (nothing once it is gone).
  'coverage-invitation': async (store, { kind: _kind, ...message }) => {
    const school = await getSchoolProfile(store, message.urn);
    return school ? { message, school } : undefined;
  },
};

/** A request event's emails are about the request and school as they are now; the place only when the calendar changes. */
async function eventMail(store: Store, event: RequestEvent): Promise<Mail | undefined> {
  if (!isMailedEvent(event.type)) return undefined;
  const [request, school] = await Promise.all([getRequest(store, event.urn, event.requestId), getSchoolProfile(store, event.urn)]);
  if (!request || !school) return undefined;
  const venue = event.calendar ? await venueOf(store, request) : undefined;
  return { kind: event.type, input: { event, request, school, ...(venue ? { venue } : {}) } } as Mail;
}

/** What the registry needs for a table item, or nothing when the item sends no email (now). */
export async function gatherMail(store: Store, image: Record<string, unknown>): Promise<Mail | undefined> {
  if (image.itemType === 'requestEvent') return eventMail(store, image as unknown as RequestEvent);
  if (image.itemType !== 'outbox') return undefined;
  const message = image as unknown as OutboxMessage;
  const gather = outboxGatherers[message.kind] as ((s: Store, m: OutboxMessage) => Promise<Mail['input'] | undefined>) | undefined;
  const input = gather && (await gather(store, message));
  return input ? ({ kind: message.kind, input } as Mail) : undefined;
}

/** Mints each link's token, in order, and makes its URL. */
async function mintLinks(store: Store, grants: Record<string, TokenGrant>): Promise<Record<string, string>> {
  const links: Record<string, string> = {};
  for (const [name, grant] of Object.entries(grants)) {
    const ttlSeconds = 'seconds' in grant.lifetime ? grant.lifetime.seconds : Math.max(1, Math.floor((Date.parse(grant.lifetime.until) - Date.now()) / 1000));
    const token = await issueToken(store, { purpose: grant.purpose, email: grant.email, data: grant.data, ttlSeconds });
    links[name] = tokenLink(grant.purpose, token);
  }
  return links;
}

/** The emails a table item sends, each built (and its tokens minted) only when asked. */
export async function deliveriesFor(store: Store, image: Record<string, unknown>): Promise<Delivery[]> {
  const mail = await gatherMail(store, image);
  if (!mail) return [];
  return recipientsOf(mail).map((r) => ({ role: r.role, to: r.to, build: async () => emailFor(r, await mintLinks(store, r.links)) }));
}

/** What became of one delivery: sent now, sent (or being recorded) before, or held back for a suppressed address. */
export type DeliveryOutcome = 'sent' | 'already-sent' | 'suppressed';

/**
 * Sends one delivery at most once. An address SES reported as bouncing for good or
 * complaining gets nothing: nothing is built (no link is minted), and the mail log records
 * the email as suppressed. Log lines name the role and the item, never the address.
 */
export async function deliverOnce(store: Store, source: ItemKey, delivery: Delivery): Promise<DeliveryOutcome> {
  const suppression = await getSuppression(store, delivery.to.address);
  if (suppression) {
    const recorded = await recordSuppressed(store, source, delivery.role, suppression.reason);
    logger.warn('email not sent: the address is suppressed after a bounce or complaint', { role: delivery.role, item: source, reason: suppression.reason });
    return recorded ? 'suppressed' : 'already-sent';
  }
  if (!(await claimDelivery(store, source, delivery.role))) return 'already-sent';
  let messageId: string;
  try {
    messageId = await sendEmail({ ...(await delivery.build()), to: [delivery.to] });
  } catch (err) {
    await releaseDelivery(store, source, delivery.role);
    throw err;
  }
  await recordDelivery(store, source, delivery.role, messageId);
  return 'sent';
}

/** Every email of one new table item, each at most once; a failure throws (the item is retried). */
export async function mailItem(store: Store, image: Record<string, unknown>): Promise<void> {
  const source = { pk: String(image.pk), sk: String(image.sk) };
  for (const delivery of await deliveriesFor(store, image)) {
    const outcome = await deliverOnce(store, source, delivery);
    // The role and the item, never the address (log lines hold no personal data).
    logger.info(outcome === 'sent' ? 'email sent' : `email not sent (${outcome})`, { item: image.itemType, key: source, role: delivery.role });
  }
}

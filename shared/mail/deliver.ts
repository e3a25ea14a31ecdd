// What the mailer sends for a new table item (a request event or an outbox message), and
// the once-only delivery of each email. Links carry fresh tokens, issued only once the
// delivery is claimed, so a redelivered batch neither sends twice nor mints stray links.
import type { Store } from '#shared/store/client.ts';
import { claimDelivery, recordDelivery, recordSuppressed, releaseDelivery, type ItemKey } from '#shared/store/mail-log.ts';
import type { OutboxMessage } from '#shared/store/outbox.ts';
import { getRequest, type RequestEvent } from '#shared/store/requests.ts';
import { getSchoolProfile } from '#shared/store/schools.ts';
import { getSuppression } from '#shared/store/suppressions.ts';
import { logger } from '#shared/log.ts';
import type { Delivery } from './delivery.ts';
import { eventMailers } from './event-mailers.ts';
import { outboxMailers } from './outbox-mailers.ts';
import { sendEmail } from './send.ts';

export type { Delivery } from './delivery.ts';

export async function deliveriesFor(store: Store, image: Record<string, unknown>): Promise<Delivery[]> {
  if (image.itemType === 'outbox') {
    const message = image as unknown as OutboxMessage;
    const mailer = outboxMailers[message.kind] as ((s: Store, m: OutboxMessage) => Promise<Delivery[]>) | undefined;
    return mailer ? mailer(store, message) : [];
  }
  if (image.itemType !== 'requestEvent') return [];
  const event = image as unknown as RequestEvent;
  const mailer = eventMailers[event.type];
  if (!mailer) return [];
  const [request, school] = await Promise.all([getRequest(store, event.urn, event.requestId), getSchoolProfile(store, event.urn)]);
  if (!request || !school) return [];
  return mailer({
    store,
    event,
    request,
    school,
    lead: { name: school.careersLead.name, address: school.careersLead.email },
    provider: { name: request.contact.name, address: request.contact.email },
  });
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

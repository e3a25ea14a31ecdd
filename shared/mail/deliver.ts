// What the mailer sends for a new table item (a request event or an outbox message), and
// the once-only delivery of each email. Links carry fresh tokens, issued only once the
// delivery is claimed, so a redelivered batch neither sends twice nor mints stray links.
import type { Store } from '#shared/store/client.ts';
import { claimDelivery, recordDelivery, releaseDelivery, type ItemKey } from '#shared/store/mail-log.ts';
import type { OutboxMessage } from '#shared/store/outbox.ts';
import { getRequest, type RequestEvent } from '#shared/store/requests.ts';
import { getSchoolProfile } from '#shared/store/schools.ts';
import { isSuppressed } from '#shared/store/suppressions.ts';
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

/**
 * Sends one delivery at most once; returns false when it was not sent: it had already
 * been, or SES reported the address as bouncing for good or complaining (suppressed).
 */
export async function deliverOnce(store: Store, source: ItemKey, delivery: Delivery): Promise<boolean> {
  if (await isSuppressed(store, delivery.recipient)) {
    logger.warn('email not sent: the address is suppressed after a bounce or complaint', { recipient: delivery.recipient, item: source });
    return false;
  }
  if (!(await claimDelivery(store, source, delivery.recipient))) return false;
  let messageId: string;
  try {
    messageId = await sendEmail(await delivery.build());
  } catch (err) {
    await releaseDelivery(store, source, delivery.recipient);
    throw err;
  }
  await recordDelivery(store, source, delivery.recipient, messageId);
  return true;
}

// What the mailer sends for a new table item (a request event or an outbox message), and
// the once-only delivery of each email. Links carry fresh tokens, issued only once the
// delivery is claimed, so a redelivered batch neither sends twice nor mints stray links.
import type { Store } from '#shared/store/client.ts';
import { claimDelivery, recordDelivery, releaseDelivery, type ItemKey } from '#shared/store/mail-log.ts';
import type { OutboxMessage } from '#shared/store/outbox.ts';
import { getRequest, type RequestEvent } from '#shared/store/requests.ts';
import { getSchoolProfile } from '#shared/store/schools.ts';
import { issueToken } from '#shared/store/tokens.ts';
import type { OutgoingEmail } from './compose.ts';
import { requestCreatedForLead, requestCreatedForProvider, signInLink } from './messages.ts';
import { senderAddress, sendEmail } from './send.ts';

export interface Delivery {
  /** Who, for this item: one email per item and recipient. */
  recipient: string;
  build: () => Promise<OutgoingEmail>;
}

/** Link lifetimes: staff sign-in 15 minutes; a provider's link from an email, a week. */
export const STAFF_LINK_SECONDS = 15 * 60;
export const PROVIDER_LINK_SECONDS = 7 * 24 * 60 * 60;

function siteUrl(path: string): string {
  const base = process.env.SITE_URL ?? 'http://localhost:3000';
  return new URL(path, base).toString();
}

async function signInUrl(store: Store, email: string, kind: 'staff' | 'provider', next: string, ttlSeconds: number) {
  const token = await issueToken(store, { purpose: 'sign-in', email, data: { kind, next }, ttlSeconds });
  return siteUrl(`/sign-in/confirm/#token=${token}`);
}

export async function deliveriesFor(store: Store, image: Record<string, unknown>): Promise<Delivery[]> {
  if (image.itemType === 'outbox') return outboxDeliveries(store, image as unknown as OutboxMessage);
  if (image.itemType === 'requestEvent') return eventDeliveries(store, image as unknown as RequestEvent);
  return [];
}

function outboxDeliveries(store: Store, message: OutboxMessage): Delivery[] {
  return [
    {
      recipient: 'user',
      build: async () => {
        const forStaff = message.sessionKind === 'staff';
        const ttl = forStaff ? STAFF_LINK_SECONDS : PROVIDER_LINK_SECONDS;
        const content = signInLink(await signInUrl(store, message.email, message.sessionKind, message.next, ttl), forStaff);
        return { from: senderAddress(), to: [{ name: '', address: message.email }], ...content };
      },
    },
  ];
}

async function eventDeliveries(store: Store, event: RequestEvent): Promise<Delivery[]> {
  if (event.type !== 'REQUEST_SUBMITTED') return [];
  const [request, school] = await Promise.all([getRequest(store, event.urn, event.requestId), getSchoolProfile(store, event.urn)]);
  if (!request || !school) return [];
  const lead = { name: school.careersLead.name, address: school.careersLead.email };
  const provider = { name: request.contact.name, address: request.contact.email };
  return [
    {
      recipient: 'lead',
      build: async () => ({
        from: senderAddress(),
        to: [lead],
        replyTo: provider,
        ...requestCreatedForLead(school, request, siteUrl(`/manage/requests/view/?id=${request.id}`)),
      }),
    },
    {
      recipient: 'provider',
      build: async () => {
        const link = await signInUrl(store, request.contact.email, 'provider', `/requests/view/?id=${request.id}`, PROVIDER_LINK_SECONDS);
        return { from: senderAddress(), to: [provider], replyTo: lead, ...requestCreatedForProvider(school, request, link) };
      },
    },
  ];
}

/** Sends one delivery at most once; returns false when it had already been sent. */
export async function deliverOnce(store: Store, source: ItemKey, delivery: Delivery): Promise<boolean> {
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

// The emails for outbox items (messages not tied to a request event), by kind.
import type { Store } from '#shared/store/client.ts';
import type { OutboxMessage } from '#shared/store/outbox.ts';
import { attentionMailer } from './attention-mailers.ts';
import { reminderMailer } from './daily-mailers.ts';
import type { Delivery } from './delivery.ts';
import { PROVIDER_LINK_SECONDS, signInUrl, siteUrl, STAFF_LINK_SECONDS } from './links.ts';
import { signInLink } from './messages/sign-in.ts';
import { requestConfirmation } from './messages/request-confirmation.ts';
import { confirmationLapsed } from '#shared/domain/state-machine.ts';
import { getRequest } from '#shared/store/requests.ts';
import { getSchoolProfile } from '#shared/store/schools.ts';
import { issueToken } from '#shared/store/tokens.ts';
import { senderAddress } from './send.ts';
import { statementReviewMailer } from './statement-mailers.ts';

type OutboxMailers = { [K in OutboxMessage['kind']]: (store: Store, message: Extract<OutboxMessage, { kind: K }>) => Promise<Delivery[]> };

export const outboxMailers: OutboxMailers = {
  'sign-in-link': async (store, message) => [
    {
      role: 'user',
      to: { name: '', address: message.email },
      build: async () => {
        const forStaff = message.sessionKind === 'staff';
        const ttl = forStaff ? STAFF_LINK_SECONDS : PROVIDER_LINK_SECONDS;
        const content = signInLink(await signInUrl(store, message.email, message.sessionKind, message.next, ttl), forStaff);
        return { from: senderAddress(), ...content };
      },
    },
  ],
  // The daily job's reminders (shared/mail/daily-mailers.ts).
  reminder: (store, message) => reminderMailer(store, message),
  // The yearly review of the published policy statement (shared/mail/statement-mailers.ts).
  'statement-review': (store, message) => statementReviewMailer(store, message),
  // Bookings a change put outside the rules, to the careers lead (shared/mail/attention-mailers.ts).
  attention: (store, message) => attentionMailer(store, message),
  // A first request from an address (issue 12, item 2): its confirmation link, to the address
  // only (no display name: the sender typed it), with no Reply-To; its token lives as long
  // as the request can still be confirmed. Nothing once it is confirmed or gone.
  'request-confirmation': async (store, message) => {
    const [request, school] = await Promise.all([getRequest(store, message.urn, message.requestId), getSchoolProfile(store, message.urn)]);
    if (!request || !school || request.status !== 'unconfirmed' || !request.confirmBy) return [];
    const confirmBy = request.confirmBy;
    if (confirmationLapsed(request, new Date().toISOString())) return [];
    return [
      {
        role: 'provider',
        to: { name: '', address: request.contact.email },
        build: async () => {
          const ttlSeconds = Math.max(1, Math.floor((Date.parse(confirmBy) - Date.now()) / 1000));
          const token = await issueToken(store, { purpose: 'confirm-request', email: request.providerEmail, data: { urn: request.urn, requestId: request.id }, ttlSeconds });
          return { from: senderAddress(), ...requestConfirmation(school.name, siteUrl(`/request/confirm/#token=${token}`), request.id) };
        },
      },
    ];
  },
};

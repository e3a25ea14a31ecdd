// The emails for outbox items (messages not tied to a request event), by kind.
import type { Store } from '#shared/store/client.ts';
import type { OutboxMessage } from '#shared/store/outbox.ts';
import { attentionMailer } from './attention-mailers.ts';
import { reminderMailer } from './daily-mailers.ts';
import type { Delivery } from './delivery.ts';
import { PROVIDER_LINK_SECONDS, signInUrl, STAFF_LINK_SECONDS } from './links.ts';
import { signInLink } from './messages/sign-in.ts';
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
};

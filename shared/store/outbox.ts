// Emails that are not about a request event (sign-in links, the daily job's reminders) are
// queued here; the mailer function, the only one allowed to send, picks them up from the
// table's stream.
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Store } from './client.ts';
import { newId } from './ids.ts';
import { heldForEmailIndex } from './keys.ts';
import { epochSeconds } from './secrets.ts';
import type { OutboxMessage } from '#shared/domain/records.ts';

/** An email waiting for the mailer (the stream delivers it); TTL removes it after a week. */
const outboxKey = (id: string) => ({ pk: `OUTBOX#${id}`, sk: 'OUTBOX' });

/** The outbox item of a message, for a Put on its own or inside a transaction. */
export function outboxItem(message: OutboxMessage, now = new Date()) {
  const key = outboxKey(newId(now.getTime()));
  // A sign-in email or an invitation (a colleague's, a provider's to book) holds its address until TTL: listed under it, so an erasure finds it.
  const held = message.kind === 'sign-in-link' || message.kind === 'organisation-invite' || message.kind === 'coverage-invitation' ? heldForEmailIndex(message.email, key.pk) : {};
  return { ...key, ...held, itemType: 'outbox', ...message, expiresAt: epochSeconds(now) + 7 * 24 * 3600 };
}

export async function queueEmail(store: Store, message: OutboxMessage, now = new Date()): Promise<void> {
  await store.doc.send(new PutCommand({ TableName: store.tableName, Item: outboxItem(message, now) }));
}

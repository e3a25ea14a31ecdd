// Emails that are not about a request event (sign-in links) are queued here; the mailer
// function, the only one allowed to send, picks them up from the table's stream.
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Store } from './client.ts';
import { newId } from './ids.ts';
import { keys } from './keys.ts';
import { epochSeconds } from './secrets.ts';
import type { SessionKind } from './sessions.ts';

export interface SignInLinkMessage {
  kind: 'sign-in-link';
  email: string;
  sessionKind: SessionKind;
  /** Where the link leads once used (a path on the site). */
  next: string;
}

export type OutboxMessage = SignInLinkMessage;

export async function queueEmail(store: Store, message: OutboxMessage, now = new Date()): Promise<void> {
  await store.doc.send(
    new PutCommand({
      TableName: store.tableName,
      Item: { ...keys.outbox(newId(now.getTime())), itemType: 'outbox', ...message, expiresAt: epochSeconds(now) + 7 * 24 * 3600 },
    }),
  );
}

// Emails that are not about a request event (sign-in links, the daily job's reminders) are
// queued here; the mailer function, the only one allowed to send, picks them up from the
// table's stream.
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ReminderKind } from '#shared/domain/reminders.ts';
import type { IsoDate, RequestStatus } from '#shared/domain/types.ts';
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

export type OutboxMessage = SignInLinkMessage | ReminderMessage | StatementReviewMessage | AttentionMessage | RequestConfirmationMessage;

/** The outbox item of a message, for a Put on its own or inside a transaction. */
export function outboxItem(message: OutboxMessage, now = new Date()) {
  const key = keys.outbox(newId(now.getTime()));
  // A sign-in email holds its address until TTL: listed under it, so an erasure finds it.
  const held = message.kind === 'sign-in-link' ? { gsi1pk: keys.heldForEmail(message.email), gsi1sk: key.pk } : {};
  return { ...key, ...held, itemType: 'outbox', ...message, expiresAt: epochSeconds(now) + 7 * 24 * 3600 };
}

export async function queueEmail(store: Store, message: OutboxMessage, now = new Date()): Promise<void> {
  await store.doc.send(new PutCommand({ TableName: store.tableName, Item: outboxItem(message, now) }));
}

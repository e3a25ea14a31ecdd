// Exactly one email per event and recipient, however often the stream redelivers: a
// delivery is claimed with a conditional write before sending, recorded with SES's
// message id after, and released if sending failed so a retry can claim it again.
// A marker is keyed by the recipient's role on the item ('lead', 'provider', 'user'), never
// by an address: the log holds no personal data, and a retry after the address changed
// still finds the marker.
//
// An email not sent because its address is suppressed (SES reported a permanent bounce or
// a complaint) is recorded as such (`outcome: 'suppressed'`, no message id): the log says
// what happened to every email. It never stands in for a send: a later delivery of the
// same item may still claim it (were the suppression lifted), and it never overwrites a
// claim or a sent marker.
//
// A claim without a message id is a send in flight. If the mailer died between claim and
// send (a Lambda timeout, a crash), nobody would ever release it and the email would be
// lost; so a claim is a lease: after CLAIM_LEASE_SECONDS another delivery may take it
// over. Until then a retry is told the send is in flight (and the record is retried
// later), never that it was sent.
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { conditionHeld, type Store } from './client.ts';
import { fromItem, type TableKey } from './keys.ts';
import type { SuppressionReason } from './suppressions.ts';

/** The key of the item an email is about (a request event, an outbox item). */
export type ItemKey = TableKey;

/** That one email for one item and one recipient was sent: beside the item, in its partition. */
const mailSentKey = (source: ItemKey, role: string) => ({ pk: source.pk, sk: `MAIL#${source.sk}#${role}` });

/**
 * Longer than a mailer can take between claim and record (its Lambda timeout and SES's
 * retries), so a live sender is never doubled. The stream's retries must span it (the
 * event source mapping's retry attempts and record age), or a record whose first sender
 * died is set aside before its lease runs out.
 */
export const CLAIM_LEASE_SECONDS = 5 * 60;

/** Another mailer claimed this delivery and has not recorded it yet: retry the record later. */
export class DeliveryInFlight extends Error {
  constructor(role: string, claimedAt: string) {
    super(`The email to the ${role} is being sent by another delivery (claimed ${claimedAt}); retry after ${CLAIM_LEASE_SECONDS} s`);
    this.name = 'DeliveryInFlight';
  }
}

/**
 * Claims one delivery: true when this caller must send it, false when it was sent.
 * Throws DeliveryInFlight while another caller's claim is younger than the lease.
 */
export async function claimDelivery(store: Store, source: ItemKey, role: string, now = new Date()): Promise<boolean> {
  const key = mailSentKey(source, role);
  const claimed = await conditionHeld(
    store.doc.send(
      new PutCommand({
        TableName: store.tableName,
        Item: { ...key, itemType: 'mailSent', role, claimedAt: now.toISOString() },
        ConditionExpression: 'attribute_not_exists(pk) OR (attribute_not_exists(messageId) AND (claimedAt < :stale OR outcome = :suppressed))',
        ExpressionAttributeValues: { ':stale': new Date(now.getTime() - CLAIM_LEASE_SECONDS * 1000).toISOString(), ':suppressed': 'suppressed' },
      }),
    ),
  );
  if (claimed) return true;
  const out = await store.doc.send(new GetCommand({ TableName: store.tableName, Key: key, ConsistentRead: true }));
  if (out.Item?.messageId) return false;
  throw new DeliveryInFlight(role, String(out.Item?.claimedAt ?? 'just now'));
}

export async function recordDelivery(store: Store, source: ItemKey, role: string, messageId: string, now = new Date()) {
  await store.doc.send(
    new UpdateCommand({
      TableName: store.tableName,
      Key: mailSentKey(source, role),
      UpdateExpression: 'SET messageId = :id, sentAt = :at',
      ExpressionAttributeValues: { ':id': messageId, ':at': now.toISOString() },
    }),
  );
}

export async function releaseDelivery(store: Store, source: ItemKey, role: string) {
  await store.doc.send(new DeleteCommand({ TableName: store.tableName, Key: mailSentKey(source, role) }));
}

/** What the mail log holds for one email of one item. */
export interface MailLogEntry {
  role: string;
  claimedAt?: string;
  messageId?: string;
  sentAt?: string;
  outcome?: 'suppressed';
  /** Why the address is suppressed, when it is. */
  reason?: SuppressionReason;
  suppressedAt?: string;
}

/**
 * Records that this email was not sent because its address is suppressed. Returns false
 * (and writes nothing) when the email was already sent or is being sent: a suppression
 * reported after the send does not rewrite what happened.
 */
export async function recordSuppressed(store: Store, source: ItemKey, role: string, reason: SuppressionReason, now = new Date()): Promise<boolean> {
  return conditionHeld(
    store.doc.send(
      new PutCommand({
        TableName: store.tableName,
        Item: { ...mailSentKey(source, role), itemType: 'mailSent', role, outcome: 'suppressed', reason, suppressedAt: now.toISOString() },
        ConditionExpression: 'attribute_not_exists(pk) OR outcome = :suppressed',
        ExpressionAttributeValues: { ':suppressed': 'suppressed' },
      }),
    ),
  );
}

/** The mail log's entry for one email of one item, if any. */
export async function getMailLogEntry(store: Store, source: ItemKey, role: string): Promise<MailLogEntry | undefined> {
  const out = await store.doc.send(new GetCommand({ TableName: store.tableName, Key: mailSentKey(source, role), ConsistentRead: true }));
  return out.Item ? fromItem<MailLogEntry>(out.Item) : undefined;
}

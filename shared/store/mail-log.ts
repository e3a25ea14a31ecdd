// Exactly one email per event and recipient, however often the stream redelivers: a
// delivery is claimed with a conditional write before sending, recorded with SES's
// message id after, and released if sending failed so a retry can claim it again.
//
// A claim without a message id is a send in flight. If the mailer died between claim and
// send (a Lambda timeout, a crash), nobody would ever release it and the email would be
// lost; so a claim is a lease: after CLAIM_LEASE_SECONDS another delivery may take it
// over. Until then a retry is told the send is in flight (and the record is retried
// later), never that it was sent.
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Store } from './client.ts';
import { keys } from './keys.ts';

export interface ItemKey {
  pk: string;
  sk: string;
}

/**
 * Longer than a mailer can take between claim and record (its Lambda timeout and SES's
 * retries), so a live sender is never doubled. The stream's retries must span it (the
 * event source mapping's retry attempts and record age), or a record whose first sender
 * died is set aside before its lease runs out.
 */
export const CLAIM_LEASE_SECONDS = 5 * 60;

/** Another mailer claimed this delivery and has not recorded it yet: retry the record later. */
export class DeliveryInFlight extends Error {
  constructor(recipient: string, claimedAt: string) {
    super(`The email to ${recipient} is being sent by another delivery (claimed ${claimedAt}); retry after ${CLAIM_LEASE_SECONDS} s`);
    this.name = 'DeliveryInFlight';
  }
}

/**
 * Claims one delivery: true when this caller must send it, false when it was sent.
 * Throws DeliveryInFlight while another caller's claim is younger than the lease.
 */
export async function claimDelivery(store: Store, source: ItemKey, recipient: string, now = new Date()): Promise<boolean> {
  const key = keys.mailSent(source.pk, source.sk, recipient);
  try {
    await store.doc.send(
      new PutCommand({
        TableName: store.tableName,
        Item: { ...key, itemType: 'mailSent', recipient, claimedAt: now.toISOString() },
        ConditionExpression: 'attribute_not_exists(pk) OR (attribute_not_exists(messageId) AND claimedAt < :stale)',
        ExpressionAttributeValues: { ':stale': new Date(now.getTime() - CLAIM_LEASE_SECONDS * 1000).toISOString() },
      }),
    );
    return true;
  } catch (err) {
    if ((err as Error).name !== 'ConditionalCheckFailedException') throw err;
  }
  const out = await store.doc.send(new GetCommand({ TableName: store.tableName, Key: key, ConsistentRead: true }));
  if (out.Item?.messageId) return false;
  throw new DeliveryInFlight(recipient, String(out.Item?.claimedAt ?? 'just now'));
}

export async function recordDelivery(store: Store, source: ItemKey, recipient: string, messageId: string, now = new Date()) {
  await store.doc.send(
    new UpdateCommand({
      TableName: store.tableName,
      Key: keys.mailSent(source.pk, source.sk, recipient),
      UpdateExpression: 'SET messageId = :id, sentAt = :at',
      ExpressionAttributeValues: { ':id': messageId, ':at': now.toISOString() },
    }),
  );
}

export async function releaseDelivery(store: Store, source: ItemKey, recipient: string) {
  await store.doc.send(new DeleteCommand({ TableName: store.tableName, Key: keys.mailSent(source.pk, source.sk, recipient) }));
}

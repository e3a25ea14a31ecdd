// Exactly one email per event and recipient, however often the stream redelivers: a
// delivery is claimed with a conditional write before sending, recorded with SES's
// message id after, and released if sending failed so a retry can claim it again.
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Store } from './client.ts';
import { keys } from './keys.ts';

export interface ItemKey {
  pk: string;
  sk: string;
}

export async function claimDelivery(store: Store, source: ItemKey, recipient: string, now = new Date()): Promise<boolean> {
  try {
    await store.doc.send(
      new PutCommand({
        TableName: store.tableName,
        Item: { ...keys.mailSent(source.pk, source.sk, recipient), itemType: 'mailSent', recipient, claimedAt: now.toISOString() },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return true;
  } catch (err) {
    if ((err as Error).name === 'ConditionalCheckFailedException') return false;
    throw err;
  }
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

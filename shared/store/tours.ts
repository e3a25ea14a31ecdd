// Visit tours (issue 15, item 5): one item per tour, its stops inside it, and on gsi1 under
// its owner (an organisation or a provider's address), newest first. Keys only here.
//   TOUR#<id> / TOUR    gsi1: TOURS#ORG#<organisationId> | TOURS#PROVIDER#<email>, <createdAt>#<id>
// A tour's id is a digest of its sender and their Idempotency-Key: a retried send finds the
// tour it began, and the first write of it is conditional, so two racing sends make one.
import { createHash } from 'node:crypto';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { TourRecord, TourStop } from '#shared/domain/records.ts';
import { conditionHeld, type Store } from './client.ts';
import { fromItem, providerPartition } from './keys.ts';

const tourKey = (id: string) => ({ pk: `TOUR#${id}`, sk: 'TOUR' });
const ownerPartition = (owner: TourRecord['owner']) => ('organisationId' in owner ? `TOURS#ORG#${owner.organisationId}` : `TOURS#${providerPartition(owner.email)}`);

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest('hex');

/** The tour a sender's Idempotency-Key names: the same sender and key, the same tour. */
export const tourIdFor = (senderEmail: string, idempotencyKey: string): string => digest(`${senderEmail.toLowerCase()}\n${idempotencyKey}`).slice(0, 32);

/** What a sent body is, for telling a retry from a different tour under the same key. */
export const tourFingerprint = (body: unknown): string => digest(JSON.stringify(body));

export async function getTour(store: Store, id: string): Promise<TourRecord | undefined> {
  const out = await store.doc.send(new GetCommand({ TableName: store.tableName, Key: tourKey(id), ConsistentRead: true }));
  return out.Item ? fromItem<TourRecord>(out.Item) : undefined;
}

/** Writes a new tour, unless one with its id exists (a racing send of the same key): false then. */
export async function putNewTour(store: Store, tour: TourRecord): Promise<boolean> {
  return conditionHeld(
    store.doc.send(
      new PutCommand({
        TableName: store.tableName,
        Item: { ...tourKey(tour.id), gsi1pk: ownerPartition(tour.owner), gsi1sk: `${tour.createdAt}#${tour.id}`, itemType: 'tour', ...tour },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    ),
  );
}

/** The tours an owner has, newest first (one gsi1 query); each stop as the tour item holds it. */
export async function listToursOf(store: Store, owner: TourRecord['owner'], limit = 100): Promise<TourRecord[]> {
  const out = await store.doc.send(
    new QueryCommand({
      TableName: store.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': ownerPartition(owner) },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return (out.Items ?? []).map((i) => fromItem<TourRecord>(i));
}

type StopChange = { attempted: string } | { request: { id: string; reference?: string } } | { problem: NonNullable<TourStop['problem']> };

/**
 * One stop's step: about to write its request (`attempted`), its request written, or why
 * not. Only while the stop has no request yet: a stop that has one never changes again.
 */
export async function recordTourStop(store: Store, id: string, index: number, change: StopChange): Promise<boolean> {
  // Every attribute by name: `reference` is one of DynamoDB's reserved words.
  const names = { '#stops': 'stops', '#urn': 'urn', '#requestId': 'requestId', '#reference': 'reference', '#attemptedAt': 'attemptedAt', '#problem': 'problem' };
  const at = `#stops[${index}]`;
  let update: string;
  let values: Record<string, unknown>;
  if ('attempted' in change) {
    update = `SET ${at}.#attemptedAt = :at REMOVE ${at}.#problem`;
    values = { ':at': change.attempted };
  } else if ('request' in change) {
    update = `SET ${at}.#requestId = :id${change.request.reference ? `, ${at}.#reference = :ref` : ''} REMOVE ${at}.#attemptedAt, ${at}.#problem`;
    values = { ':id': change.request.id, ...(change.request.reference ? { ':ref': change.request.reference } : {}) };
  } else {
    update = `SET ${at}.#problem = :problem REMOVE ${at}.#attemptedAt`;
    values = { ':problem': change.problem };
  }
  const condition = `attribute_exists(${at}.#urn) AND attribute_not_exists(${at}.#requestId)`;
  // DynamoDB refuses a name the expressions do not use.
  const used = Object.fromEntries(Object.entries(names).filter(([k]) => new RegExp(`${k}\\b`).test(`${update} ${condition}`)));
  return conditionHeld(
    store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: tourKey(id),
        UpdateExpression: update,
        ConditionExpression: condition,
        ExpressionAttributeNames: used,
        ExpressionAttributeValues: values,
      }),
    ),
  );
}

/**
 * Erasure on request (UK GDPR Art. 17): a tour the address sent names the placeholder as its
 * sender instead; one the address owned alone moves to the placeholder's partition, so its
 * index key no longer holds the address. False when it names someone else by now.
 */
export async function replaceTourSender(store: Store, tour: TourRecord, email: string, placeholder: string): Promise<boolean> {
  const ownedAlone = 'email' in tour.owner;
  return conditionHeld(
    store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: tourKey(tour.id),
        UpdateExpression: ownedAlone ? 'SET createdBy = :p, #owner = :owner, gsi1pk = :pk' : 'SET createdBy = :p',
        ConditionExpression: 'attribute_exists(pk) AND createdBy = :s',
        ...(ownedAlone ? { ExpressionAttributeNames: { '#owner': 'owner' } } : {}),
        ExpressionAttributeValues: {
          ':p': placeholder,
          ':s': tour.createdBy,
          ...(ownedAlone ? { ':owner': { email: placeholder }, ':pk': ownerPartition({ email: placeholder }) } : {}),
        },
      }),
    ),
  );
}

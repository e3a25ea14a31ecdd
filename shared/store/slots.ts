// Access patterns for dated slots: a place count and how many are taken (`held`: waiting
// requests that hold a place and approved encounters), so a conditional update can refuse
// the place that would overfill it.
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { IsoDate, LocalTime } from '#shared/domain/types.ts';
import { conditionHeld, queryEvery, type Store } from './client.ts';
import { fromItem, schoolPartition } from './keys.ts';
import type { TransactItems } from './transact.ts';
import type { SlotPlace } from '#shared/domain/records.ts';

/** A dated slot of an opportunity: by date and time, so a date range is one query. */
const slotKey = (urn: string, date: string, time: string, opportunityId: string) => ({ pk: schoolPartition(urn), sk: `SLOT#${date}T${time}#${opportunityId}` });

export interface StoredSlot {
  urn: string;
  opportunityId: string;
  date: IsoDate;
  time: LocalTime;
  capacity: number;
  /** Places taken: waiting requests holding one and approved encounters (P-SLOT). */
  held: number;
}

/** Creates the slot if it does not exist yet; an existing slot keeps its held count. */
export async function ensureSlot(store: Store, slot: Omit<StoredSlot, 'held'>): Promise<void> {
  await conditionHeld(
    store.doc.send(
      new PutCommand({
        TableName: store.tableName,
        Item: { ...slotKey(slot.urn, slot.date, slot.time, slot.opportunityId), itemType: 'slot', ...slot, held: 0 },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    ),
  );
}

export async function getSlot(
  store: Store,
  urn: string,
  date: IsoDate,
  time: LocalTime,
  opportunityId: string,
): Promise<StoredSlot | undefined> {
  const out = await store.doc.send(
    new GetCommand({ TableName: store.tableName, Key: slotKey(urn, date, time, opportunityId), ConsistentRead: true }),
  );
  if (!out.Item) return undefined;
  return fromItem<StoredSlot>(out.Item);
}

/** The slots of a school that have been booked at least once, between two dates. */
export async function listSlotsOfSchool(store: Store, urn: string, from: IsoDate, to: IsoDate): Promise<StoredSlot[]> {
  const items = await queryEvery(store, {
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :lo AND :hi',
    ExpressionAttributeValues: { ':pk': schoolPartition(urn), ':lo': `SLOT#${from}`, ':hi': `SLOT#${to}~` },
  });
  return items.map((i) => fromItem<StoredSlot>(i));
}

/**
 * Sets the number of places of a slot that exists (after the school changed its
 * opportunity's capacity), only if the places already taken fit in it (P-SLOT: held never
 * exceeds capacity). The use case refuses a capacity below what it read as taken; a place
 * taken between that read and this write fails the condition, and then the slot keeps its
 * old capacity (answers false) rather than be overfilled: the next save tries again.
 */
export async function setSlotCapacity(store: Store, slot: Pick<StoredSlot, 'urn' | 'date' | 'time' | 'opportunityId'>, capacity: number): Promise<boolean> {
  return conditionHeld(
    store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: slotKey(slot.urn, slot.date, slot.time, slot.opportunityId),
        UpdateExpression: 'SET #capacity = :c',
        ConditionExpression: 'attribute_exists(pk) AND #held <= :c',
        ExpressionAttributeNames: { '#capacity': 'capacity', '#held': 'held' },
        ExpressionAttributeValues: { ':c': capacity },
      }),
    ),
  );
}

type TransactItem = TransactItems[number];

/** Takes one place, in a transaction: refused (the condition fails) when the slot is full or was never booked. */
export function takePlaceUpdate(store: Store, urn: string, place: SlotPlace): TransactItem {
  return {
    Update: {
      TableName: store.tableName,
      Key: slotKey(urn, place.date, place.time, place.opportunityId),
      UpdateExpression: 'SET #held = #held + :one',
      ConditionExpression: 'attribute_exists(pk) AND #held < #capacity',
      ExpressionAttributeNames: { '#held': 'held', '#capacity': 'capacity' },
      ExpressionAttributeValues: { ':one': 1 },
    },
  };
}

/** Gives one place back, in a transaction; never below zero. */
export function releasePlaceUpdate(store: Store, urn: string, place: SlotPlace): TransactItem {
  return {
    Update: {
      TableName: store.tableName,
      Key: slotKey(urn, place.date, place.time, place.opportunityId),
      UpdateExpression: 'SET #held = #held - :one',
      ConditionExpression: '#held > :zero',
      ExpressionAttributeNames: { '#held': 'held' },
      ExpressionAttributeValues: { ':one': 1, ':zero': 0 },
    },
  };
}

/** Checks, in a transaction, that the slot has a place left without taking it. */
export function roomCheck(store: Store, urn: string, place: SlotPlace): TransactItem {
  return {
    ConditionCheck: {
      TableName: store.tableName,
      Key: slotKey(urn, place.date, place.time, place.opportunityId),
      ConditionExpression: '#held < #capacity',
      ExpressionAttributeNames: { '#held': 'held', '#capacity': 'capacity' },
    },
  };
}

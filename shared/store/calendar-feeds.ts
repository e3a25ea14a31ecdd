// Private calendar feeds: a school's (its encounters) and a provider organisation's (its
// approved visits, issue 15 item 3). Only the SHA-256 of a feed's secret is stored, one item
// per owner in the owner's partition; rotating replaces it, so the old address stops working
// at once. A school's address names the school, so its item is read by URN; an
// organisation's address is the secret alone, so a second item keyed by the hash points to
// the organisation, replaced with the owner's item in one transaction.
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { conditionHeld, type Store } from './client.ts';
import { fromItem, organisationPartition, schoolPartition } from './keys.ts';
import { transact, type TransactItems } from './transact.ts';

/** Whose feed: a school's (by URN) or a provider organisation's (by id). */
export type CalendarFeedOwner = { urn: string } | { organisationId: string };

export interface CalendarFeedRecord {
  secretHash: string;
  createdAt: string;
  createdBy: string;
}

const FEED_SORT_KEY = 'CALENDAR_FEED';

/** The item holding the SHA-256 of the owner's current feed secret. */
export const calendarFeedKey = (owner: CalendarFeedOwner) => ({ pk: 'urn' in owner ? schoolPartition(owner.urn) : organisationPartition(owner.organisationId), sk: FEED_SORT_KEY });

/** An organisation's feed found by its secret's hash (its address carries nothing else). */
const feedByHashKey = (secretHash: string) => ({ pk: `CALENDAR_FEED#${secretHash}`, sk: FEED_SORT_KEY });

const ownerAttributes = (owner: CalendarFeedOwner) => ('urn' in owner ? { urn: owner.urn } : { organisationId: owner.organisationId });

/**
 * Stores the owner's new feed secret (its hash), replacing the last. For an organisation, in
 * one transaction: the owner's item, the new hash's pointer, and the old one's deleted, so no
 * moment has two live addresses.
 */
export async function putCalendarFeed(store: Store, owner: CalendarFeedOwner, record: CalendarFeedRecord): Promise<void> {
  const item = { ...calendarFeedKey(owner), itemType: 'calendarFeed', ...ownerAttributes(owner), ...record };
  if ('urn' in owner) {
    await store.doc.send(new PutCommand({ TableName: store.tableName, Item: item }));
    return;
  }
  const previous = await getCalendarFeed(store, owner);
  const items: TransactItems = [
    {
      Put: {
        TableName: store.tableName,
        Item: item,
        // Two rotations at once: the second fails rather than leave the first's pointer behind.
        ...(previous
          ? { ConditionExpression: 'secretHash = :previous', ExpressionAttributeValues: { ':previous': previous.secretHash } }
          : { ConditionExpression: 'attribute_not_exists(pk)' }),
      },
    },
    { Put: { TableName: store.tableName, Item: { ...feedByHashKey(record.secretHash), itemType: 'calendarFeedPointer', organisationId: owner.organisationId }, ConditionExpression: 'attribute_not_exists(pk)' } },
  ];
  if (previous) items.push({ Delete: { TableName: store.tableName, Key: feedByHashKey(previous.secretHash) } });
  await transact(store, items);
}

export async function getCalendarFeed(store: Store, owner: CalendarFeedOwner): Promise<CalendarFeedRecord | undefined> {
  const out = await store.doc.send(new GetCommand({ TableName: store.tableName, Key: calendarFeedKey(owner), ConsistentRead: true }));
  return out.Item ? fromItem<CalendarFeedRecord>(out.Item) : undefined;
}

/** The organisation whose current feed secret has this hash, or undefined (never made, or rotated away). */
export async function organisationOfFeed(store: Store, secretHash: string): Promise<string | undefined> {
  const out = await store.doc.send(new GetCommand({ TableName: store.tableName, Key: feedByHashKey(secretHash) }));
  return out.Item ? String(out.Item.organisationId) : undefined;
}

/** Erasure on request (UK GDPR Art. 17): the feed says it was made by the placeholder, not by the erased address. */
export async function replaceFeedCreator(store: Store, owner: CalendarFeedOwner, email: string, placeholder: string): Promise<boolean> {
  const feed = await getCalendarFeed(store, owner);
  if (!feed || feed.createdBy.toLowerCase() !== email.toLowerCase()) return false;
  return conditionHeld(
    store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: calendarFeedKey(owner),
        UpdateExpression: 'SET createdBy = :p',
        ConditionExpression: 'createdBy = :s',
        ExpressionAttributeValues: { ':p': placeholder, ':s': feed.createdBy },
      }),
    ),
  );
}

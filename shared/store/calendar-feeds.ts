// A school's private calendar feed: only the SHA-256 of its secret is stored, one item per
// school; rotating replaces it, so the old address stops working at once.
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Store } from './client.ts';
import { fromItem, schoolPartition } from './keys.ts';

export interface CalendarFeedRecord {
  urn: string;
  secretHash: string;
  createdAt: string;
  createdBy: string;
}

/** The SHA-256 of a school's private calendar feed secret; rotating the feed replaces it. */
export const calendarFeedKey = (urn: string) => ({ pk: schoolPartition(urn), sk: 'CALENDAR_FEED' });

export async function putCalendarFeed(store: Store, record: CalendarFeedRecord): Promise<void> {
  await store.doc.send(new PutCommand({ TableName: store.tableName, Item: { ...calendarFeedKey(record.urn), itemType: 'calendarFeed', ...record } }));
}

export async function getCalendarFeed(store: Store, urn: string): Promise<CalendarFeedRecord | undefined> {
  const out = await store.doc.send(new GetCommand({ TableName: store.tableName, Key: calendarFeedKey(urn) }));
  return out.Item ? fromItem<CalendarFeedRecord>(out.Item) : undefined;
}

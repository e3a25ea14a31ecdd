// A school's private calendar feed: only the SHA-256 of its secret is stored, one item per
// school; rotating replaces it, so the old address stops working at once.
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Store } from './client.ts';
import { fromItem, keys } from './keys.ts';

export interface CalendarFeedRecord {
  urn: string;
  secretHash: string;
  createdAt: string;
  createdBy: string;
}

export async function putCalendarFeed(store: Store, record: CalendarFeedRecord): Promise<void> {
  await store.doc.send(new PutCommand({ TableName: store.tableName, Item: { ...keys.calendarFeed(record.urn), itemType: 'calendarFeed', ...record } }));
}

export async function getCalendarFeed(store: Store, urn: string): Promise<CalendarFeedRecord | undefined> {
  const out = await store.doc.send(new GetCommand({ TableName: store.tableName, Key: keys.calendarFeed(urn) }));
  return out.Item ? fromItem<CalendarFeedRecord>(out.Item) : undefined;
}

// GOV.UK's bank-holiday list as a platform admin loaded it (issue 17, item 3): one item,
// PLATFORM#BANK_HOLIDAYS, holding the england-and-wales events and their differences from
// the rules (shared/domain/bank-holidays.ts). Every read of a school profile puts those
// differences on its calendar (./schools.ts), so the list is read once per few minutes per
// function instance, not once per school: a new list reaches every instance within
// BANK_HOLIDAYS_CACHE_MS, and at once in the instance that loaded it.
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Store } from './client.ts';
import { fromItem } from './keys.ts';
import type { BankHoliday, PublishedBankHolidays } from '#shared/domain/types.ts';

export const BANK_HOLIDAYS_PARTITION = 'PLATFORM#BANK_HOLIDAYS';
const bankHolidaysKey = { pk: BANK_HOLIDAYS_PARTITION, sk: 'LIST' };

export interface StoredBankHolidays {
  division: string;
  events: BankHoliday[];
  changes: PublishedBankHolidays;
  loadedAt: string;
  loadedBy: string;
}

export const BANK_HOLIDAYS_CACHE_MS = 5 * 60 * 1000;
const cache = new Map<string, { at: number; value: Promise<PublishedBankHolidays | undefined> }>();

export async function getBankHolidayList(store: Store): Promise<StoredBankHolidays | undefined> {
  const out = await store.doc.send(new GetCommand({ TableName: store.tableName, Key: bankHolidaysKey }));
  return out.Item ? fromItem<StoredBankHolidays>(out.Item) : undefined;
}

export async function putBankHolidayList(store: Store, list: StoredBankHolidays): Promise<void> {
  await store.doc.send(new PutCommand({ TableName: store.tableName, Item: { ...bankHolidaysKey, itemType: 'bankHolidays', ...list } }));
  cache.delete(store.tableName);
}

/** The published changes every school-day count uses; undefined while none was loaded. */
export function publishedBankHolidays(store: Store, now = Date.now()): Promise<PublishedBankHolidays | undefined> {
  const hit = cache.get(store.tableName);
  if (hit && now - hit.at < BANK_HOLIDAYS_CACHE_MS) return hit.value;
  const value = getBankHolidayList(store).then((list) => list?.changes);
  // A failed read is not kept: the next profile read tries again.
  value.catch(() => cache.delete(store.tableName));
  cache.set(store.tableName, { at: now, value });
  return value;
}

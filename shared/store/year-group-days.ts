// The approved encounters of one year group on one day (their intervals, which may not
// overlap: shared/domain/year-group-days.ts), one item each with a version: a decision
// reads the days it books or frees, and its transaction writes them conditional on the
// versions read, so two decisions at once cannot both book the same time.
import type { YearGroupDay } from '#shared/domain/year-group-days.ts';
import type { IsoDate, YearGroup } from '#shared/domain/types.ts';
import { batchGetAll } from './batch.ts';
import { queryEvery, type Store } from './client.ts';
import { fromItem, schoolPartition } from './keys.ts';
import type { TransactItems } from './transact.ts';

export interface StoredYearGroupDay extends YearGroupDay {
  urn: string;
  /** 0 when the item does not exist yet. */
  version: number;
}

const yearGroupDayKey = (urn: string, date: string, yearGroup: number) => ({ pk: schoolPartition(urn), sk: `DAY#${date}#Y${String(yearGroup).padStart(2, '0')}` });

export async function getYearGroupDays(store: Store, urn: string, date: IsoDate, yearGroups: readonly YearGroup[]): Promise<StoredYearGroupDay[]> {
  const items = await batchGetAll(store, yearGroups.map((y) => yearGroupDayKey(urn, date, y)));
  const found = new Map(items.map((i) => {
    const day = fromItem<StoredYearGroupDay>(i);
    return [day.yearGroup, day] as const;
  }));
  return yearGroups.map((y) => found.get(y) ?? { urn, date, yearGroup: y, intervals: [], version: 0 });
}

/** The day written with its new intervals, in a transaction: only if it is still at the version read (new: not there yet). */
export function yearGroupDayPut(store: Store, read: StoredYearGroupDay, intervals: YearGroupDay['intervals']): TransactItems[number] {
  return {
    Put: {
      TableName: store.tableName,
      Item: {
        ...yearGroupDayKey(read.urn, read.date, read.yearGroup),
        itemType: 'yearGroupDay',
        urn: read.urn,
        date: read.date,
        yearGroup: read.yearGroup,
        intervals,
        version: read.version + 1,
      },
      ConditionExpression: read.version === 0 ? 'attribute_not_exists(pk)' : 'version = :v',
      ...(read.version === 0 ? {} : { ExpressionAttributeValues: { ':v': read.version } }),
    },
  };
}

/** The approved year-group days of a school between two dates (a month's calendar): one query of its partition. */
export async function listYearGroupDaysBetween(store: Store, urn: string, from: IsoDate, to: IsoDate): Promise<StoredYearGroupDay[]> {
  const items = await queryEvery(store, {
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :lo AND :hi',
    ExpressionAttributeValues: { ':pk': schoolPartition(urn), ':lo': `DAY#${from}`, ':hi': `DAY#${to}~` },
  });
  return items.map((i) => fromItem<StoredYearGroupDay>(i));
}

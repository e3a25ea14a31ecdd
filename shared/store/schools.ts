// Access patterns for a school's profile: its calendar, booking rules, careers lead and
// policy text, kept as one item so the school page and the rules need one read. Every
// profile write also refreshes the school's directory entries (search) and keeps the
// profile in the list of all schools (gsi1) that the daily job walks.
import { GetCommand, paginateQuery, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { School } from '#shared/domain/types.ts';
import { providerAccessYears } from '#shared/domain/year-groups.ts';
import { batchGetAll, batchWriteAll } from './batch.ts';
import { conditionHeld, type Store } from './client.ts';
import { indexSchool, searchTerms } from './directory.ts';
import { placeWrites } from './places.ts';
import { schoolSummary } from '#shared/domain/school-summary.ts';
import { fromItem, schoolPartition } from './keys.ts';
import { transact, TransactionCancelled, type TransactItems } from './transact.ts';
import type { StoredSchool } from '#shared/domain/records.ts';
import type { PublishedBankHolidays } from '#shared/domain/types.ts';
import { publishedBankHolidays } from './bank-holidays.ts';

/** A school's profile: one item, first in the school's partition. */
export const schoolKey = (urn: string) => ({ pk: schoolPartition(urn), sk: 'PROFILE' });

/** gsi1 on each school profile: every school in one partition, so the daily job visits them all without a scan. */
const SCHOOLS_LIST = 'SCHOOLS';

export async function getSchoolProfile(store: Store, urn: string): Promise<StoredSchool | undefined> {
  const [out, published] = await Promise.all([store.doc.send(new GetCommand({ TableName: store.tableName, Key: schoolKey(urn) })), publishedBankHolidays(store)]);
  return out.Item ? withBankHolidays(fromItem<StoredSchool>(out.Item), published) : undefined;
}

/** The platform's published bank-holiday changes on the school's calendar, as read (never written: see profileItem). */
function withBankHolidays<S extends StoredSchool>(school: S, published: PublishedBankHolidays | undefined): S {
  return published && school.calendar ? { ...school, calendar: { ...school.calendar, bankHolidays: published } } : school;
}

/**
 * The names of some schools (for lists that show each request's school): one BatchGetItem
 * per 100 schools, projected to the name, instead of one read of each whole profile.
 * Unknown schools are left out.
 */
export async function getSchoolNames(store: Store, urns: Iterable<string>): Promise<Map<string, string>> {
  const items = await batchGetAll(
    store,
    [...new Set(urns)].map((urn) => schoolKey(urn)),
    { consistent: false, projection: { ProjectionExpression: '#urn, #name', ExpressionAttributeNames: { '#urn': 'urn', '#name': 'name' } } },
  );
  return new Map(items.map((item) => [String(item.urn), String(item.name)]));
}

/** A school's name and stated response time (school days; absent when it never set one). */
export interface SchoolResponseTime {
  name: string;
  responseDeadlineSchoolDays?: number;
}

/**
 * The name and response time of some schools (the provider's evidence, issue 15 item 6):
 * one BatchGetItem per 100 schools, projected to those attributes, not a profile read per
 * school in turn. Unknown schools are left out.
 */
export async function getSchoolResponseTimes(store: Store, urns: Iterable<string>): Promise<Map<string, SchoolResponseTime>> {
  const items = await batchGetAll(
    store,
    [...new Set(urns)].map((urn) => schoolKey(urn)),
    {
      consistent: false,
      projection: { ProjectionExpression: '#urn, #name, #rules.#days', ExpressionAttributeNames: { '#urn': 'urn', '#name': 'name', '#rules': 'rules', '#days': 'responseDeadlineSchoolDays' } },
    },
  );
  return new Map(
    items.map((item) => {
      const days = (item.rules as { responseDeadlineSchoolDays?: unknown } | undefined)?.responseDeadlineSchoolDays;
      return [String(item.urn), { name: String(item.name), ...(typeof days === 'number' ? { responseDeadlineSchoolDays: days } : {}) }];
    }),
  );
}

/** Several schools' profiles, by URN, in one batch read (a provider's feed names each school and its address). */
export async function getSchoolProfiles(store: Store, urns: Iterable<string>): Promise<Map<string, StoredSchool>> {
  const [items, published] = await Promise.all([batchGetAll(store, [...new Set(urns)].map((urn) => schoolKey(urn)), { consistent: false }), publishedBankHolidays(store)]);
  return new Map(items.map((item) => [String(item.urn), withBankHolidays(fromItem<StoredSchool>(item), published)]));
}

/**
 * The profile item as written (keys, schools list, item type): also for batched imports.
 * Not on gsi2: the near search reads each school's small near point (places.ts), and a put
 * drops the grid square profiles were indexed under before.
 */
export function profileItem(school: School, now: Date) {
  const { bankHolidays: _platform, ...calendar } = school.calendar ?? {};
  const stored = school.calendar ? { ...school, calendar } : school;
  return { ...schoolKey(school.urn), ...schoolsListKeys(school.urn), itemType: 'school', ...stored, updatedAt: now.toISOString() };
}

/** Every profile is in the schools list (gsi1), so jobs can visit all schools without a scan. */
function schoolsListKeys(urn: string) {
  return { gsi1pk: SCHOOLS_LIST, gsi1sk: urn };
}

/** Puts a profile written before the schools list existed into it (idempotent). */
export async function ensureSchoolListed(store: Store, urn: string): Promise<void> {
  const list = schoolsListKeys(urn);
  await conditionHeld(
    store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: schoolKey(urn),
        UpdateExpression: 'SET gsi1pk = :pk, gsi1sk = :sk',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(gsi1pk)',
        ExpressionAttributeValues: { ':pk': list.gsi1pk, ':sk': list.gsi1sk },
      }),
    ),
  );
}

/**
 * A profile written before schools had a place (issue 15, item 4) gets one: its location,
 * only if it still has none (a location set since, by an import say, is kept). Either way
 * its near point and place items are written from the profile as it now stands, so a
 * school placed before near points existed gets one too (the writes are idempotent puts).
 */
export async function ensureSchoolPlaced(store: Store, school: School): Promise<void> {
  if (!school.location) return;
  await conditionHeld(
    store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: schoolKey(school.urn),
        UpdateExpression: 'SET #location = :location REMOVE gsi2pk, gsi2sk',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#location)',
        ExpressionAttributeNames: { '#location': 'location' },
        ExpressionAttributeValues: { ':location': school.location },
      }),
    ),
  );
  // From the profile as stored, not the given school: it holds the opportunities' slotsUntil.
  const stored = await getSchoolProfile(store, school.urn);
  if (stored) await batchWriteAll(store, placeWrites(stored));
}

/** Every school's profile, a page at a time (one gsi1 partition, in URN order). */
export async function* listAllSchools(store: Store, pageSize = 100): AsyncGenerator<StoredSchool[]> {
  const pages = paginateQuery(
    { client: store.doc, pageSize },
    { TableName: store.tableName, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': SCHOOLS_LIST } },
  );
  for await (const page of pages) {
    const published = await publishedBankHolidays(store);
    yield (page.Items ?? []).map((i) => withBankHolidays(fromItem<StoredSchool>(i), published));
  }
}

async function reindex(store: Store, school: School | StoredSchool, previous?: School) {
  await indexSchool(store, schoolSummary(school, providerAccessYears(school)), searchTerms(school), previous ? searchTerms(previous) : []);
  await batchWriteAll(store, placeWrites(school, previous));
}

/** Writes the profile only if the school is new: returns false when it existed. */
export async function createSchoolProfileIfAbsent(store: Store, school: School, now: Date = new Date()): Promise<boolean> {
  const created = await conditionHeld(
    store.doc.send(new PutCommand({ TableName: store.tableName, Item: profileItem(school, now), ConditionExpression: 'attribute_not_exists(pk)' })),
  );
  if (!created) {
    await ensureSchoolListed(store, school.urn);
    return false;
  }
  await reindex(store, school);
  return true;
}

/**
 * Replaces the profile. Its `slotsUntil` is the opportunities' (their writes keep it), so a
 * put of a school without one keeps the one stored, on the profile and its near point.
 */
export async function putSchoolProfile(store: Store, school: School | StoredSchool, now: Date = new Date()): Promise<StoredSchool> {
  const out = await store.doc.send(new PutCommand({ TableName: store.tableName, Item: profileItem(school, now), ReturnValues: 'ALL_OLD' }));
  const previous = out.Attributes ? fromItem<StoredSchool>(out.Attributes) : undefined;
  let put: StoredSchool = { ...school, updatedAt: now.toISOString() };
  if (previous?.slotsUntil && !('slotsUntil' in school && school.slotsUntil)) {
    await store.doc.send(
      new UpdateCommand({ TableName: store.tableName, Key: schoolKey(school.urn), UpdateExpression: 'SET slotsUntil = :until', ExpressionAttributeValues: { ':until': previous.slotsUntil } }),
    );
    put = { ...put, slotsUntil: previous.slotsUntil };
  }
  await reindex(store, put, previous);
  return put;
}

/** The profile fields the settings page replaces. */
export type SchoolSettingsFields = Pick<School, 'calendar' | 'rules' | 'groundsForRefusing' | 'premises' | 'careersLead'>;

/** A version attribute of the profile: 0 when the profile has never had one. */
export function versionOf(school: StoredSchool, attribute: 'version' | 'opportunitiesVersion'): number {
  return school[attribute] ?? 0;
}

/**
 * The profile's `attribute` still holds `expected` (absent counts as 0) and goes up by
 * one; the school must exist. Without `expected`, only the bump (last save wins). For
 * transactions that change what the version guards; `set` and `remove` change other
 * fields with it.
 */
export function profileVersionUpdate(
  store: Store,
  urn: string,
  attribute: 'version' | 'opportunitiesVersion',
  expected: number | undefined,
  set: Record<string, unknown> = {},
  remove: readonly string[] = [],
): TransactItems[number] {
  const names: Record<string, string> = { '#v': attribute };
  const values: Record<string, unknown> = { ':next': (expected ?? 0) + 1 };
  const assignments = Object.entries(set).map(([name, value], i) => {
    names[`#f${i}`] = name;
    values[`:f${i}`] = value;
    return `#f${i} = :f${i}`;
  });
  const removals = remove.map((name, i) => {
    names[`#r${i}`] = name;
    return `#r${i}`;
  });
  let condition = 'attribute_exists(pk)';
  let update = '#v = :next';
  if (expected === undefined) {
    values[':zero'] = 0;
    values[':one'] = 1;
    update = '#v = if_not_exists(#v, :zero) + :one';
    delete values[':next'];
  } else {
    values[':expected'] = expected;
    condition += expected === 0 ? ' AND (attribute_not_exists(#v) OR #v = :expected)' : ' AND #v = :expected';
  }
  return {
    Update: {
      TableName: store.tableName,
      Key: schoolKey(urn),
      UpdateExpression: `SET ${[update, ...assignments].join(', ')}${removals.length ? ` REMOVE ${removals.join(', ')}` : ''}`,
      ConditionExpression: condition,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

/**
 * Replaces the settings fields of a profile if its settings version is still `expected`,
 * and bumps the version; every other field is kept as stored. `also` joins the same
 * transaction (the audit item). Returns false when the version has moved on.
 */
export async function updateSchoolSettings(
  store: Store,
  urn: string,
  fields: SchoolSettingsFields,
  expected: number,
  meta: { by: string; now: Date },
  also: TransactItems = [],
): Promise<boolean> {
  const set = { ...fields, updatedAt: meta.now.toISOString(), updatedBy: meta.by };
  try {
    await transact(store, [profileVersionUpdate(store, urn, 'version', expected, set), ...also]);
    return true;
  } catch (err) {
    // The version, or a condition of an item that goes with it (a statement version redacted or published meanwhile): read again.
    if (err instanceof TransactionCancelled && err.reasons.includes('ConditionalCheckFailed')) return false;
    throw err;
  }
}

/** Erasure: the profile's "last saved by" replaced, if it is still that person. */
export async function replaceProfileEditor(store: Store, urn: string, email: string, placeholder: string): Promise<void> {
  await conditionHeld(
    store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: schoolKey(urn),
        UpdateExpression: 'SET updatedBy = :p',
        ConditionExpression: 'updatedBy = :e',
        ExpressionAttributeValues: { ':p': placeholder, ':e': email.toLowerCase() },
      }),
    ),
  );
}

// Access patterns for school staff and their roles. Each role is kept twice, under the
// school (who works here?) and under the person (which schools may I manage?), written
// together in one transaction.
import { QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Store } from './client.ts';
import { fromItem, schoolPartition, sortKeyBeginsWith } from './keys.ts';
import { transact, type TransactItems } from './transact.ts';
import type { StaffRoleRecord } from '#shared/domain/records.ts';

/** A person's own partition: the schools they have a role at, and those they were careers lead of. */
export const userPartition = (email: string) => `USER#${email.toLowerCase()}`;
const STAFF_PREFIX = 'STAFF#';
const USER_SCHOOL_PREFIX = 'SCHOOL#';
/** A school's staff: one item per person (who works here?). */
const staffKey = (urn: string, email: string) => ({ pk: schoolPartition(urn), sk: `${STAFF_PREFIX}${email.toLowerCase()}` });
/** The same role under the person (which schools may I manage?). */
const userSchoolKey = (email: string, urn: string) => ({ pk: userPartition(email), sk: `${USER_SCHOOL_PREFIX}${urn}` });
/** A school a person was careers lead of until replaced: no access, but an erasure still finds what they did there. */
const FORMER_PREFIX = 'FORMER#';
const formerSchoolKey = (email: string, urn: string) => ({ pk: userPartition(email), sk: `${FORMER_PREFIX}${urn}` });

/** The role items of one partition with one prefix (one read: a school's staff, a person's schools). */
async function rolesIn(store: Store, pk: string, prefix: string): Promise<StaffRoleRecord[]> {
  const out = await store.doc.send(new QueryCommand({ TableName: store.tableName, ...sortKeyBeginsWith(pk, prefix) }));
  return (out.Items ?? []).map((i) => fromItem<StaffRoleRecord>(i));
}

/** Both items of one role (under the school and under the person), as transaction Puts. */
function staffRolePuts(store: Store, record: StaffRoleRecord): TransactItems {
  const email = record.email.toLowerCase();
  const item = { itemType: 'staff', ...record, email };
  return [
    { Put: { TableName: store.tableName, Item: { ...staffKey(record.urn, email), ...item } } },
    { Put: { TableName: store.tableName, Item: { ...userSchoolKey(email, record.urn), ...item } } },
  ];
}

/** Both items of one role, as transaction Deletes. */
function staffRoleDeletes(store: Store, urn: string, email: string): TransactItems {
  return [
    { Delete: { TableName: store.tableName, Key: staffKey(urn, email) } },
    { Delete: { TableName: store.tableName, Key: userSchoolKey(email, urn) } },
  ];
}

export async function putStaffRole(store: Store, record: StaffRoleRecord): Promise<void> {
  await store.doc.send(new TransactWriteCommand({ TransactItems: staffRolePuts(store, record) }));
}

/** Removes a person's role at a school: both items in one transaction (sign-in stops with it). */
export async function removeStaffRole(store: Store, urn: string, email: string): Promise<void> {
  await transact(store, staffRoleDeletes(store, urn, email.toLowerCase()));
}

/**
 * Several role changes at one school as one transaction (both items of each), plus
 * `also` (the audit item): all saved or none.
 */
export async function changeStaffRoles(
  store: Store,
  urn: string,
  change: { put: StaffRoleRecord[]; remove: string[] },
  also: TransactItems = [],
): Promise<void> {
  const items: TransactItems = [
    ...change.put.flatMap((r) => staffRolePuts(store, { ...r, urn })),
    ...change.remove.flatMap((email) => staffRoleDeletes(store, urn, email.toLowerCase())),
    ...also,
  ];
  if (items.length > 0) await transact(store, items);
}

export async function listStaffOfSchool(store: Store, urn: string): Promise<StaffRoleRecord[]> {
  return rolesIn(store, schoolPartition(urn), STAFF_PREFIX);
}

export async function listRolesOfUser(store: Store, email: string): Promise<StaffRoleRecord[]> {
  return rolesIn(store, userPartition(email), USER_SCHOOL_PREFIX);
}

/**
 * A school's careers lead handed over, as transaction items for the change that makes it:
 * the new lead gets the careers_lead role (replacing a deputy's; a trust admin keeps
 * theirs, which already reaches the school), and the old lead's careers_lead role goes,
 * so their access and the request emails stop at once (issue 12, item 4). `staff` is the
 * school's staff list as read: only a careers_lead role is ever removed here.
 */
export function careersLeadHandoverItems(
  store: Store,
  urn: string,
  staff: readonly StaffRoleRecord[],
  next: { name: string; email: string },
  previousEmail: string | undefined,
): TransactItems {
  const email = next.email.toLowerCase();
  const had = staff.find((r) => r.email.toLowerCase() === email);
  const items: TransactItems = had?.role === 'trust_admin' || (had?.role === 'careers_lead' && had.name === next.name) ? [] : staffRolePuts(store, { urn, email, name: next.name, role: 'careers_lead' });
  const old = previousEmail?.toLowerCase();
  const oldRole = old && old !== email ? staff.find((r) => r.email.toLowerCase() === old && r.role === 'careers_lead') : undefined;
  if (oldRole) {
    items.push(...staffRoleDeletes(store, urn, oldRole.email.toLowerCase()));
    // Kept so that erasing them later still finds this school's records of them (shared/usecases/erasure.ts).
    items.push({ Put: { TableName: store.tableName, Item: { ...formerSchoolKey(oldRole.email, urn), itemType: 'formerRole', ...oldRole, email: oldRole.email.toLowerCase() } } });
  }
  return items;
}

/** The schools a person was careers lead of until replaced (no access: only for erasure). */
export async function listFormerRolesOfUser(store: Store, email: string): Promise<StaffRoleRecord[]> {
  return rolesIn(store, userPartition(email), FORMER_PREFIX);
}

/** Forgets a former role (an erasure). */
export async function removeFormerRole(store: Store, urn: string, email: string): Promise<void> {
  await transact(store, [{ Delete: { TableName: store.tableName, Key: formerSchoolKey(email, urn) } }]);
}

// Access patterns for school staff and their roles. Each role is kept twice, under the
// school (who works here?) and under the person (which schools may I manage?), written
// together in one transaction.
import { QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Store } from './client.ts';
import { fromItem, keys } from './keys.ts';

export const STAFF_ROLES = ['careers_lead', 'deputy', 'trust_admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export interface StaffRoleRecord {
  urn: string;
  email: string;
  name: string;
  role: StaffRole;
}

export async function putStaffRole(store: Store, record: StaffRoleRecord): Promise<void> {
  const email = record.email.toLowerCase();
  const item = { itemType: 'staff', ...record, email };
  await store.doc.send(
    new TransactWriteCommand({
      TransactItems: [
        { Put: { TableName: store.tableName, Item: { ...keys.staff(record.urn, email), ...item } } },
        { Put: { TableName: store.tableName, Item: { ...keys.userSchool(email, record.urn), ...item } } },
      ],
    }),
  );
}

export async function listStaffOfSchool(store: Store, urn: string): Promise<StaffRoleRecord[]> {
  const out = await store.doc.send(
    new QueryCommand({
      TableName: store.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.school(urn).pk, ':prefix': keys.staffPrefix() },
    }),
  );
  return (out.Items ?? []).map((i) => fromItem<StaffRoleRecord>(i));
}

export async function listRolesOfUser(store: Store, email: string): Promise<StaffRoleRecord[]> {
  const out = await store.doc.send(
    new QueryCommand({
      TableName: store.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.userSchool(email, '').pk, ':prefix': keys.userSchoolsPrefix() },
    }),
  );
  return (out.Items ?? []).map((i) => fromItem<StaffRoleRecord>(i));
}

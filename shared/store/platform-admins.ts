// Platform admins: the people who onboard schools (GIAS import, inviting careers leads).
// Kept apart from school roles (one item each under PLATFORM#ADMINS), so no school's staff
// list or role check ever sees them. Granted with `npm run platform:admin -- <email> <name>`.
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Store } from './client.ts';
import { fromItem } from './keys.ts';
import type { PlatformAdmin } from '#shared/domain/records.ts';

/** One item per person, apart from school roles. */
const platformAdminKey = (email: string) => ({ pk: 'PLATFORM#ADMINS', sk: `ADMIN#${email.toLowerCase()}` });

export async function putPlatformAdmin(store: Store, admin: PlatformAdmin): Promise<void> {
  const email = admin.email.toLowerCase();
  await store.doc.send(new PutCommand({ TableName: store.tableName, Item: { ...platformAdminKey(email), itemType: 'platformAdmin', ...admin, email } }));
}

export async function getPlatformAdmin(store: Store, email: string): Promise<PlatformAdmin | undefined> {
  const out = await store.doc.send(new GetCommand({ TableName: store.tableName, Key: platformAdminKey(email), ConsistentRead: true }));
  return out.Item ? fromItem<PlatformAdmin>(out.Item) : undefined;
}

export async function removePlatformAdmin(store: Store, email: string): Promise<void> {
  await store.doc.send(new DeleteCommand({ TableName: store.tableName, Key: platformAdminKey(email) }));
}

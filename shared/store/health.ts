import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Store } from './client.ts';
import { keys } from './keys.ts';

/** Reads one fixed key: proves the table answers without touching any school's data. */
export async function pingTable(store: Store): Promise<void> {
  await store.doc.send(new GetCommand({ TableName: store.tableName, Key: keys.health() }));
}

import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Store } from './client.ts';

/** A fixed item the health check reads: proves the table answers, touches no data. */
const HEALTH_KEY = { pk: 'HEALTH', sk: 'HEALTH' };

/** Reads one fixed key: proves the table answers without touching any school's data. */
export async function pingTable(store: Store): Promise<void> {
  await store.doc.send(new GetCommand({ TableName: store.tableName, Key: HEALTH_KEY }));
}

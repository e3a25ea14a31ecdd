// The table a command-line tool works on: TABLE_NAME (and DYNAMODB_ENDPOINT for a local
// one) when set, as on AWS; otherwise the local stack's data in .data/ (`npm start` must
// not be running then: DynamoDB Local keeps one database file per process).
import { join } from 'node:path';
import { createStore, type Store } from '#shared/store/client.ts';
import { startDynamoDbLocal } from './local/dynamodb.ts';
import { REPO_ROOT } from './local/server.ts';
import { ensureTable } from './local/table-setup.ts';

/** The table `npm start` uses. */
export const LOCAL_TABLE = 'provider-access';

export async function withCliStore<T>(work: (store: Store, where: string) => Promise<T>): Promise<T> {
  const tableName = process.env.TABLE_NAME;
  if (tableName) {
    const endpoint = process.env.DYNAMODB_ENDPOINT;
    return work(createStore({ tableName, endpoint }), `table ${tableName}${endpoint ? ` at ${endpoint}` : ''}`);
  }
  const dataDir = join(REPO_ROOT, '.data', 'dynamodb');
  const dynamodb = await startDynamoDbLocal({ dataDir });
  try {
    await ensureTable(dynamodb.endpoint, LOCAL_TABLE);
    return await work(createStore({ tableName: LOCAL_TABLE, endpoint: dynamodb.endpoint }), `the local data in .data/ (table ${LOCAL_TABLE})`);
  } finally {
    await dynamodb.stop();
  }
}

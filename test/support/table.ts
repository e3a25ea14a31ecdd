// A fresh table from the one definition, per test file, on the run's DynamoDB Local.
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { createStore, type Store } from '#shared/store/client.ts';
import { ensureTable } from '#infra/local/table-setup.ts';

export interface TestTable {
  store: Store;
  endpoint: string;
  tableName: string;
  streamArn: string;
}

export async function createTestTable(prefix = 'test'): Promise<TestTable> {
  const endpoint = inject('dynamodbEndpoint');
  const tableName = `${prefix}-${randomUUID().slice(0, 8)}`;
  const { streamArn } = await ensureTable(endpoint, tableName);
  return { store: createStore({ tableName, endpoint }), endpoint, tableName, streamArn };
}

/** Points the functions' environment (TABLE_NAME…) at a test table, as Lambda would be. */
export function useTableForFunctions(table: TestTable): void {
  process.env.TABLE_NAME = table.tableName;
  process.env.DYNAMODB_ENDPOINT = table.endpoint;
  process.env.AWS_REGION = 'eu-west-2';
  process.env.AWS_ACCESS_KEY_ID = 'local';
  process.env.AWS_SECRET_ACCESS_KEY = 'local';
}

/** Every item of a test table, in key order: for invariants and before/after snapshots (tests only). */
export async function scanTable(store: Store): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await store.doc.send(new ScanCommand({ TableName: store.tableName, ConsistentRead: true, ExclusiveStartKey: start }));
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  return items.sort((a, b) => `${a.pk}|${a.sk}`.localeCompare(`${b.pk}|${b.sk}`));
}

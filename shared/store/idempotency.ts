// The persistence of Powertools' idempotency utility, in the one table: its records live
// under one partition per function and expire through the table's TTL attribute. It talks
// through the store's own client: one connection pool, and the store's timeouts and retries.
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { Store } from './client.ts';
import { tableDefinition } from './table.ts';

/** Idempotency records of Powertools, all under one partition per function. */
const idempotencyPartition = (functionName: string) => `IDEMPOTENCY#${functionName}`;

export function idempotencyPersistence(store: Store, functionName: string): DynamoDBPersistenceLayer {
  return new DynamoDBPersistenceLayer({
    tableName: store.tableName,
    keyAttr: tableDefinition.partitionKey,
    sortKeyAttr: tableDefinition.sortKey,
    staticPkValue: idempotencyPartition(functionName),
    expiryAttr: tableDefinition.timeToLiveAttribute,
    awsSdkV3Client: store.client,
  });
}

// The persistence of Powertools' idempotency utility, in the one table: its records live
// under one partition per function and expire through the table's TTL attribute.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { tableDefinition } from './table.ts';

/** Idempotency records of Powertools, all under one partition per function. */
const idempotencyPartition = (functionName: string) => `IDEMPOTENCY#${functionName}`;

export function idempotencyPersistence(functionName: string): DynamoDBPersistenceLayer {
  const tableName = process.env.TABLE_NAME;
  if (!tableName) throw new Error('TABLE_NAME is not set');
  const endpoint = process.env.DYNAMODB_ENDPOINT;
  return new DynamoDBPersistenceLayer({
    tableName,
    keyAttr: tableDefinition.partitionKey,
    sortKeyAttr: tableDefinition.sortKey,
    staticPkValue: idempotencyPartition(functionName),
    expiryAttr: tableDefinition.timeToLiveAttribute,
    awsSdkV3Client: new DynamoDBClient({
      region: process.env.AWS_REGION ?? 'eu-west-2',
      ...(endpoint ? { endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
    }),
  });
}

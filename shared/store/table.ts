// The one table definition. The CDK stack, `npm start` and the tests all build their
// table from this object, so there is never a second copy of keys, indexes or TTL.
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

export const tableDefinition = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /**
   * gsi1: a school's requests by status and date; gsi2: a provider email's requests by date;
   * gsi3 (sparse): an organisation's requests (issue 15), only on requests stamped with one.
   */
  globalIndexes: [
    { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    { name: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
  ],
  /** Epoch seconds; DynamoDB deletes tokens, sessions and rate-limit counters after it. */
  timeToLiveAttribute: 'expiresAt',
  /** The notify function turns request events into emails from this stream. */
  streamViewType: 'NEW_AND_OLD_IMAGES',
} as const;

export type GlobalIndexName = (typeof tableDefinition.globalIndexes)[number]['name'];

/** The CreateTable call for DynamoDB Local (on AWS the CDK stack makes the table). */
export function createTableInput(tableName: string): CreateTableCommandInput {
  const d = tableDefinition;
  const attributes = [d.partitionKey, d.sortKey, ...d.globalIndexes.flatMap((g) => [g.partitionKey, g.sortKey])];
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: attributes.map((name) => ({ AttributeName: name, AttributeType: 'S' })),
    KeySchema: [
      { AttributeName: d.partitionKey, KeyType: 'HASH' },
      { AttributeName: d.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: d.globalIndexes.map((g) => ({
      IndexName: g.name,
      KeySchema: [
        { AttributeName: g.partitionKey, KeyType: 'HASH' },
        { AttributeName: g.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    })),
    StreamSpecification: { StreamEnabled: true, StreamViewType: d.streamViewType },
  };
}

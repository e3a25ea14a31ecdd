// Makes the table from the one definition if it is not there yet (idempotent).
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceInUseException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { createTableInput, tableDefinition } from '#shared/store/table.ts';

export async function ensureTable(endpoint: string, tableName: string): Promise<{ created: boolean; streamArn: string }> {
  const client = new DynamoDBClient({
    endpoint,
    region: 'eu-west-2',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    let created = false;
    try {
      await client.send(new CreateTableCommand(createTableInput(tableName)));
      created = true;
      await client.send(
        new UpdateTimeToLiveCommand({
          TableName: tableName,
          TimeToLiveSpecification: { AttributeName: tableDefinition.timeToLiveAttribute, Enabled: true },
        }),
      );
    } catch (err) {
      if (!(err instanceof ResourceInUseException)) throw err;
    }
    const described = await client.send(new DescribeTableCommand({ TableName: tableName }));
    // A table kept from before an index joined the definition (gsi3, issue 15) gets it now, one at a time as DynamoDB allows.
    const have = new Set((described.Table?.GlobalSecondaryIndexes ?? []).map((g) => g.IndexName));
    for (const g of tableDefinition.globalIndexes.filter((index) => !have.has(index.name))) {
      await client.send(
        new UpdateTableCommand({
          TableName: tableName,
          AttributeDefinitions: [g.partitionKey, g.sortKey].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
          GlobalSecondaryIndexUpdates: [
            {
              Create: {
                IndexName: g.name,
                KeySchema: [
                  { AttributeName: g.partitionKey, KeyType: 'HASH' },
                  { AttributeName: g.sortKey, KeyType: 'RANGE' },
                ],
                Projection: { ProjectionType: 'ALL' },
              },
            },
          ],
        }),
      );
    }
    const streamArn = described.Table?.LatestStreamArn;
    if (!streamArn) throw new Error(`Table ${tableName} has no stream`);
    return { created, streamArn };
  } finally {
    client.destroy();
  }
}

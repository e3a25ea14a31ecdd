// The DynamoDB document client every function shares. Configured from the environment so
// the same code talks to DynamoDB on AWS and to DynamoDB Local (DYNAMODB_ENDPOINT).
import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, paginateQuery, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';

export interface StoreConfig {
  tableName: string;
  endpoint?: string;
  region?: string;
}

export interface Store {
  doc: DynamoDBDocumentClient;
  /** The low-level client under `doc`, with the same timeouts (Powertools idempotency takes one). */
  client: DynamoDBClient;
  tableName: string;
}

export function createStore(config: StoreConfig): Store {
  const local = Boolean(config.endpoint);
  const client = new DynamoDBClient({
    region: config.region ?? process.env.AWS_REGION ?? 'eu-west-2',
    ...(local
      ? {
          endpoint: config.endpoint,
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        }
      : {}),
    // A refused connection fails at once (the caller answers 503); a slow one gets a few
    // seconds, since DynamoDB Local on a busy 2-core machine can take that long to accept.
    maxAttempts: 3,
    requestHandler: new NodeHttpHandler({ connectionTimeout: local ? 5_000 : 3_000, requestTimeout: local ? 15_000 : 5_000 }),
  });
  const doc = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return { doc, client, tableName: config.tableName };
}

let cached: Store | undefined;

/** The store for this process, from TABLE_NAME and (locally) DYNAMODB_ENDPOINT. */
export function storeFromEnv(): Store {
  if (!cached) {
    const tableName = process.env.TABLE_NAME;
    if (!tableName) throw new Error('TABLE_NAME is not set');
    cached = createStore({ tableName, endpoint: process.env.DYNAMODB_ENDPOINT });
  }
  return cached;
}

/** Every item a query finds, every page read (lib-dynamodb's paginator). */
export async function queryEvery(store: Store, input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  for await (const page of paginateQuery({ client: store.doc }, { ...input, TableName: store.tableName })) items.push(...(page.Items ?? []));
  return items;
}

/** Sends a conditional write: true when it was written, false when its condition did not hold (any other failure is thrown). */
export async function conditionHeld(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException) return false;
    throw err;
  }
}

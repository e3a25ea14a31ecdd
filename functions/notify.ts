// The mailer: the table's stream → emails. The only function allowed to send mail. Each
// new request event or outbox item becomes its emails, once each (shared/usecases/notify.ts);
// a record that fails is reported so the event source mapping retries from it (partial
// batch failure).
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { logger } from '#shared/log.ts';
import { storeFromEnv, type Store } from '#shared/usecases/store.ts';
import { mailItem } from '#shared/usecases/notify.ts';

type Image = Record<string, AttributeValue>;

export async function notify(store: Store, records: DynamoDBRecord[]): Promise<DynamoDBBatchResponse> {
  for (const record of records) {
    if (record.eventName !== 'INSERT' || !record.dynamodb?.NewImage) continue;
    try {
      await mailItem(store, unmarshall(record.dynamodb.NewImage as Image));
    } catch (error) {
      logger.error('email delivery failed; the batch is retried from this record', { error });
      // Records after a failed one are retried too, in order, as the mapping requires.
      return { batchItemFailures: [{ itemIdentifier: record.dynamodb.SequenceNumber ?? '' }] };
    }
  }
  return { batchItemFailures: [] };
}

export const handler = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => notify(storeFromEnv(), event.Records);

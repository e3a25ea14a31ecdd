// The local stand-in for the event source mapping: table changes reach the stream handler
// as DynamoDBStreamEvent batches, in order; a partial batch failure is retried from the
// failed record, and nothing before it is delivered twice.
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRequest } from '#shared/store/requests.ts';
import { schoolKey } from '#shared/store/schools.ts';
import { createdEvent, sampleRequest } from './support/requests.ts';
import { StreamPoller } from '#infra/local/stream-poller.ts';
import { createTestTable, type TestTable } from './support/table.ts';

let table: TestTable;
beforeAll(async () => {
  table = await createTestTable('stream');
});

async function addRequest(n: number) {
  const r = sampleRequest({ urn: '770001', providerEmail: `p${n}@college.example`, notes: String(n) });
  await createRequest(table.store, r, createdEvent(r));
  return r;
}

async function drain(poller: StreamPoller, until: () => boolean) {
  for (let i = 0; i < 100 && !until(); i++) {
    await poller.pollOnce();
    if (!until()) await new Promise((r) => setTimeout(r, 100));
  }
}

describe('stream poller', () => {
  it('delivers inserts as Lambda stream records, then retries only from a failed record', async () => {
    const seen: string[] = [];
    let failOnce: string | undefined;
    const events: DynamoDBStreamEvent[] = [];
    const handler = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
      events.push(event);
      for (const record of event.Records) {
        const image = unmarshall(record.dynamodb?.NewImage as never);
        if (image.itemType !== 'request') continue;
        if (image.notes === '2' && failOnce === undefined) {
          failOnce = record.dynamodb?.SequenceNumber;
          return { batchItemFailures: [{ itemIdentifier: failOnce ?? '' }] };
        }
        seen.push(image.providerEmail);
      }
      return { batchItemFailures: [] };
    };
    const poller = new StreamPoller({ endpoint: table.endpoint, streamArn: table.streamArn, handler });
    for (const n of [1, 2, 3]) await addRequest(n);
    await drain(poller, () => seen.length >= 3);
    await poller.stop();

    expect(seen).toEqual(['p1@college.example', 'p2@college.example', 'p3@college.example']);
    expect(failOnce).toBeDefined();
    const first = events[0]?.Records[0];
    expect(first).toMatchObject({ eventName: 'INSERT', eventSource: 'aws:dynamodb', eventSourceARN: table.streamArn });
    expect(first?.dynamodb?.StreamViewType).toBe('NEW_AND_OLD_IMAGES');
    expect(typeof first?.dynamodb?.ApproximateCreationDateTime).toBe('number');
    expect(first?.dynamodb?.Keys?.pk).toEqual({ S: schoolKey('770001').pk });
  });

  it('retries a whole batch when the handler throws, and sets a poison record aside after the retries', async () => {
    const fresh = await createTestTable('stream-poison');
    const attempts = new Map<string, number>();
    const delivered: string[] = [];
    const poller = new StreamPoller({
      endpoint: fresh.endpoint,
      streamArn: fresh.streamArn,
      maxRetries: 2,
      handler: async (event) => {
        for (const record of event.Records) {
          const image = unmarshall(record.dynamodb?.NewImage as never);
          if (image.itemType !== 'request') continue;
          const count = (attempts.get(image.providerEmail) ?? 0) + 1;
          attempts.set(image.providerEmail, count);
          if (image.notes === '1') throw new Error('poison');
          delivered.push(image.providerEmail);
        }
      },
    });
    table = fresh;
    await addRequest(1);
    await addRequest(2);
    await drain(poller, () => delivered.includes('p2@college.example'));
    await poller.stop();
    expect(attempts.get('p1@college.example')).toBe(3); // first try + 2 retries, then set aside
    expect(delivered).toEqual(['p2@college.example']);
  });
});

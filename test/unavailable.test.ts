// DynamoDB Local killed while the site runs: answers are 503 with a code, never a crash;
// the same server recovers once a table answers again.
import { afterAll, describe, expect, it } from 'vitest';
import { startDynamoDbLocal, type RunningDynamoDb } from '#infra/local/dynamodb.ts';
import { ensureTable } from '#infra/local/table-setup.ts';
import { createStore } from '#shared/store/client.ts';
import { json, startTestSite, type TestSite } from './support/site.ts';

let site: TestSite | undefined;
let dynamodb: RunningDynamoDb | undefined;
afterAll(async () => {
  await site?.stop();
  await dynamodb?.stop();
});

describe('when DynamoDB goes away', () => {
  it('health answers 503 SERVICE_UNAVAILABLE naming the table, then recovers', async () => {
    dynamodb = await startDynamoDbLocal();
    const tableName = 'unavailable-test';
    const { streamArn } = await ensureTable(dynamodb.endpoint, tableName);
    site = await startTestSite({ store: createStore({ tableName, endpoint: dynamodb.endpoint }), endpoint: dynamodb.endpoint, tableName, streamArn });

    expect((await fetch(`${site.url}/api/health`)).status).toBe(200);

    process.kill(dynamodb.pid ?? 0, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 300));
    const down = await fetch(`${site.url}/api/health`);
    expect(down.status).toBe(503);
    expect(down.headers.get('retry-after')).toBe('30');
    const body = await json(down);
    expect(body.components).toEqual({ table: 'down', mail: 'up' });
    expect(body.error.code).toBe('SERVICE_UNAVAILABLE');

    // A restarted DynamoDB Local on the same port: the running site picks it up.
    dynamodb = await startDynamoDbLocal({ port: dynamodb.port });
    await ensureTable(dynamodb.endpoint, tableName);
    expect((await fetch(`${site.url}/api/health`)).status).toBe(200);
  });
});

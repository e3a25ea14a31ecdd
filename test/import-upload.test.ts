// The whole GIAS file through S3 (issue 17, item 1), on the local stack: DynamoDB Local and
// the local S3 server (s3rver), whose ObjectCreated event runs the same handler S3's
// notification runs on AWS. A platform admin gets an upload address, puts the file, and
// reads the run's progress, then its summary; nobody else may; a file too large or not a
// CSV is refused with words that say what to do; a re-delivered event imports nothing twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { S3Event } from 'aws-lambda';
import type { LocalStack } from '#infra/local/stack.ts';
import { MAX_UPLOAD_BYTES, NOT_CSV_MESSAGE, type ImportRun } from '#shared/domain/onboarding.ts';
import { createStore, type Store } from '#shared/store/client.ts';
import { getSchoolProfile } from '#shared/store/schools.ts';
import { handler as importObject } from '#functions/schools-import-object.ts';
import { generateGiasCsv } from './fixtures/gias-generate.ts';
import { json } from './support/site.ts';
import { signIn, signInAsPlatformAdmin } from './support/sign-in.ts';
import { startDemoStack } from './support/stack.ts';

const ADMIN = 'uploads@provider-access.example';
let stack: LocalStack;
let store: Store;
let admin: string;

beforeAll(async () => {
  stack = await startDemoStack();
  store = createStore({ tableName: stack.tableName, endpoint: stack.dynamodb.endpoint });
  admin = await signInAsPlatformAdmin(stack, ADMIN, 'Onboarding Team');
}, 90_000);
afterAll(async () => stack?.stop());

const ask = (cookie: string, body: unknown) =>
  fetch(`${stack.siteUrl}/api/admin/schools/imports`, { method: 'POST', headers: { 'content-type': 'application/json', origin: stack.siteUrl, ...(cookie ? { cookie } : {}) }, body: JSON.stringify(body) });
const readRun = async (id: string, cookie = admin) => fetch(`${stack.siteUrl}/api/admin/schools/imports/${id}`, { headers: cookie ? { cookie } : {} });

interface Started {
  run: ImportRun;
  upload: { url: string; method: string; headers: Record<string, string> };
}

async function startUpload(fileName: string, bytes: number): Promise<Started> {
  const res = await ask(admin, { fileName, bytes });
  const body = await json(res);
  expect(res.status, JSON.stringify(body)).toBe(201);
  return body as Started;
}

/** Polls the run as the page does, keeping every state it saw, until it ends. */
async function followRun(id: string, timeoutMs = 90_000): Promise<{ seen: ImportRun[]; last: ImportRun }> {
  const seen: ImportRun[] = [];
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { run } = (await json(await readRun(id))) as { run: ImportRun };
    seen.push(run);
    if (run.status === 'finished' || run.status === 'failed') return { seen, last: run };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`run ${id} did not end: ${JSON.stringify(seen.at(-1))}`);
}

const redelivery = (key: string, size: number): S3Event =>
  ({ Records: [{ eventName: 'ObjectCreated:Put', s3: { bucket: { name: stack.s3.bucket }, object: { key, size } } }] }) as unknown as S3Event;

describe('the GIAS upload', () => {
  it('platform admins only: 401 signed out, 403 for a careers lead, on both routes', async () => {
    expect((await ask('', { fileName: 'edubase.csv', bytes: 10 })).status).toBe(401);
    const lead = await signIn(stack, 'careers.lead@harbourview.example');
    const refused = await ask(lead, { fileName: 'edubase.csv', bytes: 10 });
    expect(refused.status).toBe(403);
    expect((await json(refused)).error.code).toBe('PLATFORM_ADMIN_REQUIRED');
    const { run } = await startUpload('edubase.csv', 10);
    expect((await readRun(run.id, '')).status).toBe(401);
    expect((await readRun(run.id, lead)).status).toBe(403);
    expect((await readRun('01ARZ3NDEKTSV4RRFFQ69G5FAV')).status).toBe(404);
  });

  it('refuses a file too large or not a CSV before any upload, saying what to do', async () => {
    const large = await ask(admin, { fileName: 'edubasealldata.csv', bytes: MAX_UPLOAD_BYTES + 1 });
    expect(large.status).toBe(413);
    expect((await json(large)).error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining('the largest file the import takes is 250 MB'), fields: { file: expect.any(String) } });
    const workbook = await ask(admin, { fileName: 'edubasealldata.xlsx', bytes: 2_000 });
    expect(workbook.status).toBe(415);
    expect((await json(workbook)).error).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', message: NOT_CSV_MESSAGE });
    const empty = await ask(admin, { fileName: 'edubasealldata.csv', bytes: 0 });
    expect(empty.status).toBe(400);
  });

  it('imports the uploaded file: progress while it runs, then the summary; a re-delivered event imports nothing again', async () => {
    const csv = Buffer.from(generateGiasCsv(2500, { seed: 17, firstUrn: 970000 }), 'utf8');
    const { run, upload } = await startUpload('edubasealldata20261201.csv', csv.length);
    expect(run).toMatchObject({ status: 'waiting-for-upload', fileName: 'edubasealldata20261201.csv', bytes: csv.length, requestedBy: ADMIN });
    // Through the site's own address (CloudFront's /imports/* on AWS), signed for this size and type.
    expect(upload.url.startsWith(`${stack.siteUrl}/imports/${run.id}.csv?`)).toBe(true);
    expect(new URL(upload.url).searchParams.get('X-Amz-SignedHeaders')).toBe('content-length;content-type;host');
    expect(new URL(upload.url).searchParams.get('X-Amz-Expires')).toBe('900');

    const put = await fetch(upload.url, { method: 'PUT', headers: upload.headers, body: csv });
    expect(put.status, await put.text()).toBe(200);
    const { seen, last } = await followRun(run.id);
    expect(last.status, JSON.stringify(last)).toBe('finished');
    const during = seen.filter((r) => r.status === 'running' && r.progress);
    expect(during.length, JSON.stringify(seen.map((r) => [r.status, r.progress?.rows]))).toBeGreaterThan(0);
    expect(during[0]?.progress?.rows).toBeLessThan(2500);
    expect(last.summary).toMatchObject({ rows: 2500, failed: 0 });
    expect((last.summary?.created ?? 0) + (last.summary?.skipped ?? 0)).toBe(2500);
    expect(last.progress).toMatchObject({ rows: 2500 });
    expect(await getSchoolProfile(store, '970001')).toBeDefined();

    // S3 delivers at least once: the same event again finds the run ended and leaves it.
    await importObject(redelivery(`imports/${run.id}.csv`, csv.length));
    const { run: after } = (await json(await readRun(run.id))) as { run: ImportRun };
    expect(after).toEqual(last);
  }, 120_000);

  it('refuses an uploaded object that is not the CSV signed for (its type, its size), and a CSV that is not a GIAS extract', async () => {
    const zip = await startUpload('edubasealldata.csv', 4);
    // The local S3 server does not check signatures (S3 would refuse this PUT): the function's own check refuses it.
    expect((await fetch(zip.upload.url, { method: 'PUT', headers: { 'content-type': 'application/zip' }, body: 'PK\u0003\u0004' })).status).toBe(200);
    expect((await followRun(zip.run.id)).last).toMatchObject({ status: 'failed', failure: NOT_CSV_MESSAGE });

    const longer = await startUpload('edubasealldata.csv', 10);
    await fetch(longer.upload.url, { method: 'PUT', headers: longer.upload.headers, body: 'URN,EstablishmentName\n1,A\n' });
    expect((await followRun(longer.run.id)).last).toMatchObject({ status: 'failed', failure: expect.stringContaining('is not the one chosen') });

    const other = 'Name,Town\nA,B\n';
    const notGias = await startUpload('schools.csv', Buffer.byteLength(other));
    await fetch(notGias.upload.url, { method: 'PUT', headers: notGias.upload.headers, body: other });
    expect((await followRun(notGias.run.id)).last).toMatchObject({ status: 'failed', failure: expect.stringContaining('not a GIAS extract') });
  }, 60_000);
});

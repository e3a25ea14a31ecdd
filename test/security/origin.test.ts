// issue 12, item 1, as deployed: the functions read the origin secret from Secrets Manager
// (ORIGIN_SECRET_ARN), refuse a request that did not come through CloudFront, believe the
// viewer address only beside the secret, and keep working through a rotation. Secrets
// Manager here is a stand-in on 127.0.0.1 that speaks its JSON protocol; the real SDK
// reaches it through AWS_ENDPOINT_URL_SECRETS_MANAGER, the SDK's own endpoint setting.
import { createServer, type Server } from 'node:http';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { freePort } from '#infra/local/ports.ts';
import { checkOrigin, clientIp, ORIGIN_HEADER, ORIGIN_SECRET_CACHE_MS, VIEWER_ADDRESS_HEADER } from '#shared/http/client-ip.ts';
import { eventFor, invokeEvent } from '../support/in-process.ts';

/** The stand-in's secrets: ARN → version stage → value. `down` answers every call with a 503. */
const secrets = new Map<string, Partial<Record<'AWSCURRENT' | 'AWSPREVIOUS', string>>>();
let down = false;
let calls = 0;
let server: Server;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      calls++;
      const send = (status: number, json: unknown, type?: string) =>
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', ...(type ? { 'x-amzn-errortype': type } : {}) }).end(JSON.stringify(json));
      if (down) return send(503, { __type: 'ServiceUnavailable', message: 'down' }, 'ServiceUnavailable');
      if (req.headers['x-amz-target'] !== 'secretsmanager.GetSecretValue') return send(400, { __type: 'InvalidRequestException', message: 'unexpected call' });
      const { SecretId, VersionStage } = JSON.parse(body) as { SecretId: string; VersionStage: 'AWSCURRENT' | 'AWSPREVIOUS' };
      const value = secrets.get(SecretId)?.[VersionStage];
      if (value === undefined) return send(400, { __type: 'ResourceNotFoundException', message: 'no such version' }, 'ResourceNotFoundException');
      send(200, { ARN: SecretId, Name: 'origin', SecretString: value, VersionId: `${VersionStage}-id`, VersionStages: [VersionStage], CreatedDate: 1_700_000_000 });
    });
  });
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
  vi.stubEnv('AWS_ENDPOINT_URL_SECRETS_MANAGER', `http://127.0.0.1:${port}`);
  vi.stubEnv('AWS_REGION', 'eu-west-2');
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'local');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'local');
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await new Promise<void>((r) => server.close(() => r()));
});
afterEach(() => {
  down = false;
  vi.useRealTimers();
});

let arns = 0;
/** A secret of its own for each test (the functions cache per ARN). */
function deploy(current: string, previous?: string): string {
  const arn = `arn:aws:secretsmanager:eu-west-2:000000000000:secret:origin-${++arns}`;
  secrets.set(arn, { AWSCURRENT: current, ...(previous ? { AWSPREVIOUS: previous } : {}) });
  vi.stubEnv('ORIGIN_SECRET_ARN', arn);
  return arn;
}

/** A request to a path no route answers (the fallback function: no table needed). */
function request(headers: Record<string, string>, sourceIp = '198.51.100.7'): { event: APIGatewayProxyEventV2; module: string; name: string } {
  return eventFor({ method: 'GET', url: '/api/nothing-here', headers, sourceIp });
}

async function statusOf(headers: Record<string, string>): Promise<{ status: number; code: string }> {
  const { event, module, name } = request(headers);
  const answer = await invokeEvent(module, name, event);
  return { status: answer.status, code: answer.json().error.code as string };
}

async function callerOf(headers: Record<string, string>, sourceIp?: string): Promise<string> {
  const { event } = request(headers, sourceIp);
  await checkOrigin(event);
  return clientIp(event);
}

describe('issue 12, item 1: locally (npm start: no secret) the caller is the socket, whatever it sends', () => {
  it('serves the request, but believes no CloudFront-Viewer-Address and passes none on', async () => {
    vi.stubEnv('ORIGIN_SECRET_ARN', '');
    expect(await statusOf({ [VIEWER_ADDRESS_HEADER]: '203.0.113.9:443', [ORIGIN_HEADER]: 'anything' })).toEqual({ status: 404, code: 'NOT_FOUND' });
    const { event } = request({ [VIEWER_ADDRESS_HEADER]: '203.0.113.9:443', [ORIGIN_HEADER]: 'anything' }, '127.0.0.1');
    await checkOrigin(event);
    expect(clientIp(event)).toBe('127.0.0.1');
    expect(event.headers).not.toHaveProperty(VIEWER_ADDRESS_HEADER);
    expect(event.headers).not.toHaveProperty(ORIGIN_HEADER);
  });
});

describe('issue 12, item 1: on AWS the API answers only through CloudFront', () => {
  it('refuses a request without the origin secret, or with a wrong one, spoofed viewer address or not (403)', async () => {
    deploy('the-current-origin-secret-from-cloudformation');
    expect(await statusOf({})).toEqual({ status: 403, code: 'NOT_THROUGH_SITE' });
    expect(await statusOf({ [VIEWER_ADDRESS_HEADER]: '203.0.113.9:443' })).toEqual({ status: 403, code: 'NOT_THROUGH_SITE' });
    expect(await statusOf({ [ORIGIN_HEADER]: 'a-guess', [VIEWER_ADDRESS_HEADER]: '203.0.113.9:443' })).toEqual({ status: 403, code: 'NOT_THROUGH_SITE' });
  });

  it('serves a request with the secret, and believes its viewer address (IPv6 per /64)', async () => {
    const secret = 'the-current-origin-secret-from-cloudformation';
    deploy(secret);
    expect(await statusOf({ [ORIGIN_HEADER]: secret })).toEqual({ status: 404, code: 'NOT_FOUND' });
    expect(await callerOf({ [ORIGIN_HEADER]: secret, [VIEWER_ADDRESS_HEADER]: '203.0.113.9:443' })).toBe('203.0.113.9');
    expect(await callerOf({ [ORIGIN_HEADER]: secret, [VIEWER_ADDRESS_HEADER]: '2001:db8:1:2:3:4:5:6:443' })).toBe('2001:db8:1:2::/64');
  });

  it('reads Secrets Manager once per container, not per request', async () => {
    const secret = 'read-once-origin-secret';
    deploy(secret);
    const before = calls;
    for (let i = 0; i < 5; i++) expect((await statusOf({ [ORIGIN_HEADER]: secret })).status).toBe(404);
    expect(calls - before).toBe(2); // AWSCURRENT and AWSPREVIOUS, once
  });

  it('accepts the previous secret during a rotation, and only the current and previous ones', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const arn = deploy('first-origin-secret');
    expect((await statusOf({ [ORIGIN_HEADER]: 'first-origin-secret' })).status).toBe(404);
    // Rotated (README: put-secret-value, then deploy): the edges move to the new value over a few minutes.
    secrets.set(arn, { AWSCURRENT: 'second-origin-secret', AWSPREVIOUS: 'first-origin-secret' });
    vi.setSystemTime(Date.now() + ORIGIN_SECRET_CACHE_MS + 1);
    expect((await statusOf({ [ORIGIN_HEADER]: 'second-origin-secret' })).status).toBe(404);
    expect((await statusOf({ [ORIGIN_HEADER]: 'first-origin-secret' })).status).toBe(404);
    secrets.set(arn, { AWSCURRENT: 'third-origin-secret', AWSPREVIOUS: 'second-origin-secret' });
    vi.setSystemTime(Date.now() + ORIGIN_SECRET_CACHE_MS + 1);
    expect((await statusOf({ [ORIGIN_HEADER]: 'first-origin-secret' })).code).toBe('NOT_THROUGH_SITE');
  });

  it('keeps the secret it read when Secrets Manager is down later; answers 503 when it never read one', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    deploy('kept-origin-secret');
    expect((await statusOf({ [ORIGIN_HEADER]: 'kept-origin-secret' })).status).toBe(404);
    down = true;
    vi.setSystemTime(Date.now() + ORIGIN_SECRET_CACHE_MS + 1);
    expect((await statusOf({ [ORIGIN_HEADER]: 'kept-origin-secret' })).status).toBe(404);
    deploy('never-read-origin-secret');
    expect(await statusOf({ [ORIGIN_HEADER]: 'never-read-origin-secret' })).toEqual({ status: 503, code: 'SERVICE_UNAVAILABLE' });
  });
});

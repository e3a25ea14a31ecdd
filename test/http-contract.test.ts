// The middy stack's error contract: every bad input is a 4xx with a code and a message a
// person can act on, never a 5xx; the shape is always { error: { code, message, fields } }.
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createHttpHandler, MAX_BODY_BYTES } from '#shared/http/handler.ts';
import { DomainError } from '#shared/domain/errors.ts';
import type { HttpRoute } from '#shared/routes.ts';
import { lambdaContext, toApiGatewayEvent } from '#infra/local/adapter.ts';

// The edge with this file's own public routes: nobody to look up, nothing kept.
const route = (name: string, method: HttpRoute['method'], path: string): HttpRoute => ({ name, method, path, module: 'test/http-contract.test.ts', access: 'public', touches: {} });
const httpHandler = createHttpHandler<string>({
  findCaller: async () => ({}),
  routes: [route('test-echo', 'POST', '/api/echo/{urn}'), route('test-broken', 'GET', '/x'), route('test-refusing', 'GET', '/x')],
});

const echo = httpHandler({
  route: 'test-echo',
  path: z.strictObject({ urn: z.string().regex(/^\d{6}$/, 'Enter a 6-digit URN') }),
  query: z.strictObject({ page: z.coerce.number().int().min(1).optional() }),
  body: z.strictObject({ name: z.string().min(1).max(20), years: z.array(z.number().int()).min(1) }),
  run: async ({ path, query, body }) => ({ status: 201, body: { path, query, body } }),
});

async function call(opts: { body?: string | Buffer; contentType?: string; url?: string; urn?: string; base64?: boolean }) {
  const raw = typeof opts.body === 'string' ? Buffer.from(opts.body) : (opts.body ?? Buffer.alloc(0));
  const event = toApiGatewayEvent({
    method: 'POST',
    url: opts.url ?? '/api/echo/990101',
    headers: opts.contentType === undefined ? { 'content-type': 'application/json' } : opts.contentType ? { 'content-type': opts.contentType } : {},
    body: raw,
    sourceIp: '127.0.0.1',
    routeKey: 'POST /api/echo/{urn}',
    pathParameters: { urn: opts.urn ?? '990101' },
  });
  const result = (await echo(event, lambdaContext('test-echo', 'r1'))) as APIGatewayProxyStructuredResultV2;
  const headers = Object.fromEntries(Object.entries(result.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
  return { status: result.statusCode, headers, json: JSON.parse(String(result.body)) };
}

describe('HTTP error contract', () => {
  it('passes a valid request through with parsed, typed input', async () => {
    const res = await call({ url: '/api/echo/990101?page=2', body: JSON.stringify({ name: 'Ada', years: [10] }) });
    expect(res.status).toBe(201);
    expect(res.json).toEqual({ path: { urn: '990101' }, query: { page: 2 }, body: { name: 'Ada', years: [10] } });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  it.each([
    ['malformed JSON', { body: '{"name": "Ada",' }, 400, 'MALFORMED_JSON'],
    ['a wrong content type', { body: 'name=Ada', contentType: 'application/x-www-form-urlencoded' }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['no content type', { body: '{}', contentType: '' }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['an empty body', { body: '' }, 400, 'BODY_REQUIRED'],
    ['an oversize body', { body: JSON.stringify({ name: 'x'.repeat(MAX_BODY_BYTES) }) }, 413, 'PAYLOAD_TOO_LARGE'],
    ['an unknown field', { body: JSON.stringify({ name: 'Ada', years: [9], role: 'admin' }) }, 400, 'UNKNOWN_FIELD'],
    ['a __proto__ key', { body: '{"name":"Ada","years":[9],"__proto__":{"admin":true}}' }, 400, 'FORBIDDEN_KEY'],
    ['a JSON array instead of an object', { body: '[1,2]' }, 400, 'VALIDATION_FAILED'],
    ['a bad path parameter', { body: JSON.stringify({ name: 'Ada', years: [9] }), urn: 'abc' }, 400, 'VALIDATION_FAILED'],
    ['a bad query parameter', { body: JSON.stringify({ name: 'Ada', years: [9] }), url: '/api/echo/990101?page=0' }, 400, 'VALIDATION_FAILED'],
    ['an unknown query parameter', { body: JSON.stringify({ name: 'Ada', years: [9] }), url: '/api/echo/990101?debug=1' }, 400, 'UNKNOWN_FIELD'],
  ])('%s → %s %s', async (_what, input, status, code) => {
    const res = await call(input);
    expect(res.status).toBe(status);
    expect(res.json.error.code).toBe(code);
    expect(typeof res.json.error.message).toBe('string');
    expect(res.json.error.message.length).toBeGreaterThan(10);
    expect(res.json.error.message).not.toMatch(/^invalid/i);
    expect(JSON.stringify(res.json)).not.toMatch(/stack|node_modules|at \w+ \(/);
  });

  it('names every field at fault at once, with sentences a person can act on', async () => {
    const res = await call({ body: JSON.stringify({ name: '', years: 'ten', extra: 1 }) });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('VALIDATION_FAILED');
    expect(res.json.error.fields).toEqual({
      name: 'Enter a value for this field.',
      years: 'This must be a list.',
      extra: 'This field is not accepted here; remove it.',
    });
    const path = await call({ body: JSON.stringify({ name: 'A', years: [1] }), urn: '12' });
    expect(path.json.error.fields).toEqual({ 'path.urn': 'Enter a 6-digit URN' });
  });

  it('reads a base64 body like a text one', async () => {
    const event = toApiGatewayEvent({
      method: 'POST',
      url: '/api/echo/990101',
      headers: { 'content-type': 'application/json' },
      body: Buffer.from(JSON.stringify({ name: 'Ada', years: [8] })),
      sourceIp: '127.0.0.1',
      routeKey: 'POST /api/echo/{urn}',
      pathParameters: { urn: '990101' },
    });
    const encoded = { ...event, body: Buffer.from(event.body ?? '').toString('base64'), isBase64Encoded: true };
    const result = (await echo(encoded, lambdaContext('t', 'r2'))) as APIGatewayProxyStructuredResultV2;
    expect(result.statusCode).toBe(201);
  });

  it('answers a fault in our own code with 500 INTERNAL_ERROR and a reference, never the internals', async () => {
    const broken = httpHandler({
      route: 'test-broken',
      run: async () => {
        throw new TypeError("Cannot read properties of undefined (reading 'secret')");
      },
    });
    const event = toApiGatewayEvent({ method: 'GET', url: '/x', headers: {}, body: Buffer.alloc(0), sourceIp: '::1', routeKey: 'GET /x' });
    const result = (await broken(event, lambdaContext('t', 'ref-123'))) as APIGatewayProxyStructuredResultV2;
    expect(result.statusCode).toBe(500);
    const json = JSON.parse(String(result.body));
    expect(json.error.code).toBe('INTERNAL_ERROR');
    expect(json.error.message).toContain('ref-123');
    expect(String(result.body)).not.toContain('secret');
  });

  it('maps typed errors: the code gives the status, the wait a retry-after header, a field and rule the fields and rules', async () => {
    const refusing = httpHandler({
      route: 'test-refusing',
      query: z.object({ kind: z.string() }),
      run: async ({ query }) => {
        if (query.kind === 'app') throw new DomainError('RATE_LIMITED', 'Too many requests; wait a minute.', { retryAfterSeconds: 60 });
        if (query.kind === 'lookalike') throw Object.assign(new Error('Not ours'), { name: 'DomainError', code: 'NOT_FOUND' });
        throw new DomainError('YEAR_NOT_COVERED', 'Year 7 is not covered by provider access; choose Years 8 to 13', { rule: 'R-YEARS', field: 'yearGroups' });
      },
    });
    const ev = (kind: string) =>
      toApiGatewayEvent({ method: 'GET', url: `/x?kind=${kind}`, headers: {}, body: Buffer.alloc(0), sourceIp: '::1', routeKey: 'GET /x' });
    const app = (await refusing(ev('app'), lambdaContext('t', 'r'))) as APIGatewayProxyStructuredResultV2;
    expect(app.statusCode).toBe(429);
    expect(app.headers?.['retry-after']).toBe('60');
    // Matched by class, never by name: an error that only calls itself DomainError is a fault of ours.
    const lookalike = (await refusing(ev('lookalike'), lambdaContext('t', 'r'))) as APIGatewayProxyStructuredResultV2;
    expect(lookalike.statusCode).toBe(500);
    const domain = (await refusing(ev('domain'), lambdaContext('t', 'r'))) as APIGatewayProxyStructuredResultV2;
    expect(domain.statusCode).toBe(422);
    expect(JSON.parse(String(domain.body))).toEqual({
      error: {
        code: 'YEAR_NOT_COVERED',
        message: 'Year 7 is not covered by provider access; choose Years 8 to 13',
        rule: 'R-YEARS',
        fields: { yearGroups: 'Year 7 is not covered by provider access; choose Years 8 to 13' },
        rules: { yearGroups: ['R-YEARS'] },
      },
    });
  });
});

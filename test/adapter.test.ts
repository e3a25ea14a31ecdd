// The local adapter must hand handlers exactly what API Gateway's HTTP API (payload 2.0)
// would, and turn results back as API Gateway does. Types come from @types/aws-lambda.
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { fromLambdaResult, lambdaContext, toApiGatewayEvent } from '#infra/local/adapter.ts';

describe('local API Gateway adapter', () => {
  it('builds a payload v2.0 event: raw path and query, lowercase headers, cookies split out', () => {
    const event: APIGatewayProxyEventV2 = toApiGatewayEvent({
      method: 'post',
      url: '/api/schools/990101/requests?a=1&b=x%20y&a=2',
      headers: { 'Content-Type': 'application/json', cookie: 'sid=abc; theme=dark', 'x-forwarded-for': ['1.1.1.1', '2.2.2.2'] },
      body: Buffer.from('{"x":1}'),
      sourceIp: '127.0.0.1',
      routeKey: 'POST /api/schools/{urn}/requests',
      pathParameters: { urn: '990101' },
    });
    expect(event.version).toBe('2.0');
    expect(event.rawPath).toBe('/api/schools/990101/requests');
    expect(event.rawQueryString).toBe('a=1&b=x%20y&a=2');
    expect(event.queryStringParameters).toEqual({ a: '1,2', b: 'x y' });
    expect(event.headers['content-type']).toBe('application/json');
    expect(event.headers['x-forwarded-for']).toBe('1.1.1.1,2.2.2.2');
    expect(event.headers.cookie).toBeUndefined();
    expect(event.cookies).toEqual(['sid=abc', 'theme=dark']);
    expect(event.pathParameters).toEqual({ urn: '990101' });
    expect(event.requestContext.http).toMatchObject({ method: 'POST', path: '/api/schools/990101/requests', sourceIp: '127.0.0.1' });
    expect(event.requestContext.routeKey).toBe('POST /api/schools/{urn}/requests');
    expect(event.body).toBe('{"x":1}');
    expect(event.isBase64Encoded).toBe(false);
  });

  it('base64-encodes a binary body and leaves out what was not sent', () => {
    const event = toApiGatewayEvent({
      method: 'PUT',
      url: '/x',
      headers: { 'content-type': 'application/octet-stream' },
      body: Buffer.from([0, 1, 2, 255]),
      sourceIp: '::1',
      routeKey: '$default',
    });
    expect(event.isBase64Encoded).toBe(true);
    expect(Buffer.from(event.body ?? '', 'base64')).toEqual(Buffer.from([0, 1, 2, 255]));
    expect(event.queryStringParameters).toBeUndefined();
    expect(event.pathParameters).toBeUndefined();
    expect(event.cookies).toBeUndefined();
    const empty = toApiGatewayEvent({ method: 'GET', url: '/', headers: {}, body: Buffer.alloc(0), sourceIp: '::1', routeKey: '$default' });
    expect(empty.body).toBeUndefined();
    expect(empty.isBase64Encoded).toBe(false);
  });

  it('turns a structured result into status, headers and Set-Cookie lines', () => {
    const result: APIGatewayProxyStructuredResultV2 = {
      statusCode: 201,
      headers: { 'Content-Type': 'application/json', 'X-Count': 3 },
      cookies: ['a=1; HttpOnly', 'b=2; Secure'],
      body: '{"ok":true}',
    };
    const out = fromLambdaResult(result);
    expect(out.status).toBe(201);
    expect(out.headers['content-type']).toBe('application/json');
    expect(out.headers['x-count']).toBe('3');
    expect(out.headers['set-cookie']).toEqual(['a=1; HttpOnly', 'b=2; Secure']);
    expect(out.body.toString()).toBe('{"ok":true}');
  });

  it('decodes a base64 body and infers 200 JSON for a bare result, as API Gateway does', () => {
    expect(fromLambdaResult({ statusCode: 200, isBase64Encoded: true, body: Buffer.from('hi').toString('base64') }).body.toString()).toBe('hi');
    const bare = fromLambdaResult({ hello: 'world' } as never);
    expect(bare.status).toBe(200);
    expect(JSON.parse(bare.body.toString())).toEqual({ hello: 'world' });
    expect(fromLambdaResult('plain').body.toString()).toBe('plain');
  });

  it('gives handlers a context with a request id and remaining time', () => {
    const context = lambdaContext('health', 'req-1', 1000);
    expect(context.awsRequestId).toBe('req-1');
    expect(context.getRemainingTimeInMillis()).toBeGreaterThan(0);
    expect(context.getRemainingTimeInMillis()).toBeLessThanOrEqual(1000);
  });
});

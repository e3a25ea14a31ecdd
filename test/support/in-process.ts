// Calling the HTTP handlers in this process, as API Gateway would: the route table picks the
// module, the local adapter builds the payload v2.0 event, and the answer comes back as the
// local server would send it. No HTTP hop, so fuzzing and journeys stay fast on 2 cores.
import type { IncomingHttpHeaders } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { fromLambdaResult, lambdaContext, toApiGatewayEvent } from '#infra/local/adapter.ts';
import { loadHandler } from '#infra/local/server.ts';
import { fallbackRoute, findRoute, matchPath, type HttpRoute } from '#shared/routes.ts';

export interface Call {
  method: string;
  /** Path with an optional query string, e.g. '/api/schools?q=harbour'. */
  url: string;
  headers?: Record<string, string>;
  /** Cookie header values ('name=value'), as a browser sends them. */
  cookies?: string[];
  /** A string is sent as is; anything else as JSON (content-type added if missing). */
  body?: unknown;
  sourceIp?: string;
}

export interface Answer {
  status: number;
  headers: Record<string, string>;
  cookies: string[];
  text: string;
  // Tests read answers loosely; the schemas are checked by the code under test.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: () => any;
}

type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyResultV2>;

/** The API Gateway event for a call to a route (or the fallback when none matches). */
export function eventFor(call: Call, route?: HttpRoute): { event: APIGatewayProxyEventV2; module: string; name: string } {
  const path = new URL(call.url, 'http://localhost').pathname;
  const found = route ? { route, params: matchPath(route.path, path) } : findRoute(call.method, path);
  const headers: IncomingHttpHeaders = { ...call.headers };
  let body = Buffer.alloc(0);
  if (call.body !== undefined) {
    body = Buffer.from(typeof call.body === 'string' ? call.body : JSON.stringify(call.body), 'utf8');
    if (typeof call.body !== 'string' && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
  }
  if (call.cookies?.length) headers.cookie = call.cookies.join('; ');
  const r = found.route;
  const event = toApiGatewayEvent({
    method: call.method,
    url: call.url,
    headers,
    body,
    sourceIp: call.sourceIp ?? '127.0.0.1',
    routeKey: r ? `${r.method} ${r.path}` : '$default',
    ...(r && found.params ? { pathParameters: found.params } : {}),
  });
  return { event, module: r?.module ?? fallbackRoute.module, name: r?.name ?? fallbackRoute.name };
}

/** Invokes the handler of a prepared event and shapes its answer. */
export async function invokeEvent(module: string, name: string, event: APIGatewayProxyEventV2): Promise<Answer> {
  const handler = (await loadHandler(module)) as Handler;
  const out = fromLambdaResult(await handler(event, lambdaContext(name, event.requestContext.requestId)));
  const headers: Record<string, string> = {};
  let cookies: string[] = [];
  for (const [k, v] of Object.entries(out.headers)) {
    if (k === 'set-cookie') cookies = Array.isArray(v) ? v : [v];
    else headers[k] = Array.isArray(v) ? v.join(', ') : v;
  }
  const text = out.body.toString('utf8');
  return { status: out.status, headers, cookies, text, json: () => JSON.parse(text) };
}

/** One call, routed by the route table as API Gateway would route it. */
export async function call(c: Call): Promise<Answer> {
  const { event, module, name } = eventFor(c);
  return invokeEvent(module, name, event);
}

/** The `name=value` part of a Set-Cookie, for sending back. */
export function cookieValue(setCookie: string | undefined): string {
  return (setCookie ?? '').split(';')[0] ?? '';
}

// The middy stack every HTTP function uses. A function declares zod schemas for its path,
// query and body and a `run` that gets them parsed, with its caller; everything else (size
// limit, content type, JSON, validation, who may call, the same-origin check, the error
// contract, security headers, one log line) is here, driven by the route table.
import middy, { type MiddlewareObj } from '@middy/core';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import httpSecurityHeaders from '@middy/http-security-headers';
import httpUrlencodeBodyParser from '@middy/http-urlencode-body-parser';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import * as z from 'zod';
import { DomainError } from '#shared/domain/errors.ts';
import { logger } from '#shared/log.ts';
import { checksSameOrigin, fallbackRoute, httpRoutes, type HttpRoute, type RouteName, type RouteNamed } from '#shared/routes.ts';
import { checkRouteAccess, type CallCredentials, type CallerOf } from './access.ts';
import { checkOrigin } from './client-ip.ts';
import { toErrorResponse } from './contract.ts';
import { requireSameOrigin } from './session.ts';
import { fieldErrors, humanMessage } from './validation.ts';

z.config({ customError: humanMessage });

/** Requests larger than this are refused before parsing (413). */
export const MAX_BODY_BYTES = 64 * 1024;

export interface HttpRequest<P, Q, B, C = unknown> {
  path: P;
  query: Q;
  body: B;
  /** Who is calling, as the route's `access` found them (shared/http/access.ts). */
  caller: C;
  headers: Record<string, string | undefined>;
  cookies: string[];
  event: APIGatewayProxyEventV2;
}

/** The caller a route's `run` gets: typed by the table's row for a real route. */
export type CallerFor<N extends string> = N extends RouteName ? CallerOf<RouteNamed<N>> : unknown;

export interface HttpResult {
  status: number;
  /** JSON body; or `html`/`text` for pages and files. */
  body?: unknown;
  html?: string;
  text?: string;
  contentType?: string;
  headers?: Record<string, string>;
  cookies?: string[];
}

export interface HttpHandlerOptions<N extends string, PS extends z.ZodType, QS extends z.ZodType, BS extends z.ZodType> {
  /** The route-table name: its row says who may call (`access`) and whether the call must come from the site; logged on every request. */
  route: N;
  path?: PS;
  query?: QS;
  body?: BS;
  run: (req: HttpRequest<z.output<PS>, z.output<QS>, z.output<BS>, CallerFor<N>>) => Promise<HttpResult>;
  /** Extra middlewares that run after the body is parsed (e.g. idempotency, functions/lib/idempotency.ts). */
  middlewares?: MiddlewareObj[];
  /** Content-Security-Policy directives replacing the API default (for HTML pages); null drops one. */
  csp?: Record<string, string | null>;
  /** Also accept a browser form (application/x-www-form-urlencoded) as the body. */
  acceptForms?: boolean;
  /** A page other sites may show in a frame (the published statement): no X-Frame-Options; say frame-ancestors in `csp`. */
  embeddable?: boolean;
  /** A larger body limit than MAX_BODY_BYTES, for a route that takes a file (the GIAS import). */
  maxBodyBytes?: number;
}

type Event = APIGatewayProxyEventV2 & { body?: unknown };

export function toProxyResult(result: HttpResult): APIGatewayProxyStructuredResultV2 {
  const headers: Record<string, string> = { 'cache-control': 'no-store', ...result.headers };
  let body: string | undefined;
  if (result.html !== undefined) {
    headers['content-type'] = result.contentType ?? 'text/html; charset=utf-8';
    body = result.html;
  } else if (result.text !== undefined) {
    headers['content-type'] = result.contentType ?? 'text/plain; charset=utf-8';
    body = result.text;
  } else if (result.body !== undefined) {
    headers['content-type'] = 'application/json; charset=utf-8';
    body = JSON.stringify(result.body);
  }
  return { statusCode: result.status, headers, body, ...(result.cookies?.length ? { cookies: result.cookies } : {}) };
}

function bodyBytes(event: APIGatewayProxyEventV2): number {
  if (typeof event.body !== 'string') return 0;
  return event.isBase64Encoded ? Buffer.byteLength(event.body, 'base64') : Buffer.byteLength(event.body, 'utf8');
}

/** What the edge is given, so that it reads nothing itself (functions/lib/http.ts binds the store). */
export interface EdgeDependencies {
  /**
   * The caller of a route, or its refusal: `callerFor` (./access.ts) with the lookups bound
   * (functions/lib/http.ts), or nobody for routes that look nobody up (functions/lib/open-http.ts).
   */
  findCaller: (route: HttpRoute, call: CallCredentials) => Promise<unknown>;
  /** The route table (the real one, with the fallback, unless a test passes its own). */
  routes?: readonly (HttpRoute | typeof fallbackRoute)[];
}

/**
 * The `httpHandler` of a deployment: every adapter makes its handler with it. `Name` is
 * the names it accepts (the route table's, unless a test builds one for its own routes).
 */
export function createHttpHandler<Name extends string = RouteName>(deps: EdgeDependencies) {
  const table = deps.routes ?? [...httpRoutes, fallbackRoute];
  return function httpHandler<
    N extends Name,
    PS extends z.ZodType = z.ZodType<Record<string, never>>,
    QS extends z.ZodType = z.ZodType<Record<string, never>>,
    BS extends z.ZodType = z.ZodType<undefined>,
  >(options: HttpHandlerOptions<N, PS, QS, BS>) {
    const route = table.find((r) => r.name === options.route);
    if (!route) throw new Error(`${options.route} is not in the route table (shared/routes.ts)`);
    return edgeHandler(route, options, deps);
  };
}

function edgeHandler<N extends string, PS extends z.ZodType, QS extends z.ZodType, BS extends z.ZodType>(
  route: HttpRoute | typeof fallbackRoute,
  options: HttpHandlerOptions<N, PS, QS, BS>,
  deps: EdgeDependencies,
) {
  const accessRoute: HttpRoute = 'method' in route ? route : { ...route, method: 'GET', path: '' };
  checkRouteAccess(accessRoute);
  const core = async (event: Event): Promise<APIGatewayProxyStructuredResultV2> => {
    const parse = <S extends z.ZodType>(schema: S | undefined, value: unknown, where: string) => {
      if (!schema) return {} as z.output<S>;
      const out = schema.safeParse(value ?? {});
      if (!out.success) throw validationError(out.error, where);
      return out.data as z.output<S>;
    };
    const path = parse(options.path, event.pathParameters, 'path');
    const query = parse(options.query, event.queryStringParameters, 'query');
    const body = options.body ? parse(options.body, event.body, 'body') : (undefined as z.output<BS>);
    const headers = event.headers ?? {};
    const cookies = event.cookies ?? [];
    // Who may call is checked once the input is known good, as each handler did before.
    const caller = (await deps.findCaller(accessRoute, { cookies, headers, path: (path ?? {}) as Record<string, unknown> })) as CallerFor<N>;
    return toProxyResult(await options.run({ path, query, body, caller, headers, cookies, event }));
  };

  // Security headers and the request's log line are applied at the very end of every
  // request (middy's requestEnd), not as an `after` middleware: an early answer (an
  // idempotent replay, which skips the `after` chain) gets the same headers as a first
  // answer, and is logged too (issue 12, item 6).
  // The API default forbids everything; a page names what it loads. null drops a default directive.
  const security = httpSecurityHeaders({
    ...(options.csp ? { contentSecurityPolicy: options.csp as Record<string, string> } : {}),
    ...(options.embeddable ? { frameOptions: false } : {}),
  });
  // Keyed by event: the local server runs many requests through one handler at once.
  const started = new WeakMap<object, number>();
  const ran = new WeakSet<object>();
  const handler = middy<Event, APIGatewayProxyStructuredResultV2, Error, Context>(
    async (event: Event) => {
      ran.add(event);
      return core(event);
    },
    {
      requestStart: (request) => {
        started.set(request.event as Event, performance.now());
      },
      requestEnd: (request) => {
        const event = request.event as Event;
        const response = request.response as APIGatewayProxyStructuredResultV2 | undefined;
        if (response) security.after?.(request as never);
        const elapsed = performance.now() - (started.get(event) ?? performance.now());
        logRequest(options.route, event, response?.statusCode, elapsed, { early: !ran.has(event) && !request.error, error: request.error });
      },
    },
  );
  handler.use({
    onError: (request) => {
      const reference = request.context?.awsRequestId ?? request.event.requestContext?.requestId ?? 'unknown';
      request.response = toErrorResponse(request.error, reference);
    },
  });
  // Every line logged during the request carries the invocation (request id, function, cold
  // start): Powertools' own middleware. Never the event: its path can hold a token and its
  // body an address (logEvent off whatever POWERTOOLS_LOGGER_LOG_EVENT says).
  handler.use(injectLambdaContext(logger, { logEvent: false, resetKeys: true }) as MiddlewareObj);
  // First of all: did the request come through CloudFront (shared/http/client-ip.ts)?
  handler.use({ before: (request) => checkOrigin(request.event) });
  // The route table says which routes must be called from the site itself (CSRF).
  const sameOriginOnly = 'method' in route ? checksSameOrigin(route) : false;
  handler.use({
    before: (request) => {
      if (sameOriginOnly) requireSameOrigin(request.event.headers ?? {});
      const limit = options.maxBodyBytes ?? MAX_BODY_BYTES;
      if (bodyBytes(request.event) > limit) {
        const size = limit >= 1024 * 1024 ? `${limit / (1024 * 1024)} MB` : `${limit / 1024} KB`;
        throw new DomainError('PAYLOAD_TOO_LARGE', `The request body is larger than ${size}. ${options.maxBodyBytes ? 'Send a smaller file, or use the command line for a large one.' : 'Shorten the longest text fields and send again.'}`);
      }
      const isForm = (request.event.headers?.['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
      if (options.body && options.acceptForms && isForm && !request.event.body) {
        request.event.body = ''; // a browser form with nothing filled in is an empty form, not a missing body
      } else if (options.body && (request.event.body === undefined || request.event.body === '')) {
        throw new DomainError('BODY_REQUIRED', 'This request needs a JSON body.');
      }
    },
  });
  if (options.body && options.acceptForms) {
    handler.use(httpUrlencodeBodyParser({ disableContentTypeError: true }));
    handler.use(httpJsonBodyParser({ disableContentTypeError: true }));
    handler.use({
      before: (request) => {
        if (typeof request.event.body === 'string') {
          throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Send the form as application/x-www-form-urlencoded, or JSON with Content-Type: application/json.');
        }
      },
    });
  } else if (options.body) {
    handler.use(httpJsonBodyParser());
  }
  for (const m of options.middlewares ?? []) handler.use(m);
  return handler;
}

function validationError(error: z.ZodError, where: string): DomainError {
  const fields = fieldErrors(error, where);
  const unknownOnly = error.issues.every((i) => i.code === 'unrecognized_keys');
  if (unknownOnly) {
    return new DomainError('UNKNOWN_FIELD', `The ${where} has fields this service does not accept: ${Object.keys(fields).join(', ')}. Remove them and send again.`, { fields });
  }
  const count = Object.keys(fields).length;
  return new DomainError('VALIDATION_FAILED', count === 1 ? `Check ${Object.keys(fields)[0]}: ${Object.values(fields)[0]}` : `Check the ${count} fields named in "fields" and send again.`, { fields });
}

/**
 * One line per request. It names the route template (`POST /api/actions/{token}`), never
 * the raw path, which can hold an action token or a feed secret (issue 12, item 3).
 * `early` marks an answer given before the handler ran (an idempotent replay).
 */
function logRequest(route: string, event: Event, status: number | undefined, elapsedMs: number, extra: { early: boolean; error: unknown }) {
  const entry = {
    route,
    routeKey: event.routeKey,
    method: event.requestContext?.http?.method,
    status: status ?? 500,
    durationMs: Math.round(elapsedMs * 10) / 10,
    ...(extra.early ? { early: true } : {}),
  };
  if ((status ?? 500) >= 500) logger.error('request', { ...entry, error: extra.error });
  else logger.info('request', entry);
}

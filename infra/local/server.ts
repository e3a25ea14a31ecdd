// The local site: API routes dispatched by the one route table to the same Lambda
// handlers AWS runs (through the API Gateway adapter), and the built web/ as static files.
import { readFile, stat } from 'node:fs/promises';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { fallbackRoute, findRoute, httpRoutes, type HttpRoute } from '#shared/routes.ts';
import { errorResponse } from '#shared/http/contract.ts';
import { fromLambdaResult, lambdaContext, toApiGatewayEvent, type OutgoingResponse } from './adapter.ts';
import { localLogLine } from './console-log.ts';
import { referrerPolicyFor } from '../../web/secret-pages.ts';

type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyResultV2>;

/** API Gateway refuses payloads over 10 MB before any function runs; so do we. */
const MAX_PAYLOAD = 10 * 1024 * 1024;

export const REPO_ROOT = resolve(import.meta.dirname, '../..');

const handlers = new Map<string, Promise<Handler>>();

/** Imports a route's module once and returns its `handler`, as the Lambda runtime would. */
export function loadHandler(module: string): Promise<Handler> {
  let loaded = handlers.get(module);
  if (!loaded) {
    loaded = import(pathToFileURL(join(REPO_ROOT, module)).href).then((m: { handler?: Handler }) => {
      if (typeof m.handler !== 'function') throw new Error(`${module} does not export handler`);
      return m.handler;
    });
    handlers.set(module, loaded);
  }
  return loaded;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

export interface LocalServerOptions {
  staticRoot: string;
  /** Local-only links, e.g. /local/inbox → the SES emulator's inbox page. */
  redirects?: Record<string, string>;
  /** The route table to dispatch by: shared/routes.ts unless a test passes its own. */
  routes?: readonly HttpRoute[];
  /**
   * Paths passed on, streamed, to another local server: '/imports/' → the local S3
   * server's imports bucket, as CloudFront sends /imports/* to the bucket (infra/site.ts).
   */
  proxies?: Record<string, string>;
}

export function createLocalServer(options: LocalServerOptions): Server {
  return createServer((req, res) => {
    handle(req, res, options).catch((err: unknown) => {
      console.error(localLogLine('local server error', err));
      send(res, fromLambdaResult(errorResponse('INTERNAL_ERROR', 'The local server failed; see its console.')));
    });
  });
}

async function handle(req: IncomingMessage, res: ServerResponse, options: LocalServerOptions) {
  const method = (req.method ?? 'GET').toUpperCase();
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  const redirect = options.redirects?.[path];
  if (redirect) {
    res.writeHead(302, { location: redirect }).end();
    return;
  }
  const proxied = Object.entries(options.proxies ?? {}).find(([prefix]) => path.startsWith(prefix));
  if (proxied) {
    await proxy(req, res, `${proxied[1]}${req.url ?? '/'}`);
    return;
  }
  const body = await readBody(req);
  if (body === undefined) {
    send(res, fromLambdaResult(errorResponse('PAYLOAD_TOO_LARGE', 'The request is larger than 10 MB.')));
    return;
  }
  const { route, params } = findRoute(method, path, options.routes ?? httpRoutes);
  if (route) {
    await invoke(res, route.module, route.name, req, body, `${route.method} ${route.path}`, params);
    return;
  }
  if ((method === 'GET' || method === 'HEAD') && !path.startsWith('/api/')) {
    const file = await staticFile(options.staticRoot, path);
    if (file) {
      send(res, file, method === 'HEAD');
      return;
    }
  }
  await invoke(res, fallbackRoute.module, fallbackRoute.name, req, body, '$default', undefined);
}

async function invoke(
  res: ServerResponse,
  module: string,
  name: string,
  req: IncomingMessage,
  body: Buffer,
  routeKey: string,
  pathParameters: Record<string, string> | undefined,
) {
  const event = toApiGatewayEvent({
    method: req.method ?? 'GET',
    url: req.url ?? '/',
    headers: req.headers,
    body,
    sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
    routeKey,
    pathParameters,
  });
  const handler = await loadHandler(module);
  const result = await handler(event, lambdaContext(name, event.requestContext.requestId));
  send(res, fromLambdaResult(result), req.method === 'HEAD');
}

/** The request as it came (method, path, query, the headers S3 reads), streamed; the answer likewise. */
function proxy(req: IncomingMessage, res: ServerResponse, target: string): Promise<void> {
  return new Promise((done, fail) => {
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(([name]) => ['content-type', 'content-length', 'content-md5'].includes(name) || name.startsWith('x-amz-')),
    );
    const out = request(target, { method: req.method ?? 'GET', headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
      answer.on('end', () => done());
      answer.on('error', fail);
    });
    out.on('error', fail);
    req.pipe(out);
  });
}

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolvePromise, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_PAYLOAD) chunks.push(chunk);
    });
    req.on('end', () => resolvePromise(size > MAX_PAYLOAD ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

async function staticFile(root: string, urlPath: string): Promise<OutgoingResponse | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  const base = resolve(root);
  let file = normalize(join(base, decoded));
  if (file !== base && !file.startsWith(base + sep)) return undefined; // no escaping the web root
  try {
    if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
    const body = await readFile(file);
    return {
      status: 200,
      headers: {
        'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-cache',
        'x-content-type-options': 'nosniff',
        // As CloudFront sends it (infra/site.ts): no-referrer on the pages that can hold a secret.
        'referrer-policy': referrerPolicyFor(decoded),
        'x-frame-options': 'DENY',
      },
      body,
    };
  } catch {
    return undefined;
  }
}

function send(res: ServerResponse, out: OutgoingResponse, headOnly = false) {
  res.writeHead(out.status, { ...out.headers, 'content-length': String(out.body.length) });
  res.end(headOnly ? undefined : out.body);
}

// The bench's HTTP client: node:http with a keep-alive agent (as API Gateway keeps its
// connections to Lambda warm), so what is timed is the route, not connection set-up.
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

export interface HttpCall {
  method: string;
  /** Path and query, e.g. /api/schools?q=harbour */
  path: string;
  headers?: Record<string, string>;
  /** Sent as JSON unless a string. */
  body?: unknown;
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  ms: number;
  json: <T = unknown>() => T;
}

const agent = new Agent({ keepAlive: true, maxSockets: 64 });

export function closeHttp(): void {
  agent.destroy();
}

export function http(base: string, call: HttpCall): Promise<HttpAnswer> {
  const url = new URL(call.path, base);
  const payload = call.body === undefined ? undefined : Buffer.from(typeof call.body === 'string' ? call.body : JSON.stringify(call.body));
  const headers: Record<string, string> = { ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}), ...call.headers };
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = request(url, { method: call.method, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const ms = performance.now() - t0;
        const body = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, ms, json: <T,>() => JSON.parse(body.toString('utf8')) as T });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

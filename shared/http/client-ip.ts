// Who is calling, for rate limits, and whether the call came through CloudFront (issue 12,
// item 1). On AWS, CloudFront adds two headers to every request it sends to the API: the
// viewer's address (CloudFront-Viewer-Address, "ip:port") and the origin secret
// (x-origin-verify, the stack's origin custom header; CloudFront overwrites any value a
// viewer sent). Anyone can send both headers to API Gateway's own endpoint, so the viewer
// address is believed only beside the right secret; otherwise the caller is the socket's
// address (requestContext.http.sourceIp), which no client can choose.
//
// Where the secret comes from:
// - AWS: ORIGIN_SECRET_ARN, a Secrets Manager secret CloudFormation generated. A request
//   without it did not come through CloudFront and is refused: the API is reachable only
//   through the site, so CloudFront's headers, its WAF and these checks cannot be skipped.
// - The local stack of a test that stands in for CloudFront (infra/local/stack.ts
//   `originSecret`): LOCAL_ORIGIN_SECRET. The local server is itself the front door, so a
//   request without the secret is served, with its socket address.
// - Neither (`npm start`): the socket address, always.
import { createHash, timingSafeEqual } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { DomainError } from '#shared/domain/errors.ts';

/** The origin custom header CloudFront adds (infra/site.ts); its value is the origin secret. */
export const ORIGIN_HEADER = 'x-origin-verify';
/** The viewer's "ip:port", added by CloudFront (the origin request policy forwards it). */
export const VIEWER_ADDRESS_HEADER = 'cloudfront-viewer-address';
/** A function reads the secret again after this long, so a rotation reaches every one within it. */
export const ORIGIN_SECRET_CACHE_MS = 5 * 60_000;

type SecretSource = { kind: 'secrets-manager'; arn: string } | { kind: 'local'; value: string };

function secretSource(): SecretSource | undefined {
  const arn = process.env.ORIGIN_SECRET_ARN?.trim();
  if (arn) return { kind: 'secrets-manager', arn };
  const value = process.env.LOCAL_ORIGIN_SECRET;
  return value ? { kind: 'local', value } : undefined;
}

let client: SecretsManagerClient | undefined;
let cached: { arn: string; values: string[]; at: number } | undefined;
let loading: Promise<string[]> | undefined;

/**
 * The secret's current and previous versions: during a rotation (README, "Origin secret")
 * some CloudFront edges still send the previous one for a few minutes.
 */
async function readSecrets(arn: string): Promise<string[]> {
  client ??= new SecretsManagerClient({
    maxAttempts: 3,
    requestHandler: new NodeHttpHandler({ connectionTimeout: 3_000, requestTimeout: 3_000 }),
  });
  const sm = client;
  const read = async (stage: 'AWSCURRENT' | 'AWSPREVIOUS') => {
    try {
      return (await sm.send(new GetSecretValueCommand({ SecretId: arn, VersionStage: stage }))).SecretString;
    } catch (err) {
      // Until the first rotation there is no previous version.
      if (stage === 'AWSPREVIOUS' && (err as Error).name === 'ResourceNotFoundException') return undefined;
      throw err;
    }
  };
  const values = (await Promise.all([read('AWSCURRENT'), read('AWSPREVIOUS')])).filter((v): v is string => Boolean(v));
  if (values.length === 0) throw new Error('The origin secret has no value (ORIGIN_SECRET_ARN).');
  return values;
}

/** The accepted secrets, read once per container and again every ORIGIN_SECRET_CACHE_MS. */
async function originSecrets(source: SecretSource): Promise<string[]> {
  if (source.kind === 'local') return [source.value];
  if (cached?.arn === source.arn && Date.now() - cached.at < ORIGIN_SECRET_CACHE_MS) return cached.values;
  loading ??= readSecrets(source.arn)
    .then((values) => {
      cached = { arn: source.arn, values, at: Date.now() };
      return values;
    })
    .catch((err: unknown) => {
      // Secrets Manager unreachable on a refresh: the values read before still hold.
      if (cached?.arn === source.arn) return cached.values;
      throw err;
    })
    .finally(() => {
      loading = undefined;
    });
  return loading;
}

/** Compares without leaking, through timing, how much of a guess was right. */
function sameSecret(expected: string, sent: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(expected), digest(sent));
}

const throughCloudFront = new WeakSet<object>();

/**
 * The edge's first check on every request (shared/http/handler.ts). It takes the origin
 * secret out of the headers (no handler or log line ever sees it), notes whether it was
 * right, and drops a viewer address that came without it, so nothing later can believe
 * one. On AWS a request without the right secret is refused.
 */
export async function checkOrigin(event: APIGatewayProxyEventV2): Promise<void> {
  const headers = event.headers ?? {};
  const sent = headers[ORIGIN_HEADER];
  delete headers[ORIGIN_HEADER];
  const source = secretSource();
  const verified = source !== undefined && sent !== undefined && (await originSecrets(source)).some((s) => sameSecret(s, sent));
  if (verified) {
    throughCloudFront.add(event);
    return;
  }
  delete headers[VIEWER_ADDRESS_HEADER];
  if (source?.kind === 'secrets-manager') {
    throw new DomainError('NOT_THROUGH_SITE', "This API answers only requests made through the site. Use the site's own address, not the API's.");
  }
}

/** The viewer's IP from "ip:port", "[ipv6]:port" or CloudFront's unbracketed "ipv6:port". */
export function viewerIp(value: string | undefined): string | undefined {
  const v = value?.trim() ?? '';
  const bracketed = /^\[([^\]]+)\]:\d{1,5}$/.exec(v);
  const host = bracketed ? bracketed[1] : /:\d{1,5}$/.test(v) ? v.slice(0, v.lastIndexOf(':')) : undefined;
  return host && (isIPv4(host) || isIPv6(host)) ? host : undefined;
}

/** The caller's own IP: CloudFront's viewer address on a request that came through it, else the socket's. */
export function callerIp(event: APIGatewayProxyEventV2): string {
  if (throughCloudFront.has(event)) {
    const viewer = viewerIp(event.headers?.[VIEWER_ADDRESS_HEADER]);
    if (viewer) return viewer;
  }
  return event.requestContext.http.sourceIp;
}

/** An IPv6 address's eight 16-bit groups (with "::" and a dotted IPv4 tail expanded). */
function ipv6Groups(ip: string): number[] {
  let text = ip.toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1]) {
    const [a = 0, b = 0, c = 0, d = 0] = dotted[1].split('.').map(Number);
    text = `${text.slice(0, -dotted[1].length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const part = (s: string) => (s ? s.split(':').map((g) => parseInt(g, 16)) : []);
  const front = part(head);
  const back = tail === undefined ? [] : part(tail);
  return [...front, ...Array<number>(8 - front.length - back.length).fill(0), ...back];
}

/**
 * What a rate limit counts an address as: an IPv4 address as itself; an IPv6 address as
 * its /64, the block one household or one server is given, which it can fill with any
 * number of addresses; an IPv4-mapped IPv6 address (::ffff:a.b.c.d) as the IPv4 one.
 */
export function rateLimitSubject(ip: string): string {
  const address = ip.split('%')[0] ?? ip; // a link-local zone (fe80::1%eth0) is not part of the address
  if (!isIPv6(address)) return address;
  const groups = ipv6Groups(address);
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    const [hi = 0, lo = 0] = groups.slice(6);
    return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
  }
  return `${groups.slice(0, 4).map((g) => g.toString(16)).join(':')}::/64`;
}

/** The caller, as the rate limits of sign-in and request creation count them. */
export function clientIp(event: APIGatewayProxyEventV2): string {
  return rateLimitSubject(callerIp(event));
}

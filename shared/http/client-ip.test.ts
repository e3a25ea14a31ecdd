// issue 12, item 1: the caller's address for rate limits. The viewer address CloudFront
// adds is believed only beside the origin secret; otherwise the socket's address counts.
// IPv6 callers are counted per /64. (Secrets Manager, and the refusal on AWS, are in
// test/security/origin.test.ts.)
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { checkOrigin, clientIp, ORIGIN_HEADER, rateLimitSubject, VIEWER_ADDRESS_HEADER, viewerIp } from './client-ip.ts';

function event(headers: Record<string, string>, sourceIp = '198.51.100.7'): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: 'POST /api/auth/sign-in',
    rawPath: '/api/auth/sign-in',
    rawQueryString: '',
    headers: { ...headers },
    isBase64Encoded: false,
    requestContext: {
      accountId: '000000000000',
      apiId: 'unit',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: { method: 'POST', path: '/api/auth/sign-in', protocol: 'HTTP/1.1', sourceIp, userAgent: 'unit' },
      requestId: 'r',
      routeKey: 'POST /api/auth/sign-in',
      stage: '$default',
      time: '',
      timeEpoch: 0,
    },
  };
}

/** The caller as the edge leaves it for the handler: the origin check first, as httpHandler runs it. */
async function callerOf(e: APIGatewayProxyEventV2): Promise<string> {
  await checkOrigin(e);
  return clientIp(e);
}

const SECRET = 'unit-test-origin-secret-0123456789abcdef';

afterEach(() => {
  delete process.env.LOCAL_ORIGIN_SECRET;
  delete process.env.ORIGIN_SECRET_ARN;
});

describe('issue 12, item 1: clientIp trusts CloudFront-Viewer-Address only beside the origin secret', () => {
  it('ignores the header when no secret is configured (npm start): the socket address counts, and the header is dropped', async () => {
    const e = event({ [VIEWER_ADDRESS_HEADER]: '203.0.113.9:443' });
    expect(await callerOf(e)).toBe('198.51.100.7');
    expect(e.headers[VIEWER_ADDRESS_HEADER]).toBeUndefined();
  });

  it('ignores the header beside a wrong secret, or with no secret sent, when one is configured', async () => {
    process.env.LOCAL_ORIGIN_SECRET = SECRET;
    expect(await callerOf(event({ [VIEWER_ADDRESS_HEADER]: '203.0.113.9:443', [ORIGIN_HEADER]: `${SECRET}x` }))).toBe('198.51.100.7');
    expect(await callerOf(event({ [VIEWER_ADDRESS_HEADER]: '203.0.113.9:443', [ORIGIN_HEADER]: '' }))).toBe('198.51.100.7');
    expect(await callerOf(event({ [VIEWER_ADDRESS_HEADER]: '203.0.113.9:443' }))).toBe('198.51.100.7');
  });

  it('uses the header beside the right secret, and takes the secret out of the headers', async () => {
    process.env.LOCAL_ORIGIN_SECRET = SECRET;
    const e = event({ [VIEWER_ADDRESS_HEADER]: '203.0.113.9:51234', [ORIGIN_HEADER]: SECRET });
    expect(await callerOf(e)).toBe('203.0.113.9');
    expect(e.headers[ORIGIN_HEADER]).toBeUndefined();
  });

  it('falls back to the socket address when a verified request carries no usable viewer address', async () => {
    process.env.LOCAL_ORIGIN_SECRET = SECRET;
    expect(await callerOf(event({ [ORIGIN_HEADER]: SECRET }))).toBe('198.51.100.7');
    expect(await callerOf(event({ [ORIGIN_HEADER]: SECRET, [VIEWER_ADDRESS_HEADER]: 'not an address' }))).toBe('198.51.100.7');
  });

  it('keys an IPv6 viewer by its /64, through the header and from the socket alike', async () => {
    process.env.LOCAL_ORIGIN_SECRET = SECRET;
    const a = await callerOf(event({ [ORIGIN_HEADER]: SECRET, [VIEWER_ADDRESS_HEADER]: '2001:db8:85a3:8d3:1319:8a2e:370:7348:443' }));
    const b = await callerOf(event({ [ORIGIN_HEADER]: SECRET, [VIEWER_ADDRESS_HEADER]: '[2001:db8:85a3:8d3::1]:443' }));
    expect(a).toBe('2001:db8:85a3:8d3::/64');
    expect(b).toBe(a);
    expect(await callerOf(event({}, '2001:db8:85a3:8d3:ffff::2'))).toBe(a);
    expect(await callerOf(event({}, '2001:db8:85a3:8d4::2'))).not.toBe(a);
  });
});

describe('issue 12, item 1: the viewer address and the rate-limit subject', () => {
  it('reads CloudFront-Viewer-Address in each form CloudFront sends, and nothing else', () => {
    expect(viewerIp('198.51.100.10:46532')).toBe('198.51.100.10');
    expect(viewerIp(' 198.51.100.10:46532 ')).toBe('198.51.100.10');
    expect(viewerIp('2001:db8::1:46532')).toBe('2001:db8::1');
    expect(viewerIp('[2001:db8::1]:46532')).toBe('2001:db8::1');
    for (const bad of [undefined, '', '198.51.100.10', 'example.org:443', '999.1.1.1:443', '[nonsense]:443', '198.51.100.10:443, 10.0.0.1:443']) {
      expect(viewerIp(bad), String(bad)).toBeUndefined();
    }
  });

  it('counts IPv4 as itself, IPv6 per /64 whatever its spelling, and IPv4-mapped IPv6 as IPv4', () => {
    expect(rateLimitSubject('203.0.113.9')).toBe('203.0.113.9');
    expect(rateLimitSubject('2001:DB8:0:0:1::1')).toBe('2001:db8:0:0::/64');
    expect(rateLimitSubject('2001:0db8:0000:0000:ffff:ffff:ffff:ffff')).toBe('2001:db8:0:0::/64');
    expect(rateLimitSubject('2001:db8:0:1::1')).toBe('2001:db8:0:1::/64');
    expect(rateLimitSubject('::1')).toBe('0:0:0:0::/64');
    expect(rateLimitSubject('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(rateLimitSubject('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(rateLimitSubject('::ffff:cb00:7109')).toBe('203.0.113.9');
    expect(rateLimitSubject('64:ff9b::203.0.113.9')).toBe('64:ff9b:0:0::/64');
  });
});

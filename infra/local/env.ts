// The environment the functions read, set for the local stack exactly as the CDK stack
// sets it on each Lambda (TABLE_NAME…), plus the local endpoints.
import { ensureHashKeyFile, ephemeralHashKeyFile } from './hash-key.ts';

export interface LocalEndpoints {
  tableName: string;
  dynamodbEndpoint: string;
  sesEndpoint: string;
  siteUrl: string;
  /**
   * Only for a test that stands in for CloudFront: the origin secret its client sends
   * (x-origin-verify) beside the viewer address it chooses. Without it, as in `npm start`,
   * the caller is always the socket's address (shared/http/client-ip.ts).
   */
  originSecret?: string;
  /** The hash key's file, made on first use (`.data/hash-key` for `npm start`); see hash-key.ts. */
  hashKeyFile?: string;
  /** The local S3 server and its imports bucket (infra/local/s3.ts). */
  s3Endpoint?: string;
  importBucket?: string;
}

/**
 * The address the local site and SES emulator listen on: loopback only, so nobody else on
 * the network reaches a developer's demo data, unless HOST says otherwise (issue 12,
 * item 11). DynamoDB Local's jar has no such option (see dynamodb.ts).
 */
export function localListenHost(): string {
  return process.env.HOST?.trim() || '127.0.0.1';
}

/** How this machine's own clients reach a listener on `host` (any-address → loopback; IPv6 in brackets). */
export function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

export function applyLocalEnv(e: LocalEndpoints): void {
  process.env.TABLE_NAME = e.tableName;
  process.env.DYNAMODB_ENDPOINT = e.dynamodbEndpoint;
  process.env.SES_ENDPOINT = e.sesEndpoint;
  process.env.SITE_URL = e.siteUrl;
  if (e.s3Endpoint && e.importBucket) {
    process.env.S3_ENDPOINT = e.s3Endpoint;
    process.env.IMPORT_BUCKET = e.importBucket;
  }
  if (e.originSecret) process.env.LOCAL_ORIGIN_SECRET = e.originSecret;
  else delete process.env.LOCAL_ORIGIN_SECRET;
  // The key of the rate-limit and suppression hashes (on AWS a secret): the given file, the
  // one already set (the tests' global setup), or a new one for data kept only in memory.
  process.env.HASH_KEY_FILE = e.hashKeyFile ? ensureHashKeyFile(e.hashKeyFile) : process.env.HASH_KEY_FILE || ephemeralHashKeyFile();
  process.env.AWS_REGION ??= 'eu-west-2';
  // The SDK never looks for real credentials locally.
  process.env.AWS_ACCESS_KEY_ID ??= 'local';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
  process.env.POWERTOOLS_SERVICE_NAME ??= 'provider-access-local';
}

// What a route's `touches` allows, as IAM actions: the stack grants exactly these and the
// infra tests check that no function's policy holds anything else.
import type { Touches } from '#shared/routes.ts';

/** Reads: single items, queries (table and indexes), batches of gets. No Scan, ever. */
export const TABLE_READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:BatchGetItem'] as const;

/**
 * Writes, on top of the reads. TransactWriteItems is authorised per item by these same
 * actions (Put/Update/Delete/ConditionCheck), so it needs no action of its own.
 */
export const TABLE_WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
] as const;

/** The health check's "can we reach SES": reads the account's sending status, sends nothing. */
export const MAIL_CHECK_ACTIONS = ['ses:GetAccount'] as const;

/**
 * Sending, only on the sender identity and the configuration set. The mailer calls SES v2's
 * SendEmail (raw MIME in it), which IAM authorises as ses:SendEmail alone.
 */
export const MAIL_SEND_ACTIONS = ['ses:SendEmail'] as const;

/** Reading the table's stream: what the mailer's event source mapping needs. */
export const STREAM_READ_ACTIONS = ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'] as const;

/** Reading the deployment's hash key: the value of that one secret, nothing else. */
export const HASH_KEY_READ_ACTIONS = ['secretsmanager:GetSecretValue'] as const;

export function tableActions(touches: Touches): string[] {
  if (touches.table === 'write') return [...TABLE_READ_ACTIONS, ...TABLE_WRITE_ACTIONS];
  if (touches.table === 'read') return [...TABLE_READ_ACTIONS];
  return [];
}

export function mailActions(touches: Touches): string[] {
  if (touches.mail === 'send') return [...MAIL_SEND_ACTIONS];
  if (touches.mail === 'check') return [...MAIL_CHECK_ACTIONS];
  return [];
}

/** The one Secrets Manager action an HTTP function needs: reading the origin secret (issue 12, item 1). */
export const ORIGIN_SECRET_ACTIONS = ['secretsmanager:GetSecretValue'] as const;

/**
 * A declared key as an IAM pattern for dynamodb:LeadingKeys (issue 12, item 9): 'SCHOOL#'
 * → 'SCHOOL#*' (StringLike's wildcard), any other key as itself. LeadingKeys is a list
 * (a batch names many items), so conditions on it use ForAllValues: every key a request
 * names must match one of the patterns.
 */
export function leadingKeyPattern(key: string): string {
  if (/[*?]/.test(key)) throw new Error(`Key ${key}: IAM would read * and ? as wildcards; name a prefix ending in '#' instead.`);
  return key.endsWith('#') ? `${key}*` : key;
}

/** The condition that keeps a statement to the declared partition keys. */
export function leadingKeysCondition(keys: readonly string[]): Record<string, Record<string, string[]>> {
  return { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': keys.map(leadingKeyPattern) } };
}

export function hashKeyActions(touches: Touches): string[] {
  return touches.hashKey === 'read' ? [...HASH_KEY_READ_ACTIONS] : [];
}

/**
 * The imports bucket's imports/ prefix (issue 17, item 1): signing an upload address needs
 * the signer's own s3:PutObject (S3 checks the presigned PUT against it); the import
 * function reads the files. No list, no delete: the lifecycle rule removes old files.
 */
export const IMPORT_UPLOAD_ACTIONS = ['s3:PutObject'] as const;
export const IMPORT_READ_ACTIONS = ['s3:GetObject'] as const;

export function importActions(touches: Touches): string[] {
  if (touches.imports === 'write') return [...IMPORT_UPLOAD_ACTIONS];
  if (touches.imports === 'read') return [...IMPORT_READ_ACTIONS];
  return [];
}

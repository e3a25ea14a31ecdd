// Tells a dependency that is down or overloaded (the table, SES) from a fault in our own
// code: the first is a 503 the client may retry, the second a 500 we must fix.

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN']);
const SERVICE_NAMES = new Set([
  'TimeoutError',
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'InternalServerError',
  'TooManyRequestsException',
]);

export function isDependencyUnavailable(err: unknown, depth = 0): boolean {
  if (typeof err !== 'object' || err === null || depth > 5) return false;
  const e = err as { name?: string; code?: string; $metadata?: { httpStatusCode?: number }; errors?: unknown[]; cause?: unknown };
  if (e.code && NETWORK_CODES.has(e.code)) return true;
  if (e.name && SERVICE_NAMES.has(e.name)) return true;
  const status = e.$metadata?.httpStatusCode;
  if (typeof status === 'number' && status >= 500) return true;
  if (Array.isArray(e.errors)) return e.errors.some((x) => isDependencyUnavailable(x, depth + 1));
  // A library's own error around the SDK's (Powertools idempotency: IdempotencyPersistenceLayerError).
  return isDependencyUnavailable(e.cause, depth + 1);
}

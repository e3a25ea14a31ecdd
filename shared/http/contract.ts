// The single error contract of every HTTP answer:
// { "error": { "code", "message", "fields"?, "rule"? } } with a 4xx or 5xx status.
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { AppError, type FieldErrors } from '#shared/errors.ts';
import { isDependencyUnavailable } from './unavailable.ts';

export interface ErrorBody {
  error: { code: string; message: string; fields?: FieldErrors; rule?: string };
}

export function errorResponse(
  status: number,
  code: string,
  message: string,
  extra: { fields?: FieldErrors; rule?: string; headers?: Record<string, string> } = {},
): APIGatewayProxyStructuredResultV2 {
  const body: ErrorBody = { error: { code, message } };
  if (extra.fields && Object.keys(extra.fields).length > 0) body.error.fields = extra.fields;
  if (extra.rule) body.error.rule = extra.rule;
  return {
    statusCode: status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...extra.headers },
    body: JSON.stringify(body),
  };
}

/** A typed error from the rules engine: duck-typed so shared/domain needs no HTTP import. */
interface RuleError {
  name: string;
  code: string;
  message: string;
  status?: number;
  rule?: string;
  field?: string;
  fields?: FieldErrors;
}

function isRuleError(err: unknown): err is RuleError {
  return (
    err instanceof Error &&
    err.name === 'DomainError' &&
    typeof (err as Partial<RuleError>).code === 'string'
  );
}

/** Any thrown value → the contract. Internals (stack, SDK messages) never reach the client. */
export function toErrorResponse(err: unknown, reference: string): APIGatewayProxyStructuredResultV2 {
  if (err instanceof AppError) {
    return errorResponse(err.status, err.code, err.message, { fields: err.fields, rule: err.rule, headers: err.headers });
  }
  if (isRuleError(err)) {
    const fields = err.fields ?? (err.field ? { [err.field]: err.message } : undefined);
    return errorResponse(err.status ?? 422, err.code, err.message, { fields, rule: err.rule });
  }
  if (isDependencyUnavailable(err)) {
    return errorResponse(
      503,
      'SERVICE_UNAVAILABLE',
      'The service cannot reach its data store just now. Nothing was saved; try again in a minute.',
      { headers: { 'retry-after': '30' } },
    );
  }
  return errorResponse(
    500,
    'INTERNAL_ERROR',
    `Something went wrong on our side and nothing was saved. Try again; if it keeps happening, quote reference ${reference}.`,
  );
}

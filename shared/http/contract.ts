// The single error contract of every HTTP answer:
// { "error": { "code", "message", "fields"?, "rules"?, "rule"? } } with a 4xx or 5xx status.
// `fields` holds a sentence per field path; `rules` the RULES.md ids behind each of those
// fields (the same paths), so a refusal that breaks several rules names every one.
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { AppError, type FieldErrors, type FieldRuleIds } from '#shared/errors.ts';
import { isDependencyUnavailable } from './unavailable.ts';

export interface ErrorBody {
  error: { code: string; message: string; fields?: FieldErrors; rules?: FieldRuleIds; rule?: string };
}

export function errorResponse(
  status: number,
  code: string,
  message: string,
  extra: { fields?: FieldErrors | undefined; rules?: FieldRuleIds | undefined; rule?: string | undefined; headers?: Record<string, string> | undefined } = {},
): APIGatewayProxyStructuredResultV2 {
  const body: ErrorBody = { error: { code, message } };
  if (extra.fields && Object.keys(extra.fields).length > 0) body.error.fields = extra.fields;
  const rules = rulesOfFields(extra.fields, extra.rules, extra.rule);
  if (rules) body.error.rules = rules;
  if (extra.rule) body.error.rule = extra.rule;
  return {
    statusCode: status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...extra.headers },
    body: JSON.stringify(body),
  };
}

/**
 * The rules of each field that has a message: as given, else the refusal's one rule for
 * every field (a single-rule refusal concerns all its fields). Undefined when none.
 */
function rulesOfFields(fields: FieldErrors | undefined, rules: FieldRuleIds | undefined, rule: string | undefined): FieldRuleIds | undefined {
  if (!fields) return undefined;
  const out: FieldRuleIds = {};
  for (const field of Object.keys(fields)) {
    const ids = rules?.[field] ?? (rule ? [rule] : undefined);
    if (ids && ids.length > 0) out[field] = ids;
  }
  return Object.keys(out).length > 0 ? out : undefined;
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
  rules?: FieldRuleIds;
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
    return errorResponse(err.status, err.code, err.message, { fields: err.fields, rules: err.rules, rule: err.rule, headers: err.headers });
  }
  if (isRuleError(err)) {
    const fields = err.fields ?? (err.field ? { [err.field]: err.message } : undefined);
    return errorResponse(err.status ?? 422, err.code, err.message, { fields, rules: err.rules, rule: err.rule });
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

// The single error contract of every HTTP answer:
// { "error": { "code", "message", "fields"?, "rules"?, "rule"? } } with a 4xx or 5xx status.
// `fields` holds a sentence per field path; `rules` the RULES.md ids behind each of those
// fields (the same paths), so a refusal that breaks several rules names every one. The
// status is the code's, from statuses.ts.
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { DomainError, type ErrorCode, type FieldRules, type RefusalRuleId } from '#shared/domain/errors.ts';
import { headersOf, STATUS_OF_CODE, statusOf } from './statuses.ts';
import { isDependencyUnavailable } from './unavailable.ts';

/** Adapters throw and recognise refusals through the edge (they may not import shared/domain). */
export { DomainError };

type FieldErrors = Record<string, string>;

export interface ErrorBody {
  error: { code: ErrorCode; message: string; fields?: FieldErrors; rules?: FieldRules; rule?: string };
}

/** A refusal with no error behind it (the local server's own): the code's status. */
export function errorResponse(code: ErrorCode, message: string): APIGatewayProxyStructuredResultV2 {
  return response(STATUS_OF_CODE[code], { error: { code, message } }, undefined);
}

function refusalResponse(err: DomainError): APIGatewayProxyStructuredResultV2 {
  const body: ErrorBody = { error: { code: err.code, message: err.message } };
  const fields = err.fields ?? (err.field ? { [err.field]: err.message } : undefined);
  if (fields && Object.keys(fields).length > 0) body.error.fields = fields;
  const rules = rulesOfFields(fields, err.rules, err.rule);
  if (rules) body.error.rules = rules;
  if (err.rule) body.error.rule = err.rule;
  return response(statusOf(err), body, headersOf(err));
}

function response(status: number, body: ErrorBody, headers: Record<string, string> | undefined): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
    body: JSON.stringify(body),
  };
}

/**
 * The rules of each field that has a message: as given, else the refusal's one rule for
 * every field (a single-rule refusal concerns all its fields). Undefined when none.
 */
function rulesOfFields(fields: FieldErrors | undefined, rules: FieldRules | undefined, rule: RefusalRuleId | undefined): FieldRules | undefined {
  if (!fields) return undefined;
  const out: FieldRules = {};
  for (const field of Object.keys(fields)) {
    const ids = rules?.[field] ?? (rule ? [rule] : undefined);
    if (ids && ids.length > 0) out[field] = ids;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * Middy's body parser errors carry `cause.package`: the one place they become the
 * contract's codes (the parser throws before any code of ours runs).
 */
export function fromMiddyError(err: unknown): DomainError | undefined {
  const e = err as { statusCode?: number; message?: string; cause?: { package?: string; data?: unknown } };
  if (e?.cause?.package !== '@middy/http-json-body-parser') return undefined;
  if (e.statusCode === 415) {
    return new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Send the request body as JSON with the header Content-Type: application/json.', { cause: err });
  }
  if (e.message === 'Forbidden key in JSON body') {
    return new DomainError('FORBIDDEN_KEY', `The body contains a key that is not allowed (${String(e.cause.data)}). Remove it and send again.`, { cause: err });
  }
  return new DomainError('MALFORMED_JSON', 'The request body is not valid JSON. Check for a missing quote, comma or bracket and send again.', { cause: err });
}

/** Any thrown value → the contract. Internals (stack, SDK messages) never reach the client. */
export function toErrorResponse(err: unknown, reference: string): APIGatewayProxyStructuredResultV2 {
  const refusal = err instanceof DomainError ? err : fromMiddyError(err);
  if (refusal) return refusalResponse(refusal);
  if (isDependencyUnavailable(err)) {
    return refusalResponse(
      new DomainError('SERVICE_UNAVAILABLE', 'The service cannot reach its data store just now. Nothing was saved; try again in a minute.', { retryAfterSeconds: 30 }),
    );
  }
  return errorResponse(
    'INTERNAL_ERROR',
    `Something went wrong on our side and nothing was saved. Try again; if it keeps happening, quote reference ${reference}.`,
  );
}

// The one place a refusal gets its HTTP status: each code of shared/domain/errors.ts →
// its status (tsc checks every code is here, and no other), and middy's own errors → the
// codes. Nothing else in the code base names a status for an error.
import {
  DomainError,
  FormRefusal,
  LinkRefusal,
  RULE_CODES,
  type ErrorCode,
  type LinkProblemCode,
  type RuleCode,
} from '#shared/domain/errors.ts';

/** A rule broken in a request that was read: 422, every one. */
const RULE_BROKEN = Object.fromEntries(RULE_CODES.map((code) => [code, 422])) as Record<RuleCode, 422>;

export const STATUS_OF_CODE = {
  // What was sent cannot be read as asked.
  VALIDATION_FAILED: 400,
  UNKNOWN_FIELD: 400,
  BODY_REQUIRED: 400,
  MALFORMED_JSON: 400,
  FORBIDDEN_KEY: 400,
  UNSUPPORTED_MEDIA_TYPE: 415,
  PAYLOAD_TOO_LARGE: 413,
  METHOD_NOT_ALLOWED: 405,
  NOT_FOUND: 404,
  IDEMPOTENCY_KEY_INVALID: 400,
  IDEMPOTENCY_KEY_REUSED: 422,
  FIELD_REQUIRED: 400,
  DATE_RANGE_REVERSED: 400,
  DATE_RANGE_TOO_LONG: 400,
  MONTH_OUT_OF_RANGE: 400,
  ACADEMIC_YEAR_NOT_STARTED: 400,
  YEAR_OUT_OF_RANGE: 400,
  GIAS_COLUMNS_MISSING: 400,
  DECLINE_REASON_UNKNOWN: 400,
  UNKNOWN_ACTION: 400,
  TOO_MANY_CHANGES: 422,
  TERM_DATES_UNREADABLE: 400,
  NO_TERMS_IN_FILE: 422,
  BANK_HOLIDAYS_UNREADABLE: 400,
  // Too many, too soon.
  RATE_LIMITED: 429,
  REQUEST_IN_PROGRESS: 409,
  // Who may do this.
  SIGN_IN_REQUIRED: 401,
  NOT_THROUGH_SITE: 403,
  CROSS_SITE_REQUEST: 403,
  PLATFORM_ADMIN_REQUIRED: 403,
  NOT_YOUR_SCHOOL: 403,
  ORGANISATION_ADMIN_REQUIRED: 403,
  NOT_YOUR_TRUST: 403,
  ROLE_REQUIRED: 403,
  PUBLISHER_ROLE_REQUIRED: 403,
  NO_LONGER_STAFF: 403,
  NOT_ALLOWED: 403,
  // Nothing there.
  SCHOOL_NOT_FOUND: 404,
  PLACE_NOT_FOUND: 404,
  REQUEST_NOT_FOUND: 404,
  ORGANISATION_NOT_FOUND: 404,
  MEMBER_NOT_FOUND: 404,
  TOUR_NOT_FOUND: 404,
  CALENDAR_NOT_FOUND: 404,
  STATEMENT_NOT_PUBLISHED: 404,
  STATEMENT_VERSION_NOT_FOUND: 404,
  // A token given as input (a sign-in or confirmation link): malformed, or no longer good.
  TOKEN_INVALID: 400,
  TOKEN_USED: 410,
  TOKEN_EXPIRED: 410,
  TOKEN_REPLACED: 410,
  ALREADY_DECIDED: 410,
  CONFIRMATION_EXPIRED: 410,
  ALREADY_CONFIRMED: 409,
  // Changed since it was read, or not in this state.
  SLOT_FULL: 409,
  YEAR_GROUP_BUSY: 409,
  REQUEST_CHANGED: 409,
  SETTINGS_CHANGED: 409,
  OPPORTUNITIES_CHANGED: 409,
  SCHOOL_CHANGED: 409,
  STATEMENT_CHANGED: 409,
  CAREERS_LEAD_IN_USE: 409,
  INVALID_TRANSITION: 409,
  NO_ALTERNATIVE: 409,
  ALTERNATIVE_EXPIRED: 409,
  NOT_YET_EXPIRED: 409,
  CANCEL_TOO_LATE: 409,
  RESCHEDULE_TOO_LATE: 409,
  NOTHING_TO_KEEP: 409,
  NO_MOVE_ASKED: 409,
  MOVE_ALREADY_ASKED: 409,
  ORGANISATION_CHANGED: 409,
  UKPRN_TAKEN: 409,
  ALREADY_A_MEMBER: 409,
  LAST_ADMIN: 409,
  // A rule broken.
  ...RULE_BROKEN,
  // Our side.
  SERVICE_UNAVAILABLE: 503,
  INTERNAL_ERROR: 500,
} as const satisfies Record<ErrorCode, number>;

/** An emailed link asked for itself (LinkRefusal): never a link is not found; no longer one is gone. */
export const STATUS_OF_LINK_PROBLEM = {
  TOKEN_INVALID: 404,
  TOKEN_USED: 410,
  TOKEN_EXPIRED: 410,
  TOKEN_REPLACED: 410,
  NO_LONGER_STAFF: 410,
  ALREADY_DECIDED: 410,
} as const satisfies Record<LinkProblemCode, number>;

/** The status a refusal answers with. */
export function statusOf(err: DomainError): number {
  if (err instanceof LinkRefusal) return STATUS_OF_LINK_PROBLEM[err.code];
  // A form's own field refused: the request as sent is malformed, as a schema's refusal is.
  if (err instanceof FormRefusal) return STATUS_OF_CODE.VALIDATION_FAILED;
  return STATUS_OF_CODE[err.code];
}

/** The headers a refusal's machine detail calls for: how long to wait, what a path answers. */
export function headersOf(err: DomainError): Record<string, string> | undefined {
  const headers: Record<string, string> = {};
  if (err.retryAfterSeconds !== undefined) headers['retry-after'] = String(err.retryAfterSeconds);
  if (err.allow) headers.allow = err.allow.join(', ');
  return Object.keys(headers).length > 0 ? headers : undefined;
}

// The code → status table: every code has one, a refusal is never a 5xx, and the statuses
// the rules engine's refusals used to carry on themselves are the table's now.
import { describe, expect, it } from 'vitest';
import {
  ACCESS_CODES,
  CONFLICT_CODES,
  DomainError,
  ERROR_CODES,
  FormRefusal,
  LINK_CODES,
  LINK_PROBLEM_CODES,
  LinkRefusal,
  MISSING_CODES,
  PACE_CODES,
  REQUEST_CODES,
  RULE_CODES,
  SERVER_CODES,
  type ErrorCode,
} from '#shared/domain/errors.ts';
import { headersOf, STATUS_OF_CODE, STATUS_OF_LINK_PROBLEM, statusOf } from './statuses.ts';

const AREAS = { REQUEST_CODES, PACE_CODES, ACCESS_CODES, MISSING_CODES, LINK_CODES, CONFLICT_CODES, RULE_CODES, SERVER_CODES };

describe('the code → status table', () => {
  it('gives every code a status, and names no code that is not one', () => {
    for (const code of ERROR_CODES) expect(STATUS_OF_CODE[code], code).toBeTypeOf('number');
    expect(Object.keys(STATUS_OF_CODE).sort()).toEqual([...ERROR_CODES].sort());
  });

  it('puts each code in one area only', () => {
    const seen = new Map<string, string>();
    for (const [area, codes] of Object.entries(AREAS)) {
      for (const code of codes) {
        expect(seen.get(code), `${code} is in ${seen.get(code)} and ${area}`).toBeUndefined();
        seen.set(code, area);
      }
    }
    expect(seen.size).toBe(ERROR_CODES.length);
  });

  it('answers a refusal with a 4xx, never a 5xx; only our own failures are 5xx', () => {
    for (const code of ERROR_CODES) {
      const status = STATUS_OF_CODE[code];
      if ((SERVER_CODES as readonly ErrorCode[]).includes(code)) expect(status, code).toBeGreaterThanOrEqual(500);
      else expect(status >= 400 && status < 500, `${code} → ${status}`).toBe(true);
    }
    for (const code of LINK_PROBLEM_CODES) expect([404, 410]).toContain(STATUS_OF_LINK_PROBLEM[code]);
  });

  it('answers each area as the API always has', () => {
    for (const code of RULE_CODES) expect(STATUS_OF_CODE[code], code).toBe(422);
    for (const code of CONFLICT_CODES) expect(STATUS_OF_CODE[code], code).toBe(409);
    for (const code of MISSING_CODES) expect(STATUS_OF_CODE[code], code).toBe(404);
    expect(STATUS_OF_CODE).toMatchObject({
      // The edge's own.
      VALIDATION_FAILED: 400,
      UNKNOWN_FIELD: 400,
      MALFORMED_JSON: 400,
      FORBIDDEN_KEY: 400,
      BODY_REQUIRED: 400,
      UNSUPPORTED_MEDIA_TYPE: 415,
      PAYLOAD_TOO_LARGE: 413,
      METHOD_NOT_ALLOWED: 405,
      NOT_FOUND: 404,
      RATE_LIMITED: 429,
      REQUEST_IN_PROGRESS: 409,
      IDEMPOTENCY_KEY_REUSED: 422,
      SIGN_IN_REQUIRED: 401,
      CROSS_SITE_REQUEST: 403,
      NOT_THROUGH_SITE: 403,
      // The rules engine's, once carried on the error itself.
      UNKNOWN_ACTION: 400,
      NOT_ALLOWED: 403,
      CONFIRMATION_EXPIRED: 410,
      INVALID_TRANSITION: 409,
      NO_ALTERNATIVE: 409,
      ALTERNATIVE_EXPIRED: 409,
      NOT_YET_EXPIRED: 409,
      CANCEL_TOO_LATE: 409,
      RESCHEDULE_TOO_LATE: 409,
      NOTHING_TO_KEEP: 409,
      SLOT_FULL: 409,
      YEAR_GROUP_BUSY: 409,
      DECLINE_REASON_REQUIRED: 422,
      // Tokens given as input: malformed, or no longer good.
      TOKEN_INVALID: 400,
      TOKEN_USED: 410,
      TOKEN_EXPIRED: 410,
      TOKEN_REPLACED: 410,
      SERVICE_UNAVAILABLE: 503,
      INTERNAL_ERROR: 500,
    });
  });
});

describe('statusOf', () => {
  it('takes the code’s status for a refusal', () => {
    expect(statusOf(new DomainError('SLOT_FULL', 'Full.'))).toBe(409);
    expect(statusOf(new DomainError('YEAR_NOT_COVERED', 'Years 8 to 13.'))).toBe(422);
  });

  it('answers a lead’s emailed link that cannot act as not found (never a link) or gone (no longer one)', () => {
    expect(statusOf(new LinkRefusal('TOKEN_INVALID', 'Not a link.'))).toBe(404);
    expect(statusOf(new LinkRefusal('TOKEN_USED', 'Used.'))).toBe(410);
    expect(statusOf(new LinkRefusal('NO_LONGER_STAFF', 'Gone.'))).toBe(410);
    expect(statusOf(new DomainError('NO_LONGER_STAFF', 'Not staff now.'))).toBe(403);
  });

  it('answers a form’s own field as a malformed request, whatever the rules engine says of the same code', () => {
    expect(statusOf(new FormRefusal('DECLINE_REASON_REQUIRED', 'Choose a reason.', { reason: 'Choose a reason.' }))).toBe(400);
    expect(statusOf(new DomainError('DECLINE_REASON_REQUIRED', 'Give a reason.'))).toBe(422);
  });

  it('says a refusal’s wait and allowed methods as headers', () => {
    expect(headersOf(new DomainError('RATE_LIMITED', 'Wait.', { retryAfterSeconds: 120 }))).toEqual({ 'retry-after': '120' });
    expect(headersOf(new DomainError('METHOD_NOT_ALLOWED', 'Use POST.', { allow: ['GET', 'POST'] }))).toEqual({ allow: 'GET, POST' });
    expect(headersOf(new DomainError('NOT_FOUND', 'Nothing.'))).toBeUndefined();
  });
});

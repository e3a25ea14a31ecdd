// The product's one error type for the HTTP edge: a status, a stable code a client can
// branch on, a sentence a person can act on, the fields at fault and, where a statutory
// rule is behind it, the RULES.md id.

export type FieldErrors = Record<string, string>;
/** The RULES.md ids behind each field of `FieldErrors`, keyed by the same paths. */
export type FieldRuleIds = Record<string, string[]>;

export class AppError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldErrors | undefined;
  readonly rule: string | undefined;
  readonly rules: FieldRuleIds | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(
    status: number,
    code: string,
    message: string,
    extra: { fields?: FieldErrors; rule?: string; rules?: FieldRuleIds; headers?: Record<string, string>; cause?: unknown } = {},
  ) {
    super(message, { cause: extra.cause });
    this.name = 'AppError';
    this.status = status;
    this.code = code;
    this.fields = extra.fields;
    this.rule = extra.rule;
    this.rules = extra.rules;
    this.headers = extra.headers;
  }
}

/** The store's own refusal: a condition on a write did not hold (a full slot, a stale state). */
export class ConflictError extends AppError {
  constructor(code: string, message: string, extra: { fields?: FieldErrors; rule?: string; rules?: FieldRuleIds; cause?: unknown } = {}) {
    super(409, code, message, extra);
    this.name = 'ConflictError';
  }
}

export class NotFoundError extends AppError {
  constructor(code: string, message: string) {
    super(404, code, message);
    this.name = 'NotFoundError';
  }
}

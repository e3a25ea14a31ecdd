// Typed refusals of the rules engine. Every refusal carries a stable UPPER_SNAKE code, the
// rule behind it and a sentence that says what to change. The HTTP layer recognises a
// DomainError by its name (duck-typed), so nothing here imports HTTP code.

/** Statutory rules, as numbered in RULES.md. */
export const STATUTORY_RULE_IDS = [
  'R-YEARS',
  'R-TAUGHT',
  'R-WHOLE',
  'R-HOURS',
  'R-NOTICE',
  'R-CONTENT',
  'R-PROVIDER',
  'R-PHASE1',
  'R-PHASE2',
  'R-PHASE3',
] as const;
export type StatutoryRuleId = (typeof STATUTORY_RULE_IDS)[number];

/**
 * The product's own checks, which RULES.md does not number but a reader still needs to
 * trace: P-DETAILS (what a provider must tell the school: contact, session type,
 * safeguarding, staff), P-DURATION (a sane length), P-SLOT (a chosen slot has room and
 * matches), P-STATE (the request's life in DESIGN.md).
 */
export const PRODUCT_RULE_IDS = ['P-DETAILS', 'P-DURATION', 'P-SLOT', 'P-STATE'] as const;
export type ProductRuleId = (typeof PRODUCT_RULE_IDS)[number];

export type RuleId = StatutoryRuleId | ProductRuleId;

/** One broken rule: `field` is the request's field path, e.g. 'yearGroups', 'content.careers'. */
export interface RuleViolation {
  code: string;
  rule: RuleId;
  field: string;
  message: string;
  /** Extra machine-readable detail, e.g. the calendar reason behind NOT_SCHOOL_DAY. */
  reason?: string;
}

export interface DomainErrorOptions {
  rule?: RuleId;
  field?: string;
  /** HTTP status hint: 403 not allowed, 409 wrong state, 422 rule broken (default). */
  status?: number;
  fields?: Record<string, string>;
  violations?: RuleViolation[];
  cause?: unknown;
}

export class DomainError extends Error {
  readonly code: string;
  readonly rule: RuleId | undefined;
  readonly field: string | undefined;
  readonly status: number;
  readonly fields: Record<string, string> | undefined;
  readonly violations: RuleViolation[];

  constructor(code: string, message: string, options: DomainErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DomainError';
    this.code = code;
    this.rule = options.rule;
    this.field = options.field;
    this.status = options.status ?? 422;
    this.fields = options.fields;
    this.violations = options.violations ?? [];
  }
}

/**
 * One error for a list of violations, for callers that must refuse: the code of the only
 * violation, or REQUEST_RULES_BROKEN for several; every message is kept, by field.
 * Returns undefined when there is nothing to refuse.
 */
export function errorFromViolations(violations: readonly RuleViolation[]): DomainError | undefined {
  const [first] = violations;
  if (!first) return undefined;
  const fields: Record<string, string> = {};
  for (const v of violations) fields[v.field] = fields[v.field] ? `${fields[v.field]} ${v.message}` : v.message;
  const single = violations.length === 1;
  return new DomainError(
    single ? first.code : 'REQUEST_RULES_BROKEN',
    single ? first.message : `This request needs ${violations.length} changes: ${violations.map((v) => v.message).join(' ')}`,
    { rule: single ? first.rule : undefined, field: single ? first.field : undefined, status: 422, fields, violations: [...violations] },
  );
}

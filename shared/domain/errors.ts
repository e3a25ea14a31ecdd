// Typed refusals of the rules engine. Every refusal carries a stable UPPER_SNAKE code, the
// rule behind it and a sentence that says what to change. The HTTP layer recognises a
// DomainError by its name (duck-typed), so nothing here imports HTTP code.

/** Statutory rules, as numbered in RULES.md. */
export const STATUTORY_RULE_IDS = [
  'R-YEARS',
  'R-TAUGHT',
  'R-WHOLE',
  'R-RANGE',
  'R-REASONABLE',
  'R-ATTEND',
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
 * matches), P-STATE (the request's life in DESIGN.md), P-CONFIRM (a first request from an
 * email address reaches the school only once the address is confirmed: issue 12, item 2).
 */
export const PRODUCT_RULE_IDS = ['P-DETAILS', 'P-DURATION', 'P-SLOT', 'P-STATE', 'P-CONFIRM'] as const;
export type ProductRuleId = (typeof PRODUCT_RULE_IDS)[number];

export type RuleId = StatutoryRuleId | ProductRuleId;

/**
 * Each rule in plain words, for a person reading a refusal: the web shows these beside
 * the field at fault, so a college officer sees why as well as what to change.
 */
export const RULE_PLAIN_WORDS: Record<RuleId, string> = {
  'R-YEARS': 'Provider access is for Years 8 to 13 only.',
  'R-TAUGHT': 'A school can only offer the year groups it teaches.',
  'R-WHOLE': 'Encounters are for whole year groups, never a selected set of pupils.',
  'R-RANGE': 'Pupils must hear from a range of providers.',
  'R-REASONABLE': 'Access must last a reasonable time during the school day.',
  'R-ATTEND': 'In Years 8 to 11 every pupil must take part.',
  'R-HOURS': 'Encounters take place during the school day: in term time, inside the school’s session times, not on a closure day.',
  'R-NOTICE': 'The school sets how much notice it needs and how far ahead it takes bookings.',
  'R-CONTENT': 'Every encounter covers the four things the statutory guidance lists.',
  'R-PROVIDER': 'Requests come from a provider of technical education or apprenticeships.',
  'R-PHASE1': 'Pupils meet providers twice in Years 8 and 9.',
  'R-PHASE2': 'Pupils meet providers twice in Years 10 and 11.',
  'R-PHASE3': 'The school offers two encounters in Years 12 and 13.',
  'P-DETAILS': 'The school needs these details to plan the visit.',
  'P-DURATION': 'A session has a sensible length.',
  'P-SLOT': 'A chosen slot must have a place and match its date, time and year groups.',
  'P-STATE': 'What can be done depends on where the request stands.',
  'P-CONFIRM': 'A first request from an email address reaches the school once you confirm the address from the email we send it.',
};

/** The rules behind each field of a refusal, keyed by the same paths as `fields`. */
export type FieldRules = Record<string, RuleId[]>;

/** Every field's rules, in the order first broken, once each; `prefix` is where the object sits in a body. */
export function rulesByField(violations: readonly Pick<RuleViolation, 'field' | 'rule'>[], prefix?: string): FieldRules {
  const out: FieldRules = {};
  for (const v of violations) {
    const field = prefix ? (v.field ? `${prefix}.${v.field}` : prefix) : v.field;
    const list = (out[field] ??= []);
    if (!list.includes(v.rule)) list.push(v.rule);
  }
  return out;
}

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
  /** The rule ids behind each field; derived from `violations` when not given. */
  rules?: FieldRules;
  violations?: RuleViolation[];
  cause?: unknown;
}

export class DomainError extends Error {
  readonly code: string;
  readonly rule: RuleId | undefined;
  readonly field: string | undefined;
  readonly status: number;
  readonly fields: Record<string, string> | undefined;
  readonly rules: FieldRules | undefined;
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
    // A rule id on every field at fault: given, from the violations, or the one field's own.
    this.rules =
      options.rules ??
      (this.violations.length > 0
        ? rulesByField(this.violations)
        : options.rule && (options.field ?? '') !== ''
          ? { [options.field as string]: [options.rule] }
          : undefined);
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

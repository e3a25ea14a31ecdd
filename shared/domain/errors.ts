// Typed refusals: every refusal anywhere (a rule of the engine, a use case, the edge's own
// checks of what was sent) is a DomainError with a code from the closed list below, a
// sentence that says what to change and, where a rule is behind it, the rule's id. No HTTP
// here: shared/http/statuses.ts gives each code its status, and tsc checks it gives every one.

/** What was sent cannot be read as asked: its shape, size, type or a field a form needs. */
export const REQUEST_CODES = [
  'VALIDATION_FAILED',
  'UNKNOWN_FIELD',
  'BODY_REQUIRED',
  'MALFORMED_JSON',
  'FORBIDDEN_KEY',
  'UNSUPPORTED_MEDIA_TYPE',
  'PAYLOAD_TOO_LARGE',
  'METHOD_NOT_ALLOWED',
  'NOT_FOUND',
  'IDEMPOTENCY_KEY_INVALID',
  'IDEMPOTENCY_KEY_REUSED',
  'FIELD_REQUIRED',
  'DATE_RANGE_REVERSED',
  'DATE_RANGE_TOO_LONG',
  'MONTH_OUT_OF_RANGE',
  'ACADEMIC_YEAR_NOT_STARTED',
  'YEAR_OUT_OF_RANGE',
  'GIAS_COLUMNS_MISSING',
  'DECLINE_REASON_UNKNOWN',
  'UNKNOWN_ACTION',
  'TOO_MANY_CHANGES',
  // A file of term dates or bank holidays (issue 17): cannot be read, or names nothing usable.
  'TERM_DATES_UNREADABLE',
  'NO_TERMS_IN_FILE',
  'BANK_HOLIDAYS_UNREADABLE',
] as const;

/** Too many requests in a short time: the error says how long to wait (`retryAfterSeconds`). */
export const PACE_CODES = ['RATE_LIMITED', 'REQUEST_IN_PROGRESS'] as const;

/** Who may do this: not signed in, not from the site, or not a role that may. */
export const ACCESS_CODES = [
  'SIGN_IN_REQUIRED',
  'NOT_THROUGH_SITE',
  'CROSS_SITE_REQUEST',
  'PLATFORM_ADMIN_REQUIRED',
  'NOT_YOUR_SCHOOL',
  'NOT_YOUR_TRUST',
  'ROLE_REQUIRED',
  'PUBLISHER_ROLE_REQUIRED',
  'NO_LONGER_STAFF',
  'NOT_ALLOWED',
  'ORGANISATION_ADMIN_REQUIRED',
] as const;

/** Nothing by that name or id (or not for this person). */
export const MISSING_CODES = ['SCHOOL_NOT_FOUND', 'PLACE_NOT_FOUND', 'REQUEST_NOT_FOUND', 'CALENDAR_NOT_FOUND', 'STATEMENT_NOT_PUBLISHED', 'STATEMENT_VERSION_NOT_FOUND', 'ORGANISATION_NOT_FOUND', 'MEMBER_NOT_FOUND', 'TOUR_NOT_FOUND'] as const;

/** An emailed link's token, or the confirmation it carries: never valid, or no longer. */
export const LINK_CODES = ['TOKEN_INVALID', 'TOKEN_USED', 'TOKEN_EXPIRED', 'TOKEN_REPLACED', 'ALREADY_DECIDED', 'CONFIRMATION_EXPIRED', 'ALREADY_CONFIRMED'] as const;

/** It changed since it was read, or where the request stands does not allow it now. */
export const CONFLICT_CODES = [
  'SLOT_FULL',
  'YEAR_GROUP_BUSY',
  'REQUEST_CHANGED',
  'SETTINGS_CHANGED',
  'OPPORTUNITIES_CHANGED',
  'SCHOOL_CHANGED',
  'STATEMENT_CHANGED',
  'CAREERS_LEAD_IN_USE',
  'INVALID_TRANSITION',
  'NO_ALTERNATIVE',
  'ALTERNATIVE_EXPIRED',
  'NOT_YET_EXPIRED',
  'CANCEL_TOO_LATE',
  'RESCHEDULE_TOO_LATE',
  'NOTHING_TO_KEEP',
  'NO_MOVE_ASKED',
  'MOVE_ALREADY_ASKED',
  'ORGANISATION_CHANGED',
  'UKPRN_TAKEN',
  'ALREADY_A_MEMBER',
  'LAST_ADMIN',
] as const;

/** A rule broken (RULES.md's or the product's): the codes of a RuleViolation and of the refusals made of them. */
export const RULE_CODES = [
  // A provider's request (rules.ts)
  'YEAR_GROUPS_REQUIRED',
  'YEAR_GROUP_UNKNOWN',
  'YEAR_NOT_COVERED',
  'YEAR_NOT_TAUGHT',
  'YEAR_NOT_IN_SLOT',
  'DATE_FORMAT',
  'TIME_FORMAT',
  'INSTANT_FORMAT',
  'END_BEFORE_START',
  'IN_THE_PAST',
  'NOT_SCHOOL_DAY',
  'OUTSIDE_SESSION',
  'TOO_LITTLE_NOTICE',
  'BEYOND_BOOKING_WINDOW',
  'DURATION_TOO_SHORT',
  'DURATION_TOO_LONG',
  'SLOT_NOT_FOUND',
  'SLOT_MISMATCH',
  'CONTENT_MISSING',
  'NO_PROVIDER_ACCESS',
  'PROVIDER_TYPE',
  'ORGANISATION_REQUIRED',
  'UKPRN_FORMAT',
  'CONTACT_NAME_REQUIRED',
  'CONTACT_EMAIL_FORMAT',
  'CONTACT_PHONE_FORMAT',
  'SESSION_TYPE',
  'STAFF_COUNT',
  'SAFEGUARDING_NOT_AGREED',
  'NOTES_TOO_LONG',
  'REQUEST_RULES_BROKEN',
  // A booking checked again (recheck.ts)
  'SLOT_TIME_CHANGED',
  'SLOT_MOVED',
  'BOOKING_RULES_BROKEN',
  // A school's calendar, settings, opportunities and staff (calendar.ts, settings.ts, slot-places.ts)
  'RANGE_TOO_LONG',
  'NO_SCHOOL_DAYS',
  'NO_SESSIONS',
  'TERM_END_BEFORE_START',
  'SESSION_END_BEFORE_START',
  'CLOSURE_END_BEFORE_START',
  'CLOSURE_REASON',
  'TERMS_OVERLAP',
  'WINDOW_WITHIN_NOTICE',
  'GROUND_REPEATED',
  'DUPLICATE_ID',
  'NO_SCHOOL_THAT_DAY',
  'UNTIL_BEFORE_FROM',
  'CAPACITY_BELOW_TAKEN',
  'SETTINGS_INVALID',
  'OPPORTUNITIES_INVALID',
  'DUPLICATE_EMAIL',
  'ROLE_NOT_EDITABLE',
  'ROLE_NOT_REMOVABLE',
  'STAFF_INVALID',
  // A request's life (state-machine.ts)
  'ALTERNATIVE_SAME_TIME',
  'RESPOND_BY_RANGE',
  'DECLINE_REASON_REQUIRED',
  'CANCEL_REASON_REQUIRED',
  'RESCHEDULE_REASON_REQUIRED',
  'MOVE_REASON_REQUIRED',
  'KEEP_REASON_REQUIRED',
  'REASON_TOO_LONG',
  'DELIVERY_TOO_EARLY',
  'CONTENT_NOT_CONFIRMED',
  'ATTENDANCE_REQUIRED',
  'ATTENDANCE_YEAR_NOT_BOOKED',
  'ATTENDANCE_OVER_ROLL',
  'SPLIT_SESSION_INVALID',
  // The published statement (statement.ts)
  'APPROVAL_DATE_IN_FUTURE',
  'APPROVAL_OUT_OF_DATE',
  'STATEMENT_INCOMPLETE',
  // Inviting providers to book a cohort's open slots (issue 16, item 2)
  'COHORT_NOT_AT_RISK',
  'PROVIDERS_REQUIRED',
  'PROVIDER_NOT_VISITED',
  'NO_BOOKABLE_SLOTS',
  'INVITED_RECENTLY',
] as const;

/** Our side: a dependency down (worth a retry) or a fault of ours. */
export const SERVER_CODES = ['SERVICE_UNAVAILABLE', 'INTERNAL_ERROR'] as const;

export const ERROR_CODES = [
  ...REQUEST_CODES,
  ...PACE_CODES,
  ...ACCESS_CODES,
  ...MISSING_CODES,
  ...LINK_CODES,
  ...CONFLICT_CODES,
  ...RULE_CODES,
  ...SERVER_CODES,
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
export type RuleCode = (typeof RULE_CODES)[number];

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

/** A section of the policy statement (RULES.md "The policy statement"), behind a refusal to publish it, e.g. S-REVIEW. */
export type StatementSectionId = `S-${Uppercase<string>}`;
/** What a refusal names as the rule behind it. */
export type RefusalRuleId = RuleId | StatementSectionId;

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
export type FieldRules = Record<string, RefusalRuleId[]>;

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
  code: ErrorCode;
  rule: RuleId;
  field: string;
  message: string;
  /** Extra machine-readable detail, e.g. the calendar reason behind NOT_SCHOOL_DAY. */
  reason?: string;
}

export interface DomainErrorOptions {
  rule?: RefusalRuleId | undefined;
  field?: string | undefined;
  fields?: Record<string, string> | undefined;
  /** The rule ids behind each field; derived from `violations` when not given. */
  rules?: FieldRules | undefined;
  violations?: RuleViolation[] | undefined;
  /** How long to wait before trying again (RATE_LIMITED, REQUEST_IN_PROGRESS, SERVICE_UNAVAILABLE). */
  retryAfterSeconds?: number | undefined;
  /** The methods a path does answer (METHOD_NOT_ALLOWED). */
  allow?: readonly string[] | undefined;
  cause?: unknown;
}

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly rule: RefusalRuleId | undefined;
  readonly field: string | undefined;
  readonly fields: Record<string, string> | undefined;
  readonly rules: FieldRules | undefined;
  readonly violations: RuleViolation[];
  readonly retryAfterSeconds: number | undefined;
  readonly allow: readonly string[] | undefined;

  constructor(code: ErrorCode, message: string, options: DomainErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DomainError';
    this.code = code;
    this.rule = options.rule;
    this.field = options.field;
    this.fields = options.fields;
    this.violations = options.violations ?? [];
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.allow = options.allow;
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

/** Why an emailed link cannot act: never a real link, used, expired, replaced, its lead gone, or the request answered. */
export const LINK_PROBLEM_CODES = ['TOKEN_INVALID', 'TOKEN_USED', 'TOKEN_EXPIRED', 'TOKEN_REPLACED', 'NO_LONGER_STAFF', 'ALREADY_DECIDED'] as const satisfies readonly ErrorCode[];
export type LinkProblemCode = (typeof LINK_PROBLEM_CODES)[number];

/**
 * An emailed link that cannot act, where the link is the thing asked for (the lead's
 * approve/decline/propose links): one that never worked is not found, one that no longer
 * works is gone, whatever the same code means where a token is only an input.
 */
export class LinkRefusal extends DomainError {
  declare readonly code: LinkProblemCode;
  constructor(code: LinkProblemCode, message: string) {
    super(code, message);
    this.name = 'LinkRefusal';
  }
}

/**
 * A form a person filled in, refused for a field it lacks or cannot be read: always a
 * malformed request, even where the same code from the rules engine (a decline without
 * a reason sent as JSON) is a rule broken.
 */
export class FormRefusal extends DomainError {
  constructor(code: ErrorCode, message: string, fields: Record<string, string>) {
    super(code, message, { fields });
    this.name = 'FormRefusal';
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
    { rule: single ? first.rule : undefined, field: single ? first.field : undefined, fields, violations: [...violations] },
  );
}

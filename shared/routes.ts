// The one route table. The CDK stack makes one API Gateway route and one Lambda function
// per entry, with an IAM policy from `touches`; the local server dispatches by it too.
// Paths use API Gateway's syntax: `{name}` is a path parameter. It imports nothing: every
// layer may read it (the edge applies each route's `access` from it, shared/http/handler.ts).

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** The table's global indexes (shared/store/table.ts; test/routes.test.ts checks they are the same). */
export type IndexName = 'gsi1' | 'gsi2' | 'gsi3';

/**
 * Who may call a route. The edge (shared/http/handler.ts) checks it before `run`, and hands
 * `run` the caller it found; no handler checks it by hand. Each value is also the CDK stack's
 * group of functions (infra/stack.ts).
 */
export type Access =
  | 'public' // anyone, no credentials (but see `session`)
  | 'provider' // a live provider session (a provider's manage link, once used)
  | 'staff' // a live staff session with a role at the school `staffOf` names
  | 'action' // the holder of an emailed action link: the use case checks the token
  | 'admin'; // a platform admin, signed in within 12 hours

/**
 * For a staff route, the school the caller needs a role at: 'path', the school in the
 * path (`{urn}`; 403 NOT_YOUR_SCHOOL otherwise); 'request', the school of the request in
 * the path (`{id}`; a request of another school is 404 REQUEST_NOT_FOUND, so nothing
 * leaks); 'any', none in particular (the caller's own list, a trust's schools: the use
 * case narrows it to the caller's roles).
 */
export type StaffScope = 'path' | 'request' | 'any';

/**
 * For a public route, a session the call may carry: 'any', a live session of either kind
 * that the route acts for (401 SIGN_IN_REQUIRED without one); 'provider-if-sent', a
 * provider session looked up only when the call comes from the site itself, never a
 * refusal (a request created by a provider signed in as its address needs no confirming).
 */
export type PublicSession = 'any' | 'provider-if-sent';

/** What a function may touch: its IAM policy on AWS allows exactly this and no more. */
export interface Touches {
  table?: 'read' | 'write';
  mail?: 'check' | 'send';
  /**
   * The partition keys its items may have (issue 12, item 9): on AWS its policy allows no
   * other (IAM's dynamodb:LeadingKeys). A key ending in '#' stands for every key that
   * starts with it ('SCHOOL#' for any school's partition); any other is one exact key.
   * `table` is for the table's own partition key; `indexes`, per index the function
   * queries, for that index's partition key (a Query of an index names only that one).
   * Every public route that writes declares them (shared/store builds the keys, each entity's in its module);
   * test/security/leading-keys.test.ts checks each against what the function really touches.
   */
  keys?: { table: readonly string[]; indexes?: Partial<Record<IndexName, readonly string[]>> };
  /**
   * Reads the deployment's hash key (shared/store/keyed-hash.ts): the function counts rate
   * limits or reads and writes suppressions, both keyed by an HMAC of an address or an IP.
   */
  hashKey?: 'read';
  /**
   * The imports bucket's `imports/` prefix (issue 17, item 1): 'write', signs upload
   * addresses (a presigned PUT acts with the signer's s3:PutObject); 'read', reads the
   * uploaded files (s3:GetObject). Nothing else of the bucket, and no other bucket.
   */
  imports?: 'read' | 'write';
}

interface RouteCommon {
  name: string;
  method: HttpMethod;
  path: string;
  /** Module path from the repository root; it exports `handler`. */
  module: string;
  touches: Touches;
  /**
   * A public route that still acts on a credential a browser holds or was sent: the
   * session cookie (sign-out) or an emailed link's token (sign-in). Like every non-public
   * state change, it must come from the site itself (see `checksSameOrigin`).
   */
  credential?: 'session' | 'link';
}

export type HttpRoute = RouteCommon &
  (
    | { access: 'staff'; staffOf: StaffScope }
    | { access: 'public'; session?: PublicSession }
    | { access: 'provider' | 'action' | 'admin' }
  );

/**
 * Whether the edge refuses a request to this route that does not come from the site
 * itself (CSRF, issue 12 item 8): every state change made with a session cookie, an
 * emailed link or a sign-in token. Public routes that use none (creating a request, asking
 * for a sign-in link) stay callable by any HTTP client; their rate limits guard them.
 */
export function checksSameOrigin(route: Pick<HttpRoute, 'method' | 'access' | 'credential'>): boolean {
  return route.method !== 'GET' && (route.access !== 'public' || route.credential !== undefined);
}

export interface EventRoute {
  name: string;
  /**
   * table-stream: the table's stream (event source mapping); schedule: an EventBridge
   * schedule; mail-feedback: SES bounce and complaint events through SNS (AWS only);
   * import-upload: a new object under the imports bucket's `imports/` (S3 event
   * notification on AWS, the local S3 server's event locally).
   */
  kind: 'table-stream' | 'schedule' | 'mail-feedback' | 'import-upload';
  module: string;
  touches: Touches;
  /** For schedules: an EventBridge expression, and how often the local timer fires. */
  schedule?: { expression: string; localEveryMinutes: number };
}

const routeTable = [
  {
    name: 'health',
    method: 'GET',
    path: '/api/health',
    module: 'functions/health.ts',
    access: 'public',
    touches: { table: 'read', mail: 'check' },
  },
  { name: 'schools-search', method: 'GET', path: '/api/schools', module: 'functions/schools-search.ts', access: 'public', touches: { table: 'read' } },
  { name: 'school-get', method: 'GET', path: '/api/schools/{urn}', module: 'functions/school-get.ts', access: 'public', touches: { table: 'read' } },
  { name: 'school-slots', method: 'GET', path: '/api/schools/{urn}/slots', module: 'functions/school-slots.ts', access: 'public', touches: { table: 'read' } },
  // A month of the school's calendar, each date closed with its reason or with its open slots (issue 14, item 4).
  { name: 'school-month', method: 'GET', path: '/api/schools/{urn}/calendar', module: 'functions/school-month.ts', access: 'public', touches: { table: 'read' } },
  // The public writes: each may touch only its own partitions (`keys`).
  {
    name: 'request-create',
    method: 'POST',
    path: '/api/schools/{urn}/requests',
    module: 'functions/request-create.ts',
    access: 'public',
    session: 'provider-if-sent',
    // The school's partition (request, event, slot), its rate-limit counters, its idempotency records; a first request's
    // confirmation email (outbox) and the confirmed-address marker it reads (issue 12, item 2); a provider's session, when one is sent;
    // the request's reference, claimed (issue 14, item 6); a signed-in member's organisation, which may vouch for the address (issue 15, item 2).
    touches: { table: 'write', hashKey: 'read', keys: { table: ['SCHOOL#', 'PLATFORM#BANK_HOLIDAYS', 'RATE#', 'IDEMPOTENCY#request-create', 'OUTBOX#', 'PROVIDER#', 'SESSION#', 'REFERENCE#', 'MEMBERSHIP#', 'ORG#'] } },
  },
  // The request form's check on each Continue (issue 14, item 1): create's rules, nothing written but its own rate-limit counters.
  {
    name: 'request-check',
    method: 'POST',
    path: '/api/schools/{urn}/requests/check',
    module: 'functions/request-check.ts',
    access: 'public',
    // Reads the school, its opportunity and slot (the school's partition); counts its rate limits.
    touches: { table: 'write', hashKey: 'read', keys: { table: ['SCHOOL#', 'PLATFORM#BANK_HOLIDAYS', 'RATE#'] } },
  },
  // A provider confirms a first request from their address (issue 12, item 2): the emailed link's token, posted by /request/confirm/.
  {
    name: 'request-confirm',
    method: 'POST',
    path: '/api/request-confirmations',
    module: 'functions/request-confirm.ts',
    access: 'public',
    // The request and its slot (the school's partition), the link's token, the confirmed-address marker, the new session,
    // the request's reference (kept for good now).
    touches: { table: 'write', keys: { table: ['SCHOOL#', 'PLATFORM#BANK_HOLIDAYS', 'TOKEN#', 'PROVIDER#', 'SESSION#', 'REFERENCE#'] } },
    credential: 'link',
  },
  {
    name: 'auth-sign-in',
    method: 'POST',
    path: '/api/auth/sign-in',
    module: 'functions/auth-sign-in.ts',
    access: 'public',
    // Counters; is this a member of staff (their schools), a platform admin, a member of an organisation, or a provider (their requests, on gsi2)? The queued email.
    touches: { table: 'write', hashKey: 'read', keys: { table: ['RATE#', 'USER#', 'PLATFORM#ADMINS', 'MEMBERSHIP#', 'OUTBOX#'], indexes: { gsi2: ['PROVIDER#'] } } },
  },
  {
    name: 'auth-session',
    method: 'POST',
    path: '/api/auth/session',
    module: 'functions/auth-session.ts',
    access: 'public',
    // The link's token, used up; a platform admin's shorter session; the new session; an invited member's joining (issue 15),
    // which brings the requests their address made (found on gsi2, each stamped in its school's partition) into the organisation.
    touches: { table: 'write', keys: { table: ['TOKEN#', 'PLATFORM#ADMINS', 'SESSION#', 'MEMBERSHIP#', 'ORG#', 'SCHOOL#'], indexes: { gsi2: ['PROVIDER#'] } } },
    credential: 'link',
  },
  {
    name: 'auth-sign-out',
    method: 'POST',
    path: '/api/auth/sign-out',
    module: 'functions/auth-sign-out.ts',
    access: 'public',
    touches: { table: 'write', keys: { table: ['SESSION#'] } },
    credential: 'session',
  },
  // Ends every session of the signed-in person, on every device (a lost laptop, a shared computer).
  {
    name: 'auth-sign-out-everywhere',
    method: 'POST',
    path: '/api/auth/sign-out-everywhere',
    module: 'functions/auth-sign-out-everywhere.ts',
    access: 'public',
    session: 'any',
    // The sessions, found by the address that holds them (gsi1).
    touches: { table: 'write', keys: { table: ['SESSION#'], indexes: { gsi1: ['EMAIL#'] } } },
    credential: 'session',
  },
  { name: 'provider-requests', method: 'GET', path: '/api/requests', module: 'functions/provider-requests.ts', access: 'provider', touches: { table: 'read' } },
  // The same list as a file (issue 15, item 3), with the same filters.
  { name: 'provider-requests-csv', method: 'GET', path: '/api/requests.csv', module: 'functions/provider-requests-csv.ts', access: 'provider', touches: { table: 'read' } },
  { name: 'provider-request', method: 'GET', path: '/api/requests/{id}', module: 'functions/provider-request.ts', access: 'provider', touches: { table: 'read' } },
  {
    name: 'provider-request-action',
    method: 'POST',
    path: '/api/requests/{id}/{action}',
    module: 'functions/provider-request-action.ts',
    access: 'provider',
    touches: { table: 'write' },
  },
  // "Add to calendar" (issue 14, item 5): an approved encounter as an .ics file, same UID and SEQUENCE as its invitation.
  { name: 'provider-request-invite', method: 'GET', path: '/api/requests/{id}/invite.ics', module: 'functions/provider-request-invite.ts', access: 'provider', touches: { table: 'read' } },
  // The provider's evidence of how each school it asked answered (issue 15, item 6), and the same as a file: its own records, never public.
  { name: 'provider-evidence', method: 'GET', path: '/api/provider/evidence', module: 'functions/provider-evidence.ts', access: 'provider', touches: { table: 'read' } },
  { name: 'provider-evidence-csv', method: 'GET', path: '/api/provider/evidence.csv', module: 'functions/provider-evidence-csv.ts', access: 'provider', touches: { table: 'read' } },
  // The provider's organisation account (issue 15, item 1): its profile (the first PUT creates it, its author its admin) and members.
  { name: 'provider-organisation-get', method: 'GET', path: '/api/provider/organisation', module: 'functions/provider-organisation-get.ts', access: 'provider', touches: { table: 'read' } },
  { name: 'provider-organisation-put', method: 'PUT', path: '/api/provider/organisation', module: 'functions/provider-organisation-put.ts', access: 'provider', touches: { table: 'write' } },
  // An admin invites a colleague (the invitation is a sign-in link, queued for the mailer) or removes one; a member may leave.
  { name: 'provider-member-invite', method: 'POST', path: '/api/provider/organisation/members', module: 'functions/provider-member-invite.ts', access: 'provider', touches: { table: 'write' } },
  { name: 'provider-member-remove', method: 'DELETE', path: '/api/provider/organisation/members/{email}', module: 'functions/provider-member-remove.ts', access: 'provider', touches: { table: 'write' } },
  // The organisation's private calendar feed (issue 15, item 3): a member makes a new secret address (shown once), and
  // calendar apps read it with nothing but the secret (its hash finds the organisation, as the school's feed below).
  { name: 'provider-calendar-feed-rotate', method: 'POST', path: '/api/provider/calendar-feed', module: 'functions/provider-calendar-feed-rotate.ts', access: 'provider', touches: { table: 'write' } },
  { name: 'provider-calendar-feed', method: 'GET', path: '/api/provider/calendar/{feed}', module: 'functions/provider-calendar-feed.ts', access: 'public', touches: { table: 'read' } },
  // Visit tours (issue 15, item 5): one send to several schools, each stop its own request (made as request-create makes one);
  // the list of the caller's and their organisation's tours; one tour with each stop's request as the school answers it.
  { name: 'tour-create', method: 'POST', path: '/api/tours', module: 'functions/tour-create.ts', access: 'provider', touches: { table: 'write', hashKey: 'read' } },
  { name: 'tours-list', method: 'GET', path: '/api/tours', module: 'functions/tours-list.ts', access: 'provider', touches: { table: 'read' } },
  { name: 'tour-get', method: 'GET', path: '/api/tours/{id}', module: 'functions/tour-get.ts', access: 'provider', touches: { table: 'read' } },
  { name: 'manage-me', method: 'GET', path: '/api/manage/me', module: 'functions/manage-me.ts', access: 'staff', staffOf: 'any', touches: { table: 'read' } },
  { name: 'manage-requests', method: 'GET', path: '/api/manage/schools/{urn}/requests', module: 'functions/manage-requests.ts', access: 'staff', staffOf: 'path', touches: { table: 'read', hashKey: 'read' } },
  { name: 'manage-request', method: 'GET', path: '/api/manage/requests/{id}', module: 'functions/manage-request.ts', access: 'staff', staffOf: 'request', touches: { table: 'read' } },
  { name: 'manage-request-invite', method: 'GET', path: '/api/manage/requests/{id}/invite.ics', module: 'functions/manage-request-invite.ts', access: 'staff', staffOf: 'request', touches: { table: 'read' } },
  { name: 'manage-decision', method: 'POST', path: '/api/manage/requests/{id}/{action}', module: 'functions/manage-decision.ts', access: 'staff', staffOf: 'request', touches: { table: 'write' } },
  // A school's own set-up (settings, opportunities, staff): GET reads, PUT replaces.
  { name: 'manage-settings-get', method: 'GET', path: '/api/manage/schools/{urn}/settings', module: 'functions/manage-settings-get.ts', access: 'staff', staffOf: 'path', touches: { table: 'read' } },
  { name: 'manage-settings-put', method: 'PUT', path: '/api/manage/schools/{urn}/settings', module: 'functions/manage-settings-put.ts', access: 'staff', staffOf: 'path', touches: { table: 'write' } },
  // Term dates from a file (issue 17, item 2): a school's preview (saved through the settings PUT), and a trust admin's for several schools and its save.
  { name: 'manage-term-dates-preview', method: 'POST', path: '/api/manage/schools/{urn}/term-dates/preview', module: 'functions/manage-term-dates-preview.ts', access: 'staff', staffOf: 'path', touches: { table: 'read' } },
  { name: 'trust-term-dates-preview', method: 'POST', path: '/api/manage/trusts/{trustId}/term-dates/preview', module: 'functions/trust-term-dates-preview.ts', access: 'staff', staffOf: 'any', touches: { table: 'read' } },
  { name: 'trust-term-dates-save', method: 'POST', path: '/api/manage/trusts/{trustId}/term-dates', module: 'functions/trust-term-dates-save.ts', access: 'staff', staffOf: 'any', touches: { table: 'write' } },
  { name: 'manage-opportunities-get', method: 'GET', path: '/api/manage/schools/{urn}/opportunities', module: 'functions/manage-opportunities-get.ts', access: 'staff', staffOf: 'path', touches: { table: 'read' } },
  { name: 'manage-opportunities-put', method: 'PUT', path: '/api/manage/schools/{urn}/opportunities', module: 'functions/manage-opportunities-put.ts', access: 'staff', staffOf: 'path', touches: { table: 'write' } },
  { name: 'manage-staff-get', method: 'GET', path: '/api/manage/schools/{urn}/staff', module: 'functions/manage-staff-get.ts', access: 'staff', staffOf: 'path', touches: { table: 'read' } },
  { name: 'manage-staff-put', method: 'PUT', path: '/api/manage/schools/{urn}/staff', module: 'functions/manage-staff-put.ts', access: 'staff', staffOf: 'path', touches: { table: 'write' } },
  // The published policy statement (a page any site may frame, and JSON; `?version=N` for earlier ones) and publishing a new version.
  { name: 'statement-page', method: 'GET', path: '/schools/{urn}/statement', module: 'functions/statement-page.ts', access: 'public', touches: { table: 'read' } },
  { name: 'statement-get', method: 'GET', path: '/api/schools/{urn}/statement', module: 'functions/statement-get.ts', access: 'public', touches: { table: 'read' } },
  { name: 'manage-statement-get', method: 'GET', path: '/api/manage/schools/{urn}/statement', module: 'functions/manage-statement-get.ts', access: 'staff', staffOf: 'path', touches: { table: 'read' } },
  { name: 'manage-statement-publish', method: 'POST', path: '/api/manage/schools/{urn}/statement', module: 'functions/manage-statement-publish.ts', access: 'staff', staffOf: 'path', touches: { table: 'write' } },
  // Coverage per cohort and key phase (R-PHASE1..3): one school, or every school of a trust for its trust admin.
  // The same month for the school's staff, with the encounters approved for some year groups (the propose page, issue 14, item 4).
  { name: 'manage-month', method: 'GET', path: '/api/manage/schools/{urn}/calendar', module: 'functions/manage-month.ts', access: 'staff', staffOf: 'path', touches: { table: 'read' } },
  { name: 'manage-coverage', method: 'GET', path: '/api/manage/schools/{urn}/coverage', module: 'functions/manage-coverage.ts', access: 'staff', staffOf: 'path', touches: { table: 'read' } },
  // Issue 16, item 2: invite providers who visited before to book a cohort's open slots (one email each, through the outbox).
  { name: 'manage-coverage-invitations', method: 'GET', path: '/api/manage/schools/{urn}/coverage/invitations', module: 'functions/manage-coverage-invitations.ts', access: 'staff', staffOf: 'path', touches: { table: 'read' } },
  { name: 'manage-coverage-invite', method: 'POST', path: '/api/manage/schools/{urn}/coverage/invitations', module: 'functions/manage-coverage-invite.ts', access: 'staff', staffOf: 'path', touches: { table: 'write' } },
  // The careers lead's year plan (issue 16, item 4): an academic year's encounters and open slots by month, with each cohort's status.
  { name: 'manage-year-plan', method: 'GET', path: '/api/manage/schools/{urn}/year-plan', module: 'functions/manage-year-plan.ts', access: 'staff', staffOf: 'path', touches: { table: 'read' } },
  { name: 'trust-coverage', method: 'GET', path: '/api/manage/trusts/{trustId}/coverage', module: 'functions/trust-coverage.ts', access: 'staff', staffOf: 'any', touches: { table: 'read' } },
  // Exports: the encounters CSV, and the private calendar feed (the secret in its address is the credential).
  { name: 'manage-encounters-csv', method: 'GET', path: '/api/manage/schools/{urn}/encounters.csv', module: 'functions/manage-encounters-csv.ts', access: 'staff', staffOf: 'path', touches: { table: 'read' } },
  // The Compass+ CSV (issue 16, item 5): one academic year, the columns a careers lead keys into Compass+ with the PAL flag.
  { name: 'manage-compass-csv', method: 'GET', path: '/api/manage/schools/{urn}/encounters/compass.csv', module: 'functions/manage-compass-csv.ts', access: 'staff', staffOf: 'path', touches: { table: 'read' } },
  // The evidence pack for governors and Ofsted (issue 16, item 5): one academic year's coverage, statement and decisions.
  { name: 'manage-evidence-pack', method: 'GET', path: '/api/manage/schools/{urn}/evidence-pack', module: 'functions/manage-evidence-pack.ts', access: 'staff', staffOf: 'path', touches: { table: 'read' } },
  { name: 'manage-calendar-feed', method: 'POST', path: '/api/manage/schools/{urn}/calendar-feed', module: 'functions/manage-calendar-feed.ts', access: 'staff', staffOf: 'path', touches: { table: 'write' } },
  { name: 'school-calendar-feed', method: 'GET', path: '/api/schools/{urn}/calendar/{feed}', module: 'functions/school-calendar-feed.ts', access: 'public', touches: { table: 'read' } },
  // Onboarding (platform admins): schools from a GIAS extract, and a school's careers lead.
  { name: 'admin-schools-import', method: 'POST', path: '/api/admin/schools/import', module: 'functions/admin-schools-import.ts', access: 'admin', touches: { table: 'write' } },
  // The whole file (issue 17, item 1): a run and a presigned upload into the imports bucket; the run's progress and summary.
  { name: 'admin-schools-upload', method: 'POST', path: '/api/admin/schools/imports', module: 'functions/admin-schools-upload.ts', access: 'admin', touches: { table: 'write', imports: 'write' } },
  { name: 'admin-schools-import-run', method: 'GET', path: '/api/admin/schools/imports/{id}', module: 'functions/admin-schools-import-run.ts', access: 'admin', touches: { table: 'read' } },
  { name: 'admin-careers-lead', method: 'POST', path: '/api/admin/schools/{urn}/careers-lead', module: 'functions/admin-careers-lead.ts', access: 'admin', touches: { table: 'write' } },
  // Bank holidays (issue 17, item 3): GOV.UK's bank-holidays.json adds the one-off changes to the rules; the list's end, with a warning within six months.
  { name: 'admin-bank-holidays-get', method: 'GET', path: '/api/admin/bank-holidays', module: 'functions/admin-bank-holidays-get.ts', access: 'admin', touches: { table: 'read' } },
  { name: 'admin-bank-holidays-put', method: 'PUT', path: '/api/admin/bank-holidays', module: 'functions/admin-bank-holidays-put.ts', access: 'admin', touches: { table: 'write' } },
  // UK GDPR erasure on request: a provider contact or member of staff, by email (platform admins).
  { name: 'admin-erasure', method: 'POST', path: '/api/admin/erasure', module: 'functions/admin-erasure.ts', access: 'admin', touches: { table: 'write' } },
  // The careers lead's emailed links: the page /actions/#token=… (static, the token in its
  // fragment) asks what a link is for, then posts the decision, the token in the body both
  // times, never in an address (issue 12, item 3). Writes nothing / acts once.
  { name: 'action-view', method: 'POST', path: '/api/actions/view', module: 'functions/action-view.ts', access: 'action', touches: { table: 'read' } },
  { name: 'action-decide', method: 'POST', path: '/api/actions', module: 'functions/action-decide.ts', access: 'action', touches: { table: 'write' } },
  // Links emailed before that, with the token in the path, until they expire (14 days): the
  // page moves the token to the fragment at once, reading nothing; the POST serves
  // confirmation pages already open in a browser.
  { name: 'action-page', method: 'GET', path: '/actions/{token}', module: 'functions/action-page.ts', access: 'action', touches: {} },
  { name: 'action-submit', method: 'POST', path: '/api/actions/{token}', module: 'functions/action-submit.ts', access: 'action', touches: { table: 'write' } },
] as const satisfies readonly HttpRoute[];

export const httpRoutes: readonly HttpRoute[] = routeTable;

/** Each row of the table, with its literal values, as a type (the edge types `run`'s caller by it). */
export type RouteRow = (typeof routeTable)[number] | typeof fallbackRoute;

/** A route's name: what an adapter passes `httpHandler`, so a typo does not compile. */
export type RouteName = RouteRow['name'];

/** What the table says of a route, by its name. */
export type RouteNamed<N extends RouteName> = Extract<RouteRow, { name: N }>;

/**
 * Answers every path and method the table does not: 404 for an unknown path, 405 with
 * `Allow` for a known path with the wrong method. API Gateway's `$default` route on AWS.
 */
export const fallbackRoute = {
  name: 'not-found',
  module: 'functions/not-found.ts',
  access: 'public',
  touches: {},
} as const satisfies Omit<HttpRoute, 'method' | 'path'>;

export const eventRoutes: readonly EventRoute[] = [
  // The mailer: the only function that may send email (request events and sign-in links).
  { name: 'notify', kind: 'table-stream', module: 'functions/notify.ts', touches: { table: 'write', mail: 'send', hashKey: 'read' } },
  // Expiry and reminders: writes request events and outbox items; the mailer sends them.
  {
    name: 'daily',
    kind: 'schedule',
    module: 'functions/daily.ts',
    touches: { table: 'write' },
    schedule: { expression: 'cron(0 6 * * ? *)', localEveryMinutes: 60 },
  },
  // SES bounces and complaints: records the address as suppressed so the mailer skips it.
  { name: 'ses-feedback', kind: 'mail-feedback', module: 'functions/ses-feedback.ts', touches: { table: 'write', hashKey: 'read' } },
  // An uploaded GIAS file (issue 17, item 1): reads it from the bucket, writes the schools and the run's progress.
  { name: 'schools-import-object', kind: 'import-upload', module: 'functions/schools-import-object.ts', touches: { table: 'write', imports: 'read' } },
];

/** Matches a concrete path against a route path; returns its parameters or undefined. */
export function matchPath(routePath: string, actual: string): Record<string, string> | undefined {
  const want = routePath.split('/');
  const got = actual.split('/');
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] ?? '';
    const g = got[i] ?? '';
    if (w.startsWith('{') && w.endsWith('}')) {
      if (g === '') return undefined;
      try {
        params[w.slice(1, -1)] = decodeURIComponent(g);
      } catch {
        return undefined;
      }
    } else if (w !== g) {
      return undefined;
    }
  }
  return params;
}

/**
 * The route for a method and path, or the methods the path allows (for a 405). `routes`
 * is the route table (the real one unless a test passes its own). As in API Gateway, a
 * route with fewer path parameters wins (POST /api/actions/view over /api/actions/{token}).
 */
export function findRoute(method: string, path: string, routes: readonly HttpRoute[] = httpRoutes) {
  const allowed: HttpMethod[] = [];
  let best: { route: HttpRoute; params: Record<string, string> } | undefined;
  for (const route of routes) {
    const params = matchPath(route.path, path);
    if (!params) continue;
    if (route.method === method || (method === 'HEAD' && route.method === 'GET')) {
      if (!best || Object.keys(params).length < Object.keys(best.params).length) best = { route, params };
    } else if (!allowed.includes(route.method)) {
      allowed.push(route.method);
    }
  }
  return best ? { ...best, allowed: [] as HttpMethod[] } : { route: undefined, params: undefined, allowed };
}

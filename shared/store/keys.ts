// Every DynamoDB key of the product is built here and nowhere else (DESIGN.md "Data").
// Functions outside shared/store call the named access patterns, never these directly.

export const keys = {
  school: (urn: string) => ({ pk: `SCHOOL#${urn}`, sk: 'PROFILE' }),
  request: (urn: string, id: string) => ({ pk: `SCHOOL#${urn}`, sk: `REQ#${id}` }),
  requestEvent: (urn: string, id: string, at: string, seq: number) => ({
    pk: `SCHOOL#${urn}`,
    sk: `REQ#${id}#EV#${at}#${String(seq).padStart(4, '0')}`,
  }),
  requestEventsPrefix: (id: string) => `REQ#${id}#EV#`,
  opportunity: (urn: string, id: string) => ({ pk: `SCHOOL#${urn}`, sk: `OPP#${id}` }),
  opportunitiesPrefix: () => 'OPP#',
  /** One change of a school's settings, opportunities or staff: who, what, when (audit trail). */
  schoolChange: (urn: string, at: string, id: string) => ({ pk: `SCHOOL#${urn}`, sk: `CHANGE#${at}#${id}` }),
  schoolChangesPrefix: () => 'CHANGE#',
  staff: (urn: string, email: string) => ({ pk: `SCHOOL#${urn}`, sk: `STAFF#${email.toLowerCase()}` }),
  staffPrefix: () => 'STAFF#',
  userSchool: (email: string, urn: string) => ({ pk: `USER#${email.toLowerCase()}`, sk: `SCHOOL#${urn}` }),
  userSchoolsPrefix: () => 'SCHOOL#',
  /** A school a person was careers lead of until replaced: no access, but an erasure still finds what they did there. */
  formerSchool: (email: string, urn: string) => ({ pk: `USER#${email.toLowerCase()}`, sk: `FORMER#${urn}` }),
  formerSchoolsPrefix: () => 'FORMER#',
  slot: (urn: string, date: string, time: string, opportunityId: string) => ({
    pk: `SCHOOL#${urn}`,
    sk: `SLOT#${date}T${time}#${opportunityId}`,
  }),
  slotRange: (from: string, to: string) => ({ lo: `SLOT#${from}`, hi: `SLOT#${to}~` }),
  /** Approved encounters of one year group on one day, with a version for conditional writes. */
  yearGroupDay: (urn: string, date: string, yearGroup: number) => ({ pk: `SCHOOL#${urn}`, sk: `DAY#${date}#Y${String(yearGroup).padStart(2, '0')}` }),
  /** gsi1: a school's requests with one status, by encounter date. */
  requestsByStatus: (urn: string, status: string) => `SCHOOL#${urn}#STATUS#${status}`,
  requestByStatusSort: (date: string, start: string, id: string) => `${date}T${start}#${id}`,
  /** gsi2: every request a provider email has made, newest last. */
  requestsByProvider: (email: string) => `PROVIDER#${email.toLowerCase()}`,
  /** ULIDs sort by time, so the id alone orders a provider's requests and finds one of them. */
  requestByProviderSort: (id: string) => id,
  /**
   * That a mailbox (shared/domain/addresses.ts mailboxOf) has confirmed a request, so its
   * next requests reach the school at once (issue 12, item 2). A table key, apart from the
   * provider index (gsi2) that shares the prefix.
   */
  confirmedAddress: (mailbox: string) => ({ pk: `PROVIDER#${mailbox.toLowerCase()}`, sk: 'CONFIRMED' }),
  /** Tokens and sessions are stored only under the SHA-256 of the secret (never in clear). */
  token: (hash: string) => ({ pk: `TOKEN#${hash}`, sk: 'TOKEN' }),
  session: (hash: string) => ({ pk: `SESSION#${hash}`, sk: 'SESSION' }),
  /** On gsi1 under heldForEmail: an address's sessions and its tokens, told apart by these prefixes. */
  sessionsPrefix: () => 'SESSION#',
  tokensPrefix: () => 'TOKEN#',
  /** One counter per caller (the keyed hash of its IP or address, never the value) and window; TTL removes it once the window is over. */
  rateWindow: (scope: string, subject: string, windowStart: number) => ({ pk: `RATE#${scope}#${subject}`, sk: `W#${windowStart}` }),
  /** Directory search: one item per search term of a school, partitioned by the term's first two characters. */
  directoryTerm: (term: string, urn: string) => ({ pk: `DIR#${term.slice(0, 2)}`, sk: `${term}#${urn}` }),
  directoryPartition: (term: string) => `DIR#${term.slice(0, 2)}`,
  /** That one email for one event and one recipient was sent: makes retried batches send once. */
  mailSent: (eventPk: string, eventSk: string, recipient: string) => ({ pk: eventPk, sk: `MAIL#${eventSk}#${recipient}` }),
  /** An email waiting for the mailer (the stream delivers it); TTL removes it after a week. */
  outbox: (id: string) => ({ pk: `OUTBOX#${id}`, sk: 'OUTBOX' }),
  /** gsi1 on each school profile: every school in one partition, so the daily job visits them all without a scan. */
  schoolsList: () => 'SCHOOLS',
  schoolsListSort: (urn: string) => urn,
  /** That the daily job queued one reminder for a request (and encounter date): each is sent once. */
  reminder: (urn: string, requestId: string, kind: string, date: string) => ({ pk: `SCHOOL#${urn}`, sk: `REMINDER#${requestId}#${kind}#${date}` }),
  /** That the careers lead was emailed about one problem of one booking (issue 11): each is told once. */
  attention: (urn: string, requestId: string, problemKey: string) => ({ pk: `SCHOOL#${urn}`, sk: `ATTENTION#${requestId}#${problemKey}` }),
  /** A published version of a school's provider access policy statement: immutable once written, but for the redaction of its contact. */
  statement: (urn: string, version: number) => ({ pk: `SCHOOL#${urn}`, sk: `STATEMENT#${String(version).padStart(6, '0')}` }),
  statementsPrefix: () => 'STATEMENT#',
  /** gsi2 on a version while it names its careers lead: erasure finds every version naming an address without a scan. */
  statementsNamingLead: (email: string) => `STATEMENT_LEAD#${email.toLowerCase()}`,
  /** gsi1: the versions a person published, so an erasure finds them after their roles are gone (a replaced lead's). */
  statementsPublishedBy: (email: string) => `STATEMENT_PUBLISHER#${email.toLowerCase()}`,
  statementNamingLeadSort: (urn: string, version: number) => `${urn}#${String(version).padStart(6, '0')}`,
  /** That the review reminder for one review date of a school's statement was queued (sent once). */
  statementReviewReminder: (urn: string, reviewDate: string) => ({ pk: `SCHOOL#${urn}`, sk: `STATEMENT_REVIEW#${reviewDate}` }),
  /** The SHA-256 of a school's private calendar feed secret; rotating the feed replaces it. */
  calendarFeed: (urn: string) => ({ pk: `SCHOOL#${urn}`, sk: 'CALENDAR_FEED' }),
  /** A platform admin (imports schools, invites careers leads): one item per person, apart from school roles. */
  platformAdmin: (email: string) => ({ pk: 'PLATFORM#ADMINS', sk: `ADMIN#${email.toLowerCase()}` }),
  /** An address SES reported as bouncing for good or complaining (by its keyed hash, shared/store/keyed-hash.ts): the mailer sends it nothing more. */
  suppressed: (emailHash: string) => ({ pk: `SUPPRESSED#${emailHash}`, sk: 'SUPPRESSED' }),
  /**
   * gsi1: the short-lived items that hold one email address (its sign-in and action tokens,
   * sessions, queued sign-in emails), so an erasure finds them without a scan.
   */
  heldForEmail: (email: string) => `EMAIL#${email.toLowerCase()}`,
  /** One erasure carried out (when, by whom, how much), without the erased address. */
  erasure: (at: string, id: string) => ({ pk: 'ERASURES', sk: `${at}#${id}` }),
  /** Idempotency records of Powertools, all under one partition per function. */
  idempotencyPartition: (functionName: string) => `IDEMPOTENCY#${functionName}`,
  /** A fixed item the health check reads: proves the table answers, touches no data. */
  health: () => ({ pk: 'HEALTH', sk: 'HEALTH' }),
} as const;

/** The table attributes that are keys, stripped before an item leaves the store. */
export const KEY_ATTRIBUTES = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'expiresAt'] as const;

/** An item as the rest of the code knows it: without keys, index attributes or item type. */
export function fromItem<T>(item: Record<string, unknown>): T {
  const copy: Record<string, unknown> = { ...item };
  for (const k of KEY_ATTRIBUTES) delete copy[k];
  delete copy.itemType;
  return copy as T;
}

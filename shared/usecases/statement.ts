// The provider access policy statement (issue 6 item 1): read a published version (page
// and JSON), publish a new version from the live settings, the lead's view with a draft
// and the snippet for the school's website, and the yearly review (dashboard warning and
// one reminder email per review date, queued by the daily job). And the redaction of a
// replaced or erased careers lead's contact from the versions that name them (issue 12,
// item 10; how that squares with immutable versions: shared/store/statements.ts).
import { formatDateShort } from '#shared/domain/dates.ts';
import {
  buildStatement,
  isReviewDue,
  nextReviewDate,
  redactedContact,
  requestUrlOf,
  statementReviewMessage,
  type ManageStatementAnswer,
  type StatementAnswer,
  type StatementApproval,
  type StatementEmbed,
  type StatementVersionLink,
} from '#shared/domain/statement.ts';
import { londonDate } from '#shared/domain/timezone.ts';
import { DomainError } from '#shared/domain/errors.ts';
import { escapeHtml } from '#shared/domain/html.ts';
import { siteUrl } from '#shared/mail/links.ts';
import type { Store } from '#shared/store/client.ts';
import { listOpportunities } from '#shared/store/opportunities.ts';
import { getSchoolProfile, listAllSchools, versionOf } from '#shared/store/schools.ts';
import type { StoredSchool } from '#shared/domain/records.ts';
import { SCHOOL_EDITOR_ROLES, type StaffRole } from '#shared/domain/roles.ts';
import {
  getStatementVersion,
  listStatementContacts,
  listStatementsNamingLead,
  listStatementsPublishedBy,
  listStatementVersions,
  noVersionAfter,
  publishStatementVersion,
  queueStatementReviewOnce,
  redactionUpdate,
  statementPointerOf,
  type StatementContactRef,
  type StatementPointer,
  type StatementRedaction,
  type StatementVersionSummary,
  type StoredStatement,
} from '#shared/store/statements.ts';
import { MAX_TRANSACTION_ITEMS, transactInChunks, type TransactItems } from '#shared/store/transact.ts';
import { requireSchool } from './schools.ts';

/** Who may publish: the careers lead or a trust admin (a deputy prepares, they publish). */
export const STATEMENT_PUBLISHER_ROLES = SCHOOL_EDITOR_ROLES;

/** The statement's address on the site: the latest, or one version. */
export function statementUrl(urn: string, version?: number): string {
  return siteUrl(`/schools/${encodeURIComponent(urn)}/statement${version ? `?version=${version}` : ''}`);
}

export function schoolRequestUrl(urn: string): string {
  return requestUrlOf(siteUrl('/'), urn);
}

export function statementEmbed(urn: string, schoolName: string): StatementEmbed {
  const url = statementUrl(urn);
  const title = `${schoolName}: provider access policy statement`;
  return {
    url,
    link: `<a href="${escapeHtml(url)}">Provider access policy statement</a>`,
    iframe: `<iframe src="${escapeHtml(url)}" title="${escapeHtml(title)}" width="100%" height="900" loading="lazy"></iframe>`,
  };
}

function versionLinks(urn: string, versions: StatementVersionSummary[]): StatementVersionLink[] {
  return versions.map((v) => ({ version: v.version, publishedAt: v.publishedAt, approvedOn: v.approvedOn, url: statementUrl(urn, v.version) }));
}

export type PublishedStatement =
  | { kind: 'found'; answer: StatementAnswer }
  | { kind: 'no-school' }
  | { kind: 'not-published'; school: StoredSchool }
  | { kind: 'no-version'; school: StoredSchool; latest: number };

/** One published version (the latest when `version` is left out), or why there is none. */
export async function findPublishedStatement(store: Store, urn: string, version: number | undefined, now = new Date()): Promise<PublishedStatement> {
  const school = await getSchoolProfile(store, urn);
  if (!school) return { kind: 'no-school' };
  const pointer = statementPointerOf(school);
  if (!pointer) return { kind: 'not-published', school };
  const wanted = version ?? pointer.version;
  if (wanted > pointer.version) return { kind: 'no-version', school, latest: pointer.version };
  const [statement, versions] = await Promise.all([getStatementVersion(store, urn, wanted), listStatementVersions(store, urn)]);
  if (!statement) return { kind: 'no-version', school, latest: pointer.version };
  return { kind: 'found', answer: statementAnswer(school, pointer, statement, versions, now) };
}

function statementAnswer(school: StoredSchool, pointer: StatementPointer, s: StoredStatement, versions: StatementVersionSummary[], now: Date): StatementAnswer {
  return {
    urn: s.urn,
    schoolName: s.content.school.name,
    version: s.version,
    publishedAt: s.publishedAt,
    latestVersion: pointer.version,
    isLatest: s.version === pointer.version,
    reviewDue: isReviewDue(pointer, londonDate(now.toISOString())),
    url: statementUrl(school.urn, s.version),
    latestUrl: statementUrl(school.urn),
    content: s.content,
    ...(s.redaction ? { redaction: { at: s.redaction.at, reason: s.redaction.reason } } : {}),
    versions: versionLinks(school.urn, versions),
  };
}

/** The JSON answer: the statement, or a refusal saying why there is none. */
export async function publicStatement(store: Store, urn: string, version?: number, now = new Date()): Promise<StatementAnswer> {
  const found = await findPublishedStatement(store, urn, version, now);
  if (found.kind === 'found') return found.answer;
  if (found.kind === 'no-school') throw new DomainError('SCHOOL_NOT_FOUND', `There is no school with URN ${urn}. Check the number, or search by name.`);
  if (found.kind === 'not-published') {
    throw new DomainError('STATEMENT_NOT_PUBLISHED', `${found.school.name} has not published its provider access policy statement on this service yet.`);
  }
  throw new DomainError('STATEMENT_VERSION_NOT_FOUND', `${found.school.name} has no version ${version} of its statement; the latest is version ${found.latest}.`);
}

/** The careers lead's statement page: what is published, a draft from the live settings, the snippet. */
export async function manageStatement(store: Store, urn: string, now = new Date()): Promise<ManageStatementAnswer> {
  const [school, opportunities, versions] = await Promise.all([requireSchool(store, urn), listOpportunities(store, urn), listStatementVersions(store, urn)]);
  const today = londonDate(now.toISOString());
  const pointer = statementPointerOf(school);
  const due = pointer ? isReviewDue(pointer, today) : false;
  return {
    urn,
    ...(pointer
      ? {
          published: {
            version: pointer.version,
            publishedAt: pointer.publishedAt,
            approvedBy: pointer.approvedBy,
            approvedOn: pointer.approvedOn,
            nextReviewOn: pointer.nextReviewOn,
            reviewDue: due,
            url: statementUrl(urn, pointer.version),
          },
        }
      : {}),
    ...(pointer && due ? { reviewMessage: statementReviewMessage(pointer) } : {}),
    draft: buildStatement(school, opportunities, { approvedBy: pointer?.approvedBy ?? 'the governing board', approvedOn: today }, { siteUrl: siteUrl('/') }),
    embed: statementEmbed(urn, school.name),
    versions: versionLinks(urn, versions),
  };
}

/**
 * Publishes a new version from the school's live settings and opportunities: the content
 * is built now and kept as it is; the profile points at it; earlier versions stay.
 */
export async function publishStatement(
  store: Store,
  urn: string,
  editor: { email: string; role: StaffRole },
  body: StatementApproval,
  now = new Date(),
): Promise<ManageStatementAnswer> {
  if (!STATEMENT_PUBLISHER_ROLES.includes(editor.role)) {
    throw new DomainError('PUBLISHER_ROLE_REQUIRED', "Only the school's careers lead or a trust admin can publish the statement. Ask them to publish it.");
  }
  const today = londonDate(now.toISOString());
  if (body.approvedOn > today) {
    throw new DomainError('APPROVAL_DATE_IN_FUTURE', 'The approval date is in the future. Publish the statement once it has been approved.', {
      fields: { approvedOn: `Enter a date on or before ${formatDateShort(today)}.` },
      rule: 'S-REVIEW',
    });
  }
  if (nextReviewDate(body.approvedOn) <= today) {
    throw new DomainError('APPROVAL_OUT_OF_DATE', `A statement approved on ${formatDateShort(body.approvedOn)} is already due for its yearly review. Have it approved again, then publish it.`, {
      fields: { approvedOn: 'Enter the date of an approval within the last year.' },
      rule: 'S-REVIEW',
    });
  }
  const [school, opportunities] = await Promise.all([requireSchool(store, urn), listOpportunities(store, urn)]);
  const missing: Record<string, string> = {};
  if (!school.careersLead.email) missing['settings.careersLead'] = 'Enter the careers lead, with their email, in the settings (S-PROCEDURE).';
  if (!school.premises.trim()) missing['settings.premises'] = 'Describe the premises and facilities you provide in the settings (S-PREMISES).';
  if (Object.keys(missing).length > 0) {
    throw new DomainError('STATEMENT_INCOMPLETE', 'The statement needs the careers lead and the premises text from your settings before it can be published.', { fields: missing });
  }
  const latest = statementPointerOf(school)?.version ?? 0;
  const statement: StoredStatement = {
    urn,
    version: latest + 1,
    publishedAt: now.toISOString(),
    publishedBy: editor.email,
    approvedOn: body.approvedOn,
    content: buildStatement(school, opportunities, body, { siteUrl: siteUrl('/') }),
  };
  if (!(await publishStatementVersion(store, statement, latest, versionOf(school, 'version')))) {
    throw new DomainError(
      'STATEMENT_CHANGED',
      'Someone else published a version of the statement, or changed the settings it is made from, just now. Reload the page to see it, then publish again if you still need to.',
    );
  }
  return manageStatement(store, urn, now);
}

/** The dashboard's warning when the latest statement has passed its review date. */
export function statementReviewDue(school: StoredSchool, today: string): { version: number; nextReviewOn: string; message: string } | undefined {
  const pointer = statementPointerOf(school);
  if (!pointer || !isReviewDue(pointer, today)) return undefined;
  return { version: pointer.version, nextReviewOn: pointer.nextReviewOn, message: statementReviewMessage(pointer) };
}

/** One school's review reminder, queued once per review date (for the daily job's walk). */
export async function statementReviewReminderFor(store: Store, school: StoredSchool, now = new Date()): Promise<'queued' | 'already-queued' | 'not-due'> {
  const pointer = statementPointerOf(school);
  if (!pointer || !isReviewDue(pointer, londonDate(now.toISOString()))) return 'not-due';
  return queueStatementReviewOnce(store, school.urn, pointer, now);
}

export interface StatementReviewSummary {
  schools: number;
  due: number;
  queued: number;
  alreadyQueued: number;
}

/** Every school whose statement is due for review gets one reminder email to its lead. */
export async function statementReviewReminders(store: Store, now = new Date()): Promise<StatementReviewSummary> {
  const summary: StatementReviewSummary = { schools: 0, due: 0, queued: 0, alreadyQueued: 0 };
  for await (const page of listAllSchools(store)) {
    for (const school of page) {
      summary.schools++;
      const result = await statementReviewReminderFor(store, school, now);
      if (result === 'not-due') continue;
      summary.due++;
      if (result === 'queued') summary.queued++;
      else summary.alreadyQueued++;
    }
  }
  return summary;
}

// ---- redacting a replaced or erased careers lead (issue 12, item 10) ---------------------

/**
 * Room kept in the caller's transaction for its own items (the profile, the audit item,
 * staff roles); the rest of DynamoDB's 100 is for redactions. A school with more versions
 * naming the lead than that has its oldest ones redacted first, in their own transactions:
 * they are superseded, so losing their contact a moment early harms no one even if the
 * change then fails.
 */
const ROOM_FOR_CALLER = 10;

/**
 * The transaction items that redact, from every version of the school naming its present
 * careers lead, that lead's contact, when `next` is someone else (another address): to go
 * in the same transaction as the change that replaces the lead and its audit item, which
 * names who did it (`by` gives their role, `at` the audit item's time). Nothing when the
 * lead stays the same. With the redactions, a check that no version was published since
 * they were read, so the transaction fails (and is tried again) rather than miss one.
 */
export async function careersLeadReplacement(
  store: Store,
  school: StoredSchool,
  next: { email: string },
  by: { role: string; at: string },
): Promise<TransactItems> {
  const previous = school.careersLead.email.trim().toLowerCase();
  if (!previous || previous === next.email.trim().toLowerCase()) return [];
  const versions = await listStatementContacts(store, school.urn);
  const latest = versions.reduce((n, v) => Math.max(n, v.version), 0);
  const marker: StatementRedaction = { at: by.at, reason: 'careers-lead-replaced', byRole: by.role };
  const items = versions.filter((v) => v.leadEmail?.toLowerCase() === previous).map((v) => redactionUpdate(store, v, { contact: { redacted: redactedContact(statementUrl(school.urn)), marker } }));
  const room = MAX_TRANSACTION_ITEMS - ROOM_FOR_CALLER - 1;
  const surplus = items.slice(0, Math.max(0, items.length - room));
  await transactInChunks(store, surplus);
  return [...items.slice(surplus.length), noVersionAfter(store, school.urn, latest)];
}

/**
 * For an erasure: the items that redact the erased address wherever a version still names
 * it as careers lead (gsi2: any school, whatever roles remain), and that replace it as the
 * publisher of versions at `schools` (their schools while they had roles). To go in the
 * transaction of the erasure record (`erasureId`), which says who erased and when.
 */
export async function erasedLeadRedactions(
  store: Store,
  subject: string,
  placeholder: string,
  erasure: { id: string; at: string; schools: readonly string[] },
): Promise<TransactItems> {
  const email = subject.trim().toLowerCase();
  const found = new Map<string, StatementContactRef>();
  for (const v of await listStatementsNamingLead(store, email)) found.set(`${v.urn}#${v.version}`, v);
  for (const urn of new Set(erasure.schools)) {
    for (const v of await listStatementContacts(store, urn)) if (v.publishedBy.toLowerCase() === email) found.set(`${v.urn}#${v.version}`, v);
  }
  // Also where they no longer have a role (a careers lead replaced since: issue 12, item 4).
  for (const v of await listStatementsPublishedBy(store, email)) found.set(`${v.urn}#${v.version}`, v);
  const marker: StatementRedaction = { at: erasure.at, reason: 'erased', byRole: 'platform_admin', erasureId: erasure.id };
  return [...found.values()].flatMap((v) => {
    const namesLead = v.leadEmail?.toLowerCase() === email;
    const published = v.publishedBy.toLowerCase() === email;
    if (!namesLead && !published) return [];
    return [
      redactionUpdate(store, v, {
        ...(namesLead ? { contact: { redacted: redactedContact(statementUrl(v.urn)), marker } } : {}),
        ...(published ? { publishedBy: placeholder } : {}),
      }),
    ];
  });
}

// The provider access policy statement (issue 6 item 1): read a published version (page
// and JSON), publish a new version from the live settings, the lead's view with a draft
// and the snippet for the school's website, and the yearly review (dashboard warning and
// one reminder email per review date, queued by the daily job).
import type { ManageStatementAnswer, PublishStatementBody, StatementAnswer, StatementEmbed, StatementVersionLink } from '#shared/api/statement.ts';
import { formatDateShort } from '#shared/domain/dates.ts';
import { buildStatement, isReviewDue, nextReviewDate, requestUrlOf, statementReviewMessage } from '#shared/domain/statement.ts';
import { londonDate } from '#shared/domain/timezone.ts';
import { AppError, ConflictError, NotFoundError } from '#shared/errors.ts';
import { escapeHtml } from '#shared/html.ts';
import { siteUrl } from '#shared/mail/links.ts';
import type { Store } from '#shared/store/client.ts';
import { listOpportunities } from '#shared/store/opportunities.ts';
import { getSchoolProfile, listAllSchools, type StoredSchool } from '#shared/store/schools.ts';
import type { StaffRole } from '#shared/store/staff.ts';
import {
  getStatementVersion,
  listStatementVersions,
  publishStatementVersion,
  queueStatementReviewOnce,
  statementPointerOf,
  type StatementPointer,
  type StatementVersionSummary,
  type StoredStatement,
} from '#shared/store/statements.ts';
import { requireSchool } from './schools.ts';

/** Who may publish: the careers lead or a trust admin (a deputy prepares, they publish). */
export const STATEMENT_PUBLISHER_ROLES: readonly StaffRole[] = ['careers_lead', 'trust_admin'];

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
    versions: versionLinks(school.urn, versions),
  };
}

/** The JSON answer: the statement, or the contract's 404 saying why there is none. */
export async function publicStatement(store: Store, urn: string, version?: number, now = new Date()): Promise<StatementAnswer> {
  const found = await findPublishedStatement(store, urn, version, now);
  if (found.kind === 'found') return found.answer;
  if (found.kind === 'no-school') throw new NotFoundError('SCHOOL_NOT_FOUND', `There is no school with URN ${urn}. Check the number, or search by name.`);
  if (found.kind === 'not-published') {
    throw new NotFoundError('STATEMENT_NOT_PUBLISHED', `${found.school.name} has not published its provider access policy statement on this service yet.`);
  }
  throw new NotFoundError('STATEMENT_VERSION_NOT_FOUND', `${found.school.name} has no version ${version} of its statement; the latest is version ${found.latest}.`);
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
  body: PublishStatementBody,
  now = new Date(),
): Promise<ManageStatementAnswer> {
  if (!STATEMENT_PUBLISHER_ROLES.includes(editor.role)) {
    throw new AppError(403, 'PUBLISHER_ROLE_REQUIRED', "Only the school's careers lead or a trust admin can publish the statement. Ask them to publish it.");
  }
  const today = londonDate(now.toISOString());
  if (body.approvedOn > today) {
    throw new AppError(422, 'APPROVAL_DATE_IN_FUTURE', 'The approval date is in the future. Publish the statement once it has been approved.', {
      fields: { approvedOn: `Enter a date on or before ${formatDateShort(today)}.` },
      rule: 'S-REVIEW',
    });
  }
  if (nextReviewDate(body.approvedOn) <= today) {
    throw new AppError(422, 'APPROVAL_OUT_OF_DATE', `A statement approved on ${formatDateShort(body.approvedOn)} is already due for its yearly review. Have it approved again, then publish it.`, {
      fields: { approvedOn: 'Enter the date of an approval within the last year.' },
      rule: 'S-REVIEW',
    });
  }
  const [school, opportunities] = await Promise.all([requireSchool(store, urn), listOpportunities(store, urn)]);
  const missing: Record<string, string> = {};
  if (!school.careersLead.email) missing['settings.careersLead'] = 'Enter the careers lead, with their email, in the settings (S-PROCEDURE).';
  if (!school.premises.trim()) missing['settings.premises'] = 'Describe the premises and facilities you provide in the settings (S-PREMISES).';
  if (Object.keys(missing).length > 0) {
    throw new AppError(422, 'STATEMENT_INCOMPLETE', 'The statement needs the careers lead and the premises text from your settings before it can be published.', { fields: missing });
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
  if (!(await publishStatementVersion(store, statement, latest))) {
    throw new ConflictError('STATEMENT_CHANGED', 'Someone else published a version of the statement just now. Reload the page to see it, then publish again if you still need to.');
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

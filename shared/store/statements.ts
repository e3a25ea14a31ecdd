// Access patterns for published policy statements. Each version is its own immutable item
// (written once, never updated); the school profile holds a small pointer to the latest
// (`statement`), set in the same transaction, so a page of the school reads the pointer
// with the profile and only the page of the statement reads the version item.
//
// One exception to "never updated", for personal data (issue 12, item 10): a version's
// S-PROCEDURE contact is replaced by a redaction once its careers lead is replaced or
// erased (redactionUpdate). That update can do nothing else: it is conditional on the
// version still naming that lead and never having been redacted, it writes a marker saying
// when, why and by which role (`redaction`), and it goes in the same transaction as the
// audit item of the change that caused it (the settings change, the admin's appointment or
// the erasure record), so the audit trail says who. The rest of the version's text is kept
// word for word, and published versions are otherwise as immutable as before.
//
// While a version names its lead it sits on gsi2 under that address (statementsNamingLead),
// so an erasure finds every version naming an address without a scan; redaction takes it off.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { RedactedStatementContact, StatementContent } from '#shared/domain/statement.ts';
import type { IsoDate } from '#shared/domain/types.ts';
import { queryEvery, type Store } from './client.ts';
import { fromItem, schoolPartition, sortKeyBeginsWith } from './keys.ts';
import { outboxItem } from './outbox.ts';
import { schoolKey } from './schools.ts';
import type { StatementReviewMessage, StoredSchool } from '#shared/domain/records.ts';
import { transact, TransactionCancelled, type TransactItems } from './transact.ts';

const STATEMENT_PREFIX = 'STATEMENT#';
const versionNumber = (version: number) => String(version).padStart(6, '0');
/** A published version of a school's statement: immutable once written, but for the redaction of its contact. */
const statementKey = (urn: string, version: number) => ({ pk: schoolPartition(urn), sk: `${STATEMENT_PREFIX}${versionNumber(version)}` });
/** gsi2 on a version while it names its careers lead: erasure finds every version naming an address without a scan. */
export const statementsNamingLead = (email: string) => `STATEMENT_LEAD#${email.toLowerCase()}`;
/** gsi1: the versions a person published, so an erasure finds them after their roles are gone (a replaced lead's). */
const statementsPublishedBy = (email: string) => `STATEMENT_PUBLISHER#${email.toLowerCase()}`;
/** The sort key of a version on both indexes. */
const indexSort = (urn: string, version: number) => `${urn}#${versionNumber(version)}`;
/** That the review reminder for one review date of a school's statement was queued (sent once). */
const reviewReminderKey = (urn: string, reviewDate: string) => ({ pk: schoolPartition(urn), sk: `STATEMENT_REVIEW#${reviewDate}` });
const versionsQuery = (urn: string) => sortKeyBeginsWith(schoolPartition(urn), STATEMENT_PREFIX);

/** What the profile keeps of its latest published statement. */
export interface StatementPointer {
  version: number;
  publishedAt: string;
  approvedBy: string;
  approvedOn: IsoDate;
  nextReviewOn: IsoDate;
}

/** That a version's contact was removed: when, why, and by which role (the audit item written with it names the person). */
export interface StatementRedaction {
  at: string;
  /** The school named another careers lead, or the lead's personal data was erased on request (UK GDPR Art. 17). */
  reason: 'careers-lead-replaced' | 'erased';
  /** careers_lead, trust_admin, deputy or platform_admin. */
  byRole: string;
  /** For an erasure, the id of its record (shared/store/personal-data.ts recordErasure). */
  erasureId?: string;
}

export interface StoredStatement {
  urn: string;
  version: number;
  publishedAt: string;
  /** The member of staff who published it (an erased one's placeholder after erasure). */
  publishedBy: string;
  approvedOn: IsoDate;
  content: StatementContent;
  redaction?: StatementRedaction;
}

/** What a redaction reads of a version: the lead it names (none once redacted) and who published it. */
export interface StatementContactRef {
  urn: string;
  version: number;
  /** The lead's address as stored, while the version names them. */
  leadEmail?: string;
  publishedBy: string;
  redacted: boolean;
}

export type StatementVersionSummary = Pick<StoredStatement, 'version' | 'publishedAt' | 'approvedOn'>;

/** The pointer on a profile, if the school has ever published. */
export function statementPointerOf(school: StoredSchool): StatementPointer | undefined {
  return (school as StoredSchool & { statement?: StatementPointer }).statement;
}

/**
 * Writes version `expectedLatest + 1` and points the profile at it, all or nothing. The
 * version item may not exist yet, the profile must still point at `expectedLatest` (none
 * for 0) and its settings must still be at `settingsVersion`, the settings the content was
 * built from (so a careers lead replaced meanwhile, whose earlier versions were just
 * redacted, is not published again): false when someone published or saved in between.
 */
export async function publishStatementVersion(store: Store, statement: StoredStatement, expectedLatest: number, settingsVersion: number): Promise<boolean> {
  const pointer: StatementPointer = {
    version: statement.version,
    publishedAt: statement.publishedAt,
    approvedBy: statement.content.review.approvedBy,
    approvedOn: statement.content.review.approvedOn,
    nextReviewOn: statement.content.review.nextReviewOn,
  };
  const latest = expectedLatest === 0 ? 'attribute_not_exists(#s)' : '#s.#v = :expected';
  const settings = settingsVersion === 0 ? '(attribute_not_exists(#ver) OR #ver = :settings)' : '#ver = :settings';
  const lead = statement.content.procedure.careersLead;
  const index = {
    ...('email' in lead ? { gsi2pk: statementsNamingLead(lead.email), gsi2sk: indexSort(statement.urn, statement.version) } : {}),
    gsi1pk: statementsPublishedBy(statement.publishedBy),
    gsi1sk: indexSort(statement.urn, statement.version),
  };
  try {
    await transact(store, [
      {
        Update: {
          TableName: store.tableName,
          Key: schoolKey(statement.urn),
          UpdateExpression: 'SET #s = :pointer',
          ConditionExpression: `attribute_exists(pk) AND ${latest} AND ${settings}`,
          ExpressionAttributeNames: { '#s': 'statement', '#ver': 'version', ...(expectedLatest === 0 ? {} : { '#v': 'version' }) },
          ExpressionAttributeValues: { ':pointer': pointer, ':settings': settingsVersion, ...(expectedLatest === 0 ? {} : { ':expected': expectedLatest }) },
        },
      },
      {
        Put: {
          TableName: store.tableName,
          Item: { ...statementKey(statement.urn, statement.version), ...index, itemType: 'statement', ...statement },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    ]);
    return true;
  } catch (err) {
    if (err instanceof TransactionCancelled && (err.failedCondition(0) || err.failedCondition(1))) return false;
    throw err;
  }
}

export async function getStatementVersion(store: Store, urn: string, version: number): Promise<StoredStatement | undefined> {
  const out = await store.doc.send(new GetCommand({ TableName: store.tableName, Key: statementKey(urn, version) }));
  return out.Item ? fromItem<StoredStatement>(out.Item) : undefined;
}

/** Every published version of a school's statement, newest first, without their content. */
export async function listStatementVersions(store: Store, urn: string): Promise<StatementVersionSummary[]> {
  const items = await queryEvery(store, {
    ...versionsQuery(urn),
    ProjectionExpression: '#v, publishedAt, approvedOn',
    ExpressionAttributeNames: { '#v': 'version' },
    ScanIndexForward: false,
  });
  return items as StatementVersionSummary[];
}

const CONTACT_PROJECTION = {
  ProjectionExpression: '#v, publishedBy, redaction, #c.#p.#l.#e',
  ExpressionAttributeNames: { '#v': 'version', '#c': 'content', '#p': 'procedure', '#l': 'careersLead', '#e': 'email' },
};

function contactRef(urn: string, item: Record<string, unknown>): StatementContactRef {
  const i = item as { version: number; publishedBy?: string; redaction?: unknown; content?: { procedure?: { careersLead?: { email?: string } } } };
  const leadEmail = i.redaction ? undefined : i.content?.procedure?.careersLead?.email;
  return { urn, version: Number(i.version), publishedBy: i.publishedBy ?? '', redacted: Boolean(i.redaction), ...(leadEmail ? { leadEmail } : {}) };
}

/** Every version of a school with whom it names and who published it, oldest first (read consistently: a version published a moment ago is there). */
export async function listStatementContacts(store: Store, urn: string): Promise<StatementContactRef[]> {
  const items = await queryEvery(store, {
    ...versionsQuery(urn),
    ...CONTACT_PROJECTION,
    ConsistentRead: true,
  });
  return items.map((i) => contactRef(urn, i));
}

/** The versions of any school listed under one partition of an index. */
async function versionsOnIndex(store: Store, index: 'gsi1' | 'gsi2', partition: string): Promise<StatementContactRef[]> {
  const items = await queryEvery(store, { IndexName: index, KeyConditionExpression: `${index}pk = :pk`, ExpressionAttributeValues: { ':pk': partition } });
  return items.map((i) => contactRef(String(i.urn), i));
}

/** Every version, of any school, that still names this address as its careers lead (gsi2). */
export async function listStatementsNamingLead(store: Store, email: string): Promise<StatementContactRef[]> {
  return versionsOnIndex(store, 'gsi2', statementsNamingLead(email));
}

/** Every version, of any school, this address published (gsi1), whatever roles it has now. */
export async function listStatementsPublishedBy(store: Store, email: string): Promise<StatementContactRef[]> {
  return versionsOnIndex(store, 'gsi1', statementsPublishedBy(email));
}

/**
 * The one update a published version may have (see the top of this file): its contact
 * replaced by the redaction with its marker, taken off the lead index; and/or, for an
 * erasure, its publisher replaced by the placeholder. Conditional on the version still
 * being as `ref` read it, so nothing else of it can change and a redaction happens once.
 */
export function redactionUpdate(
  store: Store,
  ref: StatementContactRef,
  change: { contact?: { redacted: RedactedStatementContact; marker: StatementRedaction }; publishedBy?: string },
): TransactItems[number] {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const set: string[] = [];
  const conditions = ['attribute_exists(pk)'];
  let remove = '';
  if (change.contact) {
    if (!ref.leadEmail) throw new Error(`version ${ref.version} of ${ref.urn} names no careers lead to redact`);
    Object.assign(names, { '#c': 'content', '#p': 'procedure', '#l': 'careersLead', '#e': 'email', '#r': 'redaction' });
    Object.assign(values, { ':contact': change.contact.redacted, ':marker': change.contact.marker, ':lead': ref.leadEmail });
    set.push('#c.#p.#l = :contact', '#r = :marker');
    conditions.push('#c.#p.#l.#e = :lead', 'attribute_not_exists(#r)');
    remove = ' REMOVE gsi2pk, gsi2sk';
  }
  if (change.publishedBy !== undefined) {
    Object.assign(values, { ':publisher': change.publishedBy, ':publishedBy': ref.publishedBy });
    set.push('publishedBy = :publisher');
    conditions.push('publishedBy = :publishedBy');
    remove = remove ? `${remove}, gsi1pk, gsi1sk` : ' REMOVE gsi1pk, gsi1sk';
  }
  return {
    Update: {
      TableName: store.tableName,
      Key: statementKey(ref.urn, ref.version),
      UpdateExpression: `SET ${set.join(', ')}${remove}`,
      ConditionExpression: conditions.join(' AND '),
      ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
      ExpressionAttributeValues: values,
    },
  };
}

/** That no version after `latest` has been published: goes with redactions, so none published meanwhile is missed. */
export function noVersionAfter(store: Store, urn: string, latest: number): TransactItems[number] {
  return { ConditionCheck: { TableName: store.tableName, Key: statementKey(urn, latest + 1), ConditionExpression: 'attribute_not_exists(pk)' } };
}

/**
 * Queues the review reminder for one review date of a school's statement, once: a marker
 * item and the outbox item in one transaction, the marker conditional on being new.
 */
export async function queueStatementReviewOnce(
  store: Store,
  urn: string,
  pointer: StatementPointer,
  now: Date,
): Promise<'queued' | 'already-queued'> {
  const message: StatementReviewMessage = { kind: 'statement-review', urn, version: pointer.version, nextReviewOn: pointer.nextReviewOn };
  try {
    await transact(store, [
      {
        Put: {
          TableName: store.tableName,
          Item: { ...reviewReminderKey(urn, pointer.nextReviewOn), itemType: 'statementReviewReminder', urn, version: pointer.version, queuedAt: now.toISOString() },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      { Put: { TableName: store.tableName, Item: outboxItem(message, now) } },
    ]);
    return 'queued';
  } catch (err) {
    if (err instanceof TransactionCancelled && err.failedCondition(0)) return 'already-queued';
    throw err;
  }
}

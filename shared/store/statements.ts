// Access patterns for published policy statements. Each version is its own immutable item
// (written once, never updated); the school profile holds a small pointer to the latest
// (`statement`), set in the same transaction, so a page of the school reads the pointer
// with the profile and only the page of the statement reads the version item.
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { StatementContent } from '#shared/domain/statement.ts';
import type { IsoDate } from '#shared/domain/types.ts';
import type { Store } from './client.ts';
import { fromItem, keys } from './keys.ts';
import { outboxItem, type StatementReviewMessage } from './outbox.ts';
import type { StoredSchool } from './schools.ts';
import { transact, TransactionCancelled } from './transact.ts';

/** What the profile keeps of its latest published statement. */
export interface StatementPointer {
  version: number;
  publishedAt: string;
  approvedBy: string;
  approvedOn: IsoDate;
  nextReviewOn: IsoDate;
}

export interface StoredStatement {
  urn: string;
  version: number;
  publishedAt: string;
  /** The member of staff who published it. */
  publishedBy: string;
  approvedOn: IsoDate;
  content: StatementContent;
}

export type StatementVersionSummary = Pick<StoredStatement, 'version' | 'publishedAt' | 'approvedOn'>;

/** The pointer on a profile, if the school has ever published. */
export function statementPointerOf(school: StoredSchool): StatementPointer | undefined {
  return (school as StoredSchool & { statement?: StatementPointer }).statement;
}

/**
 * Writes version `expectedLatest + 1` and points the profile at it, all or nothing. The
 * version item may not exist yet and the profile must still point at `expectedLatest`
 * (none for 0): false when someone published in between.
 */
export async function publishStatementVersion(store: Store, statement: StoredStatement, expectedLatest: number): Promise<boolean> {
  const pointer: StatementPointer = {
    version: statement.version,
    publishedAt: statement.publishedAt,
    approvedBy: statement.content.review.approvedBy,
    approvedOn: statement.content.review.approvedOn,
    nextReviewOn: statement.content.review.nextReviewOn,
  };
  const latest = expectedLatest === 0 ? 'attribute_not_exists(#s)' : '#s.#v = :expected';
  try {
    await transact(store, [
      {
        Update: {
          TableName: store.tableName,
          Key: keys.school(statement.urn),
          UpdateExpression: 'SET #s = :pointer',
          ConditionExpression: `attribute_exists(pk) AND ${latest}`,
          ExpressionAttributeNames: { '#s': 'statement', ...(expectedLatest === 0 ? {} : { '#v': 'version' }) },
          ExpressionAttributeValues: { ':pointer': pointer, ...(expectedLatest === 0 ? {} : { ':expected': expectedLatest }) },
        },
      },
      {
        Put: {
          TableName: store.tableName,
          Item: { ...keys.statement(statement.urn, statement.version), itemType: 'statement', ...statement },
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
  const out = await store.doc.send(new GetCommand({ TableName: store.tableName, Key: keys.statement(urn, version) }));
  return out.Item ? fromItem<StoredStatement>(out.Item) : undefined;
}

/** Every published version of a school's statement, newest first, without their content. */
export async function listStatementVersions(store: Store, urn: string): Promise<StatementVersionSummary[]> {
  const found: StatementVersionSummary[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await store.doc.send(
      new QueryCommand({
        TableName: store.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': keys.school(urn).pk, ':prefix': keys.statementsPrefix() },
        ProjectionExpression: '#v, publishedAt, approvedOn',
        ExpressionAttributeNames: { '#v': 'version' },
        ScanIndexForward: false,
        ExclusiveStartKey: start,
      }),
    );
    for (const item of out.Items ?? []) found.push(item as StatementVersionSummary);
    start = out.LastEvaluatedKey;
  } while (start);
  return found;
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
          Item: { ...keys.statementReviewReminder(urn, pointer.nextReviewOn), itemType: 'statementReviewReminder', urn, version: pointer.version, queuedAt: now.toISOString() },
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

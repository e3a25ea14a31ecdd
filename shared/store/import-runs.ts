// The runs of the GIAS upload (issue 17, item 1): one item per run, read by its id (the
// admin's page polls it) and written by the function S3 triggers. Keys only here.
//   IMPORT#<id> / RUN    expiresAt: a year on (the summary is the record of what was imported)
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ImportProgress, ImportRun, ImportSummary } from '#shared/domain/onboarding.ts';
import { conditionHeld, type Store } from './client.ts';
import { fromItem } from './keys.ts';

const runKey = (id: string) => ({ pk: `IMPORT#${id}`, sk: 'RUN' });
const KEPT_SECONDS = 366 * 24 * 3600;

export async function putNewImportRun(store: Store, run: ImportRun): Promise<void> {
  await store.doc.send(
    new PutCommand({
      TableName: store.tableName,
      Item: { ...runKey(run.id), itemType: 'import-run', expiresAt: Math.floor(Date.parse(run.createdAt) / 1000) + KEPT_SECONDS, ...run },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

export async function getImportRun(store: Store, id: string): Promise<ImportRun | undefined> {
  const out = await store.doc.send(new GetCommand({ TableName: store.tableName, Key: runKey(id), ConsistentRead: true }));
  return out.Item ? fromItem<ImportRun>(out.Item) : undefined;
}

/**
 * Starts the run on the uploaded object `objectTag`, once: true when this call may import.
 * A run still waiting for its upload starts; so does one `running` since before
 * `staleBefore` (its function was stopped mid-way: the import writes nothing twice, so
 * running it again is safe). A run already running, finished or failed is left alone: S3
 * delivers an event at least once, and a second delivery must not import the file twice.
 */
export async function claimImportRun(store: Store, id: string, objectTag: string, now: Date, staleBefore: Date): Promise<boolean> {
  return conditionHeld(
    store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: runKey(id),
        UpdateExpression: 'SET #status = :running, startedAt = :now, updatedAt = :now, objectTag = :tag REMOVE failure',
        ConditionExpression: 'attribute_exists(pk) AND (#status = :waiting OR (#status = :running AND startedAt < :stale))',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':running': 'running', ':waiting': 'waiting-for-upload', ':now': now.toISOString(), ':tag': objectTag, ':stale': staleBefore.toISOString() },
      }),
    ),
  );
}

/** The counts so far, while the run is running (a late write after the end changes nothing). */
export async function recordImportProgress(store: Store, id: string, progress: ImportProgress, now: Date): Promise<void> {
  await conditionHeld(
    store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: runKey(id),
        UpdateExpression: 'SET progress = :progress, updatedAt = :now',
        ConditionExpression: '#status = :running',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':progress': progress, ':now': now.toISOString(), ':running': 'running' },
      }),
    ),
  );
}

/** The end of a run: its summary, or why it was refused or stopped. */
export async function endImportRun(store: Store, id: string, end: { summary: ImportSummary } | { failure: string }, now: Date): Promise<void> {
  const at = now.toISOString();
  const values: Record<string, unknown> =
    'summary' in end
      ? { ':status': 'finished', ':summary': end.summary, ':progress': progressOf(end.summary), ':now': at }
      : { ':status': 'failed', ':failure': end.failure, ':now': at };
  await store.doc.send(
    new UpdateCommand({
      TableName: store.tableName,
      Key: runKey(id),
      UpdateExpression: 'summary' in end ? 'SET #status = :status, summary = :summary, progress = :progress, finishedAt = :now, updatedAt = :now' : 'SET #status = :status, failure = :failure, finishedAt = :now, updatedAt = :now',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: values,
    }),
  );
}

const progressOf = (s: ImportSummary): ImportProgress => {
  const { problems: _problems, problemsNotListed: _more, ...counts } = s;
  return counts;
};

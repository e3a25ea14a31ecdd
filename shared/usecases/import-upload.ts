// The whole GIAS file on AWS (issue 17, item 1), in two steps, neither bound by API
// Gateway's 30 s or its 6 MB:
// 1. a platform admin asks to upload a file of so many bytes: a run is recorded (waiting
//    for the upload) and they get a PUT address signed for exactly that size, type and key,
//    for 15 minutes; their browser puts the file straight into the imports bucket;
// 2. S3 tells the import function the object is there: it claims the run (once: S3
//    delivers events at least once), checks the object, streams it through the one GIAS
//    import (import-schools.ts) and writes its progress every chunk, then the summary.
// The admin's page polls the run. Locally the same steps run against the local S3 server.
import type { Readable } from 'node:stream';
import { DomainError } from '#shared/domain/errors.ts';
import { UPLOAD_CONTENT_TYPE, UPLOAD_URL_MINUTES, uploadRefusal, type ImportProgress, type ImportRun, type ImportSummary } from '#shared/domain/onboarding.ts';
import { logger } from '#shared/log.ts';
import type { Store } from '#shared/store/client.ts';
import { importRunIdOfKey, openImportFile, presignImportUpload, type ImportFiles } from '#shared/store/import-files.ts';
import { claimImportRun, endImportRun, getImportRun, putNewImportRun, recordImportProgress } from '#shared/store/import-runs.ts';
import { newId } from '#shared/store/ids.ts';
import { importSchools } from './import-schools.ts';

export { importFilesFromEnv, type ImportFiles } from '#shared/store/import-files.ts';

/** The function's timeout on AWS (infra/stack.ts SIZING): a run `running` for longer was stopped. */
export const IMPORT_FUNCTION_MINUTES = 15;

export interface UploadAnswer {
  run: ImportRun;
  upload: { url: string; method: 'PUT'; headers: { 'content-type': string } };
}

export async function startImportUpload(store: Store, files: ImportFiles, admin: { email: string }, file: { name: string; bytes: number }, now = new Date()): Promise<UploadAnswer> {
  const refused = uploadRefusal(file);
  if (refused) throw new DomainError(refused.code, refused.message, { fields: { file: refused.message } });
  const id = newId(now.getTime());
  const run: ImportRun = {
    id,
    status: 'waiting-for-upload',
    fileName: file.name.trim(),
    bytes: file.bytes,
    requestedBy: admin.email,
    createdAt: now.toISOString(),
    uploadBy: new Date(now.getTime() + UPLOAD_URL_MINUTES * 60_000).toISOString(),
  };
  const url = await presignImportUpload(files, id, file.bytes, UPLOAD_CONTENT_TYPE, UPLOAD_URL_MINUTES * 60);
  await putNewImportRun(store, run);
  return { run, upload: { url, method: 'PUT', headers: { 'content-type': UPLOAD_CONTENT_TYPE } } };
}

export async function readImportRun(store: Store, id: string): Promise<ImportRun> {
  const run = await getImportRun(store, id);
  if (!run) throw new DomainError('NOT_FOUND', 'There is no import with this id: start the upload again from the import page.');
  return run;
}

export type ObjectImportOutcome = 'imported' | 'refused' | 'failed' | 'already-run' | 'not-an-import';

/** Writes progress at most this often (each write is one small update): the page polls every few seconds. */
const PROGRESS_EVERY_MS = 2_000;

/** Imports the object at `key` for its run, once; never throws for a bad file (the run says why). */
export async function importUploadedObject(store: Store, files: ImportFiles, key: string, now: () => Date = () => new Date()): Promise<ObjectImportOutcome> {
  const id = importRunIdOfKey(key);
  if (!id) return 'not-an-import';
  const run = await getImportRun(store, id);
  if (!run) return 'not-an-import';
  const object = await openImportFile(files, key);
  const started = now();
  if (!(await claimImportRun(store, id, object.tag, started, new Date(started.getTime() - IMPORT_FUNCTION_MINUTES * 60_000)))) {
    object.body.destroy();
    return 'already-run';
  }
  const refused = uploadRefusal({ bytes: object.bytes, contentType: object.contentType }) ?? (object.bytes !== run.bytes ? { message: `The file uploaded (${object.bytes} bytes) is not the one chosen (${run.bytes} bytes): start the upload again.` } : undefined);
  if (refused) {
    object.body.destroy();
    await endImportRun(store, id, { failure: refused.message }, now());
    return 'refused';
  }
  try {
    const summary = await importGiasBytes(store, object.body, async (progress) => {
      await recordImportProgress(store, id, progress, now());
    });
    await endImportRun(store, id, { summary }, now());
    return 'imported';
  } catch (err) {
    object.body.destroy();
    const message = err instanceof DomainError ? err.message : 'The import stopped on an error: upload the file again (schools already imported are kept, and are not written twice).';
    if (!(err instanceof DomainError)) logger.error('import run failed', { runId: id, error: (err as Error).message });
    await endImportRun(store, id, { failure: message }, now());
    return err instanceof DomainError ? 'refused' : 'failed';
  }
}

/**
 * The one call into the GIAS import from the upload path: the file's bytes as they were
 * uploaded (the import decodes them), progress written at most every PROGRESS_EVERY_MS.
 */
async function importGiasBytes(store: Store, bytes: Readable, onProgress: (p: ImportProgress) => Promise<void>): Promise<ImportSummary> {
  let last = 0;
  let pending: Promise<void> = Promise.resolve();
  const summary = await importSchools(store, bytes, {
    onProgress: (p) => {
      const t = Date.now();
      if (t - last < PROGRESS_EVERY_MS) return;
      last = t;
      pending = pending.then(() => onProgress(p)).catch((err: unknown) => logger.warn('import progress not written', { error: (err as Error).message }));
    },
  });
  await pending;
  return summary;
}

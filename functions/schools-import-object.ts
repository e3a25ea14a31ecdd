// The S3 event of the imports bucket (issue 17, item 1): each new object under imports/ is
// the file of one run; import it (shared/usecases/import-upload.ts). S3 delivers an event
// at least once: a run already started is left alone. Locally the local S3 server's own
// events call this same handler (infra/local/stack.ts).
import type { S3Event } from 'aws-lambda';
import { logger } from '#shared/log.ts';
import { storeFromEnv } from '#shared/usecases/store.ts';
import { importFilesFromEnv, importUploadedObject } from '#shared/usecases/import-upload.ts';

export async function handler(event: S3Event): Promise<void> {
  for (const record of event.Records) {
    if (!record.eventName.startsWith('ObjectCreated:')) continue;
    const outcome = await importUploadedObject(storeFromEnv(), importFilesFromEnv(), record.s3.object.key);
    logger.info('import object', { outcome, bytes: record.s3.object.size });
  }
}

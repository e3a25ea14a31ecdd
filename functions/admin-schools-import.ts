// POST /api/admin/schools/import (Content-Type: text/csv, the GIAS extract as the body, up
// to 5 MB): imports the schools and answers the summary (created, updated, skipped, failed,
// and each bad row's line). Platform admins only; larger files: `npm run schools:import`.
import { importCsvText, MAX_IMPORT_BYTES } from '#shared/api/admin.ts';
import { httpHandler, type HttpResult } from '#functions/lib/http.ts';
import { DomainError } from '#shared/http/contract.ts';
import { logger } from '#shared/log.ts';
import { storeFromEnv, type Store } from '#shared/usecases/store.ts';
import { importSchools } from '#shared/usecases/import-schools.ts';

/** `csv`: the body's bytes when API Gateway base64-encoded it (the import decodes Windows-1252 or UTF-8), else its text. */
export async function adminSchoolsImport(store: Store, contentType: string, csv: string | Uint8Array): Promise<HttpResult> {
  if (!/^(text\/csv|application\/csv|text\/plain)\b/i.test(contentType)) {
    throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Send the GIAS extract as the request body with Content-Type: text/csv.');
  }
  // Bytes are checked only for being there; the import reads them.
  const parsed = importCsvText.safeParse(typeof csv === 'string' ? csv : csv.length > 0 ? 'bytes' : '');
  if (!parsed.success) throw new DomainError('BODY_REQUIRED', parsed.error.issues[0]?.message ?? 'Send the GIAS extract as the body.');
  const summary = await importSchools(store, csv, { onProgress: (p) => logger.info('import progress', { ...p }) });
  return { status: 200, body: { summary } };
}

export const handler = httpHandler({
  route: 'admin-schools-import',
  maxBodyBytes: MAX_IMPORT_BYTES,
  // A platform admin only (the edge checks it before the body is read).
  run: ({ headers, event }) => {
    const raw = typeof event.body === 'string' ? event.body : '';
    const csv = event.isBase64Encoded ? Buffer.from(raw, 'base64') : raw;
    return adminSchoolsImport(storeFromEnv(), headers['content-type'] ?? '', csv);
  },
});

// GET /api/admin/schools/imports/{id}: an upload's run, for the admin's page to poll
// (issue 17, item 1): its status, the counts so far, then the summary or why it failed.
import { importRunPath } from '#shared/api/admin.ts';
import { httpHandler } from '#functions/lib/http.ts';
import { storeFromEnv } from '#shared/usecases/store.ts';
import { readImportRun } from '#shared/usecases/import-upload.ts';

export const handler = httpHandler({
  route: 'admin-schools-import-run',
  path: importRunPath,
  run: async ({ path }) => ({ status: 200, body: { run: await readImportRun(storeFromEnv(), path.id) } }),
});

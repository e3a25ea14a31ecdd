// POST /api/admin/schools/imports {fileName, bytes}: starts an upload of the whole GIAS
// file (issue 17, item 1). Answers 201 with the run (waiting for the upload) and a PUT
// address signed for exactly that size, as text/csv, for 15 minutes; the import function
// runs when the file is in the bucket. Platform admins only. Too large: 413; not a .csv: 415.
import { importUploadBody, type ImportUploadBody } from '#shared/api/admin.ts';
import { httpHandler, type HttpResult } from '#functions/lib/http.ts';
import { storeFromEnv, type Store } from '#shared/usecases/store.ts';
import { importFilesFromEnv, startImportUpload, type ImportFiles } from '#shared/usecases/import-upload.ts';

export async function adminSchoolsUpload(store: Store, files: ImportFiles, adminEmail: string, body: ImportUploadBody): Promise<HttpResult> {
  return { status: 201, body: await startImportUpload(store, files, { email: adminEmail }, { name: body.fileName, bytes: body.bytes }) };
}

export const handler = httpHandler({
  route: 'admin-schools-upload',
  body: importUploadBody,
  run: ({ caller, body }) => adminSchoolsUpload(storeFromEnv(), importFilesFromEnv(), caller.session.email, body),
});

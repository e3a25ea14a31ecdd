// GET /api/manage/schools/{urn}/encounters.csv?from=&to=: one row per encounter, with the
// columns a careers hub or Compass+ records, as a file to download (school staff only).
import { encountersCsvQuery } from '#shared/api/exports.ts';
import { urnPath } from '#shared/api/provider.ts';
import { httpHandler, type HttpResult } from '#shared/http/handler.ts';
import { requireStaffOf } from '#shared/http/staff.ts';
import { storeFromEnv, type Store } from '#shared/store/client.ts';
import { encountersCsv } from '#shared/usecases/exports.ts';

export async function manageEncountersCsv(store: Store, cookies: string[], urn: string, range: { from?: string; to?: string }): Promise<HttpResult> {
  await requireStaffOf(store, cookies, urn);
  const { filename, csv } = await encountersCsv(store, urn, range);
  return {
    status: 200,
    text: csv,
    contentType: 'text/csv; charset=utf-8',
    headers: { 'content-disposition': `attachment; filename="${filename}"` },
  };
}

export const handler = httpHandler({
  route: 'manage-encounters-csv',
  path: urnPath,
  query: encountersCsvQuery,
  run: ({ cookies, path, query }) => manageEncountersCsv(storeFromEnv(), cookies, path.urn, query),
});

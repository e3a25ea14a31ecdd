// GET /api/manage/schools/{urn}/encounters.csv?from=&to=: one row per encounter, with the
// columns a careers hub or Compass+ records, as a file to download (school staff only).
import { encountersCsvQuery } from '#shared/api/exports.ts';
import { urnPath } from '#shared/api/provider.ts';
import { csvDownload } from '#functions/lib/csv.ts';
import { httpHandler, type HttpResult } from '#functions/lib/http.ts';
import { storeFromEnv, type Store } from '#shared/usecases/store.ts';
import { encountersCsv } from '#shared/usecases/exports.ts';

export async function manageEncountersCsv(store: Store, urn: string, range: { from?: string; to?: string }): Promise<HttpResult> {
  return csvDownload(await encountersCsv(store, urn, range));
}

export const handler = httpHandler({
  route: 'manage-encounters-csv',
  path: urnPath,
  query: encountersCsvQuery,
  run: ({ path, query }) => manageEncountersCsv(storeFromEnv(), path.urn, query),
});

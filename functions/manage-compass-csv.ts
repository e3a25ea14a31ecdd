// GET /api/manage/schools/{urn}/encounters/compass.csv?year=: one academic year's encounters
// with the columns a careers lead keys into Compass+ (a Gatsby Benchmark 7 activity and its
// PAL-eligible flag; the README documents them), as a file to download (school staff only).
import { academicYearQuery } from '#shared/api/exports.ts';
import { urnPath } from '#shared/api/provider.ts';
import { csvDownload } from '#functions/lib/csv.ts';
import { httpHandler, type HttpResult } from '#functions/lib/http.ts';
import { storeFromEnv, type Store } from '#shared/usecases/store.ts';
import { compassCsv } from '#shared/usecases/exports.ts';

export async function manageCompassCsv(store: Store, urn: string, year: number | undefined): Promise<HttpResult> {
  return csvDownload(await compassCsv(store, urn, year));
}

export const handler = httpHandler({
  route: 'manage-compass-csv',
  path: urnPath,
  query: academicYearQuery,
  run: ({ path, query }) => manageCompassCsv(storeFromEnv(), path.urn, query.year),
});

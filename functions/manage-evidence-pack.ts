// GET /api/manage/schools/{urn}/evidence-pack?year=: one academic year's evidence for
// governors and Ofsted (each cohort's status with its encounters, the statement version in
// force, the decisions with their grounds) for the school's staff; the page
// /manage/evidence-pack/ prints it on A4. The answer is EvidencePack (shared/domain/evidence-pack.ts).
import { academicYearQuery } from '#shared/api/exports.ts';
import { urnPath } from '#shared/api/provider.ts';
import { httpHandler, type HttpResult } from '#functions/lib/http.ts';
import { storeFromEnv, type Store } from '#shared/usecases/store.ts';
import { evidencePack } from '#shared/usecases/evidence-pack.ts';

export async function manageEvidencePack(store: Store, urn: string, year: number | undefined): Promise<HttpResult> {
  return { status: 200, body: await evidencePack(store, urn, year) };
}

export const handler = httpHandler({
  route: 'manage-evidence-pack',
  path: urnPath,
  query: academicYearQuery,
  run: ({ path, query }) => manageEvidencePack(storeFromEnv(), path.urn, query.year),
});

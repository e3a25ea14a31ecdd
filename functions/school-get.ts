// GET /api/schools/{urn}: the public school page's data.
import { urnPath } from '#shared/api/provider.ts';
import { publicSchoolView } from '#shared/api/views.ts';
import { httpHandler, type HttpResult } from '#functions/lib/open-http.ts';
import { storeFromEnv, type Store } from '#shared/usecases/store.ts';
import { publicSchool } from '#shared/usecases/schools.ts';

export async function schoolGet(store: Store, urn: string): Promise<HttpResult> {
  return { status: 200, body: { school: publicSchoolView(await publicSchool(store, urn)) }, headers: { 'cache-control': 'public, max-age=60' } };
}

export const handler = httpHandler({
  route: 'school-get',
  path: urnPath,
  run: ({ path }) => schoolGet(storeFromEnv(), path.urn),
});

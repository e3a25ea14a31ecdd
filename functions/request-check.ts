// POST /api/schools/{urn}/requests/check (issue 14, item 1): the request form's answers so
// far, checked by the very code creating a request runs, with nothing written. 200
// { ok: true, warnings } when they pass, else the 422 create would give, a rule id on each
// field. Public like create, and rate-limited like it (more loosely: once per page).
import { checkRequestBody, urnPath } from '#shared/api/provider.ts';
import { httpHandler, type HttpResult } from '#functions/lib/open-http.ts';
import { clientIp } from '#shared/http/client-ip.ts';
import { checkRequestAnswers } from '#shared/usecases/create-request.ts';
import { storeFromEnv, type Store } from '#shared/usecases/store.ts';

export async function requestCheck(store: Store, urn: string, answers: Parameters<typeof checkRequestAnswers>[2], ip: string): Promise<HttpResult> {
  const { flags } = await checkRequestAnswers(store, urn, answers, { ip });
  return { status: 200, body: { ok: true, warnings: flags } };
}

export const handler = httpHandler({
  route: 'request-check',
  path: urnPath,
  body: checkRequestBody,
  run: ({ path, body, event }) => requestCheck(storeFromEnv(), path.urn, body, clientIp(event)),
});

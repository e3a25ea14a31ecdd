// GET /api/provider/organisation: the signed-in provider's organisation, its members and
// their own role (issue 15, item 1); 404 ORGANISATION_NOT_FOUND when they belong to none.
import { organisationReply } from '#shared/api/organisation.ts';
import { httpHandler, type HttpResult } from '#functions/lib/http.ts';
import { storeFromEnv, type Store } from '#shared/usecases/store.ts';
import { readOrganisation, type OrganisationCaller } from '#shared/usecases/organisation.ts';

export async function providerOrganisationGet(store: Store, caller: OrganisationCaller): Promise<HttpResult> {
  return { status: 200, body: organisationReply(await readOrganisation(store, caller)) };
}

export const handler = httpHandler({
  route: 'provider-organisation-get',
  run: ({ caller }) => providerOrganisationGet(storeFromEnv(), { email: caller.session.email, ...(caller.membership ? { membership: caller.membership } : {}) }),
});

// PUT /api/provider/organisation: saves the organisation's profile (its admins only), or
// creates the organisation when the signed-in provider belongs to none: they become its
// admin. One organisation per UKPRN (409 UKPRN_TAKEN, R-PROVIDER).
import { organisationBody, organisationReply } from '#shared/api/organisation.ts';
import { httpHandler, type HttpResult } from '#functions/lib/http.ts';
import { storeFromEnv, type Store } from '#shared/usecases/store.ts';
import { putOrganisation, type OrganisationCaller, type OrganisationProfileInput } from '#shared/usecases/organisation.ts';

export async function providerOrganisationPut(store: Store, caller: OrganisationCaller, body: OrganisationProfileInput): Promise<HttpResult> {
  const created = !caller.membership;
  return { status: created ? 201 : 200, body: organisationReply(await putOrganisation(store, caller, body)) };
}

export const handler = httpHandler({
  route: 'provider-organisation-put',
  body: organisationBody,
  run: ({ caller, body }) => providerOrganisationPut(storeFromEnv(), { email: caller.session.email, ...(caller.membership ? { membership: caller.membership } : {}) }, body),
});

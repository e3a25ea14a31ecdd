// DELETE /api/provider/organisation/members/{email}: an admin removes a member, or a member
// leaves. Their very next call finds no organisation (the edge reads membership each call).
import { memberPath } from '#shared/api/organisation.ts';
import { httpHandler, type HttpResult } from '#functions/lib/http.ts';
import { storeFromEnv, type Store } from '#shared/usecases/store.ts';
import { removeOrganisationMember, type OrganisationCaller } from '#shared/usecases/organisation.ts';

export async function providerMemberRemove(store: Store, caller: OrganisationCaller, email: string): Promise<HttpResult> {
  return { status: 200, body: await removeOrganisationMember(store, caller, email) };
}

export const handler = httpHandler({
  route: 'provider-member-remove',
  path: memberPath,
  run: ({ caller, path }) => providerMemberRemove(storeFromEnv(), { email: caller.session.email, ...(caller.membership ? { membership: caller.membership } : {}) }, path.email),
});

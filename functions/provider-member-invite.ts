// POST /api/provider/organisation/members: an admin adds a colleague, who is emailed a
// sign-in link (the mailer sends it from the outbox item queued with the member).
import { inviteMemberBody, organisationReply, type InviteMemberInput } from '#shared/api/organisation.ts';
import { httpHandler, type HttpResult } from '#functions/lib/http.ts';
import { storeFromEnv, type Store } from '#shared/usecases/store.ts';
import { inviteMember, type OrganisationCaller } from '#shared/usecases/organisation.ts';

export async function providerMemberInvite(store: Store, caller: OrganisationCaller, body: InviteMemberInput): Promise<HttpResult> {
  return { status: 201, body: organisationReply(await inviteMember(store, caller, body)) };
}

export const handler = httpHandler({
  route: 'provider-member-invite',
  body: inviteMemberBody,
  run: ({ caller, body }) => providerMemberInvite(storeFromEnv(), { email: caller.session.email, ...(caller.membership ? { membership: caller.membership } : {}) }, body),
});

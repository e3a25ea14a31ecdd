// POST /api/manage/schools/{urn}/coverage/invitations { yearGroup, providers } (issue 16,
// item 2): invites the chosen providers, who visited this school before, to book the
// cohort's open slots: one email each, queued with the invitation's record in one
// transaction → 201 { invitation, message }. 422 at `providers` when none is chosen, one
// did not visit, or one was invited for the cohort this week; 422 NO_BOOKABLE_SLOTS.
import { invitationBody, type InvitationBody } from '#shared/api/coverage.ts';
import { urnPath } from '#shared/api/provider.ts';
import { httpHandler, type HttpResult } from '#functions/lib/http.ts';
import { inviteProviders } from '#shared/usecases/coverage-invitations.ts';
import { storeFromEnv, type Store } from '#shared/usecases/store.ts';

export async function manageCoverageInvite(store: Store, urn: string, by: string, body: InvitationBody): Promise<HttpResult> {
  return { status: 201, body: await inviteProviders(store, urn, by, body) };
}

export const handler = httpHandler({
  route: 'manage-coverage-invite',
  path: urnPath,
  body: invitationBody,
  run: ({ path, body, caller }) => manageCoverageInvite(storeFromEnv(), path.urn, caller.session.email, body),
});

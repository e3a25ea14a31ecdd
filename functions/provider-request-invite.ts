// GET /api/requests/{id}/invite.ics: "Add to calendar" for one of the signed-in provider's
// approved encounters (issue 14, item 5): the same UID and SEQUENCE as the emailed invitation.
import { requestIdPath } from '#shared/api/provider.ts';
import { httpHandler, type HttpResult } from '#functions/lib/http.ts';
import { storeFromEnv, type Store } from '#shared/usecases/store.ts';
import { providerInvite } from '#shared/usecases/provider-requests.ts';
import type { ProviderIdentity } from '#shared/usecases/provider-request-list.ts';
import { icsDownload } from '#functions/lib/ics.ts';

export async function providerRequestInvite(store: Store, caller: ProviderIdentity, id: string): Promise<HttpResult> {
  return icsDownload(await providerInvite(store, caller, id));
}

export const handler = httpHandler({
  route: 'provider-request-invite',
  path: requestIdPath,
  run: ({ caller, path }) => providerRequestInvite(storeFromEnv(), caller, path.id),
});

// GET /api/manage/requests/{id}/invite.ics: "Add to calendar" for an approved encounter at
// the caller's school (issue 14, item 5): the careers lead's copy, same UID and SEQUENCE as
// the emailed invitation. Any other caller gets 404 from the edge.
import { requestIdPath } from '#shared/api/provider.ts';
import { httpHandler, type HttpResult } from '#functions/lib/http.ts';
import { storeFromEnv, type Store } from '#shared/usecases/store.ts';
import type { StoredRequest } from '#shared/usecases/access.ts';
import { inviteFile } from '#shared/usecases/invites.ts';
import { icsDownload } from '#functions/lib/ics.ts';

export async function manageRequestInvite(store: Store, request: StoredRequest): Promise<HttpResult> {
  return icsDownload(await inviteFile(store, request, 'lead'));
}

export const handler = httpHandler({
  route: 'manage-request-invite',
  path: requestIdPath,
  run: ({ caller }) => manageRequestInvite(storeFromEnv(), caller.request),
});

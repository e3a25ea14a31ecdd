// POST /api/manage/trusts/{trustId}/term-dates: the calendar a trust preview mapped, saved
// into each chosen school's settings at the version its preview read. Each school is its
// own conditional write; the answer says per school saved, unchanged, changed since the
// preview (read it again) or refused (why), with the bookings each save flagged.
import { trustPath } from '#shared/api/coverage.ts';
import { trustTermDatesSaveBody, type TrustTermDatesSaved, type TrustTermDatesSaveBody } from '#shared/api/term-dates.ts';
import { httpHandler, type HttpResult } from '#functions/lib/http.ts';
import { storeFromEnv, type Store } from '#shared/usecases/store.ts';
import type { StaffRoleRecord } from '#shared/usecases/access.ts';
import { saveTrustTermDates } from '#shared/usecases/term-dates.ts';

export async function trustTermDatesSave(store: Store, caller: { email: string; roles: readonly StaffRoleRecord[] }, trustId: string, body: TrustTermDatesSaveBody): Promise<HttpResult> {
  const saved: TrustTermDatesSaved = await saveTrustTermDates(store, caller, trustId, body);
  return { status: 200, body: saved };
}

export const handler = httpHandler({
  route: 'trust-term-dates-save',
  path: trustPath,
  body: trustTermDatesSaveBody,
  run: ({ path, body, caller }) => trustTermDatesSave(storeFromEnv(), { email: caller.session.email, roles: caller.roles }, path.trustId, body),
});

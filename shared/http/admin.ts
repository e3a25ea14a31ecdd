// Who may onboard schools: a signed-in person (staff session) who is a platform admin.
import { AppError } from '#shared/errors.ts';
import type { Store } from '#shared/store/client.ts';
import { getPlatformAdmin, type PlatformAdmin } from '#shared/store/platform-admins.ts';
import type { SessionRecord } from '#shared/store/sessions.ts';
import { requireSession } from './session.ts';

export async function requireAdmin(store: Store, cookies: readonly string[], now = new Date()): Promise<{ session: SessionRecord; admin: PlatformAdmin }> {
  const session = await requireSession(store, cookies, 'staff', now);
  const admin = await getPlatformAdmin(store, session.email);
  if (!admin) throw new AppError(403, 'PLATFORM_ADMIN_REQUIRED', 'Only a platform admin can onboard schools. Ask the team that runs this service.');
  return { session, admin };
}

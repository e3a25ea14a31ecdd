// Who may onboard schools: a signed-in person (staff session) who is a platform admin.
import { DomainError } from '#shared/domain/errors.ts';
import type { Store } from '#shared/store/client.ts';
import { getPlatformAdmin, type PlatformAdmin } from '#shared/store/platform-admins.ts';
import { PLATFORM_ADMIN_SESSION_SECONDS, type SessionRecord } from '#shared/store/sessions.ts';
import { requireSession } from './session.ts';

export async function requireAdmin(store: Store, cookies: readonly string[], now = new Date()): Promise<{ session: SessionRecord; admin: PlatformAdmin }> {
  const session = await requireSession(store, cookies, 'staff', now);
  const admin = await getPlatformAdmin(store, session.email);
  if (!admin) throw new DomainError('PLATFORM_ADMIN_REQUIRED', 'Only a platform admin can onboard schools. Ask the team that runs this service.');
  // Also a session opened before the person became an admin: admin work needs a sign-in in the last 12 hours.
  if (now.getTime() - Date.parse(session.createdAt) > PLATFORM_ADMIN_SESSION_SECONDS * 1000) {
    throw new DomainError('SIGN_IN_REQUIRED', 'Platform admins sign in again every 12 hours. Sign in to continue.');
  }
  return { session, admin };
}

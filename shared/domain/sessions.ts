// How long a signed-in session lasts: the store keeps sessions to these deadlines, and the
// edge sets the cookie's Max-Age and refuses an old platform admin session by them.

/** A session ends this long after it was last used... */
export const SESSION_IDLE_SECONDS = 12 * 60 * 60;
/** ...or this long after sign-in, whichever is first. */
export const SESSION_ABSOLUTE_SECONDS = 7 * 24 * 60 * 60;
/** A platform admin can onboard every school: their sessions end 12 hours after sign-in (issue 12, item 12). */
export const PLATFORM_ADMIN_SESSION_SECONDS = 12 * 60 * 60;

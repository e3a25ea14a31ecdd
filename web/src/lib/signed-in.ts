// "This page was opened by a fresh sign-in": the sign-in confirmation page says so, in
// this tab, just before it goes on, and the dashboard reads it once (to send the person on
// to the page they were going to). Not document.referrer: the confirmation page holds a
// token and sends no Referer at all (Referrer-Policy: no-referrer, issue 12, item 3).

const KEY = 'signed-in-at';
/** Long enough for the next page to load on a slow connection; short enough that a later visit is not taken for it. */
const MAX_AGE_MS = 2 * 60 * 1000;

export function markSignedIn(now = Date.now()): void {
  try {
    sessionStorage.setItem(KEY, String(now));
  } catch {
    // storage disabled: the dashboard is where they land
  }
}

/** Whether this tab has just signed in; says so once. */
export function takeSignedIn(now = Date.now()): boolean {
  try {
    const at = Number(sessionStorage.getItem(KEY));
    sessionStorage.removeItem(KEY);
    return at > 0 && now - at >= 0 && now - at < MAX_AGE_MS;
  } catch {
    return false;
  }
}

/**
 * A page that has just read the provider's own data knows they are signed in: the footer's
 * "Get a sign-in link" is not for them then (the public pages can't know, and keep it).
 */
export function showSignedIn(): void {
  document.getElementById('footer-sign-in')?.setAttribute('hidden', '');
}

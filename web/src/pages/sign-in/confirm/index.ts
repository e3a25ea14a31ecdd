// An emailed link: /sign-in/confirm/#token=<raw>. The token is in the fragment so it
// never reaches a server log, and it is taken out of the address bar at once; the page
// sends no Referer (Referrer-Policy: no-referrer, web/secret-pages.ts). Opening
// the page changes nothing (mail scanners open links); Continue POSTs /api/auth/session
// { token } → { next } with a session cookie, then goes to `next`.
import { api } from '../../../lib/api.ts';
import { ready } from '../../../lib/dom.ts';
import { confirmWithLink, showLinkProblem } from '../../../lib/link-token.ts';
import { markSignedIn } from '../../../lib/signed-in.ts';

const PROBLEMS: Record<string, [string, string]> = {
  TOKEN_USED: ['This link has already been used', 'Each link works once. Ask for a new link and we will email it to you.'],
  TOKEN_EXPIRED: ['This link has expired', 'Links stop working soon after we send them. Ask for a new link and we will email it to you.'],
  TOKEN_REPLACED: ['A newer link has been sent', 'We sent you a newer link since this one, so this one no longer works. Use the link in your latest email from us, or ask for a new one.'],
  TOKEN_INVALID: ['This link does not work', 'Check that you copied the whole link from the email, or ask for a new one.'],
};

function problem(code: string) {
  const [title, text] = PROBLEMS[code] ?? PROBLEMS.TOKEN_INVALID!;
  showLinkProblem(title, text);
}

/** Only a path on this site: never send someone elsewhere because a server said so. */
function sameSitePath(next: unknown): string {
  return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') && !next.includes('\\') ? next : '/requests/';
}

ready(() =>
  confirmWithLink({
    storageKey: 'sign-in-token',
    formId: 'confirm-form',
    buttonId: 'continue',
    buttonText: 'Continue to your requests',
    send: async (token) => {
      const { next } = await api<{ next?: string }>('POST', '/api/auth/session', { body: { token } });
      markSignedIn();
      location.assign(sameSitePath(next));
    },
    cannotAct: (err) => err.code in PROBLEMS,
    problem: (code) => problem(code),
  }),
);

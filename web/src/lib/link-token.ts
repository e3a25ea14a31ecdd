// The token of an emailed link, which arrives in the address's fragment (never sent to a
// server, so never in a log or a Referer: issue 12, item 3). The page takes it out of the
// address bar at once and keeps it for this tab only (sessionStorage), so a reload before
// the person acts still works; `forget` once the link has acted or cannot. Another emailed
// link opened in the same tab changes only the fragment: the page starts again with it.
import { ApiError } from './api.ts';
import { byId, setTitle } from './dom.ts';
import { showErrors } from './errors.ts';

export interface LinkToken {
  /** The token, or '' when the page was opened without one (and none is kept). */
  token: string;
  forget: () => void;
}

export function takeLinkToken(storageKey: string): LinkToken {
  addEventListener('hashchange', () => location.reload());
  const fromLink = new URLSearchParams(location.hash.slice(1)).get('token') ?? '';
  if (location.hash) history.replaceState(history.state, '', location.pathname + location.search);
  const storage = (action: (s: Storage) => string | void): string => {
    try {
      return action(sessionStorage) ?? '';
    } catch {
      return ''; // storage disabled: a reload needs the link again
    }
  };
  if (fromLink) storage((s) => s.setItem(storageKey, fromLink));
  const token = fromLink || storage((s) => s.getItem(storageKey) ?? '');
  return { token, forget: () => void storage((s) => s.removeItem(storageKey)) };
}

export interface LinkConfirmation {
  storageKey: string;
  /** The page's form and its button (opening the page changes nothing: the person presses it). */
  formId: string;
  buttonId: string;
  /** What the error summary's link to the button says. */
  buttonText: string;
  /** Acts with the token, then moves the page on; an ApiError is the service's refusal. */
  send: (token: string) => Promise<void>;
  /** Whether a refusal means the link itself cannot act (used, expired, replaced…). */
  cannotAct: (err: ApiError) => boolean;
  /** Shows why the link cannot act, instead of the form. */
  problem: (code: string, message?: string) => void;
}

/** The confirm page of an emailed link (sign-in, a request's confirmation): one press acts, once. */
export function confirmWithLink(o: LinkConfirmation): void {
  const { token, forget } = takeLinkToken(o.storageKey);
  if (!token) return o.problem('TOKEN_INVALID');
  const form = byId<HTMLFormElement>(o.formId);
  const button = byId<HTMLButtonElement>(o.buttonId);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    button.disabled = true;
    try {
      await o.send(token);
      forget();
    } catch (err) {
      button.disabled = false;
      if (!(err instanceof ApiError)) throw err;
      if (o.cannotAct(err)) {
        forget();
        return o.problem(err.code, err.message);
      }
      showErrors(form, byId('error-summary'), [{ message: err.message }], o.buttonText);
    }
  });
}

/** Shows why a link cannot act in place of its form: the page's #problem block, its heading focused. */
export function showLinkProblem(title: string, text: string): void {
  byId('problem-heading').textContent = title;
  byId('problem-text').textContent = text;
  byId('confirm').hidden = true;
  byId('problem').hidden = false;
  setTitle(title);
  byId('problem-heading').focus();
}

// The token of an emailed link, which arrives in the address's fragment (never sent to a
// server, so never in a log or a Referer: issue 12, item 3). The page takes it out of the
// address bar at once and keeps it for this tab only (sessionStorage), so a reload before
// the person acts still works; `forget` once the link has acted or cannot. Another emailed
// link opened in the same tab changes only the fragment: the page starts again with it.

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

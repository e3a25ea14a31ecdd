// The answer to a new request, kept for the confirmation page in this tab only
// (sessionStorage): the page needs no API call and no credentials to say what was sent.
import type { RequestView } from '#shared/api/provider.ts';

const key = (id: string) => `request-sent:${id}`;

export function rememberSentRequest(request: RequestView): void {
  try {
    sessionStorage.setItem(key(request.id), JSON.stringify(request));
  } catch {
    // storage full or disabled: the confirmation page says less, nothing breaks
  }
}

export function sentRequest(id: string): RequestView | undefined {
  try {
    const raw = sessionStorage.getItem(key(id));
    return raw ? (JSON.parse(raw) as RequestView) : undefined;
  } catch {
    return undefined;
  }
}

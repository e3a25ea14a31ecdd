// The answer to a new request, kept for the confirmation page in this tab only
// (sessionStorage): the page needs no API call and no credentials to say what was sent.
import type { RequestView } from '#shared/api/provider.ts';
import { h } from './dom.ts';
import { formatWhen } from './format.ts';

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

/** What happens next to a request sent to the school: who answers, by when, and the copy we emailed. */
export function whatHappensNext(request: RequestView): HTMLElement[] {
  return [
    h(
      'p',
      { class: 'govuk-body', id: 'due' },
      request.responseDueBy
        ? `The careers lead at ${request.schoolName} will answer by ${formatWhen(request.responseDueBy)}: they will approve your request, decline it with a reason, or propose another time.`
        : `The careers lead at ${request.schoolName} will approve your request, decline it with a reason, or propose another time.`,
    ),
    h('p', { class: 'govuk-body', id: 'emailed' }, `We have sent a copy of your request to ${request.contactEmail}, with a link to follow or withdraw it.`),
  ];
}

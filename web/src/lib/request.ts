// Pieces the pages about one's own requests share.
import { fill, h } from './dom.ts';
import type { StatusReader } from '#shared/domain/labels.ts';
import { statusOf } from './format.ts';

/** A request's status as a GOV.UK tag, for the provider's pages (the school's say it their way). */
export function statusTag(status: string, reader: StatusReader = 'provider'): HTMLElement {
  const s = statusOf(status, reader);
  return h('strong', { class: `govuk-tag ${s.tag}`, 'data-status': status }, s.text);
}

/** The page for a visitor without a session (401/403). */
export function signInNeeded(page: HTMLElement, title: string): void {
  document.title = `${title} – Provider access`;
  fill(
    page,
    h('h1', { class: 'govuk-heading-l' }, title),
    h('p', { class: 'govuk-body' }, 'Use the link in the latest email we sent you about your request, or get a new link to see all your requests.'),
    h('p', { class: 'govuk-body' }, h('a', { class: 'govuk-link', href: '/sign-in/', id: 'sign-in-link' }, 'Get a link to see your requests')),
  );
}

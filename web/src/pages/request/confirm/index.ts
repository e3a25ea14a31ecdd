// A request's confirmation link (issue 12, item 2): /request/confirm/#token=<raw>. The token
// is in the fragment so it never reaches a server log, and it is taken out of the address
// bar at once. Opening the page changes nothing (mail scanners open links); Confirm and
// send POSTs /api/request-confirmations { token } → { request }, which sends the request to
// the school and signs the provider in. The page then says so (GOV.UK confirmation page).
import type { RequestView } from '#shared/api/provider.ts';
import { api } from '../../../lib/api.ts';
import { byId, fill, h, href, ready, setTitle } from '../../../lib/dom.ts';
import { confirmWithLink, showLinkProblem } from '../../../lib/link-token.ts';
import { formatDate, formatTimeRange } from '../../../lib/format.ts';
import { whatHappensNext } from '../../../lib/sent.ts';
import { panelReference } from '../../../lib/reference.ts';
import { summaryList } from '../../../lib/school.ts';

const EXPIRED: [string, string] = [
  'This link has expired',
  'A request that is not confirmed within 24 hours is not sent to the school, and is deleted. Make the request again and we will email you a new link.',
];
const PROBLEMS: Record<string, [string, string]> = {
  TOKEN_USED: ['This link has already been used', 'Each link works once. If you confirmed your request with it, your request has been sent to the school: we emailed you a copy with a link to follow it.'],
  TOKEN_EXPIRED: EXPIRED,
  CONFIRMATION_EXPIRED: EXPIRED,
  TOKEN_INVALID: ['This link does not work', 'Check that you copied the whole link from the email. If you did, make the request again and we will email you a new link.'],
  ALREADY_CONFIRMED: ['This request has already been confirmed', 'It has been sent to the school: we emailed you a copy with a link to follow it.'],
  REQUEST_CHANGED: ['This request has already been confirmed', 'It has been sent to the school, or its 24 hours to confirm it are over.'],
};

function problem(code: string, message?: string) {
  const known = PROBLEMS[code];
  // The rules refused it at this moment (a full slot, too little notice now): the message says why.
  const [title, text] = known ?? ['Your request can no longer be sent', `${message ?? ''} Make the request again with another date or time.`.trim()];
  showLinkProblem(title, text);
}

function sent(request: RequestView) {
  const title = `Request sent to ${request.schoolName}`;
  setTitle(title);
  fill(
    byId('page'),
    h(
      'div',
      { class: 'govuk-panel govuk-panel--confirmation' },
      h('h1', { class: 'govuk-panel__title app-wrap', id: 'sent-title', tabindex: '-1' }, title),
      request.reference ? h('div', { class: 'govuk-panel__body' }, ...panelReference(request)) : null,
    ),
    summaryList([
      ['School', request.schoolName],
      ['Date', formatDate(request.date)],
      ['Time', formatTimeRange(request.start, request.end)],
    ], 'app-wrap'),
    h('h2', { class: 'govuk-heading-m' }, 'What happens next'),
    ...whatHappensNext(request),
    h('p', { class: 'govuk-body' }, 'Your email address is confirmed: your later requests from it go to the school straight away.'),
    h(
      'ul',
      { class: 'govuk-list' },
      h('li', null, h('a', { class: 'govuk-link', href: href('/requests/view/', { id: request.id }), id: 'see-request' }, 'See your request')),
      h('li', null, h('a', { class: 'govuk-link', href: '/' }, 'Find another school')),
    ),
  );
  byId('sent-title').focus();
}

ready(() =>
  confirmWithLink({
    storageKey: 'request-confirm-token',
    formId: 'confirm-form',
    buttonId: 'confirm-button',
    buttonText: 'Confirm your request',
    send: async (token) => sent((await api<{ request: RequestView }>('POST', '/api/request-confirmations', { body: { token } })).request),
    // A request no longer there to send (409) or that breaks a rule now (422) cannot be sent from this link either.
    cannotAct: (err) => err.code in PROBLEMS || err.status === 409 || err.status === 422,
    problem,
  }),
);

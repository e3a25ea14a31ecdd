// After "Send request": /request/sent/?id=. What was sent comes from this tab's
// sessionStorage (kept by the request page); without it the page says less. A first
// request from an address waits for the provider to confirm it from the email we sent
// (issue 12, item 2): then the page says to check the email (GOV.UK's "confirm an email
// address" pattern), not that the request was sent to the school.
import type { RequestView } from '#shared/api/provider.ts';
import { byId, fill, h, href, param, ready, setTitle } from '../../../lib/dom.ts';
import { formatDate, formatWhen, formatTimeRange } from '../../../lib/format.ts';
import { summaryList } from '../../../lib/school.ts';
import { panelReference, referenceRows } from '../../../lib/reference.ts';
import { sentRequest, whatHappensNext } from '../../../lib/sent.ts';

function checkYourEmail(request: RequestView): void {
  const title = 'Check your email to confirm your request';
  setTitle(title);
  fill(
    byId('page'),
    h('h1', { class: 'govuk-heading-l' }, title),
    h('p', { class: 'govuk-body', id: 'emailed' }, 'We have sent an email to ', h('strong', { class: 'app-wrap' }, request.contactEmail), '.'),
    h(
      'p',
      { class: 'govuk-body', id: 'confirm-by' },
      `Select the link in the email to confirm your request to ${request.schoolName}. The link works once, for 24 hours${request.confirmBy ? `, until ${formatWhen(request.confirmBy)}` : ''}.`,
    ),
    summaryList(
      [
        ['School', request.schoolName],
        ['Date', formatDate(request.date)],
        ['Time', formatTimeRange(request.start, request.end)],
        ...referenceRows(request),
      ],
      'app-wrap',
    ),
    h('h2', { class: 'govuk-heading-m' }, 'What happens next'),
    h(
      'p',
      { class: 'govuk-body', id: 'until' },
      `Until you confirm it, ${request.schoolName} does not see your request and it holds no place. If you do not confirm it within 24 hours, it is deleted.`,
    ),
    h(
      'p',
      { class: 'govuk-body', id: 'after' },
      `When you confirm, we send your request to the careers lead at ${request.schoolName} and email you a copy with a link to follow it. They will approve it, decline it with a reason, or propose another time.`,
    ),
    h('p', { class: 'govuk-body' }, 'We ask once for each email address: your later requests from it go to the school straight away.'),
    h(
      'details',
      { class: 'govuk-details' },
      h('summary', { class: 'govuk-details__summary' }, h('span', { class: 'govuk-details__summary-text' }, 'Not received the email?')),
      h(
        'div',
        { class: 'govuk-details__text' },
        h('p', { class: 'govuk-body' }, 'It can take a few minutes to arrive. Check your spam or junk folder.'),
        h('p', { class: 'govuk-body' }, 'If it has still not arrived, check the email address above and ', h('a', { class: 'govuk-link', href: href('/school/', { urn: request.urn }) }, 'send the request again'), '.'),
      ),
    ),
    h('ul', { class: 'govuk-list' }, h('li', null, h('a', { class: 'govuk-link', href: '/' }, 'Find another school'))),
  );
}

ready(() => {
  const id = param('id');
  const request = id ? sentRequest(id) : undefined;
  // Without what this tab kept, the page cannot know the reference (the id is not one a person uses): the email has it.
  if (!request?.reference) fill(byId('panel-body'), 'Your reference is in the email we sent you');
  if (!request) return;
  if (request.status === 'unconfirmed') return checkYourEmail(request);
  fill(byId('panel-body'), `Your request to ${request.schoolName}`, ...panelReference(request, true));
  fill(
    byId('details'),
    summaryList([
      ['School', request.schoolName],
      ['Date', formatDate(request.date)],
      ['Time', formatTimeRange(request.start, request.end)],
    ]),
  );
  fill(
    byId('next'),
    ...whatHappensNext(request),
  );
});

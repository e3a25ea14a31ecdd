// Confirmation of a new request: /request/sent/?id=. What was sent comes from this tab's
// sessionStorage (kept by the request page); without it the page says less.
import { byId, fill, h, param, ready } from '../../../lib/dom.ts';
import { formatDate, formatInstant, formatTimes } from '../../../lib/format.ts';
import { summaryList } from '../../../lib/school.ts';
import { sentRequest } from '../../../lib/sent.ts';

ready(() => {
  const id = param('id');
  byId('reference').textContent = id || 'not known';
  const request = id ? sentRequest(id) : undefined;
  if (!request) return;
  fill(byId('panel-body'), `Your request to ${request.schoolName}`, h('br'), 'Your reference', h('br'), h('strong', { id: 'reference', class: 'app-wrap' }, request.id));
  fill(
    byId('details'),
    summaryList([
      ['School', request.schoolName],
      ['Date', formatDate(request.date)],
      ['Time', formatTimes(request.start, request.end)],
    ]),
  );
  fill(
    byId('next'),
    h(
      'p',
      { class: 'govuk-body', id: 'due' },
      request.responseDueBy
        ? `The careers lead at ${request.schoolName} will answer by ${formatInstant(request.responseDueBy)}: they will approve your request, decline it with a reason, or propose another time.`
        : `The careers lead at ${request.schoolName} will approve your request, decline it with a reason, or propose another time.`,
    ),
    h('p', { class: 'govuk-body', id: 'emailed' }, `We have sent a copy of your request to ${request.contactEmail}, with a link to follow or withdraw it.`),
  );
});

// A visit tour's page (issue 15, item 5): /tours/view/?id=… → GET /api/tours/{id}: each school
// with its time, its request's reference (a link to the request) and the school's answer as it
// comes. While any school has not answered, the page asks again every minute, politely (not
// while the tab is hidden), and says when it last did; "Check for answers" asks at once.
import type { TourStopView, TourView } from '#shared/api/tours.ts';
import { ApiError, api } from '../../../lib/api.ts';
import { byId, fill, h, href, param, ready } from '../../../lib/dom.ts';
import { formatDate, formatTime, formatTimeRange, formatWhen } from '../../../lib/format.ts';
import { signInNeeded, statusTag } from '../../../lib/request.ts';
import { summaryList } from '../../../lib/school.ts';
import { showSignedIn } from '../../../lib/signed-in.ts';

const EVERY_MS = 60_000;
/** Statuses the school has yet to answer: the page keeps asking while any stop is in one. */
const WAITING = new Set(['pending', 'unconfirmed']);

function answerOf(stop: TourStopView): string {
  const r = stop.request;
  if (!r) return stop.problem ? `Not sent: ${stop.problem.message}` : 'Being sent';
  if (r.status === 'pending') return r.responseDueBy ? `Waiting for the school to answer, by ${formatDate(r.responseDueBy)}` : 'Waiting for the school to answer';
  if (r.status === 'unconfirmed') return 'Waiting for you to confirm your email address: use the link we sent you';
  if (r.status === 'declined') return `Declined${r.decision?.reason ? `: ${r.decision.reason}` : ''}`;
  if (r.status === 'alternative_proposed' && r.alternative) {
    return `The school proposes ${formatDate(r.alternative.date)}, ${formatTimeRange(r.alternative.start, r.alternative.end)} instead${r.alternative.note ? `: “${r.alternative.note}”` : ''}. Answer by ${formatDate(r.alternative.respondBy)}.`;
  }
  if (r.status === 'approved') return `Approved for ${formatDate(r.date)} at ${formatTime(r.start)}`;
  return '';
}

function stopCard(stop: TourStopView, i: number): HTMLElement {
  const r = stop.request;
  return h(
    'div',
    { class: 'govuk-summary-card', 'data-stop': String(i) },
    h('div', { class: 'govuk-summary-card__title-wrapper' }, h('h2', { class: 'govuk-summary-card__title' }, stop.schoolName)),
    h(
      'div',
      { class: 'govuk-summary-card__content' },
      summaryList([
        ['Time asked', `${formatDate(stop.date)}, ${formatTimeRange(stop.start, stop.end)}${stop.slot ? ' (an open slot)' : ''}`],
        ['Status', r ? statusTag(r.status) : h('strong', { class: `govuk-tag ${stop.problem ? 'govuk-tag--red' : 'govuk-tag--grey'}` }, stop.problem ? 'Not sent' : 'Sending')],
        ['School’s answer', h('span', { 'data-answer': '' }, answerOf(stop))],
        [
          'Request',
          r
            ? h('a', { class: 'govuk-link', href: href('/requests/view/', { id: r.id }) }, r.reference ?? 'See the request', h('span', { class: 'govuk-visually-hidden' }, ` at ${stop.schoolName}`))
            : stop.problem
              ? h('a', { class: 'govuk-link', href: href('/school/', { urn: stop.urn }) }, `Request a time at ${stop.schoolName} on its own`)
              : 'Not yet',
        ],
      ]),
    ),
  );
}

ready(async () => {
  const page = byId('page');
  const id = param('id');
  let timer: ReturnType<typeof setTimeout> | undefined;

  const load = async (): Promise<void> => {
    clearTimeout(timer);
    let tour: TourView;
    try {
      ({ tour } = await api<{ tour: TourView }>('GET', `/api/tours/${encodeURIComponent(id)}`));
      showSignedIn();
    } catch (err) {
      if (err instanceof ApiError && (err.status === 401 || err.status === 403)) return signInNeeded(page, 'Sign in to see your visit tour');
      if (err instanceof ApiError && (err.status === 404 || err.status === 400)) {
        byId('loading').hidden = true;
        fill(byId('tour'), h('p', { class: 'govuk-body' }, 'We cannot find that tour among yours or your organisation’s. ', h('a', { class: 'govuk-link', href: '/tours/' }, 'See your tours')));
        return;
      }
      throw err;
    }
    byId('loading').hidden = true;
    const answered = tour.stops.filter((s) => s.request && !WAITING.has(s.request.status)).length;
    fill(
      byId('tour'),
      h('p', { class: 'govuk-body' }, `Sent on ${formatWhen(tour.createdAt)} by ${tour.createdBy}.`),
      tour.stops.map(stopCard),
      h('form', { id: 'refresh-form', novalidate: true }, h('button', { type: 'submit', class: 'govuk-button govuk-button--secondary' }, 'Check for answers')),
    );
    // Said (to a screen reader too) only when it changes: a minute's check that finds nothing new is silent.
    const said = `${answered} of ${tour.stops.length} schools have answered.`;
    if (byId('answered').textContent !== said) byId('answered').textContent = said;
    byId('refreshed').textContent = `Last checked at ${formatTime(new Date().toTimeString().slice(0, 5))}.`;
    if (tour.stops.some((s) => !s.request || WAITING.has(s.request.status))) timer = setTimeout(() => void (document.hidden ? schedule() : load()), EVERY_MS);
  };
  // A hidden tab does not ask; it asks once it is seen again.
  const schedule = () => document.addEventListener('visibilitychange', () => void load(), { once: true });
  page.addEventListener('submit', (event) => {
    if ((event.target as HTMLElement).id !== 'refresh-form') return;
    event.preventDefault();
    void load();
  });
  await load();
});

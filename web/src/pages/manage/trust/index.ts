// A trust admin's view of coverage across the trust: /manage/trust/?id=. GET
// /api/manage/trusts/{id}/coverage → TrustCoverageAnswer: each school's cohorts by status,
// with a link to the school's own coverage page, the most at risk first (the answer's
// `order` says how, and the page says it too). 403 NOT_YOUR_TRUST for anyone else.
import { ApiError, api } from '../../../lib/api.ts';
import { byId, fill, h, href, param, ready, setTitle } from '../../../lib/dom.ts';
import { COVERAGE_STATUSES, coverageStatusText, coverageTag, totalsText, type TrustCoverageAnswer } from '../../../lib/coverage.ts';
import { formatDate } from '../../../lib/format.ts';
import { handleLoadError, loadMe, problem, setUpChrome, type Me } from '../../../lib/manage.ts';

const TITLE = 'Trust coverage';

function render(page: HTMLElement, me: Me, answer: TrustCoverageAnswer) {
  setTitle(`${TITLE}: ${answer.trust.name}`);
  fill(
    page,
    h('p', { class: 'govuk-body-s app-account app-wrap', id: 'account' }, `Signed in as ${me.email}`),
    h('span', { class: 'govuk-caption-l app-wrap', id: 'trust-name' }, answer.trust.name),
    h('h1', { class: 'govuk-heading-l' }, TITLE),
    h('p', { class: 'govuk-body' }, `Cohorts in Years 8 to 13 in ${answer.academicYear}, on ${formatDate(answer.today)}. Across the trust: ${totalsText(answer.totals)}.`),
    h('p', { class: 'govuk-body', id: 'trust-order' }, answer.order),
    h('p', { class: 'govuk-body' }, h('a', { class: 'govuk-link', href: href('/manage/trust/term-dates/', { id: answer.trust.id }), id: 'trust-term-dates' }, 'Apply term dates from a file to several schools')),
    h(
      'div',
      { class: 'app-table-wrap' },
      h(
        'table',
        { class: 'govuk-table app-responsive-table', id: 'trust-table' },
        h('caption', { class: 'govuk-table__caption govuk-visually-hidden' }, `Coverage of the schools of ${answer.trust.name}`),
        h(
          'thead',
          { class: 'govuk-table__head' },
          h(
            'tr',
            { class: 'govuk-table__row' },
            h('th', { scope: 'col', class: 'govuk-table__header' }, 'School'),
            h('th', { scope: 'col', class: 'govuk-table__header govuk-table__header--numeric' }, 'Encounters still needed'),
            COVERAGE_STATUSES.map((s) => h('th', { scope: 'col', class: 'govuk-table__header' }, coverageTag(s))),
          ),
        ),
        h(
          'tbody',
          { class: 'govuk-table__body' },
          answer.schools.map((s) =>
            h(
              'tr',
              { class: 'govuk-table__row', 'data-urn': s.urn },
              h('th', { scope: 'row', class: 'govuk-table__header app-wrap', 'data-label': 'School' }, h('a', { class: 'govuk-link', href: href('/manage/coverage/', { urn: s.urn }) }, s.schoolName)),
              h('td', { class: 'govuk-table__cell govuk-table__cell--numeric', 'data-label': 'Encounters still needed' }, String(s.risk.encounters)),
              COVERAGE_STATUSES.map((st) => h('td', { class: 'govuk-table__cell', 'data-label': coverageStatusText(st) }, String(s.totals[st] ?? 0))),
            ),
          ),
        ),
      ),
    ),
  );
}

ready(async () => {
  const page = byId('page');
  let me: Me;
  try {
    me = await loadMe();
  } catch (err) {
    if (handleLoadError(page, err, TITLE)) return;
    throw err;
  }
  setUpChrome(true, me.schools[0]?.urn);
  const id = param('id');
  if (!/^[a-z0-9][a-z0-9-]{0,99}$/.test(id)) return problem(page, 'Check the link to your trust', 'This link does not name a trust. Use the link your trust sent you.');
  let answer: TrustCoverageAnswer;
  try {
    answer = await api<TrustCoverageAnswer>('GET', `/api/manage/trusts/${encodeURIComponent(id)}/coverage`);
  } catch (err) {
    if (err instanceof ApiError && err.status === 403) return problem(page, 'You are not an admin of this trust', err.message);
    if (handleLoadError(page, err, TITLE, me)) return;
    throw err;
  }
  render(page, me, answer);
});

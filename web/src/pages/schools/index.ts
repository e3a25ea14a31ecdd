// Search results: GET /api/schools?q= → { schools: SchoolSummary[] }.
import type { SchoolSummary } from '#shared/api/provider.ts';
import { ApiError, api } from '../../lib/api.ts';
import { byId, fill, h, href, param, ready, setTitle } from '../../lib/dom.ts';
import { clearErrors, showErrors } from '../../lib/errors.ts';
import { formatYears } from '../../lib/format.ts';
import { SEARCH_TOO_SHORT } from '../../lib/search.ts';

function schoolItem(school: SchoolSummary): HTMLElement {
  const takesRequests = school.providerAccessYears.length > 0;
  return h(
    'li',
    { class: 'app-result-list__item' },
    h('h2', { class: 'govuk-heading-s app-result-list__title' }, h('a', { class: 'govuk-link', href: href('/school/', { urn: school.urn }) }, school.name)),
    h('p', { class: 'govuk-body-s app-result-list__meta' }, `${school.town}, ${school.postcode} · ${school.phase} · URN ${school.urn}`),
    school.trust ? h('p', { class: 'govuk-body-s app-result-list__meta' }, school.trust) : null,
    takesRequests
      ? h('p', { class: 'govuk-body-s' }, `Provider access for ${formatYears(school.providerAccessYears)}`)
      : h(
          'p',
          { class: 'govuk-body-s' },
          h('strong', { class: 'govuk-tag govuk-tag--grey' }, 'No provider access'),
          ' This school takes no provider access requests: it teaches no pupils in Years 8 to 13.',
        ),
  );
}

ready(async () => {
  const form = byId<HTMLFormElement>('search-form');
  const input = byId<HTMLInputElement>('q');
  const summary = byId('error-summary');
  const results = byId('results');
  const q = param('q');
  input.value = q;

  form.addEventListener('submit', (event) => {
    if (input.value.trim().length < 2) {
      event.preventDefault();
      fill(results);
      showErrors(form, summary, [{ path: 'q', message: SEARCH_TOO_SHORT }], 'Find a school');
    }
  });

  if (!q) return;
  if (q.length < 2) {
    showErrors(form, summary, [{ path: 'q', message: SEARCH_TOO_SHORT }], 'Find a school');
    return;
  }
  fill(results, h('p', { class: 'govuk-body app-loading' }, 'Searching…'));
  try {
    const { schools } = await api<{ schools: SchoolSummary[] }>('GET', href('/api/schools', { q }));
    clearErrors(form, summary);
    setTitle(`Schools matching ‘${q}’`);
    const count = schools.length;
    fill(
      results,
      h('p', { class: 'govuk-body govuk-!-font-weight-bold', id: 'result-count' }, `${count === 0 ? 'No' : count} ${count === 1 ? 'school' : 'schools'} found for ‘${q}’`),
      count === 0
        ? h('p', { class: 'govuk-body' }, 'Check the spelling, or search by the school’s URN, town or the start of its postcode.')
        : h('ul', { class: 'app-result-list' }, schools.map(schoolItem)),
    );
  } catch (err) {
    fill(results);
    if (!(err instanceof ApiError)) throw err;
    const fields = Object.entries(err.fields);
    showErrors(form, summary, fields.length ? fields.map(([path, message]) => ({ path, message })) : [{ message: err.message }], 'Find a school');
  }
});

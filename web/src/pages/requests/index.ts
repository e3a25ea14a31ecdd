// The signed-in provider's requests (issue 15, item 3): GET /api/requests with the filters in
// this page's address → { requests, total, counts, schools }. The filters are a plain GET form,
// so "Apply filters" gives an address that can be kept or shared, and "Download as CSV"
// asks /api/requests.csv with the same query. Not signed in (401) → a link to /sign-in/.
import type { FoundRequestView, ProviderRequestsView, RequestView } from '#shared/api/provider.ts';
import { REQUEST_STATUSES, SESSION_TYPES } from '#shared/domain/types.ts';
import { REQUEST_SORTS } from '#shared/domain/request-list.ts';
import { ApiError, api } from '../../lib/api.ts';
import { byId, fill, h, href, ready } from '../../lib/dom.ts';
import { formatDateAbbreviated, formatTimeRange, formatYears, sessionTypeLabel, statusOf } from '../../lib/format.ts';
import { referenceBelow, referenceSearch } from '../../lib/reference.ts';
import { signInNeeded, statusTag } from '../../lib/request.ts';
import { showSignedIn } from '../../lib/signed-in.ts';

/** Issue 14, item 6: the page of this provider's request with that reference, or the API's refusal. */
async function findByReference(reference: string): Promise<string> {
  const { request } = await api<FoundRequestView>('GET', href('/api/requests', { reference }));
  return href('/requests/view/', { id: request.id });
}

const SORT_LABELS: Record<(typeof REQUEST_SORTS)[number], string> = {
  'date-desc': 'Date, latest first',
  'date-asc': 'Date, soonest first',
  school: 'School name',
  status: 'Status',
};

/** The filters the page was opened with, as the API takes them (only the ones it knows). */
function filterQuery(): URLSearchParams {
  const given = new URLSearchParams(location.search);
  const q = new URLSearchParams();
  for (const name of ['status', 'urn', 'from', 'to', 'year', 'sessionType', 'sort']) for (const v of given.getAll(name)) if (v) q.append(name, v);
  return q;
}

function select(name: string, label: string, chosen: string, options: [string, string][]): HTMLElement {
  return h(
    'div',
    { class: 'govuk-form-group', id: `${name}-group` },
    h('label', { class: 'govuk-label', for: name }, label),
    h('p', { class: 'govuk-error-message', id: `${name}-error`, hidden: true }),
    h('select', { class: 'govuk-select', id: name, name }, options.map(([value, text]) => h('option', { value, ...(value === chosen ? { selected: true } : {}) }, text))),
  );
}

function dateInput(name: string, label: string, value: string): HTMLElement {
  return h(
    'div',
    { class: 'govuk-form-group', id: `${name}-group` },
    h('label', { class: 'govuk-label', for: name }, label),
    h('div', { class: 'govuk-hint', id: `${name}-hint` }, 'For example, 2027-01-12'),
    h('p', { class: 'govuk-error-message', id: `${name}-error`, hidden: true }),
    // A text field in the form the address and the API take (YYYY-MM-DD), not the browser's own date picker, whose format varies.
    h('input', { class: 'govuk-input govuk-input--width-10', id: name, name, type: 'text', inputmode: 'numeric', autocomplete: 'off', value, 'aria-describedby': `${name}-hint` }),
  );
}

function filtersForm(q: URLSearchParams, schools: ProviderRequestsView['schools']): HTMLFormElement {
  const statuses = new Set(q.getAll('status').flatMap((s) => s.split(',')));
  return h(
    'form',
    { id: 'filters', method: 'get', action: '/requests/', novalidate: true, class: 'app-filters' },
    h(
      'div',
      { class: 'govuk-form-group' },
      h(
        'fieldset',
        { class: 'govuk-fieldset' },
        h('legend', { class: 'govuk-fieldset__legend govuk-fieldset__legend--s' }, 'Status'),
        h(
          'div',
          { class: 'govuk-checkboxes govuk-checkboxes--small', 'data-module': 'govuk-checkboxes' },
          REQUEST_STATUSES.map((s) =>
            h(
              'div',
              { class: 'govuk-checkboxes__item' },
              h('input', { class: 'govuk-checkboxes__input', id: `status-${s}`, name: 'status', type: 'checkbox', value: s, ...(statuses.has(s) ? { checked: true } : {}) }),
              h('label', { class: 'govuk-label govuk-checkboxes__label', for: `status-${s}` }, statusOf(s).text),
            ),
          ),
        ),
      ),
    ),
    select('urn', 'School', q.get('urn') ?? '', [['', 'Any school'], ...schools.map((s): [string, string] => [s.urn, s.name])]),
    dateInput('from', 'From date', q.get('from') ?? ''),
    dateInput('to', 'To date', q.get('to') ?? ''),
    select('year', 'Year group', q.get('year') ?? '', [['', 'Any year group'], ...[8, 9, 10, 11, 12, 13].map((y): [string, string] => [String(y), `Year ${y}`])]),
    select('sessionType', 'Kind of session', q.get('sessionType') ?? '', [['', 'Any kind of session'], ...SESSION_TYPES.map((t): [string, string] => [t, sessionTypeLabel(t)])]),
    select('sort', 'Sort by', q.get('sort') ?? 'date-desc', REQUEST_SORTS.map((s): [string, string] => [s, SORT_LABELS[s]])),
    h('div', { class: 'govuk-button-group' }, h('button', { type: 'submit', class: 'govuk-button' }, 'Apply filters'), h('a', { class: 'govuk-link', href: '/requests/' }, 'Clear filters')),
  );
}

/** The filters (not the sort): one of them given, the panel opens so it shows what narrows the list. */
const FILTERS = ['status', 'urn', 'from', 'to', 'year', 'sessionType'];
/** GOV.UK's tablet breakpoint: from there the filters sit beside the list, with room to be open. */
const WIDE = '(min-width: 40.0625em)';

/**
 * The filters in a GOV.UK details panel, "Filter requests": open on a wide screen or when a
 * filter is in use; on a phone, otherwise closed, so the list comes straight after it. Open
 * or not is decided before the page is drawn, so nothing moves once it shows.
 */
function filtersPanel(q: URLSearchParams, schools: ProviderRequestsView['schools']): HTMLElement {
  const applied = FILTERS.filter((name) => q.has(name)).length;
  const open = applied > 0 || window.matchMedia(WIDE).matches;
  return h(
    'details',
    { class: 'govuk-details', id: 'filters-panel', open },
    h('summary', { class: 'govuk-details__summary' }, h('span', { class: 'govuk-details__summary-text' }, applied ? `Filter requests (${applied} applied)` : 'Filter requests')),
    h('div', { class: 'govuk-details__text' }, filtersForm(q, schools)),
  );
}

function countsList(counts: ProviderRequestsView['counts']): HTMLElement {
  const shown = REQUEST_STATUSES.filter((s) => counts[s] > 0);
  return h(
    'div',
    { id: 'counts' },
    h('h2', { class: 'govuk-heading-s' }, 'By status'),
    shown.length
      ? h('ul', { class: 'govuk-list' }, shown.map((s) => h('li', null, `${statusOf(s).text}: ${counts[s]}`)))
      : h('p', { class: 'govuk-body' }, 'No requests match the filters other than status.'),
  );
}

function requestsTable(requests: RequestView[]): HTMLElement {
  return h(
    'div',
    { class: 'app-table-wrap' },
    h(
      'table',
      { class: 'govuk-table', id: 'requests-table' },
      h('caption', { class: 'govuk-table__caption govuk-table__caption--m govuk-visually-hidden' }, 'Your requests'),
      h(
        'thead',
        { class: 'govuk-table__head' },
        h('tr', { class: 'govuk-table__row' }, ['School', 'Date', 'Session type', 'Year groups', 'Status'].map((t) => h('th', { scope: 'col', class: 'govuk-table__header' }, t))),
      ),
      h(
        'tbody',
        { class: 'govuk-table__body' },
        requests.map((r) =>
          h(
            'tr',
            { class: 'govuk-table__row' },
            h('td', { class: 'govuk-table__cell app-wrap' }, h('a', { class: 'govuk-link', href: href('/requests/view/', { id: r.id }) }, r.schoolName, h('span', { class: 'govuk-visually-hidden' }, `, ${formatDateAbbreviated(r.date)}, ${statusOf(r.status).text}`)), referenceBelow(r)),
            h('td', { class: 'govuk-table__cell' }, formatDateAbbreviated(r.date), h('br'), formatTimeRange(r.start, r.end)),
            h('td', { class: 'govuk-table__cell' }, sessionTypeLabel(r.sessionType)),
            h('td', { class: 'govuk-table__cell' }, formatYears(r.yearGroups)),
            h('td', { class: 'govuk-table__cell' }, statusTag(r.status)),
          ),
        ),
      ),
    ),
  );
}

ready(async () => {
  const page = byId('page');
  const q = filterQuery();
  const query = q.toString() ? `?${q.toString()}` : '';
  const summary = h('div', { id: 'error-summary', hidden: true });
  let answer: ProviderRequestsView;
  try {
    answer = await api<ProviderRequestsView>('GET', `/api/requests${query}`);
    showSignedIn();
  } catch (err) {
    if (err instanceof ApiError && (err.status === 401 || err.status === 403)) return signInNeeded(page, 'Sign in to see your requests');
    if (err instanceof ApiError && err.status === 400) {
      // A filter the API refused (a date mistyped, an address edited by hand): what was wrong with each, and a way back.
      fill(
        page,
        h('h1', { class: 'govuk-heading-l' }, 'Your requests'),
        h('p', { class: 'govuk-body' }, 'These filters cannot be used:'),
        h('ul', { class: 'govuk-list govuk-list--bullet', id: 'filter-errors' }, Object.values(err.fields).map((m) => h('li', null, m))),
        h('p', { class: 'govuk-body' }, h('a', { class: 'govuk-link', href: '/requests/' }, 'Clear filters'), ' or go back and change them.'),
      );
      return;
    }
    if (err instanceof ApiError) {
      fill(page, h('h1', { class: 'govuk-heading-l' }, 'Your requests'), h('p', { class: 'govuk-body' }, err.message));
      return;
    }
    throw err;
  }
  const { requests, total, counts, schools } = answer;
  const signOut = signOutForm('sign-out-form', 'Sign out', '/api/auth/sign-out');
  // A lost phone or a shared computer: every session of this person ends, wherever it is.
  const signOutEverywhere = signOutForm('sign-out-everywhere-form', 'Sign out on every device', '/api/auth/sign-out-everywhere');
  const hasAny = schools.length > 0;
  fill(
    page,
    summary,
    h('h1', { class: 'govuk-heading-l' }, 'Your requests'),
    hasAny ? referenceSearch({ id: 'find', summary, title: 'Your requests', find: findByReference }) : null,
    !hasAny
      ? h('p', { class: 'govuk-body' }, 'You have no requests yet. ', h('a', { class: 'govuk-link', href: '/' }, 'Find a school'), ' to make one.')
      : h(
          'div',
          { class: 'govuk-grid-row' },
          h('div', { class: 'govuk-grid-column-one-third' }, filtersPanel(q, schools)),
          h(
            'div',
            { class: 'govuk-grid-column-two-thirds' },
            h('p', { class: 'govuk-body', id: 'shown', role: 'status' }, requests.length < total ? `Showing the first ${requests.length} of ${total} requests. Narrow the filters, or download them all as CSV.` : `${total} ${total === 1 ? 'request' : 'requests'}`),
            countsList(counts),
            h('p', { class: 'govuk-body' }, h('a', { class: 'govuk-link', id: 'csv', href: `/api/requests.csv${query}`, download: '' }, 'Download as CSV')),
            requests.length ? requestsTable(requests) : h('p', { class: 'govuk-body' }, 'No requests match these filters.'),
          ),
        ),
    h('p', { class: 'govuk-body' }, h('a', { class: 'govuk-link', href: '/' }, 'Make another request')),
    // Issue 15, item 5: several schools in one go.
    h('p', { class: 'govuk-body' }, h('a', { class: 'govuk-link', href: '/tours/new/', id: 'plan-tour' }, 'Ask several schools at once with a visit tour'), ' or ', h('a', { class: 'govuk-link', href: '/tours/' }, 'see your visit tours'), '.'),
    h('div', { class: 'govuk-button-group' }, signOut, signOutEverywhere),
  );
});

function signOutForm(id: string, label: string, path: string): HTMLFormElement {
  const form = h('form', { id, novalidate: true, class: 'app-inline-form' }, h('button', { type: 'submit', class: 'govuk-button govuk-button--secondary' }, label));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await api('POST', path, { body: {} });
    } catch {
      // signed out or not, the page starts again
    }
    location.assign('/');
  });
  return form;
}

// The signed-in provider's requests: GET /api/requests → { requests: RequestView[] }.
// Not signed in (401) → a link to /sign-in/. Sign out: POST /api/auth/sign-out.
import type { FoundRequestView, RequestView } from '#shared/api/provider.ts';
import { ApiError, api } from '../../lib/api.ts';
import { byId, fill, h, href, ready } from '../../lib/dom.ts';
import { formatDateAbbreviated, formatTimeRange, statusOf } from '../../lib/format.ts';
import { referenceBelow, referenceSearch } from '../../lib/reference.ts';
import { signInNeeded, statusTag } from '../../lib/request.ts';

/** Issue 14, item 6: the page of this provider's request with that reference, or the API's refusal. */
async function findByReference(reference: string): Promise<string> {
  const { request } = await api<FoundRequestView>('GET', href('/api/requests', { reference }));
  return href('/requests/view/', { id: request.id });
}

ready(async () => {
  const page = byId('page');
  let requests: RequestView[];
  try {
    ({ requests } = await api<{ requests: RequestView[] }>('GET', '/api/requests'));
  } catch (err) {
    if (err instanceof ApiError && (err.status === 401 || err.status === 403)) return signInNeeded(page, 'Sign in to see your requests');
    if (err instanceof ApiError) {
      fill(page, h('h1', { class: 'govuk-heading-l' }, 'Your requests'), h('p', { class: 'govuk-body' }, err.message));
      return;
    }
    throw err;
  }
  const sorted = [...requests].sort((a, b) => `${b.date}${b.start}`.localeCompare(`${a.date}${a.start}`));
  const signOut = signOutForm('sign-out-form', 'Sign out', '/api/auth/sign-out');
  // A lost phone or a shared computer: every session of this person ends, wherever it is.
  const signOutEverywhere = signOutForm('sign-out-everywhere-form', 'Sign out on every device', '/api/auth/sign-out-everywhere');
  const summary = h('div', { id: 'error-summary', hidden: true });
  fill(
    page,
    summary,
    h('h1', { class: 'govuk-heading-l' }, 'Your requests'),
    sorted.length ? referenceSearch({ id: 'find', summary, title: 'Your requests', find: findByReference }) : null,
    sorted.length === 0
      ? h('p', { class: 'govuk-body' }, 'You have no requests yet. ', h('a', { class: 'govuk-link', href: '/' }, 'Find a school'), ' to make one.')
      : h(
          'div',
          { class: 'app-table-wrap' },
          h(
            'table',
            { class: 'govuk-table', id: 'requests-table' },
            h('caption', { class: 'govuk-table__caption govuk-table__caption--m govuk-visually-hidden' }, 'Your requests, latest date first'),
            h(
              'thead',
              { class: 'govuk-table__head' },
              h('tr', { class: 'govuk-table__row' }, ['School', 'Date', 'Status'].map((t) => h('th', { scope: 'col', class: 'govuk-table__header' }, t))),
            ),
            h(
              'tbody',
              { class: 'govuk-table__body' },
              sorted.map((r) =>
                h(
                  'tr',
                  { class: 'govuk-table__row' },
                  h('td', { class: 'govuk-table__cell app-wrap' }, h('a', { class: 'govuk-link', href: href('/requests/view/', { id: r.id }) }, r.schoolName, h('span', { class: 'govuk-visually-hidden' }, `, ${formatDateAbbreviated(r.date)}, ${statusOf(r.status).text}`)), referenceBelow(r)),
                  h('td', { class: 'govuk-table__cell' }, formatDateAbbreviated(r.date), h('br'), formatTimeRange(r.start, r.end)),
                  h('td', { class: 'govuk-table__cell' }, statusTag(r.status)),
                ),
              ),
            ),
          ),
        ),
    h('p', { class: 'govuk-body' }, h('a', { class: 'govuk-link', href: '/' }, 'Make another request')),
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

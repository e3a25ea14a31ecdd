// Home: the school search. The form works without this script (a plain GET to
// /schools/); the script only asks for at least 2 characters before leaving the page,
// and lists the schools this browser has sent requests to (lib/recent-schools.ts), so a
// returning provider goes straight to one.
import { byId, fill, h, href, ready } from '../lib/dom.ts';
import { clearErrors, showErrors } from '../lib/errors.ts';
import { forgetSchools, recentSchools } from '../lib/recent-schools.ts';
import { SEARCH_TOO_SHORT } from '../lib/search.ts';

function showRecentSchools(): void {
  const section = byId('recent-schools');
  const schools = recentSchools();
  if (!schools.length) return;
  const clear = h('button', { type: 'button', class: 'govuk-button govuk-button--secondary', id: 'forget-schools' }, 'Clear this list');
  fill(
    section,
    h('h2', { class: 'govuk-heading-m', id: 'recent-schools-heading' }, 'Schools you have sent requests to'),
    h('p', { class: 'govuk-hint' }, 'Remembered by this browser, and by nobody else.'),
    h(
      'ul',
      { class: 'govuk-list', 'aria-labelledby': 'recent-schools-heading' },
      schools.map((s) => h('li', null, h('a', { class: 'govuk-link', href: href('/school/', { urn: s.urn }) }, s.name), s.town ? `, ${s.town}` : '')),
    ),
    clear,
  );
  section.hidden = false;
  clear.addEventListener('click', () => {
    forgetSchools();
    section.hidden = true;
    byId<HTMLInputElement>('q').focus();
  });
}

ready(() => {
  showRecentSchools();
  const form = byId<HTMLFormElement>('search-form');
  const summary = byId('error-summary');
  const title = document.title.replace(/ – Provider access$/, '');
  form.addEventListener('submit', (event) => {
    const q = byId<HTMLInputElement>('q').value.trim();
    if (q.length >= 2) {
      clearErrors(form, summary, title);
      return;
    }
    event.preventDefault();
    showErrors(form, summary, [{ path: 'q', message: SEARCH_TOO_SHORT }], title);
  });
});

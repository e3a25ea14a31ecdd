// Home: the school search. The form works without this script (a plain GET to
// /schools/); the script only asks for at least 2 characters before leaving the page.
import { byId, ready } from '../lib/dom.ts';
import { clearErrors, showErrors } from '../lib/errors.ts';
import { SEARCH_TOO_SHORT } from '../lib/search.ts';

ready(() => {
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

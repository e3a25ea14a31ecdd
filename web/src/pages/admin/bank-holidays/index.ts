// /admin/bank-holidays/: a platform admin sees the bank-holiday list the product knows and
// loads GOV.UK's bank-holidays.json (issue 17, item 3). GET /api/admin/bank-holidays → who
// loaded the list and when, the dates it covers, the one-off days it adds to the rules and
// the regular days it moves away, and the warning (none loaded, or it ends within six
// months) in a GOV.UK warning text first. The upload PUTs the file's text as it is; the API
// reads and checks it, and answers as the GET does, shown with a success banner.
import type { BankHolidaysAnswer } from '#shared/api/bank-holidays.ts';
import { ApiError, api } from '../../../lib/api.ts';
import { byId, fill, h, ready, setTitle } from '../../../lib/dom.ts';
import { clearErrors, showErrors } from '../../../lib/errors.ts';
import { formatDate } from '../../../lib/format.ts';
import { rememberNext, setUpChrome, successBanner, warningText } from '../../../lib/manage.ts';
import { summaryList } from '../../../lib/school.ts';

const TITLE = 'Bank holidays';
/** As MAX_BANK_HOLIDAYS_BYTES in the contract: refused here before the upload. */
const MAX_BYTES = 512 * 1024;

function renderList(target: HTMLElement, answer: BankHolidaysAnswer) {
  const { loaded } = answer;
  fill(
    target,
    answer.warning ? h('div', { id: 'list-warning' }, warningText(answer.warning)) : null,
    h(
      'div',
      { id: 'list-summary' },
      summaryList(
        loaded
          ? [
              ['Source', `GOV.UK bank-holidays.json, loaded on ${formatDate(loaded.loadedAt.slice(0, 10))} by ${loaded.loadedBy}`],
              ['Dates covered', `${formatDate(loaded.from)} to ${formatDate(loaded.until)} (${loaded.events} bank holidays)`],
              ['Last date', formatDate(loaded.until)],
            ]
          : [['Source', 'No list loaded: the regular bank holidays of England and Wales, and the one-off days known when the service was built']],
        'app-wrap',
      ),
    ),
    h('h2', { class: 'govuk-heading-m' }, 'Changes to the regular bank holidays'),
    h('h3', { class: 'govuk-heading-s' }, 'One-off days the list adds'),
    answer.added.length
      ? h('ul', { class: 'govuk-list govuk-list--bullet app-wrap', id: 'list-added' }, answer.added.map((d) => h('li', null, `${formatDate(d.date)}: ${d.name}`)))
      : h('p', { class: 'govuk-body', id: 'list-added' }, 'None.'),
    h('h3', { class: 'govuk-heading-s' }, 'Regular days the list moves away'),
    answer.removed.length
      ? h('ul', { class: 'govuk-list govuk-list--bullet', id: 'list-removed' }, answer.removed.map((d) => h('li', null, formatDate(d))))
      : h('p', { class: 'govuk-body', id: 'list-removed' }, 'None.'),
  );
}

ready(async () => {
  setTitle(TITLE);
  const list = byId('list');
  const form = byId<HTMLFormElement>('upload-form');
  const summary = byId('error-summary');
  const input = byId<HTMLInputElement>('file');
  const button = byId<HTMLButtonElement>('upload-button');
  const banner = byId('banner');
  const refuse = (message: string) => showErrors(form, summary, [{ path: 'file', message }], TITLE);
  const denied = (err: ApiError) => (err.status === 401 ? 'Sign in as a platform admin to see the bank holidays.' : err.status === 403 ? 'Only platform admins can see and load the bank holidays.' : undefined);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearErrors(form, summary, TITLE);
    fill(banner);
    const file = input.files?.[0];
    if (!file) return refuse('Select the bank-holidays.json file you downloaded from GOV.UK.');
    if (file.size > MAX_BYTES) return refuse('The selected file must be smaller than 512 KB.');
    button.disabled = true;
    void (async () => {
      try {
        const answer = await api<BankHolidaysAnswer>('PUT', '/api/admin/bank-holidays', { file: { text: await file.text(), type: 'application/json' } });
        renderList(list, answer);
        form.reset();
        setTitle('Bank holidays saved');
        fill(banner, successBanner('Bank holidays saved', answer.loaded ? `The list now runs to ${formatDate(answer.loaded.until)}.` : undefined));
        byId('done-banner').focus();
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        const [field, message] = Object.entries(err.fields)[0] ?? [];
        refuse(denied(err) ?? (message ? (field?.includes('.') ? `${message} (at ${field} in the file)` : message) : err.sentence));
      } finally {
        button.disabled = false;
      }
    })();
  });

  try {
    renderList(list, await api<BankHolidaysAnswer>('GET', '/api/admin/bank-holidays'));
    setUpChrome(true);
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    // Signed out: the sign-in link brings them back here (the dashboard sends them on).
    setUpChrome(err.status !== 401);
    if (err.status === 401) rememberNext();
    fill(list, h('div', { class: 'govuk-inset-text', id: 'list-problem' }, denied(err) ?? err.sentence, err.status === 401 ? [' ', h('a', { class: 'govuk-link', href: '/sign-in/', id: 'sign-in-link' }, 'Get a sign-in link')] : null));
  }
});

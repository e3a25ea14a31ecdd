// Who manages a school: /manage/staff/?urn=. GET /api/manage/schools/{urn}/staff →
// { staff, canEdit }. A careers lead or trust admin (canEdit) adds and removes deputies by
// PUTting the whole list { staff } to the same path; 422 fields are staff.{i}.email and
// staff.{i}.name. A deputy sees the list only.
import { ROLE_LABELS } from '#shared/domain/roles.ts';
import { ApiError, api } from '../../../lib/api.ts';
import { byId, fill, h, ready, setTitle } from '../../../lib/dom.ts';
import { clearErrors, showErrors, type FieldError } from '../../../lib/errors.ts';
import { textField } from '../../../lib/form.ts';
import {
  accountBar,
  signInNeeded,
  successBanner,
  type ManagedSchool,
  type StaffAnswer,
  type StaffMember,
  type Me,
  openSchoolPage,
} from '../../../lib/manage.ts';

const PATH = '/manage/staff/';
const TITLE = 'Staff';

function render(page: HTMLElement, me: Me, school: ManagedSchool, answer: StaffAnswer, done?: string) {
  setTitle(TITLE);
  const summary = h('div', { id: 'error-summary', hidden: true });
  const url = `/api/manage/schools/${encodeURIComponent(school.urn)}/staff`;

  /** Saves a new list; the errors of `newIndex` (the person being added) go to the add form. */
  const put = async (staff: StaffMember[], scope: HTMLElement, doneText: string, newIndex?: number) => {
    try {
      const saved = await api<StaffAnswer>('PUT', url, { body: { staff } });
      render(page, me, school, saved, doneText);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      if (err.status === 401) return signInNeeded(page);
      const fields: FieldError[] = Object.entries(err.fields).map(([path, message]) => {
        const m = /^staff\.(\d+)\.(email|name)$/.exec(path);
        return m && Number(m[1]) === newIndex ? { path: `new-${m[2]}`, message } : { message };
      });
      const message = err.sentence;
      showErrors(scope, summary, fields.length ? fields : [{ message }], TITLE);
    }
  };

  const rows = answer.staff.map((m) => {
    let action: HTMLElement | string = '';
    if (answer.canEdit && m.role === 'deputy') {
      const remove = h(
        'form',
        { novalidate: true, class: 'govuk-!-margin-0' },
        h(
          'button',
          { type: 'submit', class: 'govuk-button govuk-button--secondary govuk-!-margin-bottom-0', 'data-remove': m.email },
          'Remove',
          h('span', { class: 'govuk-visually-hidden' }, ` ${m.name}`),
        ),
      );
      remove.addEventListener('submit', (event) => {
        event.preventDefault();
        void put(
          answer.staff.filter((x) => x.email !== m.email),
          page,
          `${m.name} is no longer a deputy`,
        );
      });
      action = remove;
    }
    return h(
      'tr',
      { class: 'govuk-table__row' },
      h('td', { class: 'govuk-table__cell app-wrap', 'data-label': 'Name' }, m.name),
      h('td', { class: 'govuk-table__cell app-wrap', 'data-label': 'Email' }, m.email),
      h('td', { class: 'govuk-table__cell', 'data-label': 'Role' }, ROLE_LABELS[m.role] ?? m.role),
      answer.canEdit ? h('td', { class: 'govuk-table__cell' }, action) : null,
    );
  });

  let addForm: HTMLElement | null = null;
  if (answer.canEdit) {
    addForm = h(
      'form',
      { id: 'add-deputy-form', novalidate: true },
      textField({ id: 'new-name', label: 'Full name', field: 'new-name', autocomplete: 'off', spellcheck: false }),
      textField({ id: 'new-email', label: 'Email address', hint: 'Their school email. They can sign in as soon as you add them.', field: 'new-email', type: 'email', spellcheck: false }),
      h('button', { type: 'submit', class: 'govuk-button', id: 'add-deputy' }, 'Add deputy'),
    );
    const form = addForm;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const name = byId<HTMLInputElement>('new-name').value.trim();
      const email = byId<HTMLInputElement>('new-email').value.trim();
      const errors: FieldError[] = [];
      if (!name) errors.push({ path: 'new-name', message: 'Enter the deputy’s full name.' });
      if (!email) errors.push({ path: 'new-email', message: 'Enter the deputy’s email address.' });
      else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) errors.push({ path: 'new-email', message: 'Enter an email address in the right format, like name@school.sch.uk.' });
      if (errors.length) return showErrors(form, summary, errors, TITLE);
      clearErrors(form, summary, TITLE);
      void put([...answer.staff, { name, email, role: 'deputy' }], form, `${name} added as a deputy`, answer.staff.length);
    });
  }

  fill(
    page,
    done ? successBanner(done) : null,
    summary,
    accountBar(me, school, PATH),
    h('span', { class: 'govuk-caption-l app-wrap' }, school.name),
    h('h1', { class: 'govuk-heading-l' }, TITLE),
    h('p', { class: 'govuk-body app-measure' }, 'The people who can sign in to manage provider access for this school. Deputies can do everything the careers lead can, except change this list.'),
    h(
      'div',
      { class: 'app-table-wrap' },
      h(
        'table',
        { class: 'govuk-table app-responsive-table', id: 'staff-table' },
        h('caption', { class: 'govuk-table__caption govuk-visually-hidden' }, `Staff of ${school.name}`),
        h(
          'thead',
          { class: 'govuk-table__head' },
          h(
            'tr',
            { class: 'govuk-table__row' },
            ['Name', 'Email', 'Role', ...(answer.canEdit ? ['Action'] : [])].map((t) => h('th', { scope: 'col', class: 'govuk-table__header' }, t)),
          ),
        ),
        h('tbody', { class: 'govuk-table__body' }, rows),
      ),
    ),
    h(
      'div',
      { class: 'govuk-grid-row' },
      h(
        'div',
        { class: 'govuk-grid-column-two-thirds' },
        answer.canEdit
          ? [h('h2', { class: 'govuk-heading-m' }, 'Add a deputy'), addForm]
          : h('div', { class: 'govuk-inset-text', id: 'cannot-edit' }, 'Only the careers lead or a trust admin can add or remove deputies.'),
      ),
    ),
  );
  if (done) byId('done-banner').focus();
}

ready(async () => {
  const opened = await openSchoolPage(TITLE, PATH, (urn) => api<StaffAnswer>('GET', `/api/manage/schools/${encodeURIComponent(urn)}/staff`));
  if (!opened) return;
  render(opened.page, opened.me, opened.school, opened.answer);
});

// Term dates from a file (issue 17, item 2): /manage/term-dates/?urn=, reached from the
// terms card of the school's settings. A question page (choose the council's .ics or the
// CSV template) → POST …/term-dates/preview with the file as the body → a check page: the
// terms and INSET days that will be set, what was read differently or left out, and the
// bookings the change would affect (the settings dry run) → "Save these term dates" PUTs
// the preview's settings with its version through the settings save, or "Go back" to
// choose another file. Success only after the save, with a link back to the settings.
import { ApiError, api } from '../../../lib/api.ts';
import { byId, fill, h, href, ready, setTitle } from '../../../lib/dom.ts';
import { clearErrors, showErrors } from '../../../lib/errors.ts';
import { accountBar, openSchoolPage, signInNeeded, successBanner, warningText, type ManagedSchool, type Me, type SettingsAnswer } from '../../../lib/manage.ts';
import { affectedAfterSave, bookingsText } from '../../../lib/manage-affected.ts';
import { affectedList, chosenFile, dateRange, termDatesFileField, termDatesSet } from '../../../lib/term-dates.ts';
import type { TermDatesPreview } from '#shared/api/term-dates.ts';

const PATH = '/manage/term-dates/';
const TITLE = 'Import term dates from a file';
const CHECK_TITLE = 'Check these term dates before you save them';
const settingsUrl = (urn: string) => href('/manage/settings/', { urn });
function head(school: ManagedSchool, back: HTMLElement, title: string) {
  return [back, h('span', { class: 'govuk-caption-l app-wrap' }, school.name), h('h1', { class: 'govuk-heading-l', id: 'page-heading', tabindex: -1 }, title)];
}

function renderChoose(page: HTMLElement, me: Me, school: ManagedSchool) {
  setTitle(TITLE);
  const summary = h('div', { id: 'error-summary', hidden: true });
  const { group, input } = termDatesFileField('An .ics calendar file from your council or trust, or a CSV file made from our template (columns type, name, start, end).');
  const button = h('button', { type: 'submit', class: 'govuk-button', id: 'preview-term-dates' }, 'Continue');
  const form = h(
    'form',
    { id: 'term-dates-form', novalidate: true },
    group,
    h('div', { class: 'govuk-button-group' }, button, h('a', { class: 'govuk-link', href: settingsUrl(school.urn), id: 'cancel-import' }, 'Cancel')),
  );
  fill(
    page,
    summary,
    ...head(school, h('a', { class: 'govuk-back-link', href: settingsUrl(school.urn) }, 'Back'), TITLE),
    h('p', { class: 'govuk-body' }, 'The terms and INSET days in the file replace yours for the dates the file covers. Terms outside those dates, exams and trips stay as they are. You can check everything before it is saved.'),
    form,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const chosen = await chosenFile(input);
    if ('error' in chosen) return showErrors(form, summary, [{ path: 'file', message: chosen.error }], TITLE);
    clearErrors(form, summary, TITLE);
    button.disabled = true;
    try {
      const preview = await api<TermDatesPreview>('POST', `/api/manage/schools/${encodeURIComponent(school.urn)}/term-dates/preview`, chosen);
      renderCheck(page, me, school, preview);
    } catch (err) {
      button.disabled = false;
      if (!(err instanceof ApiError)) throw err;
      if (err.status === 401) return signInNeeded(page);
      showErrors(form, summary, [{ path: 'file', message: err.message }], TITLE);
    }
  });
}

function renderCheck(page: HTMLElement, me: Me, school: ManagedSchool, preview: TermDatesPreview) {
  setTitle(CHECK_TITLE);
  const { termDates, dryRun } = preview;
  const back = h('button', { type: 'button', class: 'govuk-button govuk-button--secondary', id: 'go-back' }, 'Go back');
  const save = h('button', { type: 'button', class: dryRun.affected.length ? 'govuk-button govuk-button--warning' : 'govuk-button', id: 'save-term-dates' }, 'Save these term dates');
  const summary = h('div', { id: 'error-summary', hidden: true });
  const goBack = () => renderChoose(page, me, school);
  fill(
    page,
    summary,
    ...head(school, h('a', { class: 'govuk-back-link', href: href(PATH, { urn: school.urn }) }, 'Back'), CHECK_TITLE),
    h('p', { class: 'govuk-body' }, `The file covers ${dateRange(termDates.span.start, termDates.span.end)}. Nothing has been saved yet.`),
    ...termDatesSet(termDates),
    dryRun.warnings?.length
      ? h('div', { id: 'preview-opportunity-warnings' }, warningText('Some opportunities would give no slots with these term dates:'), h('ul', { class: 'govuk-list govuk-list--bullet app-wrap' }, dryRun.warnings.map((w) => h('li', null, w.message))))
      : null,
    h('h2', { class: 'govuk-heading-m' }, 'Bookings'),
    dryRun.affected.length
      ? h(
          'div',
          { id: 'preview-affected' },
          warningText(`These term dates affect ${bookingsText(dryRun.affected.length)}:`),
          affectedList(dryRun.affected),
          h('p', { class: 'govuk-body' }, 'If you save, they are flagged on your dashboard for you to keep, move or cancel, and you get one email listing them.'),
        )
      : h('p', { class: 'govuk-body', id: 'preview-affected' }, 'No booking is affected.'),
    h('div', { class: 'govuk-button-group' }, save, back),
  );
  byId('page-heading').focus();
  back.addEventListener('click', goBack);
  save.addEventListener('click', async () => {
    save.disabled = true;
    try {
      const saved = await api<SettingsAnswer>('PUT', `/api/manage/schools/${encodeURIComponent(school.urn)}/settings`, { body: { version: preview.version, settings: preview.settings } });
      renderSaved(page, me, school, saved);
    } catch (err) {
      save.disabled = false;
      if (!(err instanceof ApiError)) throw err;
      if (err.status === 401) return signInNeeded(page);
      showErrors(page, summary, [{ message: err.message }], CHECK_TITLE);
    }
  });
}

function renderSaved(page: HTMLElement, me: Me, school: ManagedSchool, saved: SettingsAnswer) {
  setTitle('Term dates saved');
  fill(
    page,
    successBanner('Term dates saved', affectedAfterSave(saved.affected, school.urn) ?? undefined),
    ...accountBar(me, school, PATH),
    h('p', { class: 'govuk-body' }, h('a', { class: 'govuk-link', href: settingsUrl(school.urn), id: 'back-to-settings' }, 'Back to your school settings')),
  );
  byId('done-banner').focus();
}

ready(async () => {
  const opened = await openSchoolPage(TITLE, PATH, (urn) => api<SettingsAnswer>('GET', `/api/manage/schools/${encodeURIComponent(urn)}/settings`));
  if (!opened) return;
  renderChoose(opened.page, opened.me, opened.school);
});

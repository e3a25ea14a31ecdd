// A school's settings (issue 16, item 6): /manage/settings/?urn= is a summary, one GOV.UK
// summary card per section (sections.ts) with Change links; &section=<id> is that
// section's own short question page. GET /api/manage/schools/{urn}/settings →
// { settings, version, updatedAt?, updatedBy?, warnings }. A section saves by PUTting the
// whole settings as read with only its own part changed, and the version read (409
// SETTINGS_CHANGED when someone saved in between → the message and a link to reload);
// 422/400 → each problem at its field (settings.schoolDay.wed.end, settings.terms.2.start…).
// Before saving, the page PUTs the same body with `dryRun: true` (issue 11), which writes
// nothing: when the change would put live bookings outside the rules, leave opportunities
// without slots or replace the careers lead, a warning says so, with "Save this change" and
// "Go back and change it", before anything is saved. Success comes only after, on the
// summary, and no warning is ever shown below it: what the save left is said in the banner.
import { ApiError, api } from '../../../lib/api.ts';
import { byId, fill, h, href, param, ready, setTitle, type Child } from '../../../lib/dom.ts';
import { clearErrors, showErrors } from '../../../lib/errors.ts';
import { formatWhen } from '../../../lib/format.ts';
import {
  accountBar,
  openSchoolPage,
  signInNeeded,
  successBanner,
  warningText,
  type DryRunAnswer,
  type ManagedSchool,
  type Me,
  type SettingsAnswer,
} from '../../../lib/manage.ts';
import { affectedAfterSave, affectedTitle, affectedWarning } from '../../../lib/manage-affected.ts';
import { summaryList } from '../../../lib/school.ts';
import { SECTIONS, sectionOf, type Section } from './sections.ts';

const PATH = '/manage/settings/';
const TITLE = 'School settings';

const summaryUrl = (urn: string) => href(PATH, { urn });
const sectionUrl = (urn: string, section: Section, field?: string) => `${href(PATH, { urn, section: section.id })}${field ? `#${field}` : ''}`;
const settingsApi = (urn: string) => `/api/manage/schools/${encodeURIComponent(urn)}/settings`;

/** Issue 12, item 4: a deputy sees who the careers lead is but cannot change it. */
const mayChange = (section: Section, school: ManagedSchool) => section.id !== 'careers-lead' || school.role !== 'deputy';

// ---- the summary ------------------------------------------------------------------------

function changeLink(url: string, hidden: string): HTMLElement {
  return h('a', { class: 'govuk-link', href: url }, 'Change', h('span', { class: 'govuk-visually-hidden' }, ` ${hidden}`));
}

function card(section: Section, answer: SettingsAnswer, school: ManagedSchool): HTMLElement {
  const editable = mayChange(section, school);
  const perRow = editable && !section.changesAsWhole;
  return h(
    'div',
    { class: 'govuk-summary-card', id: `section-${section.id}` },
    h(
      'div',
      { class: 'govuk-summary-card__title-wrapper' },
      h('h2', { class: 'govuk-summary-card__title' }, section.title),
      editable && section.changesAsWhole
        ? h('ul', { class: 'govuk-summary-card__actions' }, h('li', { class: 'govuk-summary-card__action' }, changeLink(sectionUrl(school.urn, section), section.title.toLowerCase())))
        : null,
    ),
    h(
      'div',
      { class: 'govuk-summary-card__content' },
      h(
        'dl',
        { class: 'govuk-summary-list app-wrap' },
        section.rows(answer.settings).map((r) =>
          h(
            'div',
            { class: 'govuk-summary-list__row' },
            h('dt', { class: 'govuk-summary-list__key' }, r.key),
            h('dd', { class: 'govuk-summary-list__value' }, r.value),
            perRow && r.field ? h('dd', { class: 'govuk-summary-list__actions' }, changeLink(sectionUrl(school.urn, section, r.field), r.hidden ?? r.key.toLowerCase())) : null,
          ),
        ),
      ),
      editable
        ? null
        : h('p', { class: 'govuk-body', id: 'lead-read-only' }, 'Requests are sent to this address. Only the careers lead or a trust admin can change who the careers lead is.'),
      // Issue 17, item 2: a council's or trust's calendar instead of typing each term.
      section.id === 'terms' && editable
        ? h('p', { class: 'govuk-body' }, h('a', { class: 'govuk-link', href: href('/manage/term-dates/', { urn: school.urn }), id: 'import-term-dates' }, 'Import term dates from a file'))
        : null,
    ),
  );
}

/** What a save left, said in its success banner: the bookings now needing attention, the opportunities without slots. */
function savedDetail(saved: SettingsAnswer, urn: string): Child | undefined {
  const bookings = affectedAfterSave(saved.affected, urn);
  const n = saved.warnings.length;
  const opportunities = n
    ? h(
        'span',
        { id: 'saved-warnings' },
        `${n === 1 ? '1 opportunity gives' : `${n} opportunities give`} no slots with these settings: `,
        h('a', { class: 'govuk-notification-banner__link', href: href('/manage/opportunities/', { urn }) }, `change ${n === 1 ? 'it' : 'them'} on your opportunities page`),
        '.',
      )
    : null;
  if (!bookings && !opportunities) return undefined;
  return [bookings, bookings && opportunities ? ' ' : null, opportunities];
}

/** The summary's cards use the full width, so their rows keep to a line; a question page keeps to two thirds. */
function widen(page: HTMLElement, full: boolean) {
  page.classList.toggle('govuk-grid-column-full', full);
  page.classList.toggle('govuk-grid-column-two-thirds', !full);
}

function renderSummary(page: HTMLElement, me: Me, school: ManagedSchool, answer: SettingsAnswer, done?: string) {
  setTitle(TITLE);
  widen(page, true);
  fill(
    page,
    done ? successBanner(done, savedDetail(answer, school.urn)) : null,
    accountBar(me, school, PATH),
    h('span', { class: 'govuk-caption-l app-wrap' }, school.name),
    h('h1', { class: 'govuk-heading-l' }, TITLE),
    h('p', { class: 'govuk-body' }, 'Providers see these on your school’s page, and every request is checked against them.'),
    answer.updatedBy && answer.updatedAt ? h('p', { class: 'govuk-body-s app-wrap', id: 'last-saved' }, `Last saved by ${answer.updatedBy} on ${formatWhen(answer.updatedAt)}.`) : null,
    // After a save these are in its banner; a warning never stands below a success.
    !done && answer.warnings.length
      ? h(
          'div',
          { id: 'settings-warnings' },
          warningText('Some opportunities give no slots with these settings:'),
          h('ul', { class: 'govuk-list govuk-list--bullet app-wrap' }, answer.warnings.map((w) => h('li', null, w.message))),
          h('p', { class: 'govuk-body' }, h('a', { class: 'govuk-link', href: href('/manage/opportunities/', { urn: school.urn }) }, 'Change them on your opportunities page')),
        )
      : null,
    SECTIONS.map((s) => card(s, answer, school)),
  );
  if (done) byId('done-banner').focus();
}

// ---- one section ------------------------------------------------------------------------

function readOnlyLead(page: HTMLElement, school: ManagedSchool, answer: SettingsAnswer, section: Section) {
  setTitle(section.title);
  fill(
    page,
    h('a', { class: 'govuk-back-link', href: summaryUrl(school.urn) }, 'Back'),
    h('span', { class: 'govuk-caption-l app-wrap' }, school.name),
    h('h1', { class: 'govuk-heading-l' }, section.title),
    h('div', { id: 'lead-read-only' }, summaryList(section.rows(answer.settings).map((r) => [r.key, r.value])),
      h('p', { class: 'govuk-body' }, 'Requests are sent to this address. Only the careers lead or a trust admin can change who the careers lead is.')),
    h('p', { class: 'govuk-body' }, h('a', { class: 'govuk-link', href: summaryUrl(school.urn) }, 'Back to your school settings')),
  );
}

function renderSection(page: HTMLElement, me: Me, school: ManagedSchool, answer: SettingsAnswer, section: Section) {
  widen(page, false);
  if (!mayChange(section, school)) return readOnlyLead(page, school, answer, section);
  const title = section.title;
  setTitle(title);
  const { fields, read } = section.form(answer.settings);
  const summary = h('div', { id: 'error-summary', hidden: true });
  const save = h('button', { type: 'submit', class: 'govuk-button', id: 'save-section' }, 'Save');
  const form = h(
    'form',
    { id: 'section-form', novalidate: true },
    fields,
    h('div', { class: 'govuk-button-group' }, save, h('a', { class: 'govuk-link', href: summaryUrl(school.urn), id: 'cancel-section' }, 'Cancel')),
  );
  const head = h(
    'div',
    { id: 'section-head' },
    h('a', { class: 'govuk-back-link', href: summaryUrl(school.urn) }, 'Back'),
    h('span', { class: 'govuk-caption-l app-wrap' }, school.name),
    h('h1', { class: 'govuk-heading-l' }, title),
    section.intro ? h('p', { class: 'govuk-body' }, section.intro) : null,
  );
  const url = settingsApi(school.urn);

  const failed = (err: unknown) => {
    save.disabled = false;
    if (!(err instanceof ApiError)) throw err;
    if (err.status === 401) return signInNeeded(page);
    if (err.status === 409) {
      showErrors(form, summary, [{ message: err.message }], title);
      summary.querySelector('.govuk-error-summary__body')?.append(
        h('p', { class: 'govuk-body' }, h('a', { class: 'govuk-link', href: location.pathname + location.search, id: 'reload-settings' }, 'Reload the settings')),
      );
      return;
    }
    showErrors(form, summary, err.shownErrors(), title);
  };
  type Body = { version: number; settings: SettingsAnswer['settings'] };
  const commit = async (body: Body) => {
    const saved = await api<SettingsAnswer>('PUT', url, { body });
    history.pushState(null, '', summaryUrl(school.urn));
    renderSummary(page, me, school, saved, section.saved);
  };
  /** The section is hidden, not removed, while the warning asks: going back finds it as it was. */
  const ask = (body: Body, dry: DryRunAnswer) => {
    const shown = (visible: boolean) => [summary, head, form].forEach((el) => (el.hidden = !visible));
    const box = affectedWarning(
      dry.affected,
      {
        onSave: async (button) => {
          button.disabled = true;
          try {
            await commit(body);
          } catch (err) {
            box.remove();
            shown(true);
            failed(err);
          }
        },
        onBack: () => {
          box.remove();
          shown(true);
          setTitle(title);
          save.focus();
        },
      },
      dry.careersLeadChange,
      { warnings: dry.warnings, save: 'Save this change', back: 'Go back and change it', heading: 'h1' },
    );
    shown(false);
    form.after(box);
    setTitle(affectedTitle(dry.affected));
    byId('affected-heading').focus();
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const { part, errors } = read();
    if (errors.length) return showErrors(form, summary, errors, title);
    clearErrors(form, summary, title);
    // The other sections go back as they were read; the version guards against a save in between.
    const body: Body = { version: answer.version, settings: { ...answer.settings, ...part } };
    save.disabled = true;
    try {
      const dry = await api<DryRunAnswer>('PUT', url, { body: { ...body, dryRun: true } });
      if (dry.affected.length || dry.careersLeadChange || dry.warnings?.length) {
        save.disabled = false;
        return ask(body, dry);
      }
      await commit(body);
    } catch (err) {
      failed(err);
    }
  });

  fill(page, summary, head, form);
  // A Change link names the field it is for.
  const target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
  if (target) target.focus();
}

ready(async () => {
  // The dashboard links to the careers lead's address as it was before the sections.
  if (!param('section') && location.hash === '#lead-email') history.replaceState(null, '', `${href(PATH, { urn: param('urn'), section: 'careers-lead' })}#lead-email`);
  const opened = await openSchoolPage(TITLE, PATH, (urn) => api<SettingsAnswer>('GET', settingsApi(urn)));
  if (!opened) return;
  // After a save the summary is drawn in place; going back shows the page its address names.
  window.addEventListener('popstate', () => location.reload());
  const section = sectionOf(param('section'));
  if (section) renderSection(opened.page, opened.me, opened.school, opened.answer, section);
  else renderSummary(opened.page, opened.me, opened.school, opened.answer);
});

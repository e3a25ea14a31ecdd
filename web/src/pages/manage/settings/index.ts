// A school's settings: /manage/settings/?urn=. GET /api/manage/schools/{urn}/settings →
// { settings, version, updatedAt?, updatedBy?, warnings }; saving PUTs { version, settings }
// to the same path. 409 SETTINGS_CHANGED (someone saved in between) → the message and a
// link to reload; 422/400 → each problem at its field (settings.schoolDay.wed.end,
// settings.terms.2.start, settings.minimumNoticeDays…). Terms, closures and grounds for
// refusing are lists with rows to add and remove. Save first PUTs the same body with
// `dryRun: true` (issue 11): when the change would put live bookings outside the rules, a
// warning lists them with "Save anyway" and "Go back" before anything is saved.
import { SETTINGS_LIMITS } from '#shared/domain/settings.ts';
import { CLOSURE_REASONS, WEEKDAYS, type ClosureReason, type Weekday } from '#shared/domain/types.ts';
import { ApiError, api } from '../../../lib/api.ts';
import { byId, fill, h, ready, setTitle, type Child } from '../../../lib/dom.ts';
import { clearErrors, showErrors, type FieldError } from '../../../lib/errors.ts';
import {
  checkedValue,
  dateField,
  isTime,
  normaliseTime,
  radiosField,
  rawDate,
  readDate,
  selectField,
  textareaField,
  textField,
  wholeNumber,
  type RawDate,
} from '../../../lib/form.ts';
import { formatWhen } from '../../../lib/format.ts';
import {
  accountBar,
  signInNeeded,
  successBanner,
  warningText,
  type ManagedSchool,
  type DryRunAnswer,
  type SettingsAnswer,
  type Me,
  openSchoolPage,
} from '../../../lib/manage.ts';
import { affectedAfterSave, affectedWarning } from '../../../lib/manage-affected.ts';
import { summaryList } from '../../../lib/school.ts';

const PATH = '/manage/settings/';
const TITLE = 'School settings';
const L = SETTINGS_LIMITS;

const DAY_NAMES: Record<Weekday, string> = { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday' };
const CLOSURE_TEXT: Record<ClosureReason, string> = { INSET: 'Staff training (INSET) day', EXAMS: 'Exams', TRIP: 'School trip', OTHER: 'Other' };

/** The lists as typed, so adding or removing a row keeps what is in the others. */
interface TermRow {
  name: string;
  start: RawDate;
  end: RawDate;
}
interface ClosureRow {
  start: RawDate;
  end: RawDate;
  reason: string;
  note: string;
}

const EMPTY_DATE: RawDate = { day: '', month: '', year: '' };
function raw(iso: string): RawDate {
  const [year = '', month = '', day = ''] = iso.split('-');
  return { day: day ? String(Number(day)) : '', month: month ? String(Number(month)) : '', year };
}

const value = (id: string) => byId<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(id).value;

function removeButton(text: string, hidden: string, onClick: () => void): HTMLElement {
  return h(
    'button',
    { type: 'button', class: 'govuk-button govuk-button--secondary app-add-another__remove', onclick: onClick },
    text,
    h('span', { class: 'govuk-visually-hidden' }, ` ${hidden}`),
  );
}

function schoolDayFields(schoolDay: SettingsAnswer['settings']['schoolDay']): HTMLElement[] {
  return WEEKDAYS.map((d) => {
    const times = schoolDay[d];
    const none = h('input', { class: 'govuk-checkboxes__input', id: `day-${d}-none`, name: `day-${d}-none`, type: 'checkbox', value: 'none', checked: !times });
    const timesBox = h(
      'div',
      { class: 'app-times', id: `day-${d}-times` },
      textField({ id: `day-${d}-start`, label: 'Starts', field: `settings.schoolDay.${d}.start`, value: times?.start ?? '', width: 'govuk-input--width-5', labelClass: '' }),
      textField({ id: `day-${d}-end`, label: 'Ends', field: `settings.schoolDay.${d}.end`, value: times?.end ?? '', width: 'govuk-input--width-5', labelClass: '' }),
    );
    const sync = () => {
      timesBox.hidden = none.checked;
    };
    none.addEventListener('change', sync);
    sync();
    return h(
      'div',
      { class: 'govuk-form-group', id: `day-${d}-group`, 'data-field': `settings.schoolDay.${d}` },
      h(
        'fieldset',
        { class: 'govuk-fieldset' },
        h('legend', { class: 'govuk-fieldset__legend govuk-fieldset__legend--s' }, DAY_NAMES[d]),
        timesBox,
        h(
          'div',
          { class: 'govuk-checkboxes govuk-checkboxes--small' },
          h('div', { class: 'govuk-checkboxes__item' }, none, h('label', { class: 'govuk-label govuk-checkboxes__label', for: `day-${d}-none` }, `No school on ${DAY_NAMES[d]}s`)),
        ),
      ),
    );
  });
}

async function renderForm(page: HTMLElement, me: Me, school: ManagedSchool, answer: SettingsAnswer, done?: string, doneDetail?: Child) {
  const leadEditable = school.role !== 'deputy';
  const s = answer.settings;
  let version = answer.version;
  let terms: TermRow[] = s.terms.map((t) => ({ name: t.name, start: raw(t.start), end: raw(t.end) }));
  let closures: ClosureRow[] = s.closures.map((c) => ({ start: raw(c.start), end: raw(c.end), reason: c.reason, note: c.note ?? '' }));
  let grounds: string[] = [...s.groundsForRefusing];

  const summary = h('div', { id: 'error-summary', hidden: true });
  const termList = h('div', { id: 'terms-list' });
  const closureList = h('div', { id: 'closures-list' });
  const groundList = h('div', { id: 'grounds-list' });

  const readTerms = () => {
    terms = terms.map((_, i) => ({ name: value(`term-${i}-name`), start: rawDate(`term-${i}-start`), end: rawDate(`term-${i}-end`) }));
  };
  const readClosures = () => {
    closures = closures.map((_, i) => ({ start: rawDate(`closure-${i}-start`), end: rawDate(`closure-${i}-end`), reason: value(`closure-${i}-reason`), note: value(`closure-${i}-note`) }));
  };
  const readGrounds = () => {
    grounds = grounds.map((_, i) => value(`ground-${i}`));
  };

  const drawTerms = () =>
    fill(
      termList,
      terms.length ? null : h('p', { class: 'govuk-body' }, 'No terms yet. Without terms, no date can be booked.'),
      terms.map((t, i) =>
        h(
          'div',
          { class: 'app-add-another__item', id: `term-${i}` },
          h(
            'fieldset',
            { class: 'govuk-fieldset' },
            h('legend', { class: 'govuk-fieldset__legend govuk-fieldset__legend--s' }, `Term ${i + 1}`),
            textField({ id: `term-${i}-name`, label: 'Name', field: `settings.terms.${i}.name settings.terms.${i}`, value: t.name, labelClass: '', width: 'govuk-input--width-20' }),
            h(
              'div',
              { class: 'app-times' },
              dateField({ id: `term-${i}-start`, legend: 'First day', field: `settings.terms.${i}.start`, raw: t.start, legendClass: '', hint: null }),
              dateField({ id: `term-${i}-end`, legend: 'Last day', field: `settings.terms.${i}.end`, raw: t.end, legendClass: '', hint: null }),
            ),
          ),
          removeButton('Remove', `term ${i + 1}`, () => {
            readTerms();
            terms.splice(i, 1);
            drawTerms();
            byId('add-term').focus();
          }),
        ),
      ),
    );
  const drawClosures = () =>
    fill(
      closureList,
      closures.length ? null : h('p', { class: 'govuk-body' }, 'No closures.'),
      closures.map((c, i) =>
        h(
          'div',
          { class: 'app-add-another__item', id: `closure-${i}` },
          h(
            'fieldset',
            { class: 'govuk-fieldset' },
            h('legend', { class: 'govuk-fieldset__legend govuk-fieldset__legend--s' }, `Closure ${i + 1}`),
            h(
              'div',
              { class: 'app-times' },
              dateField({ id: `closure-${i}-start`, legend: 'First day', field: `settings.closures.${i}.start settings.closures.${i}`, raw: c.start, legendClass: '', hint: null }),
              dateField({ id: `closure-${i}-end`, legend: 'Last day', field: `settings.closures.${i}.end`, raw: c.end, legendClass: '', hint: null }),
            ),
            selectField({
              id: `closure-${i}-reason`,
              label: 'Reason',
              field: `settings.closures.${i}.reason`,
              options: CLOSURE_REASONS.map((r) => [r, CLOSURE_TEXT[r]] as const),
              value: c.reason,
              labelClass: '',
            }),
            textField({ id: `closure-${i}-note`, label: 'Note (optional)', field: `settings.closures.${i}.note`, value: c.note, labelClass: '' }),
          ),
          removeButton('Remove', `closure ${i + 1}`, () => {
            readClosures();
            closures.splice(i, 1);
            drawClosures();
            byId('add-closure').focus();
          }),
        ),
      ),
    );
  const drawGrounds = () =>
    fill(
      groundList,
      grounds.map((g, i) =>
        h(
          'div',
          { class: 'app-add-another__item', id: `ground-row-${i}` },
          textareaField({ id: `ground-${i}`, label: `Ground ${i + 1}`, field: `settings.groundsForRefusing.${i}`, value: g, labelClass: '', rows: 2 }),
          grounds.length > 1
            ? removeButton('Remove', `ground ${i + 1}`, () => {
                readGrounds();
                grounds.splice(i, 1);
                drawGrounds();
                byId('add-ground').focus();
              })
            : null,
        ),
      ),
    );
  drawTerms();
  drawClosures();
  drawGrounds();

  const addButton = (id: string, text: string, onClick: () => void) =>
    h('button', { type: 'button', class: 'govuk-button govuk-button--secondary', id, onclick: onClick }, text);

  const save = h('button', { type: 'submit', class: 'govuk-button', id: 'save-settings' }, 'Save settings');
  const form = h(
    'form',
    { id: 'settings-form', novalidate: true },
    h('h2', { class: 'govuk-heading-m' }, 'School day'),
    h('p', { class: 'govuk-body' }, 'Providers can only visit during your school’s session times (use the 24-hour clock, like 08:40).'),
    schoolDayFields(s.schoolDay),

    h('h2', { class: 'govuk-heading-m' }, 'Terms'),
    h('p', { class: 'govuk-body' }, 'Write each date as day, month and year, for example 3 9 2026. Providers can only visit in term time.'),
    h('div', { class: 'govuk-form-group', id: 'terms-group', 'data-field': 'settings.terms' }, h('div', { 'data-error-before': true }), termList,
      addButton('add-term', 'Add another term', () => {
        readTerms();
        terms.push({ name: '', start: { ...EMPTY_DATE }, end: { ...EMPTY_DATE } });
        drawTerms();
        byId(`term-${terms.length - 1}-name`).focus();
      })),

    h('h2', { class: 'govuk-heading-m' }, 'Closures'),
    h('p', { class: 'govuk-body' }, 'Days in term when you take no visitors, such as INSET days and exams. For a single day, give the same first and last day.'),
    h('div', { class: 'govuk-form-group', id: 'closures-group', 'data-field': 'settings.closures' }, h('div', { 'data-error-before': true }), closureList,
      addButton('add-closure', 'Add a closure', () => {
        readClosures();
        closures.push({ start: { ...EMPTY_DATE }, end: { ...EMPTY_DATE }, reason: 'INSET', note: '' });
        drawClosures();
        byId(`closure-${closures.length - 1}-start-day`).focus();
      })),

    h('h2', { class: 'govuk-heading-m' }, 'Notice and answers'),
    textField({
      id: 'minimumNoticeDays',
      label: 'Minimum notice',
      hint: `How many days ahead a provider must ask, from ${L.minimumNoticeDays.min} to ${L.minimumNoticeDays.max}`,
      field: 'settings.minimumNoticeDays',
      value: s.minimumNoticeDays,
      width: 'govuk-input--width-3',
      inputmode: 'numeric',
      suffix: 'days',
    }),
    textField({
      id: 'bookingWindowDays',
      label: 'How far ahead providers can book',
      hint: `From ${L.bookingWindowDays.min} to ${L.bookingWindowDays.max} days, and more than the minimum notice`,
      field: 'settings.bookingWindowDays',
      value: s.bookingWindowDays,
      width: 'govuk-input--width-3',
      inputmode: 'numeric',
      suffix: 'days',
    }),
    textField({
      id: 'minimumLengthMinutes',
      label: 'Shortest encounter',
      hint: `R-REASONABLE: providers cannot ask for a session shorter than this, and no opportunity can be shorter. From ${L.minimumLengthMinutes.min} to ${L.minimumLengthMinutes.max} minutes.`,
      field: 'settings.minimumLengthMinutes',
      value: s.minimumLengthMinutes,
      width: 'govuk-input--width-3',
      inputmode: 'numeric',
      suffix: 'minutes',
    }),
    textField({
      id: 'responseDeadlineSchoolDays',
      label: 'Time to answer a request',
      hint: `From ${L.responseDeadlineSchoolDays.min} to ${L.responseDeadlineSchoolDays.max} school days. A request not answered in time expires.`,
      field: 'settings.responseDeadlineSchoolDays',
      value: s.responseDeadlineSchoolDays,
      width: 'govuk-input--width-3',
      inputmode: 'numeric',
      suffix: 'school days',
    }),
    radiosField({
      id: 'pendingHoldsPlace',
      name: 'pendingHoldsPlace',
      legend: 'Does a request waiting for your answer hold its place in a slot?',
      hint: 'If yes, nobody else can take the place until you answer. If no, the place is taken when you approve, and a full slot cannot be approved.',
      field: 'settings.pendingHoldsPlace',
      options: [
        { value: 'yes', label: 'Yes' },
        { value: 'no', label: 'No' },
      ],
      checked: [s.pendingHoldsPlace ? 'yes' : 'no'],
      inline: true,
    }),

    h('h2', { class: 'govuk-heading-m' }, 'Grounds for refusing a request'),
    h('p', { class: 'govuk-body' }, 'Your policy statement lists these, and you choose from them when you decline a request.'),
    h('div', { class: 'govuk-form-group', id: 'grounds-group', 'data-field': 'settings.groundsForRefusing' }, h('div', { 'data-error-before': true }), groundList,
      addButton('add-ground', 'Add another ground', () => {
        readGrounds();
        grounds.push('');
        drawGrounds();
        byId(`ground-${grounds.length - 1}`).focus();
      })),

    h('h2', { class: 'govuk-heading-m' }, 'Premises'),
    textareaField({
      id: 'premises',
      label: 'Premises and facilities you give visiting providers',
      hint: 'For example, rooms, equipment and who will be with them. Your policy statement includes this.',
      field: 'settings.premises',
      value: s.premises,
      rows: 6,
    }),

    h('h2', { class: 'govuk-heading-m' }, 'Careers lead'),
    // Issue 12, item 4: every request email goes to the careers lead, so a deputy sees who it is but cannot change it.
    leadEditable
      ? [
          textField({ id: 'lead-name', label: 'Full name', field: 'settings.careersLead.name', value: s.careersLead.name, autocomplete: 'off', spellcheck: false }),
          textField({ id: 'lead-email', label: 'Email address', hint: 'Requests are sent here', field: 'settings.careersLead.email', value: s.careersLead.email, type: 'email', spellcheck: false }),
          textField({ id: 'lead-phone', label: 'Phone number (optional)', field: 'settings.careersLead.phone', value: s.careersLead.phone ?? '', type: 'tel', width: 'govuk-input--width-20' }),
        ]
      : h(
          'div',
          { id: 'lead-read-only', 'data-field': 'settings.careersLead.email settings.careersLead' },
          summaryList([
            ['Name', s.careersLead.name],
            ['Email address', h('span', { class: 'app-wrap' }, s.careersLead.email)],
            ['Phone number', s.careersLead.phone ?? 'Not given'],
          ]),
          h('p', { class: 'govuk-body' }, 'Requests are sent to this address. Only the careers lead or a trust admin can change who the careers lead is.'),
        ),
    save,
  );

  const read = (): { body: { version: number; settings: Record<string, unknown> }; errors: FieldError[] } => {
    readTerms();
    readClosures();
    readGrounds();
    const errors: FieldError[] = [];
    const schoolDay: Record<string, { start: string; end: string }> = {};
    for (const d of WEEKDAYS) {
      if (byId<HTMLInputElement>(`day-${d}-none`).checked) continue;
      const start = normaliseTime(value(`day-${d}-start`));
      const end = normaliseTime(value(`day-${d}-end`));
      if (!isTime(start)) errors.push({ path: `settings.schoolDay.${d}.start`, message: `Enter when school starts on ${DAY_NAMES[d]}s, like 08:40, or select “No school”.` });
      if (!isTime(end)) errors.push({ path: `settings.schoolDay.${d}.end`, message: `Enter when school ends on ${DAY_NAMES[d]}s, like 15:10.` });
      schoolDay[d] = { start, end };
    }
    const date = (id: string, what: string): string => {
      const r = readDate(id);
      if (r.state === 'ok') return r.iso;
      errors.push({ path: id, message: r.state === 'empty' ? `Enter the ${what}.` : `The ${what} must be a real date, like 3 9 2026.` });
      return '';
    };
    const termsOut = terms.map((t, i) => ({
      name: t.name.trim(),
      start: date(`term-${i}-start`, `first day of term ${i + 1}`),
      end: date(`term-${i}-end`, `last day of term ${i + 1}`),
    }));
    const closuresOut = closures.map((c, i) => ({
      start: date(`closure-${i}-start`, `first day of closure ${i + 1}`),
      end: date(`closure-${i}-end`, `last day of closure ${i + 1}`),
      reason: c.reason,
      ...(c.note.trim() ? { note: c.note.trim() } : {}),
    }));
    const number = (id: string, what: string): number => {
      const n = wholeNumber(value(id));
      if (Number.isNaN(n)) errors.push({ path: `settings.${id}`, message: `Enter ${what} as a whole number.` });
      return n;
    };
    const settings = {
      schoolDay,
      terms: termsOut,
      closures: closuresOut,
      minimumNoticeDays: number('minimumNoticeDays', 'the minimum notice'),
      bookingWindowDays: number('bookingWindowDays', 'how far ahead providers can book'),
      responseDeadlineSchoolDays: number('responseDeadlineSchoolDays', 'the time to answer'),
      minimumLengthMinutes: number('minimumLengthMinutes', 'the shortest encounter in minutes'),
      pendingHoldsPlace: checkedValue(form, 'pendingHoldsPlace') !== 'no',
      groundsForRefusing: grounds.map((g) => g.trim()),
      premises: value('premises').trim(),
      careersLead: leadEditable
        ? { name: value('lead-name').trim(), email: value('lead-email').trim(), ...(value('lead-phone').trim() ? { phone: value('lead-phone').trim() } : {}) }
        : s.careersLead,
    };
    return { body: { version, settings }, errors };
  };

  const url = `/api/manage/schools/${encodeURIComponent(school.urn)}/settings`;
  const failed = (err: unknown) => {
    save.disabled = false;
    if (!(err instanceof ApiError)) throw err;
    if (err.status === 401) return signInNeeded(page);
    if (err.status === 409) {
      showErrors(form, summary, [{ message: err.message }], TITLE);
      summary.querySelector('.govuk-error-summary__body')?.append(
        h('p', { class: 'govuk-body' }, h('a', { class: 'govuk-link', href: location.pathname + location.search, id: 'reload-settings' }, 'Reload the settings')),
      );
      return;
    }
    showErrors(form, summary, err.shownErrors(), TITLE);
  };
  const commit = async (body: ReturnType<typeof read>['body']) => {
    const saved = await api<SettingsAnswer>('PUT', url, { body });
    version = saved.version;
    await renderForm(page, me, school, saved, 'Settings saved', affectedAfterSave(saved.affected, school.urn));
  };
  /** The form is hidden, not removed, while the warning asks: going back finds it as it was. */
  const ask = (body: ReturnType<typeof read>['body'], warning: DryRunAnswer) => {
    const intro = byId('settings-intro');
    const box = affectedWarning(warning.affected, {
      onSave: async (button) => {
        button.disabled = true;
        try {
          await commit(body);
        } catch (err) {
          button.disabled = false;
          box.remove();
          intro.hidden = false;
          form.hidden = false;
          failed(err);
        }
      },
      onBack: () => {
        box.remove();
        intro.hidden = false;
        form.hidden = false;
        setTitle(TITLE);
        save.focus();
      },
    }, warning.careersLeadChange);
    intro.hidden = true;
    form.hidden = true;
    intro.after(box);
    setTitle(warning.affected.length ? 'Check the bookings this change affects' : 'Check this change before you save it');
    byId('affected-heading').focus();
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const { body, errors } = read();
    // Term and closure dates are read into raw rows, so the ids keep their place: map
    // `term-0-start` to its API path for the error.
    const mapped = errors.map((e) => ({ ...e, path: toApiPath(e.path ?? '') }));
    if (mapped.length) return showErrors(form, summary, mapped, TITLE);
    clearErrors(form, summary, TITLE);
    save.disabled = true;
    try {
      // Issue 11: what the change would do to live bookings, before anything is saved.
      const dry = await api<DryRunAnswer>('PUT', url, { body: { ...body, dryRun: true } });
      if (dry.affected.length || dry.careersLeadChange) {
        save.disabled = false;
        return ask(body, dry);
      }
      await commit(body);
    } catch (err) {
      failed(err);
    }
  });

  setTitle(TITLE);
  const parts: Child[] = [
    done ? successBanner(done, doneDetail) : null,
    summary,
    h(
      'div',
      { id: 'settings-intro' },
      accountBar(me, school, PATH),
      h('span', { class: 'govuk-caption-l app-wrap' }, school.name),
      h('h1', { class: 'govuk-heading-l' }, TITLE),
      h('p', { class: 'govuk-body' }, 'Providers see these on your school’s page, and every request is checked against them.'),
      answer.updatedBy && answer.updatedAt
        ? h('p', { class: 'govuk-body-s app-wrap', id: 'last-saved' }, `Last saved by ${answer.updatedBy} on ${formatWhen(answer.updatedAt)}.`)
        : null,
      answer.warnings.length
        ? h(
            'div',
            { id: 'settings-warnings' },
            warningText('Some opportunities give no slots with these settings:'),
            h('ul', { class: 'govuk-list govuk-list--bullet' }, answer.warnings.map((w) => h('li', null, w.message))),
          )
        : null,
    ),
    form,
  ];
  fill(page, ...parts);
  if (done) byId('done-banner').focus();
}

/** Client-side error ids to the API's field paths, so both land in the same group. */
function toApiPath(path: string): string {
  const m = /^(term|closure)-(\d+)-(start|end)$/.exec(path);
  if (!m) return path;
  return `settings.${m[1] === 'term' ? 'terms' : 'closures'}.${m[2]}.${m[3]}`;
}

ready(async () => {
  const opened = await openSchoolPage(TITLE, PATH, (urn) => api<SettingsAnswer>('GET', `/api/manage/schools/${encodeURIComponent(urn)}/settings`));
  if (!opened) return;
  await renderForm(opened.page, opened.me, opened.school, opened.answer);
});

// The sections of a school's settings (issue 16, item 6): each is one card of the summary
// (/manage/settings/?urn=) and one short question page (&section=<id>) that changes only
// its own part. A section says what its card shows, builds its fields from the settings
// as read, and reads them back into its part of the settings, with the problems it can
// see before asking the API (each at the API's field path, so both land in one place).
import { SETTINGS_LIMITS } from '#shared/domain/settings.ts';
import { CLOSURE_REASONS, WEEKDAYS, type ClosureReason, type Weekday } from '#shared/domain/types.ts';
import { byId, fill, h, type Child } from '../../../lib/dom.ts';
import type { FieldError } from '../../../lib/errors.ts';
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
import { formatDateShort, formatTimeRange } from '../../../lib/format.ts';
import type { SettingsAnswer } from '../../../lib/manage.ts';

type Settings = SettingsAnswer['settings'];
const L = SETTINGS_LIMITS;

export const DAY_NAMES: Record<Weekday, string> = { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday' };
const CLOSURE_TEXT: Record<ClosureReason, string> = { INSET: 'Staff training (INSET) day', EXAMS: 'Exams', TRIP: 'School trip', OTHER: 'Other' };

export const SECTION_IDS = ['school-day', 'terms', 'closures', 'notice', 'grounds', 'premises', 'careers-lead'] as const;
export type SectionId = (typeof SECTION_IDS)[number];

/** One row of a section's card; `field`: the id its Change link opens the section at. */
export interface Row {
  key: string;
  value: Child;
  field?: string;
  /** What the Change link changes, for screen readers ("Monday’s times"). */
  hidden?: string;
}

/** A section's fields on its page, and what they read back. */
export interface SectionForm {
  fields: Child[];
  read: () => { part: Partial<Settings>; errors: FieldError[] };
}

export interface Section {
  id: SectionId;
  title: string;
  /** Said under the heading on the section's page. */
  intro?: string;
  /** Lists (terms, closures, grounds) change as a whole: one Change link for the card, not one per row. */
  changesAsWhole: boolean;
  rows: (s: Settings) => Row[];
  form: (s: Settings) => SectionForm;
  /** "School day saved". */
  saved: string;
}

const value = (id: string) => byId<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(id).value;
const EMPTY_DATE: RawDate = { day: '', month: '', year: '' };

function raw(iso: string): RawDate {
  const [year = '', month = '', day = ''] = iso.split('-');
  return { day: day ? String(Number(day)) : '', month: month ? String(Number(month)) : '', year };
}

/** Short dates, so a term or closure fits on one line of its card. */
const dateRange = (start: string, end: string) => (start === end ? formatDateShort(start) : `${formatDateShort(start)} to ${formatDateShort(end)}`);

function removeButton(text: string, hidden: string, onClick: () => void): HTMLElement {
  return h(
    'button',
    { type: 'button', class: 'govuk-button govuk-button--secondary app-add-another__remove', onclick: onClick },
    text,
    h('span', { class: 'govuk-visually-hidden' }, ` ${hidden}`),
  );
}

const addButton = (id: string, text: string, onClick: () => void) => h('button', { type: 'button', class: 'govuk-button govuk-button--secondary', id, onclick: onClick }, text);

/** A date read from its three inputs, or a problem at the API's path. */
function dateReader(errors: FieldError[]) {
  return (id: string, path: string, what: string): string => {
    const r = readDate(id);
    if (r.state === 'ok') return r.iso;
    errors.push({ path, message: r.state === 'empty' ? `Enter the ${what}.` : `The ${what} must be a real date, like 3 9 2026.` });
    return '';
  };
}

// ---- school day -------------------------------------------------------------------------

const schoolDay: Section = {
  id: 'school-day',
  title: 'School day',
  intro: 'Providers can only visit during your school’s session times. Use the 24-hour clock, like 08:40.',
  changesAsWhole: false,
  saved: 'School day saved',
  rows: (s) =>
    WEEKDAYS.map((d) => {
      const t = s.schoolDay[d];
      return { key: DAY_NAMES[d], value: t ? formatTimeRange(t.start, t.end) : 'No school', field: t ? `day-${d}-start` : `day-${d}-none`, hidden: `${DAY_NAMES[d]}’s times` };
    }),
  form: (s) => {
    const fields = WEEKDAYS.map((d) => {
      const times = s.schoolDay[d];
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
    const read = () => {
      const errors: FieldError[] = [];
      const out: Settings['schoolDay'] = {};
      for (const d of WEEKDAYS) {
        if (byId<HTMLInputElement>(`day-${d}-none`).checked) continue;
        const start = normaliseTime(value(`day-${d}-start`));
        const end = normaliseTime(value(`day-${d}-end`));
        if (!isTime(start)) errors.push({ path: `settings.schoolDay.${d}.start`, message: `Enter when school starts on ${DAY_NAMES[d]}s, like 08:40, or select “No school”.` });
        if (!isTime(end)) errors.push({ path: `settings.schoolDay.${d}.end`, message: `Enter when school ends on ${DAY_NAMES[d]}s, like 15:10.` });
        out[d] = { start, end };
      }
      return { part: { schoolDay: out }, errors };
    };
    return { fields, read };
  },
};

// ---- lists with rows to add and remove (GOV.UK "add another") ----------------------------

/**
 * A list's rows as typed: adding or removing a row keeps what is in the others. `list`
 * names the ids (#terms-list, #terms-group) and the API path (settings.terms); `item` draws
 * row i's fields, `typed` reads them back.
 */
function addAnother<T>(o: {
  list: 'terms' | 'closures' | 'groundsForRefusing';
  id: string;
  rows: T[];
  empty?: string;
  /** "term" for "Remove term 2"; a list that must keep one row has `keepOne`. */
  what: string;
  keepOne?: boolean;
  item: (row: T, i: number) => Child;
  typed: (i: number) => T;
  add: { id: string; text: string; blank: () => T; focus: (i: number) => string };
}): { group: HTMLElement; current: () => T[] } {
  let rows = [...o.rows];
  const list = h('div', { id: `${o.id}-list` });
  const keep = () => {
    rows = rows.map((_, i) => o.typed(i));
  };
  const draw = () =>
    fill(
      list,
      rows.length || !o.empty ? null : h('p', { class: 'govuk-body' }, o.empty),
      rows.map((row, i) =>
        h(
          'div',
          { class: 'app-add-another__item', id: `${o.what}-row-${i}` },
          o.item(row, i),
          o.keepOne && rows.length < 2
            ? null
            : removeButton('Remove', `${o.what} ${i + 1}`, () => {
                keep();
                rows.splice(i, 1);
                draw();
                byId(o.add.id).focus();
              }),
        ),
      ),
    );
  draw();
  const group = h(
    'div',
    { class: 'govuk-form-group', id: `${o.id}-group`, 'data-field': `settings.${o.list}` },
    h('div', { 'data-error-before': true }),
    list,
    addButton(o.add.id, o.add.text, () => {
      keep();
      rows.push(o.add.blank());
      draw();
      byId(o.add.focus(rows.length - 1)).focus();
    }),
  );
  return {
    group,
    current: () => {
      keep();
      return rows;
    },
  };
}

// ---- terms ------------------------------------------------------------------------------

interface TermRow {
  name: string;
  start: RawDate;
  end: RawDate;
}

const terms: Section = {
  id: 'terms',
  title: 'Terms',
  intro: 'Providers can only visit in term time. Write each date as day, month and year, for example 3 9 2026.',
  changesAsWhole: true,
  saved: 'Terms saved',
  rows: (s) =>
    s.terms.length ? s.terms.map((t) => ({ key: t.name, value: dateRange(t.start, t.end) })) : [{ key: 'Terms', value: 'None yet. Without terms, no date can be booked.' }],
  form: (s) => {
    const list = addAnother<TermRow>({
      list: 'terms',
      id: 'terms',
      rows: s.terms.map((t) => ({ name: t.name, start: raw(t.start), end: raw(t.end) })),
      empty: 'No terms yet. Without terms, no date can be booked.',
      what: 'term',
      item: (t, i) =>
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
      typed: (i) => ({ name: value(`term-${i}-name`), start: rawDate(`term-${i}-start`), end: rawDate(`term-${i}-end`) }),
      add: { id: 'add-term', text: 'Add another term', blank: () => ({ name: '', start: { ...EMPTY_DATE }, end: { ...EMPTY_DATE } }), focus: (i) => `term-${i}-name` },
    });
    const read = () => {
      const errors: FieldError[] = [];
      const date = dateReader(errors);
      const out = list.current().map((t, i) => ({
        name: t.name.trim(),
        start: date(`term-${i}-start`, `settings.terms.${i}.start`, `first day of term ${i + 1}`),
        end: date(`term-${i}-end`, `settings.terms.${i}.end`, `last day of term ${i + 1}`),
      }));
      return { part: { terms: out }, errors };
    };
    return { fields: [list.group], read };
  },
};

// ---- closures ---------------------------------------------------------------------------

interface ClosureRow {
  start: RawDate;
  end: RawDate;
  reason: string;
  note: string;
}

const closures: Section = {
  id: 'closures',
  title: 'Closures',
  intro: 'Days in term when you take no visitors, such as INSET days and exams. For a single day, give the same first and last day.',
  changesAsWhole: true,
  saved: 'Closures saved',
  rows: (s) =>
    s.closures.length
      ? s.closures.map((c) => ({ key: dateRange(c.start, c.end), value: [CLOSURE_TEXT[c.reason], c.note ? `: ${c.note}` : ''] }))
      : [{ key: 'Closures', value: 'None' }],
  form: (s) => {
    const list = addAnother<ClosureRow>({
      list: 'closures',
      id: 'closures',
      rows: s.closures.map((c) => ({ start: raw(c.start), end: raw(c.end), reason: c.reason, note: c.note ?? '' })),
      empty: 'No closures.',
      what: 'closure',
      item: (c, i) =>
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
      typed: (i) => ({ start: rawDate(`closure-${i}-start`), end: rawDate(`closure-${i}-end`), reason: value(`closure-${i}-reason`), note: value(`closure-${i}-note`) }),
      add: { id: 'add-closure', text: 'Add a closure', blank: () => ({ start: { ...EMPTY_DATE }, end: { ...EMPTY_DATE }, reason: 'INSET', note: '' }), focus: (i) => `closure-${i}-start-day` },
    });
    const read = () => {
      const errors: FieldError[] = [];
      const date = dateReader(errors);
      const out = list.current().map((c, i) => ({
        start: date(`closure-${i}-start`, `settings.closures.${i}.start`, `first day of closure ${i + 1}`),
        end: date(`closure-${i}-end`, `settings.closures.${i}.end`, `last day of closure ${i + 1}`),
        reason: c.reason as ClosureReason,
        ...(c.note.trim() ? { note: c.note.trim() } : {}),
      }));
      return { part: { closures: out }, errors };
    };
    return { fields: [list.group], read };
  },
};

// ---- notice and answers -----------------------------------------------------------------

const days = (n: number, unit = 'day') => `${n} ${unit}${n === 1 ? '' : 's'}`;

const NUMBERS = [
  {
    id: 'minimumNoticeDays',
    label: 'Minimum notice',
    hint: `How many days ahead a provider must ask, from ${L.minimumNoticeDays.min} to ${L.minimumNoticeDays.max}`,
    suffix: 'days',
    what: 'the minimum notice',
    text: (n: number) => days(n),
  },
  {
    id: 'bookingWindowDays',
    label: 'How far ahead providers can book',
    hint: `From ${L.bookingWindowDays.min} to ${L.bookingWindowDays.max} days, and more than the minimum notice`,
    suffix: 'days',
    what: 'how far ahead providers can book',
    text: (n: number) => days(n),
  },
  {
    id: 'minimumLengthMinutes',
    label: 'Shortest encounter',
    hint: `R-REASONABLE: providers cannot ask for a session shorter than this, and no opportunity can be shorter. From ${L.minimumLengthMinutes.min} to ${L.minimumLengthMinutes.max} minutes.`,
    suffix: 'minutes',
    what: 'the shortest encounter in minutes',
    text: (n: number) => days(n, 'minute'),
  },
  {
    id: 'responseDeadlineSchoolDays',
    label: 'Time to answer a request',
    hint: `From ${L.responseDeadlineSchoolDays.min} to ${L.responseDeadlineSchoolDays.max} school days. A request not answered in time expires.`,
    suffix: 'school days',
    what: 'the time to answer',
    text: (n: number) => days(n, 'school day'),
  },
] as const;

const HOLDS_QUESTION = 'Does a request waiting for your answer hold its place in a slot?';

const notice: Section = {
  id: 'notice',
  title: 'Notice and answers',
  changesAsWhole: false,
  saved: 'Notice and answers saved',
  rows: (s) => [
    ...NUMBERS.map((n) => ({ key: n.label, value: n.text(s[n.id]), field: n.id, hidden: n.label.toLowerCase() })),
    { key: 'A waiting request holds its place', value: s.pendingHoldsPlace ? 'Yes' : 'No', field: 'pendingHoldsPlace', hidden: 'whether a waiting request holds its place' },
  ],
  form: (s) => {
    const fields: Child[] = [
      ...NUMBERS.map((n) =>
        textField({ id: n.id, label: n.label, hint: n.hint, field: `settings.${n.id}`, value: s[n.id], width: 'govuk-input--width-3', inputmode: 'numeric', suffix: n.suffix }),
      ),
      radiosField({
        id: 'pendingHoldsPlace',
        name: 'pendingHoldsPlace',
        legend: HOLDS_QUESTION,
        hint: 'If yes, nobody else can take the place until you answer. If no, the place is taken when you approve, and a full slot cannot be approved.',
        field: 'settings.pendingHoldsPlace',
        options: [
          { value: 'yes', label: 'Yes' },
          { value: 'no', label: 'No' },
        ],
        checked: [s.pendingHoldsPlace ? 'yes' : 'no'],
        inline: true,
      }),
    ];
    const read = () => {
      const errors: FieldError[] = [];
      const part: Partial<Settings> = { pendingHoldsPlace: checkedValue(document, 'pendingHoldsPlace') !== 'no' };
      for (const n of NUMBERS) {
        const v = wholeNumber(value(n.id));
        if (Number.isNaN(v)) errors.push({ path: `settings.${n.id}`, message: `Enter ${n.what} as a whole number.` });
        part[n.id] = v;
      }
      return { part, errors };
    };
    return { fields, read };
  },
};

// ---- grounds for refusing ---------------------------------------------------------------

const grounds: Section = {
  id: 'grounds',
  title: 'Grounds for refusing a request',
  intro: 'Your policy statement lists these, and you choose from them when you decline a request.',
  changesAsWhole: true,
  saved: 'Grounds for refusing saved',
  rows: (s) => s.groundsForRefusing.map((g, i) => ({ key: `Ground ${i + 1}`, value: g })),
  form: (s) => {
    const list = addAnother<string>({
      list: 'groundsForRefusing',
      id: 'grounds',
      rows: s.groundsForRefusing,
      what: 'ground',
      keepOne: true,
      item: (g, i) => textareaField({ id: `ground-${i}`, label: `Ground ${i + 1}`, field: `settings.groundsForRefusing.${i}`, value: g, labelClass: '', rows: 2 }),
      typed: (i) => value(`ground-${i}`),
      add: { id: 'add-ground', text: 'Add another ground', blank: () => '', focus: (i) => `ground-${i}` },
    });
    return { fields: [list.group], read: () => ({ part: { groundsForRefusing: list.current().map((g) => g.trim()) }, errors: [] }) };
  },
};

// ---- premises ---------------------------------------------------------------------------

const premises: Section = {
  id: 'premises',
  title: 'Premises',
  changesAsWhole: false,
  saved: 'Premises saved',
  rows: (s) => [{ key: 'Premises and facilities', value: h('span', { class: 'app-wrap' }, s.premises), field: 'premises', hidden: 'premises and facilities' }],
  form: (s) => ({
    fields: [
      textareaField({
        id: 'premises',
        label: 'Premises and facilities you give visiting providers',
        hint: 'For example, rooms, equipment and who will be with them. Your policy statement includes this.',
        field: 'settings.premises',
        value: s.premises,
        rows: 6,
      }),
    ],
    read: () => ({ part: { premises: value('premises').trim() }, errors: [] }),
  }),
};

// ---- careers lead -----------------------------------------------------------------------

const careersLead: Section = {
  id: 'careers-lead',
  title: 'Careers lead',
  intro: 'Every request email goes to the careers lead.',
  changesAsWhole: false,
  saved: 'Careers lead saved',
  rows: (s) => [
    { key: 'Name', value: s.careersLead.name, field: 'lead-name', hidden: 'careers lead’s name' },
    { key: 'Email address', value: h('span', { class: 'app-wrap' }, s.careersLead.email), field: 'lead-email', hidden: 'careers lead’s email address' },
    { key: 'Phone number', value: s.careersLead.phone ?? 'Not given', field: 'lead-phone', hidden: 'careers lead’s phone number' },
  ],
  form: (s) => ({
    fields: [
      textField({ id: 'lead-name', label: 'Full name', field: 'settings.careersLead.name', value: s.careersLead.name, autocomplete: 'off', spellcheck: false }),
      textField({ id: 'lead-email', label: 'Email address', hint: 'Requests are sent here', field: 'settings.careersLead.email settings.careersLead', value: s.careersLead.email, type: 'email', spellcheck: false }),
      textField({ id: 'lead-phone', label: 'Phone number (optional)', field: 'settings.careersLead.phone', value: s.careersLead.phone ?? '', type: 'tel', width: 'govuk-input--width-20' }),
    ],
    read: () => {
      const phone = value('lead-phone').trim();
      return { part: { careersLead: { name: value('lead-name').trim(), email: value('lead-email').trim(), ...(phone ? { phone } : {}) } }, errors: [] };
    },
  }),
};

export const SECTIONS: readonly Section[] = [schoolDay, terms, closures, notice, grounds, premises, careersLead];

export function sectionOf(id: string): Section | undefined {
  return SECTIONS.find((s) => s.id === id);
}

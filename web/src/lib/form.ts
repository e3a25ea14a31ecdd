// GOV.UK form components built with the DOM (never from HTML strings): text inputs,
// textareas, selects, radios and checkboxes (with conditionally revealed content), and
// the date input with its reader. Each group carries `data-field`, the API field paths it
// answers for, so lib/errors.ts can put an API error beside it.
import { byId, h, type Child } from './dom.ts';
import { listWithAnd, realDate } from './format.ts';

export interface FieldOptions {
  id: string;
  label: string;
  /** The API field paths this group answers for (space-separated). */
  field: string;
  hint?: Child;
  value?: string | number | undefined;
  name?: string;
  /** e.g. 'govuk-label--s' (the default) or 'govuk-label--m'. */
  labelClass?: string;
  /** e.g. 'govuk-input--width-5'. */
  width?: string;
  type?: string;
  inputmode?: string;
  autocomplete?: string;
  spellcheck?: boolean;
  /** Text after the input, like "days" (GOV.UK input suffix). */
  suffix?: string;
}

function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  const list = ids.filter(Boolean);
  return list.length ? list.join(' ') : undefined;
}

function label(id: string, text: string, cls = 'govuk-label--s'): HTMLElement {
  return h('label', { class: `govuk-label ${cls}`.trim(), for: id }, text);
}

function hintEl(id: string, hint: Child | undefined): HTMLElement | null {
  return hint === undefined ? null : h('div', { class: 'govuk-hint', id: `${id}-hint` }, hint);
}

export function textField(o: FieldOptions): HTMLElement {
  const input = h('input', {
    class: `govuk-input ${o.width ?? ''}`.trim(),
    id: o.id,
    name: o.name ?? o.id,
    type: o.type ?? 'text',
    value: o.value === undefined ? undefined : String(o.value),
    inputmode: o.inputmode,
    autocomplete: o.autocomplete ?? 'off',
    spellcheck: o.spellcheck === undefined ? undefined : String(o.spellcheck),
    'aria-describedby': describedBy(o.hint !== undefined && `${o.id}-hint`),
  });
  // Set as a property too, so a value never depends on attribute parsing.
  if (o.value !== undefined) input.value = String(o.value);
  return h(
    'div',
    { class: 'govuk-form-group', id: `${o.id}-group`, 'data-field': o.field },
    label(o.id, o.label, o.labelClass),
    hintEl(o.id, o.hint),
    o.suffix ? h('div', { class: 'govuk-input__wrapper' }, input, h('div', { class: 'govuk-input__suffix', 'aria-hidden': 'true' }, o.suffix)) : input,
  );
}

export function textareaField(o: FieldOptions & { rows?: number }): HTMLElement {
  const area = h('textarea', {
    class: 'govuk-textarea',
    id: o.id,
    name: o.name ?? o.id,
    rows: o.rows ?? 4,
    spellcheck: o.spellcheck === undefined ? undefined : String(o.spellcheck),
    'aria-describedby': describedBy(o.hint !== undefined && `${o.id}-hint`),
  });
  area.value = o.value === undefined ? '' : String(o.value);
  return h(
    'div',
    { class: 'govuk-form-group', id: `${o.id}-group`, 'data-field': o.field },
    label(o.id, o.label, o.labelClass),
    hintEl(o.id, o.hint),
    area,
  );
}

export function selectField(o: FieldOptions & { options: readonly (readonly [string, string])[] }): HTMLElement {
  const select = h(
    'select',
    { class: 'govuk-select', id: o.id, name: o.name ?? o.id, 'aria-describedby': describedBy(o.hint !== undefined && `${o.id}-hint`) },
    o.options.map(([value, text]) => h('option', { value, selected: String(o.value ?? '') === value }, text)),
  );
  return h(
    'div',
    { class: 'govuk-form-group', id: `${o.id}-group`, 'data-field': o.field },
    label(o.id, o.label, o.labelClass),
    hintEl(o.id, o.hint),
    select,
  );
}

export interface ChoiceOption {
  value: string;
  label: string;
  hint?: string;
  /** Shown under the option while it is chosen (GOV.UK conditional reveal). */
  conditional?: Child;
  /** A divider ("or") before this option. */
  dividerBefore?: string;
}

export interface ChoiceOptions {
  /** The id of the first input (the error summary links to it); the others get -2, -3… */
  id: string;
  name: string;
  legend: string;
  field: string;
  legendClass?: string;
  /** Make the legend the page heading (a page with one question). */
  legendIsHeading?: boolean;
  hint?: Child;
  options: ChoiceOption[];
  /** Chosen values. */
  checked?: readonly string[];
  small?: boolean;
  inline?: boolean;
}

/** Shows each conditional block while its input is checked; inputs only say which block they control. */
function wireConditionals(container: HTMLElement): void {
  const sync = () => {
    for (const input of container.querySelectorAll<HTMLInputElement>(':scope > div > input[aria-controls]')) {
      const target = container.querySelector<HTMLElement>(`#${CSS.escape(input.getAttribute('aria-controls') ?? '')}`);
      if (target) target.hidden = !input.checked;
    }
  };
  container.addEventListener('change', sync);
  sync();
}

function choices(type: 'radio' | 'checkbox', o: ChoiceOptions): HTMLElement {
  const cls = type === 'radio' ? 'govuk-radios' : 'govuk-checkboxes';
  const items: Child[] = o.options.map((opt, i) => {
    const id = i === 0 ? o.id : `${o.id}-${i + 1}`;
    const hintId = opt.hint ? `${id}-item-hint` : undefined;
    const conditionalId = opt.conditional ? `${id}-conditional` : undefined;
    return [
      opt.dividerBefore ? h('div', { class: `${cls}__divider` }, opt.dividerBefore) : null,
      h(
        'div',
        { class: `${cls}__item` },
        h('input', {
          class: `${cls}__input`,
          id,
          name: o.name,
          type,
          value: opt.value,
          checked: o.checked?.includes(opt.value) ?? false,
          'aria-describedby': hintId,
          'aria-controls': conditionalId,
        }),
        h('label', { class: `govuk-label ${cls}__label`, for: id }, opt.label),
        opt.hint ? h('div', { class: `govuk-hint ${cls}__hint`, id: hintId }, opt.hint) : null,
      ),
      opt.conditional ? h('div', { class: `${cls}__conditional`, id: conditionalId }, opt.conditional) : null,
    ];
  });
  const list = h(
    'div',
    { class: `${cls}${o.small ? ` ${cls}--small` : ''}${o.inline ? ` ${cls}--inline` : ''}` },
    items,
  );
  wireConditionals(list);
  const legendClass = o.legendClass ?? 'govuk-fieldset__legend--s';
  return h(
    'div',
    { class: 'govuk-form-group', id: `${o.id}-group`, 'data-field': o.field },
    h(
      'fieldset',
      { class: 'govuk-fieldset', 'aria-describedby': describedBy(o.hint !== undefined && `${o.id}-hint`) },
      h(
        'legend',
        { class: `govuk-fieldset__legend ${legendClass}` },
        o.legendIsHeading ? h('h1', { class: 'govuk-fieldset__heading' }, o.legend) : o.legend,
      ),
      hintEl(o.id, o.hint),
      list,
    ),
  );
}

export const radiosField = (o: ChoiceOptions) => choices('radio', o);
export const checkboxesField = (o: ChoiceOptions) => choices('checkbox', o);

/** The value of the checked radio of a group, or ''. */
export function checkedValue(scope: ParentNode, name: string): string {
  return scope.querySelector<HTMLInputElement>(`input[name="${CSS.escape(name)}"]:checked`)?.value ?? '';
}

export function checkedValues(scope: ParentNode, name: string): string[] {
  return [...scope.querySelectorAll<HTMLInputElement>(`input[name="${CSS.escape(name)}"]:checked`)].map((el) => el.value);
}

export interface DateFieldOptions {
  /** Inputs get `${id}-day`, `${id}-month`, `${id}-year`. */
  id: string;
  legend: string;
  field: string;
  /** null for none (a list of dates whose format is said once above it). */
  hint?: string | null;
  legendClass?: string;
  /** YYYY-MM-DD to show. */
  value?: string | undefined;
  /** Or the parts as typed (a list re-drawn after adding or removing a row keeps them). */
  raw?: RawDate | undefined;
}

export interface RawDate {
  day: string;
  month: string;
  year: string;
}

/** The GOV.UK date input: day, month and year in one fieldset. */
export function dateField(o: DateFieldOptions): HTMLElement {
  const [iy, im, id] = (o.value ?? '').split('-');
  const d = o.raw ? o.raw.day : id ? String(Number(id)) : undefined;
  const m = o.raw ? o.raw.month : im ? String(Number(im)) : undefined;
  const y = o.raw ? o.raw.year : iy;
  const part = (key: 'day' | 'month' | 'year', text: string, width: string, value: string | undefined) => {
    const input = h('input', {
      class: `govuk-input govuk-date-input__input ${width}`,
      id: `${o.id}-${key}`,
      name: `${o.id}-${key}`,
      type: 'text',
      inputmode: 'numeric',
      autocomplete: 'off',
    });
    input.value = value ?? '';
    return h(
      'div',
      { class: 'govuk-date-input__item' },
      h('div', { class: 'govuk-form-group' }, h('label', { class: 'govuk-label govuk-date-input__label', for: `${o.id}-${key}` }, text), input),
    );
  };
  const hint = o.hint === undefined ? 'For example, 27 3 2027' : o.hint;
  return h(
    'div',
    { class: 'govuk-form-group', id: `${o.id}-group`, 'data-field': o.field },
    h(
      'fieldset',
      { class: 'govuk-fieldset', role: 'group', 'aria-describedby': hint === null ? undefined : `${o.id}-hint` },
      h('legend', { class: `govuk-fieldset__legend ${o.legendClass ?? 'govuk-fieldset__legend--s'}` }, o.legend),
      hint === null ? null : h('div', { class: 'govuk-hint', id: `${o.id}-hint` }, hint),
      h(
        'div',
        { class: 'govuk-date-input', id: o.id },
        part('day', 'Day', 'govuk-input--width-2', d),
        part('month', 'Month', 'govuk-input--width-2', m),
        part('year', 'Year', 'govuk-input--width-4', y),
      ),
    ),
  );
}

/** The parts of a date input as typed. */
export function rawDate(id: string): RawDate {
  const get = (k: string) => byId<HTMLInputElement>(`${id}-${k}`).value;
  return { day: get('day'), month: get('month'), year: get('year') };
}

export type DateRead = { state: 'empty' } | { state: 'ok'; iso: string } | { state: 'invalid' };

/** Reads a date input: empty, a real date, or not one (31 2 2027, or a part missing). */
export function readDate(id: string): DateRead {
  const raw = (['day', 'month', 'year'] as const).map((k) => byId<HTMLInputElement>(`${id}-${k}`).value.trim());
  if (raw.every((v) => v === '')) return { state: 'empty' };
  if (raw.some((v) => !/^\d+$/.test(v))) return { state: 'invalid' };
  const [d, m, y] = raw.map(Number) as [number, number, number];
  const iso = realDate(y, m, d);
  return iso && y >= 2000 ? { state: 'ok', iso } : { state: 'invalid' };
}

const DATE_PARTS = ['day', 'month', 'year'] as const;

/** What is wrong with a date input as typed, and which of its inputs: a GOV.UK date error. */
export interface DateProblem {
  message: string;
  /** The ids of the inputs in error (only the missing parts, when parts are missing). */
  inputs: string[];
}

/**
 * GOV.UK's date input errors, worded after `what` ("The date"): a part missing ("… must
 * include a month", that part alone in error), or not a real date ("… must be a real date",
 * all three). None when it is empty (the caller says whether a date is needed) or real.
 */
export function dateInputProblem(id: string, what: string, example: string): DateProblem | undefined {
  const raw = DATE_PARTS.map((k) => byId<HTMLInputElement>(`${id}-${k}`).value.trim());
  if (raw.every((v) => v === '')) return undefined;
  const missing = DATE_PARTS.filter((_, i) => raw[i] === '');
  if (missing.length) return { message: `${what} must include a ${listWithAnd(missing)}.`, inputs: missing.map((k) => `${id}-${k}`) };
  if (readDate(id).state !== 'ok') return { message: `${what} must be a real date, for example ${example}.`, inputs: DATE_PARTS.map((k) => `${id}-${k}`) };
  return undefined;
}

/** Shows a YYYY-MM-DD date in a date input as a person types it (27, 3, 2027); anything else leaves it empty. */
export function setDate(id: string, iso: string): void {
  const [y, m, d] = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? iso.split('-') : ['', '', ''];
  byId<HTMLInputElement>(`${id}-day`).value = d ? String(Number(d)) : '';
  byId<HTMLInputElement>(`${id}-month`).value = m ? String(Number(m)) : '';
  byId<HTMLInputElement>(`${id}-year`).value = y ?? '';
}

/** "9:30", "0930" or "9.30" → "09:30"; anything else is returned as typed (the API judges). */
export function normaliseTime(raw: string): string {
  const m = /^(\d{1,2})[:.]?(\d{2})$/.exec(raw.replace(/\s+/g, ''));
  if (!m) return raw.trim();
  return `${m[1]!.padStart(2, '0')}:${m[2]}`;
}

export const isTime = (value: string) => /^([01]\d|2[0-3]):[0-5]\d$/.test(value);

/** A whole number as typed ("12"), or NaN. */
export function wholeNumber(raw: string): number {
  const t = raw.trim();
  return /^\d{1,6}$/.test(t) ? Number(t) : Number.NaN;
}

/** A GOV.UK button. */
export function button(text: string, attrs: Record<string, string | boolean | undefined> = {}, variant: '' | 'secondary' | 'warning' = ''): HTMLButtonElement {
  const { class: extra, ...rest } = attrs;
  return h('button', { type: 'submit', class: `govuk-button${variant ? ` govuk-button--${variant}` : ''}${extra ? ` ${extra}` : ''}`, ...rest }, text);
}

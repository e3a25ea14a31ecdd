// The request form's field pieces, for the single request form (/request/) and the visit
// tour's shared details (/tours/new/): the facilities a provider can ask for, a radio or
// checkbox, a "Check your answers" row with its Change link, and one message for the four
// R-CONTENT refusals.
import { h, type Child } from './dom.ts';
import type { FieldError } from './errors.ts';

/** Facilities a provider can ask for (RULES.md: hall, classroom, projector, internet). */
export const FACILITIES = [
  ['hall', 'Hall'],
  ['classroom', 'Classroom'],
  ['projector', 'Projector and screen'],
  ['internet', 'Internet access'],
] as const;

export function option(type: 'radio' | 'checkbox', name: string, id: string, val: string, label: string, checked = false): HTMLElement {
  const cls = type === 'radio' ? 'govuk-radios' : 'govuk-checkboxes';
  return h(
    'div',
    { class: `${cls}__item` },
    h('input', { class: `${cls}__input`, id, name, type, value: val, checked }),
    h('label', { class: `govuk-label ${cls}__label`, for: id }, label),
  );
}

/** One row of "Check your answers", with a Change link to the step that asks it (a step of whichever form). */
export function answerRow<Step extends string>(key: string, val: Child, step: Step | undefined, focus: string, url: (s: Step) => string): HTMLElement {
  // A row with nothing to change (the slot sets it) says so the GOV.UK way.
  return h(
    'div',
    { class: step ? 'govuk-summary-list__row' : 'govuk-summary-list__row govuk-summary-list__row--no-actions' },
    h('dt', { class: 'govuk-summary-list__key' }, key),
    h('dd', { class: 'govuk-summary-list__value app-wrap' }, val),
    step
      ? h(
          'dd',
          { class: 'govuk-summary-list__actions' },
          h('a', { class: 'govuk-link', href: url(step), 'data-change': step, 'data-focus': focus }, 'Change', h('span', { class: 'govuk-visually-hidden' }, ` ${key.toLowerCase()}`)),
        )
      : null,
  );
}

export function lines(items: string[]): Child {
  return items.length ? items.map((item, i) => [i ? h('br') : null, item]) : 'None';
}

/**
 * The API's four R-CONTENT refusals (one a content item) answer one box on this form: one
 * message for it, naming the rule once.
 */
export function mergeContentErrors(errors: FieldError[]): FieldError[] {
  const content = errors.filter((e) => e.path?.startsWith('content.'));
  if (content.length < 2) return errors;
  const merged: FieldError = {
    path: 'content',
    message: 'Confirm that the session will cover all four: every provider access encounter must.',
    rules: [...new Set(content.flatMap((e) => e.rules ?? []))],
  };
  const first = errors.indexOf(content[0]!);
  const rest = errors.filter((e) => !content.includes(e));
  rest.splice(first, 0, merged);
  return rest;
}

/** The organisation and contact fields (partials/provider-fields.html), filled from an organisation's profile or this browser's memory. */
export function fillProviderFields(d: { organisation: string; type: string; ukprn: string; name: string; email: string; phone: string }): void {
  const set = (id: string, value: string) => ((document.getElementById(id) as HTMLInputElement).value = value);
  set('provider-organisation', d.organisation);
  for (const radio of document.querySelectorAll<HTMLInputElement>('input[name="provider-type"]')) radio.checked = radio.value === d.type;
  set('provider-ukprn', d.ukprn);
  set('contact-name', d.name);
  set('contact-email', d.email);
  set('contact-phone', d.phone);
}

/** An error summary's link to a group of radios or checkboxes focuses its first input. */
export function markErrorFocus(groups: readonly string[]): void {
  for (const group of groups) {
    const first = document.querySelector<HTMLInputElement>(`#${group}-group input`);
    if (first) first.dataset.errorFocus = '';
  }
}

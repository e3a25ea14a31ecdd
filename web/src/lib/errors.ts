// GOV.UK error pattern: an error summary at the top of the page (focused, each error a
// link to its field) and the same message beside the field, with the field group red.
// Fields are found by `data-field`: a space-separated list of the API's field paths the
// group answers for (e.g. `data-field="date proposed.date"`).
import { RULE_PLAIN_WORDS, type RuleId } from '#shared/domain/errors.ts';
import { h, fill, setTitle } from './dom.ts';

export interface FieldError {
  /** An API field path like `contact.email`; no path (or an unknown one) is a page-level error. */
  path?: string;
  message: string;
  /** The RULES.md ids behind it: their plain words are shown under the field's message. */
  rules?: string[];
  /** The ids of the group's inputs in error, when not all of them are (a date's missing part): only they are marked, the first gets the summary's link. */
  inputs?: string[];
}

/** 'R-HOURS: Encounters take place during the school day…' for each known rule id. */
function ruleWords(rules: readonly string[] | undefined): string[] {
  return (rules ?? []).filter((r): r is RuleId => r in RULE_PLAIN_WORDS).map((r) => `${r}: ${RULE_PLAIN_WORDS[r]}`);
}

/** The form group answering for a field path: the exact path, then its head, then its tail. */
export function findGroup(scope: ParentNode, path: string): HTMLElement | undefined {
  const parts = path.split('.');
  const candidates = [path, parts[0] ?? path, parts[parts.length - 1] ?? path];
  for (const candidate of candidates) {
    for (const el of scope.querySelectorAll<HTMLElement>(`[data-field~="${CSS.escape(candidate)}"]`)) {
      if (!el.closest('[hidden]')) return el;
    }
  }
  return undefined;
}

/** Where a summary link takes the user: the first input of the group (or the group). */
function focusTarget(group: HTMLElement, inputs?: readonly string[]): HTMLElement {
  const first = inputs?.[0];
  const target =
    (first ? group.querySelector<HTMLElement>(`#${CSS.escape(first)}`) : null) ??
    group.querySelector<HTMLElement>('[data-error-focus]') ??
    group.querySelector<HTMLElement>('input:not([type="hidden"]), textarea, select') ??
    group;
  if (!target.id) target.id = `${group.id || 'field'}-focus`;
  if (target === group && !group.hasAttribute('tabindex')) group.tabIndex = -1;
  return target;
}

function addDescribedBy(el: HTMLElement, id: string) {
  const ids = (el.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
  if (!ids.includes(id)) el.setAttribute('aria-describedby', [...ids, id].join(' '));
}

function removeDescribedBy(el: HTMLElement, id: string) {
  const ids = (el.getAttribute('aria-describedby') ?? '').split(/\s+/).filter((x) => x && x !== id);
  if (ids.length) el.setAttribute('aria-describedby', ids.join(' '));
  else el.removeAttribute('aria-describedby');
}

let errorCount = 0;

function markGroup(group: HTMLElement, message: string, rules?: readonly string[], inputs?: readonly string[]) {
  if (group.classList.contains('govuk-form-group--error')) return; // first message wins
  group.classList.add('govuk-form-group--error');
  const id = `${group.id || `group-${++errorCount}`}-error`;
  const why = ruleWords(rules).map((w) => h('span', { class: 'app-error-rule', 'data-rule': w.slice(0, w.indexOf(':')) }, w));
  const p = h('p', { class: 'govuk-error-message', id, 'data-error-message': true }, h('span', { class: 'govuk-visually-hidden' }, 'Error:'), ` ${message}`, ...why);
  const before = group.querySelector<HTMLElement>(
    '.govuk-radios, .govuk-checkboxes, .govuk-date-input, .govuk-input, .govuk-textarea, .govuk-select, [data-error-before]',
  );
  if (before?.parentElement) before.parentElement.insertBefore(p, before);
  else group.appendChild(p);
  const fieldset = group.querySelector<HTMLElement>(':scope > fieldset');
  const described = fieldset ?? group.querySelector<HTMLElement>('input:not([type="hidden"]), textarea, select') ?? group;
  addDescribedBy(described, id);
  group.dataset.errorId = id;
  for (const input of group.querySelectorAll<HTMLElement>('.govuk-input, .govuk-textarea, .govuk-select')) {
    if (inputs?.length && !inputs.includes(input.id)) continue;
    input.classList.add(input.classList.contains('govuk-textarea') ? 'govuk-textarea--error' : input.classList.contains('govuk-select') ? 'govuk-select--error' : 'govuk-input--error');
  }
}

/** Removes every inline error under `scope` and empties the summary. */
export function clearErrors(scope: ParentNode, summary: HTMLElement, title?: string): void {
  for (const p of scope.querySelectorAll('[data-error-message]')) p.remove();
  for (const group of scope.querySelectorAll<HTMLElement>('.govuk-form-group--error')) {
    group.classList.remove('govuk-form-group--error');
    const id = group.dataset.errorId;
    if (id) for (const el of group.querySelectorAll<HTMLElement>('[aria-describedby]')) removeDescribedBy(el, id);
    delete group.dataset.errorId;
  }
  for (const el of scope.querySelectorAll('.govuk-input--error, .govuk-textarea--error, .govuk-select--error')) {
    el.classList.remove('govuk-input--error', 'govuk-textarea--error', 'govuk-select--error');
  }
  fill(summary);
  summary.hidden = true;
  if (title) setTitle(title);
}

/**
 * Shows the errors: inline at each field found under `scope`, all of them in `summary`
 * (which gets focus). Errors whose field is not on the page are listed without a link.
 */
export function showErrors(scope: ParentNode, summary: HTMLElement, errors: FieldError[], title?: string): void {
  clearErrors(scope, summary);
  const items: HTMLElement[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    const group = error.path ? findGroup(scope, error.path) : undefined;
    const key = `${group?.id ?? ''}|${error.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (group) {
      markGroup(group, error.message, error.rules, error.inputs);
      const target = focusTarget(group, error.inputs);
      items.push(
        h(
          'li',
          null,
          h('a', {
            href: `#${target.id}`,
            onclick: (event: Event) => {
              event.preventDefault();
              focusField(target);
            },
          }, error.message),
        ),
      );
    } else {
      items.push(h('li', null, error.message));
    }
  }
  fill(
    summary,
    h(
      'div',
      { role: 'alert' },
      h('h2', { class: 'govuk-error-summary__title' }, 'There is a problem'),
      h('div', { class: 'govuk-error-summary__body' }, h('ul', { class: 'govuk-list govuk-error-summary__list' }, items)),
    ),
  );
  summary.classList.add('govuk-error-summary');
  summary.tabIndex = -1;
  summary.hidden = false;
  if (title) setTitle(title, true);
  summary.scrollIntoView();
  summary.focus();
}

/** Focuses a field and brings its question (legend or label) into view, as GOV.UK does. */
export function focusField(target: HTMLElement): void {
  const legend = target.closest('fieldset')?.querySelector('legend');
  const label = target.id ? document.querySelector(`label[for="${CSS.escape(target.id)}"]`) : null;
  (legend ?? label ?? target).scrollIntoView();
  target.focus({ preventScroll: true });
}

// A request's reference on the pages (issue 14, item 6): the one summary-list row, the one
// caption text and the one "Find a request by reference" form every page uses. A request
// stored before references has none: no row, no caption text.
import { parseReference, REFERENCE_EXAMPLE, REFERENCE_FORMAT_MESSAGE } from '#shared/domain/reference.ts';
import { ApiError } from './api.ts';
import { h, type Child } from './dom.ts';
import { clearErrors, showErrors } from './errors.ts';

interface Referenced {
  reference?: string | undefined;
}

/** The reference in a span a person can copy whole (no line break inside it). */
const referenceText = (reference: string): HTMLElement => h('span', { class: 'app-reference', 'data-reference': reference }, reference);

/** The "Reference" row of a summary list, or none for a request without one: spread it into the rows. */
export function referenceRows(r: Referenced): [string, Child][] {
  return r.reference ? [['Reference', referenceText(r.reference)]] : [];
}

/** After a caption's text: ", reference PA-7K3M-Q9", or nothing. */
export function referenceCaption(r: Referenced): Child {
  return r.reference ? [', reference ', referenceText(r.reference)] : null;
}

/** A confirmation panel's "Your reference" and the reference in bold; nothing without one. `after`: it follows a line of its own. */
export function panelReference(r: Referenced, after = false): Child[] {
  return r.reference ? [after ? h('br') : null, 'Your reference', h('br'), h('strong', { id: 'reference', class: 'app-reference' }, r.reference)] : [];
}

/** Under a request's name in a table cell, in secondary text, or nothing. */
export function referenceBelow(r: Referenced): Child {
  return r.reference ? [h('br'), h('span', { class: 'app-reference-below' }, referenceText(r.reference))] : null;
}

export interface ReferenceSearch {
  /** Prefix of the form's ids (two searches could share a page). */
  id: string;
  /** The page's error summary (shown at the top of the page, as GOV.UK does). */
  summary: HTMLElement;
  /** Where the request with this reference is (the API's answer), or throws the API's refusal. */
  find: (reference: string) => Promise<string>;
  /** The page's title, for the "Error: " prefix. */
  title: string;
}

/**
 * "Find a request by reference": a GOV.UK text input and button. What cannot be a reference
 * is said at the field before anything is asked; a reference that is not one of this
 * person's requests, with the API's sentence ("No request at … has the reference …").
 * Found: the request's page.
 */
export function referenceSearch(options: ReferenceSearch): HTMLElement {
  const inputId = `${options.id}-reference`;
  const input = h('input', {
    class: 'govuk-input govuk-input--width-10 app-reference-input',
    id: inputId,
    name: 'reference',
    type: 'text',
    spellcheck: 'false',
    autocomplete: 'off',
    autocapitalize: 'characters',
    'aria-describedby': `${inputId}-hint`,
  });
  const button = h('button', { type: 'submit', class: 'govuk-button govuk-button--secondary', 'data-module': 'govuk-button' }, 'Find');
  const form = h(
    'form',
    { id: `${options.id}-form`, class: 'app-reference-search', novalidate: true, role: 'search', 'aria-label': 'Find a request by reference' },
    h(
      'div',
      { class: 'govuk-form-group', id: `${options.id}-group`, 'data-field': 'reference' },
      h('h2', { class: 'govuk-label-wrapper' }, h('label', { class: 'govuk-label govuk-label--s', for: inputId }, 'Find a request by reference')),
      h('div', { class: 'govuk-hint', id: `${inputId}-hint` }, `It is in every email about the request, for example ${REFERENCE_EXAMPLE}`),
      h('div', { class: 'app-reference-search__row' }, input, button),
    ),
  );
  const refuse = (message: string) => showErrors(form, options.summary, [{ path: 'reference', message }], options.title);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const reference = parseReference(input.value);
    if (!reference) return refuse(input.value.trim() ? REFERENCE_FORMAT_MESSAGE : `Enter a reference, like ${REFERENCE_EXAMPLE}`);
    button.disabled = true;
    options
      .find(reference)
      .then((url) => {
        clearErrors(form, options.summary, options.title);
        window.location.assign(url);
      })
      .catch((err: unknown) => {
        if (!(err instanceof ApiError)) throw err;
        refuse(err.fields.reference ?? err.fields['query.reference'] ?? err.message);
      })
      .finally(() => {
        button.disabled = false;
      });
  });
  return form;
}

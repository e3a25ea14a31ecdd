// One decision on a request, on its own page: /manage/requests/decide/?id=&action= with
// action approve | decline | propose | reschedule | keep | cancel | deliver. Reads GET /api/manage/requests/{id}
// (propose also shows the school's month calendar, ./propose-calendar.ts)
// (for the summary, the school's grounds for refusing and whether the decision is still
// allowed) and POSTs JSON to /api/manage/requests/{id}/{action} (the browser adds Origin).
// Errors: the GOV.UK error summary and each message at its field (date, start, end,
// reason, otherReason, note, venue, message, content.*, attendance…); success: back to the
// request page with a success banner.
import type { ManagedRequestView } from '#shared/api/manage.ts';
import { CONTENT_ITEMS } from '#shared/domain/labels.ts';
import { ApiError, api } from '../../../../lib/api.ts';
import { byId, fill, h, param, ready, setTitle, type Child } from '../../../../lib/dom.ts';
import { referenceCaption } from '../../../../lib/reference.ts';
import { clearErrors, showErrors, type FieldError } from '../../../../lib/errors.ts';
import {
  checkboxesField,
  checkedValue,
  dateField,
  isTime,
  normaliseTime,
  radiosField,
  readDate,
  textareaField,
  textField,
  wholeNumber,
} from '../../../../lib/form.ts';
import { contentItemLabel, formatYears } from '../../../../lib/format.ts';
import { handleLoadError, problem, setFlash, setUpChrome, signInNeeded, statusText, warningText } from '../../../../lib/manage.ts';
import { DECISION_PAGES, decisionAllowed, isDecisionPage, loadRequest, shortRows, viewHref, type DecisionPage } from '../../../../lib/manage-request.ts';
import { summaryList } from '../../../../lib/school.ts';
import { proposeCalendar } from './propose-calendar.ts';

type Read = { body: Record<string, unknown>; errors: FieldError[] };
interface DecisionForm {
  intro: Child[];
  fields: Child[];
  button: string;
  variant?: 'warning';
  read: () => Read;
}

const OTHER = '__other__';
const value = (id: string) => byId<HTMLInputElement | HTMLTextAreaElement>(id).value.trim();
const optional = (key: string, text: string) => (text ? { [key]: text } : {});

/** The venue starts as the slot's (the opportunity's venue) when there is one; the lead may change it. */
function approveForm(r: ManagedRequestView): DecisionForm {
  return {
    intro: [h('p', { class: 'govuk-body' }, 'We will email the provider, and send both of you a calendar invitation.')],
    fields: [
      textField({
        id: 'venue',
        label: 'Where in the school (optional)',
        hint: 'For example, Main hall. The provider sees it in the email and the calendar invitation, with the school’s address',
        field: 'venue',
        value: r.venue ?? '',
        autocomplete: 'off',
      }),
      textareaField({
        id: 'note',
        label: 'Message to the provider (optional)',
        hint: 'For example, where to sign in and park, and what to bring',
        field: 'note',
        rows: 3,
      }),
      splitField('approve', r.split),
    ],
    button: 'Approve request',
    read: () => {
      const venue = value('venue');
      const errors: FieldError[] = venue.length > 200 ? [{ path: 'venue', message: 'Shorten the venue to 200 characters or fewer.' }] : [];
      const split = readSplit('approve', errors);
      return { body: { ...optional('venue', venue), ...optional('note', value('note')), ...(split ? { split } : {}) }, errors };
    },
  };
}

function declineForm(grounds: string[]): DecisionForm {
  return {
    intro: [h('p', { class: 'govuk-body' }, 'We will email the provider with your reason.')],
    fields: [
      radiosField({
        id: 'reason',
        name: 'reason',
        legend: 'Why are you declining?',
        legendClass: 'govuk-fieldset__legend--m',
        field: 'reason',
        options: [
          ...grounds.map((g) => ({ value: g, label: g })),
          {
            value: OTHER,
            label: 'Another reason',
            dividerBefore: 'or',
            conditional: textareaField({ id: 'other-reason', label: 'Your reason', field: 'otherReason', rows: 3 }),
          },
        ],
      }),
      textareaField({ id: 'note', label: 'Anything else to tell the provider (optional)', field: 'note', rows: 3 }),
    ],
    button: 'Decline request',
    read: () => {
      const chosen = checkedValue(document, 'reason');
      const own = value('other-reason');
      const errors: FieldError[] = [];
      if (!chosen) errors.push({ path: 'reason', message: 'Choose a reason for declining.' });
      else if (chosen === OTHER && !own) errors.push({ path: 'otherReason', message: 'Write your reason for declining.' });
      return { body: { reason: chosen === OTHER ? own : chosen, ...optional('note', value('note')) }, errors };
    },
  };
}

function timeCheck(errors: FieldError[], path: 'start' | 'end', raw: string): string {
  const time = normaliseTime(raw);
  const word = path === 'start' ? 'start' : 'end';
  if (!raw) errors.push({ path, message: `Enter the ${word} time.` });
  else if (!isTime(time)) errors.push({ path, message: `Enter the ${word} time in the 24-hour clock, like ${path === 'start' ? '09:30' : '10:30'}.` });
  return time;
}

/** The date and times of a new time, and their errors. */
function newTimeFields(): Child[] {
  return [
    dateField({ id: 'date', legend: 'Date', legendClass: 'govuk-fieldset__legend--m', field: 'date proposed.date' }),
    textField({ id: 'start', label: 'Start time', hint: 'Use the 24-hour clock, for example 09:30 or 13:15', field: 'start', width: 'govuk-input--width-5', spellcheck: false }),
    textField({ id: 'end', label: 'End time', hint: 'For example, 10:30', field: 'end', width: 'govuk-input--width-5', spellcheck: false }),
  ];
}

function readNewTime(errors: FieldError[], what: string): { date: string; start: string; end: string } {
  const date = readDate('date');
  if (date.state === 'empty') errors.push({ path: 'date', message: `Enter the date ${what}.` });
  if (date.state === 'invalid') errors.push({ path: 'date', message: 'The date must be a real date, like 27 3 2027.' });
  return { date: date.state === 'ok' ? date.iso : '', start: timeCheck(errors, 'start', value('start')), end: timeCheck(errors, 'end', value('end')) };
}

/** Moving an approved encounter (the API's reschedule): the provider gets the new time and an updated invitation. */
function rescheduleForm(): DecisionForm {
  return {
    intro: [
      h('p', { class: 'govuk-body' }, 'We will email the provider the new time with an updated calendar invitation. It must be a school day, within your school’s session times.'),
    ],
    fields: [
      ...newTimeFields(),
      textareaField({ id: 'move-reason', name: 'reason', label: 'Why are you moving it?', hint: 'The provider will see this', field: 'reason', labelClass: 'govuk-label--m', rows: 3 }),
    ],
    button: 'Move the encounter',
    read: () => {
      const errors: FieldError[] = [];
      const time = readNewTime(errors, 'to move it to');
      const reason = value('move-reason');
      if (!reason) errors.push({ path: 'reason', message: 'Enter why you are moving the encounter.' });
      return { body: { ...time, reason }, errors };
    },
  };
}

/** Issue 11: keeping an encounter a later change put outside the rules, with a reason (nobody is told). */
function keepForm(r: ManagedRequestView): DecisionForm {
  return {
    intro: [
      warningText('A change to your school’s calendar or opportunities puts this encounter outside your rules: ', r.attention.map((p, i) => [i ? ' ' : '', `${p.message} (${p.rule})`])),
      h(
        'p',
        { class: 'govuk-body' },
        'If it can still go ahead as booked, keep it with a reason. We do not tell the provider. The reason is kept in the request’s history, and the encounter no longer needs attention for this change.',
      ),
    ],
    fields: [
      textareaField({ id: 'keep-reason', name: 'reason', label: 'Why are you keeping it as it is?', hint: 'For example, the year team will host the provider in the library that day', field: 'reason', labelClass: 'govuk-label--m', rows: 3 }),
    ],
    button: 'Keep it as it is',
    read: () => {
      const reason = value('keep-reason');
      return { body: { reason }, errors: reason ? [] : [{ path: 'reason', message: 'Enter why you are keeping the encounter as it is.' }] };
    },
  };
}

function proposeForm(r: ManagedRequestView): DecisionForm {
  return {
    intro: [
      h('p', { class: 'govuk-body' }, 'The provider can accept the new time or turn it down. It must be a school day, within your school’s session times.'),
      ...proposeCalendar(r),
    ],
    fields: [
      ...newTimeFields(),
      textareaField({ id: 'message', label: 'Message to the provider (optional)', hint: 'For example, why the time they asked for does not work', field: 'message', rows: 3 }),
    ],
    button: 'Send the new time',
    read: () => {
      const errors: FieldError[] = [];
      const time = readNewTime(errors, 'you propose');
      return { body: { ...time, ...optional('message', value('message')) }, errors };
    },
  };
}

function cancelForm(): DecisionForm {
  return {
    intro: [warningText('We will tell the provider and cancel the calendar invitation. This cannot be undone.')],
    fields: [
      textareaField({ id: 'cancel-reason', name: 'reason', label: 'Why are you cancelling?', hint: 'The provider will see this', field: 'reason', labelClass: 'govuk-label--m', rows: 3 }),
    ],
    button: 'Cancel the encounter',
    variant: 'warning',
    read: () => {
      const reason = value('cancel-reason');
      return { body: { reason }, errors: reason ? [] : [{ path: 'reason', message: 'Enter why you are cancelling the encounter.' }] };
    },
  };
}

/** A whole-number box with a suffix, labelled inside its fieldset. */
/** The tense of the split question: when approving (to come, optional), when recording delivery (what happened, needed). */
type SplitTense = 'approve' | 'deliver';

const SPLIT_WORDS: Record<SplitTense, { legend: string; whole: string; part: string; which: string; unanswered?: string; numbers: string }> = {
  approve: {
    legend: 'Will this session reach the whole year group? (optional)',
    whole: 'Yes, the whole year group at once',
    part: 'No, it is one session of several',
    which: 'Which session is this?',
    numbers: 'Enter which session this is and how many sessions there are in all, like 2 of 4.',
  },
  deliver: {
    legend: 'Did this session reach the whole year group?',
    whole: 'Yes, the whole year group at once',
    part: 'No, it was one session of several',
    which: 'Which session was this?',
    unanswered: 'Say whether this session reached the whole year group.',
    numbers: 'Enter which session this was and how many sessions there were in all, like 2 of 4.',
  },
};

/**
 * R-WHOLE: an encounter given in several sessions that together reach every pupil (a carousel
 * of form groups) counts once. Said when approving, coverage counts the booked sessions as one
 * encounter; said again (shown as given) when recording delivery.
 */
function splitField(tense: SplitTense, given?: { session: number; sessions: number }): HTMLElement {
  const words = SPLIT_WORDS[tense];
  const field = radiosField({
    id: 'split',
    name: 'split',
    legend: words.legend,
    hint: 'An encounter can be given in several sessions that together reach every pupil, like a carousel of form groups. It counts once, when all its sessions are delivered',
    field: 'split split.session split.sessions',
    small: true,
    ...(given ? { checked: ['part'] } : {}),
    options: [
      { value: 'whole', label: words.whole },
      {
        value: 'part',
        label: words.part,
        conditional: h(
          'div',
          { id: 'split-numbers' },
          numberBox('split-session', words.which, 'session', given?.session),
          numberBox('split-sessions', 'How many sessions in all?', 'sessions', given?.sessions),
        ),
      },
    ],
  });
  return field;
}

/** The split answer as the API takes it, or undefined for a whole encounter (or none given when approving); problems go into `errors`. */
function readSplit(tense: SplitTense, errors: FieldError[]): { session: number; sessions: number } | undefined {
  const words = SPLIT_WORDS[tense];
  const answer = checkedValue(document, 'split');
  const session = wholeNumber(value('split-session'));
  const sessions = wholeNumber(value('split-sessions'));
  if (!answer) {
    if (words.unanswered) errors.push({ path: 'split', message: words.unanswered });
    return undefined;
  }
  if (answer !== 'part') return undefined;
  if (!(Number.isInteger(session) && Number.isInteger(sessions) && sessions >= 2 && sessions <= 20 && session >= 1 && session <= sessions)) {
    errors.push({ path: 'split', message: words.numbers });
    return undefined;
  }
  return { session, sessions };
}

function numberBox(id: string, label: string, suffix: string, given?: number): HTMLElement {
  return h(
    'div',
    { class: 'govuk-!-margin-bottom-3' },
    h('label', { class: 'govuk-label', for: id }, label),
    h(
      'div',
      { class: 'govuk-input__wrapper' },
      h('input', { class: 'govuk-input govuk-input--width-4', id, name: id, type: 'text', inputmode: 'numeric', autocomplete: 'off', ...(given === undefined ? {} : { value: String(given) }) }),
      h('div', { class: 'govuk-input__suffix', 'aria-hidden': 'true' }, suffix),
    ),
  );
}

function deliverForm(r: ManagedRequestView): DecisionForm {
  const years = [...r.yearGroups].sort((a, b) => a - b);
  const attendanceFields = years.map((y, i) => `attendance.${i} attendance.${i}.pupils attendance.${i}.onRoll`).join(' ');
  // R-ATTEND: numbers only, never names; per year group, on roll and took part.
  const attendance = h(
    'div',
    { class: 'govuk-form-group', id: 'attendance-group', 'data-field': `attendance ${attendanceFields}` },
    h(
      'fieldset',
      { class: 'govuk-fieldset', 'aria-describedby': 'attendance-hint' },
      h('legend', { class: 'govuk-fieldset__legend govuk-fieldset__legend--s' }, 'How many pupils took part?'),
      h(
        'div',
        { class: 'govuk-hint', id: 'attendance-hint' },
        'Numbers only. In Years 8 to 11 every pupil must take part: pupils who missed it are shown on the coverage page as a catch-up the school still owes. For one session of several, give the numbers for the pupils that session was for.',
      ),
      h(
        'div',
        { 'data-error-before': true },
        years.map((y) =>
          h(
            'fieldset',
            { class: 'govuk-fieldset govuk-!-margin-bottom-2', 'data-year': String(y) },
            h('legend', { class: 'govuk-fieldset__legend govuk-fieldset__legend--s' }, formatYears([y])),
            numberBox(`attendance-${y}-roll`, 'Pupils on roll', 'pupils'),
            numberBox(`attendance-${y}`, 'Pupils who took part', 'pupils'),
          ),
        ),
      ),
    ),
  );
  // R-WHOLE: one session of a carousel counts once all its sessions are delivered; as the lead said when approving, unless changed.
  const split = splitField('deliver', r.split);
  const happened = [
    checkboxesField({
      id: 'content',
      name: 'content',
      legend: 'What did the session cover?',
      hint: 'It counts as an encounter only if it covered all four. Select all that apply.',
      field: `content ${CONTENT_ITEMS.map((c) => `content.${c}`).join(' ')}`,
      options: CONTENT_ITEMS.map((c) => ({ value: c, label: contentItemLabel(c) })),
      small: true,
    }),
    attendance,
    split,
    textareaField({ id: 'delivery-note', name: 'note', label: 'Anything to note (optional)', field: 'note', rows: 3 }),
  ];
  return {
    intro: [h('p', { class: 'govuk-body' }, 'This counts towards each year group’s encounters with providers.')],
    fields: [
      radiosField({
        id: 'happened',
        name: 'happened',
        legend: 'Did the encounter take place?',
        legendClass: 'govuk-fieldset__legend--m',
        field: 'happened',
        options: [
          { value: 'yes', label: 'Yes', conditional: happened },
          {
            value: 'no',
            label: 'No, it did not happen',
            conditional: textareaField({ id: 'not-reason', name: 'reason', label: 'What happened?', hint: 'For example, the provider did not come', field: 'reason', rows: 3 }),
          },
        ],
      }),
    ],
    button: 'Save',
    read: () => {
      const errors: FieldError[] = [];
      const answer = checkedValue(document, 'happened');
      if (!answer) return { body: {}, errors: [{ path: 'happened', message: 'Say whether the encounter took place.' }] };
      if (answer === 'no') {
        const reason = value('not-reason');
        if (!reason) errors.push({ path: 'reason', message: 'Say what happened instead.' });
        return { body: { happened: false, reason }, errors };
      }
      // The checkboxes' ids: content, content-2, content-3, content-4 (lib/form.ts).
      const content = Object.fromEntries(CONTENT_ITEMS.map((c, i) => [c, byId<HTMLInputElement>(i === 0 ? 'content' : `content-${i + 1}`).checked]));
      const rows = years.map((y) => ({ yearGroup: y, roll: value(`attendance-${y}-roll`), took: value(`attendance-${y}`) }));
      const missing = rows.filter((a) => !a.roll || !a.took);
      const wrong = rows.filter((a) => (a.roll && !Number.isInteger(wholeNumber(a.roll))) || (a.took && !Number.isInteger(wholeNumber(a.took))));
      const over = rows.filter((a) => Number(wholeNumber(a.took)) > Number(wholeNumber(a.roll)));
      if (missing.length) errors.push({ path: 'attendance', message: `Enter how many pupils are on roll and how many took part from ${formatYears(missing.map((a) => a.yearGroup))}.` });
      else if (wrong.length) errors.push({ path: 'attendance', message: 'Enter the numbers of pupils as whole numbers, like 180.' });
      else if (over.length) errors.push({ path: 'attendance', message: `More pupils took part than are on roll in ${formatYears(over.map((a) => a.yearGroup))}; check both numbers.` });
      const split = readSplit('deliver', errors);
      return {
        body: {
          happened: true,
          content,
          attendance: rows.map((a) => ({ yearGroup: a.yearGroup, onRoll: wholeNumber(a.roll), pupils: wholeNumber(a.took) })),
          ...(split ? { split } : {}),
          ...optional('note', value('delivery-note')),
        },
        errors,
      };
    },
  };
}

function render(page: HTMLElement, r: ManagedRequestView, grounds: string[], action: DecisionPage) {
  const spec = DECISION_PAGES[action];
  const title = spec.title;
  setTitle(title);
  setUpChrome(true, r.urn);
  const back = document.getElementById('back-link');
  if (back) back.setAttribute('href', viewHref(r.id));

  const forms: Record<DecisionPage, () => DecisionForm> = {
    approve: () => approveForm(r),
    decline: () => declineForm(grounds),
    propose: () => proposeForm(r),
    reschedule: rescheduleForm,
    keep: () => keepForm(r),
    cancel: cancelForm,
    deliver: () => deliverForm(r),
  };
  const decision = forms[action]();
  const summary = h('div', { id: 'error-summary', hidden: true });
  const submit = h('button', { type: 'submit', class: `govuk-button${decision.variant ? ` govuk-button--${decision.variant}` : ''}`, id: 'submit-decision' }, decision.button);
  const form = h('form', { id: 'decision-form', novalidate: true }, decision.fields, submit);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const { body, errors } = decision.read();
    if (errors.length) return showErrors(form, summary, errors, title);
    clearErrors(form, summary, title);
    submit.disabled = true;
    try {
      await api('POST', `/api/manage/requests/${encodeURIComponent(r.id)}/${action}`, { body });
      setFlash(viewHref(r.id), spec.done);
      location.assign(viewHref(r.id));
    } catch (err) {
      submit.disabled = false;
      if (!(err instanceof ApiError)) throw err;
      if (err.status === 401) return signInNeeded(page);
      showErrors(form, summary, err.shownErrors(), title);
    }
  });

  fill(
    page,
    summary,
    h('span', { class: 'govuk-caption-l app-wrap' }, r.provider.organisation, referenceCaption(r)),
    h('h1', { class: 'govuk-heading-l' }, title),
    summaryList(shortRows(r), 'app-wrap'),
    decision.intro,
    form,
    h('p', { class: 'govuk-body' }, h('a', { class: 'govuk-link', href: viewHref(r.id), id: 'back-to-request' }, 'Go back to the request')),
  );
}

ready(async () => {
  const page = byId('page');
  const id = param('id');
  const action = param('action');
  if (!/^[0-9A-HJKMNP-TV-Z]{26}$/.test(id) || !isDecisionPage(action)) {
    return problem(page, 'This page does not exist', 'Check the link. You can open any request from your dashboard.');
  }
  let answer: Awaited<ReturnType<typeof loadRequest>>;
  try {
    answer = await loadRequest(id);
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return signInNeeded(page);
    if (err instanceof ApiError && err.status === 404) {
      setUpChrome(true);
      return problem(page, 'We could not find that request', 'It may belong to a school you do not manage.');
    }
    if (handleLoadError(page, err, DECISION_PAGES[action].title)) return;
    throw err;
  }
  const r = answer.request;
  if (!decisionAllowed(r, action)) {
    setUpChrome(true, r.urn);
    return problem(page, 'You cannot do this now', `This request’s status is “${statusText(r.status)}”, so you cannot ${DECISION_PAGES[action].link.toLowerCase()} it.`, [[viewHref(r.id), 'Go to the request']]);
  }
  render(page, r, answer.groundsForRefusing, action);
});

// The school's provider access policy statement: /manage/statement/?urn=. GET
// /api/manage/schools/{urn}/statement → ManageStatementAnswer: the published version
// (approval, review date, a warning when review is due), the public page, the embed
// snippet, the versions, and a publish form (careers lead and trust admin only): POST the
// same path { approvedBy, approvedOn } → 201; 422 fields approvedBy, approvedOn,
// settings.careersLead, settings.premises (fixed on /manage/settings/); 403
// PUBLISHER_ROLE_REQUIRED; 409 STATEMENT_CHANGED.
import { ApiError, api } from '../../../lib/api.ts';
import { byId, fill, h, href, ready, safeUrl, setTitle, type Child } from '../../../lib/dom.ts';
import { showErrors, type FieldError } from '../../../lib/errors.ts';
import { dateField, readDate, textField } from '../../../lib/form.ts';
import { formatDate, formatDateShort, formatWhen } from '../../../lib/format.ts';
import {
  accountBar,
  signInNeeded,
  successBanner,
  warningText,
  type ManagedSchool,
  type Me,
  openSchoolPage,
} from '../../../lib/manage.ts';
import { isSettingsField, type ManageStatementAnswer } from '../../../lib/statement-manage.ts';

const PATH = '/manage/statement/';
const TITLE = 'Policy statement';

function summaryRow(key: string, ...value: Child[]) {
  return h('div', { class: 'govuk-summary-list__row' }, h('dt', { class: 'govuk-summary-list__key' }, key), h('dd', { class: 'govuk-summary-list__value app-wrap' }, value));
}

function codeBlock(id: string, label: string, code: string): HTMLElement {
  return h(
    'div',
    { class: 'govuk-!-margin-bottom-6' },
    h('h3', { class: 'govuk-heading-s', id: `${id}-label` }, label),
    h('pre', { class: 'app-pre-wrap app-wrap govuk-body govuk-!-padding-3 govuk-!-margin-bottom-2', id, 'aria-labelledby': `${id}-label`, tabindex: 0 }, h('code', null, code)),
    h('button', {
      type: 'button',
      class: 'govuk-button govuk-button--secondary govuk-!-margin-bottom-0',
      'data-copy': id,
      onclick: async (event: Event) => {
        const button = event.currentTarget as HTMLButtonElement;
        try {
          await navigator.clipboard.writeText(code);
          button.textContent = 'Copied';
        } catch {
          getSelection()?.selectAllChildren(byId(id));
          button.textContent = 'Selected: press Ctrl+C to copy';
        }
      },
    }, 'Copy', h('span', { class: 'govuk-visually-hidden' }, ` ${label.toLowerCase()}`)),
  );
}

function render(page: HTMLElement, me: Me, school: ManagedSchool, answer: ManageStatementAnswer, done?: string) {
  setTitle(TITLE);
  const summary = h('div', { id: 'error-summary', hidden: true });
  const urn = school.urn;
  const settingsLink = href('/manage/settings/', { urn });
  const canPublish = school.role !== 'deputy';
  const p = answer.published;
  const publicUrl = `/schools/${encodeURIComponent(urn)}/statement`;

  const publishedPart: Child = p
    ? [
        p.reviewDue || answer.reviewMessage ? h('div', { id: 'review-due' }, warningText(answer.reviewMessage ?? `The statement was due for review on ${formatDate(p.nextReviewOn)}. Publish a new version once it is approved.`)) : null,
        h(
          'dl',
          { class: 'govuk-summary-list', id: 'published' },
          summaryRow('Version', String(p.version)),
          summaryRow('Published', formatWhen(p.publishedAt)),
          summaryRow('Approved by', p.approvedBy),
          summaryRow('Approved on', formatDate(p.approvedOn)),
          summaryRow('Review due', formatDate(p.nextReviewOn)),
        ),
        h('p', { class: 'govuk-body' }, h('a', { class: 'govuk-link', href: publicUrl, id: 'public-link' }, 'View the published statement')),
      ]
    : h('p', { class: 'govuk-body', id: 'not-published' }, 'Your school has not published its statement yet. Publish it below once your governing board (or trust board) has approved it.');

  const versions: Child = answer.versions.length
    ? h(
        'ul',
        { class: 'govuk-list', id: 'versions' },
        [...answer.versions]
          .sort((a, b) => b.version - a.version)
          .map((v) =>
            h(
              'li',
              null,
              h('a', { class: 'govuk-link', href: safeUrl(v.url, href(publicUrl, { version: v.version })) }, `Version ${v.version}`),
              `, approved ${formatDateShort(v.approvedOn)}, published ${formatWhen(v.publishedAt)}`,
            ),
          ),
      )
    : h('p', { class: 'govuk-body' }, 'No versions yet.');

  let publish: Child;
  if (canPublish) {
    const form = h(
      'form',
      { id: 'publish-form', novalidate: true },
      h('p', { class: 'govuk-body app-measure' }, 'Publishing makes a new version from your current ', h('a', { class: 'govuk-link', href: settingsLink }, 'school settings'), '. Earlier versions stay online.'),
      textField({ id: 'approved-by', label: 'Approved by', hint: 'For example, the governing board, or the trust board of Northfield Learning Trust.', field: 'approvedBy', autocomplete: 'off' }),
      dateField({ id: 'approved-on', legend: 'Approved on', field: 'approvedOn', hint: 'For example, 27 3 2027. Within the last year, and not in the future.' }),
      h('button', { type: 'submit', class: 'govuk-button', id: 'publish' }, 'Publish statement'),
    );
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const approvedBy = byId<HTMLInputElement>('approved-by').value.trim();
      const date = readDate('approved-on');
      const errors: FieldError[] = [];
      if (!approvedBy) errors.push({ path: 'approvedBy', message: 'Enter who approved the statement, like the governing board.' });
      if (date.state === 'empty') errors.push({ path: 'approvedOn', message: 'Enter the date the statement was approved.' });
      else if (date.state === 'invalid') errors.push({ path: 'approvedOn', message: 'The approval date must be a real date, like 27 3 2027.' });
      if (errors.length || date.state !== 'ok') return showErrors(page, summary, errors, TITLE);
      try {
        const saved = await api<ManageStatementAnswer>('POST', `/api/manage/schools/${encodeURIComponent(urn)}/statement`, { body: { approvedBy, approvedOn: date.iso } });
        render(page, me, school, saved, `Version ${saved.published?.version ?? ''} of the statement is published`);
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        if (err.status === 401) return signInNeeded(page);
        const fields = Object.entries(err.fields);
        const list: FieldError[] = fields.map(([path, message]) => (isSettingsField(path) ? { message } : { path, message }));
        if (fields.some(([path]) => isSettingsField(path))) {
          list.push({ message: 'Change your school settings, then publish again.' });
        }
        const message = err.sentence;
        showErrors(page, summary, list.length ? list : [{ message }], TITLE);
        if (fields.some(([path]) => isSettingsField(path))) {
          summary.querySelector('.govuk-error-summary__list')?.append(h('li', null, h('a', { href: settingsLink, id: 'settings-fix-link' }, 'Go to school settings')));
        }
      }
    });
    publish = form;
  } else {
    publish = h('div', { class: 'govuk-inset-text', id: 'cannot-publish' }, 'Only the careers lead or a trust admin can publish the statement. Ask them to publish a new version.');
  }

  const embed = answer.embed;
  fill(
    page,
    done ? successBanner(done) : null,
    summary,
    accountBar(me, school, PATH),
    h('span', { class: 'govuk-caption-l app-wrap' }, school.name),
    h('h1', { class: 'govuk-heading-l' }, TITLE),
    h('div', { class: 'govuk-grid-row' }, h('div', { class: 'govuk-grid-column-two-thirds' },
      h('h2', { class: 'govuk-heading-m' }, 'Published statement'),
      publishedPart,
      h('h2', { class: 'govuk-heading-m' }, 'Publish a new version'),
      publish,
      h('h2', { class: 'govuk-heading-m' }, 'Put the statement on your website'),
      h('p', { class: 'govuk-body' }, 'Your website must publish the statement. Link to it, or show it in a frame. Both always show the latest version: ', h('span', { class: 'app-wrap' }, safeUrl(embed.url, publicUrl))),
      codeBlock('embed-link', 'Link HTML', embed.link),
      codeBlock('embed-iframe', 'Frame HTML', embed.iframe),
      h('h2', { class: 'govuk-heading-m' }, 'Versions'),
      versions,
    )),
  );
  if (done) byId('done-banner').focus();
}

ready(async () => {
  const opened = await openSchoolPage(TITLE, PATH, (urn) => api<ManageStatementAnswer>('GET', `/api/manage/schools/${encodeURIComponent(urn)}/statement`));
  if (!opened) return;
  render(opened.page, opened.me, opened.school, opened.answer);
});

// /admin/schools/upload/: a platform admin uploads the whole GIAS file (issue 17, item 1).
// POST /api/admin/schools/imports {fileName, bytes} → a run and a PUT address signed for
// that size; the browser PUTs the file there (the site's /imports/*, the imports bucket);
// then GET /api/admin/schools/imports/{id} is polled, politely (every 2 s, slowing to 10 s),
// for the counts so far and, at the end, the summary or why the file was refused.
import type { ImportRun } from '#shared/api/admin.ts';
import { ApiError, api } from '../../../../lib/api.ts';
import { byId, fill, h, ready, setTitle } from '../../../../lib/dom.ts';
import { clearErrors, showErrors } from '../../../../lib/errors.ts';
import { rememberNext, setUpChrome } from '../../../../lib/manage.ts';

const TITLE = 'Import schools from GIAS';
interface Started {
  run: ImportRun;
  upload: { url: string; method: 'PUT'; headers: Record<string, string> };
}

const STATUS_TEXT: Record<ImportRun['status'], string> = {
  'waiting-for-upload': 'Uploading the file',
  running: 'Importing schools',
  finished: 'Import finished',
  failed: 'The file was not imported',
};

const row = (key: string, value: string | number) =>
  h('div', { class: 'govuk-summary-list__row' }, h('dt', { class: 'govuk-summary-list__key' }, key), h('dd', { class: 'govuk-summary-list__value' }, String(value)));

function renderRun(target: HTMLElement, run: ImportRun) {
  const counts = run.summary ?? run.progress;
  fill(
    target,
    h('h2', { class: 'govuk-heading-m', id: 'run-status' }, STATUS_TEXT[run.status]),
    h('p', { class: 'govuk-body' }, `File: ${run.fileName}`),
    run.failure ? h('div', { class: 'govuk-inset-text', id: 'run-failure' }, run.failure) : null,
    counts
      ? h(
          'dl',
          { class: 'govuk-summary-list', id: 'run-counts' },
          row('Rows read', counts.rows),
          row('Schools added', counts.created),
          row('Schools updated', counts.updated),
          row('Unchanged or closed', counts.skipped),
          row('Rows with problems', counts.failed),
        )
      : run.status === 'running' || run.status === 'waiting-for-upload'
        ? h('p', { class: 'govuk-body' }, 'This can take several minutes for the whole file. You can leave this page open.')
        : null,
    run.summary && run.summary.problems.length > 0
      ? h(
          'details',
          { class: 'govuk-details' },
          h('summary', { class: 'govuk-details__summary' }, h('span', { class: 'govuk-details__summary-text' }, `Rows with problems (${run.summary.failed})`)),
          h('div', { class: 'govuk-details__text' }, h('ul', { class: 'govuk-list' }, run.summary.problems.map((p) => h('li', null, `Line ${p.line}${p.urn ? ` (URN ${p.urn})` : ''}: ${p.message}`)))),
        )
      : null,
  );
}

async function follow(target: HTMLElement, id: string) {
  let wait = 2_000;
  for (;;) {
    const { run } = await api<{ run: ImportRun }>('GET', `/api/admin/schools/imports/${encodeURIComponent(id)}`);
    renderRun(target, run);
    if (run.status === 'finished' || run.status === 'failed') return;
    await new Promise((r) => setTimeout(r, wait));
    wait = Math.min(wait * 1.5, 10_000);
  }
}

/** Who is here, before they choose a 250 MB file: signed in (Sign out offered), or told to sign in first. */
async function checkSignedIn(target: HTMLElement) {
  try {
    await api('GET', '/api/manage/me');
    setUpChrome(true);
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    setUpChrome(err.status !== 401);
    if (err.status !== 401) return;
    rememberNext();
    fill(target, h('div', { class: 'govuk-inset-text', id: 'sign-in-first' }, 'Sign in as a platform admin to import schools. ', h('a', { class: 'govuk-link', href: '/sign-in/', id: 'sign-in-link' }, 'Get a sign-in link')));
  }
}

ready(() => {
  setTitle(TITLE);
  void checkSignedIn(byId('run'));
  const form = byId<HTMLFormElement>('upload-form');
  const summary = byId('error-summary');
  const input = byId<HTMLInputElement>('file');
  const button = byId<HTMLButtonElement>('upload-button');
  const target = byId('run');
  const refuse = (message: string) => showErrors(form, summary, [{ path: 'file', message }], TITLE);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearErrors(form, summary, TITLE);
    const file = input.files?.[0];
    if (!file) return refuse('Choose the CSV file you downloaded from GIAS.');
    button.disabled = true;
    void (async () => {
      try {
        const started = await api<Started>('POST', '/api/admin/schools/imports', { body: { fileName: file.name, bytes: file.size } });
        renderRun(target, started.run);
        const put = await fetch(started.upload.url, { method: started.upload.method, headers: started.upload.headers, body: file, credentials: 'omit' });
        if (!put.ok) throw new ApiError(put.status, { code: 'UPLOAD_FAILED', message: 'The file could not be uploaded. Check your connection and try again.' });
        await follow(target, started.run.id);
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        if (err.status === 401) refuse('Sign in as a platform admin to import schools.');
        else if (err.status === 403) refuse('Only platform admins can import schools.');
        else refuse(err.fields.file ?? err.sentence);
      } finally {
        button.disabled = false;
      }
    })();
  });
});

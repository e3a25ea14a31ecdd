// POST /api/manage/schools/{urn}/term-dates/preview (the file as the body: text/calendar
// for a council's .ics, text/csv for the README's template; up to 256 KB): the file's
// terms and INSET days mapped to the school's settings, and the settings dry run of those
// settings (the bookings they would put outside the rules). Nothing is saved: the page
// saves the answer's `settings` with its `version` through PUT …/settings.
import { urnPath } from '#shared/api/provider.ts';
import { MAX_TERM_DATES_BYTES, termDatesText, type TermDatesPreview } from '#shared/api/term-dates.ts';
import { DomainError } from '#shared/http/contract.ts';
import { httpHandler, type HttpResult } from '#functions/lib/http.ts';
import { storeFromEnv, type Store } from '#shared/usecases/store.ts';
import type { Editor } from '#shared/usecases/settings.ts';
import { previewTermDates } from '#shared/usecases/term-dates.ts';

export async function manageTermDatesPreview(store: Store, urn: string, editor: Editor, contentType: string, text: string): Promise<HttpResult> {
  const parsed = termDatesText.safeParse(text);
  if (!parsed.success) throw new DomainError('BODY_REQUIRED', parsed.error.issues[0]?.message ?? 'Send the term-dates file as the body.');
  const body: TermDatesPreview = await previewTermDates(store, urn, editor, parsed.data, contentType);
  return { status: 200, body };
}

export const handler = httpHandler({
  route: 'manage-term-dates-preview',
  path: urnPath,
  maxBodyBytes: MAX_TERM_DATES_BYTES,
  run: ({ path, headers, event, caller }) => {
    const raw = typeof event.body === 'string' ? event.body : '';
    const text = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
    return manageTermDatesPreview(storeFromEnv(), path.urn, { email: caller.session.email, role: caller.role.role }, headers['content-type'] ?? '', text);
  },
});

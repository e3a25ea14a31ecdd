// An encounter's .ics as a download for the person signed in ("Add to calendar", issue 14,
// item 5), and a private subscription feed as calendar apps poll it.
import type { HttpResult } from '#shared/http/handler.ts';
import type { InviteFile } from '#shared/usecases/invites.ts';

/** An .ics file as a download; private to the person signed in. */
export function icsDownload({ filename, ics }: InviteFile): HttpResult {
  return {
    status: 200,
    text: ics,
    contentType: 'text/calendar; charset=utf-8',
    headers: { 'content-disposition': `attachment; filename="${filename}"`, 'cache-control': 'private, no-store' },
  };
}

/**
 * A subscription feed (a school's, an organisation's): text/calendar, no cookie needed (the
 * secret in the address is the credential), cacheable for five minutes by the calendar app
 * alone (Outlook and Google poll it), and never sent on as a Referer.
 */
export function icsFeed(ics: string): HttpResult {
  return { status: 200, text: ics, contentType: 'text/calendar; charset=utf-8', headers: { 'cache-control': 'private, max-age=300', 'referrer-policy': 'no-referrer' } };
}

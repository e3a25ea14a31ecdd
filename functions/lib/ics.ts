// An encounter's .ics as a download for the person signed in ("Add to calendar", issue 14, item 5).
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

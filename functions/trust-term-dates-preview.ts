// POST /api/manage/trusts/{trustId}/term-dates/preview?schools=<urn>,<urn> (the file as the
// body, as for one school): the file's terms and INSET days, and for each chosen school of
// the trust (each where the caller is a trust admin; 403 NOT_YOUR_TRUST otherwise) the
// settings dry run with its version. Nothing is saved.
import { trustPath } from '#shared/api/coverage.ts';
import { MAX_TERM_DATES_BYTES, termDatesText, trustTermDatesQuery, type TrustTermDatesPreview } from '#shared/api/term-dates.ts';
import { DomainError } from '#shared/http/contract.ts';
import { httpHandler, type HttpResult } from '#functions/lib/http.ts';
import { storeFromEnv, type Store } from '#shared/usecases/store.ts';
import type { StaffRoleRecord } from '#shared/usecases/access.ts';
import { previewTrustTermDates } from '#shared/usecases/term-dates.ts';

export async function trustTermDatesPreview(
  store: Store,
  caller: { email: string; roles: readonly StaffRoleRecord[] },
  trustId: string,
  urns: string[],
  contentType: string,
  text: string,
): Promise<HttpResult> {
  const parsed = termDatesText.safeParse(text);
  if (!parsed.success) throw new DomainError('BODY_REQUIRED', parsed.error.issues[0]?.message ?? 'Send the term-dates file as the body.');
  const body: TrustTermDatesPreview = await previewTrustTermDates(store, caller, trustId, urns, parsed.data, contentType);
  return { status: 200, body };
}

export const handler = httpHandler({
  route: 'trust-term-dates-preview',
  path: trustPath,
  query: trustTermDatesQuery,
  maxBodyBytes: MAX_TERM_DATES_BYTES,
  // Any member of staff: the use case keeps the schools where the caller is the trust's admin.
  run: ({ path, query, headers, event, caller }) => {
    const raw = typeof event.body === 'string' ? event.body : '';
    const text = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
    return trustTermDatesPreview(storeFromEnv(), { email: caller.session.email, roles: caller.roles }, path.trustId, query.schools, headers['content-type'] ?? '', text);
  },
});

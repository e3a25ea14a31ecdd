// GET /schools/{urn}/statement: the school's published provider access policy statement as
// a page (no script, printable, embeddable in the school's website); `?version=N` for an
// earlier version. A school that has not published gets a 404 page that says so.
import * as z from 'zod';
import { httpHandler, type HttpResult } from '#functions/lib/open-http.ts';
import { PAGE_CSP_DIRECTIVES } from '#shared/pages/layout.ts';
import { statementMissingPage, statementNotPublishedPage, statementPage } from '#shared/pages/statement.ts';
import { storeFromEnv, type Store } from '#shared/usecases/store.ts';
import { findPublishedStatement, schoolRequestUrl, statementUrl } from '#shared/usecases/statement.ts';

/** Any site may frame the statement; it has no forms and loads only our stylesheet. */
export const STATEMENT_CSP: Record<string, string | null> = { ...PAGE_CSP_DIRECTIVES, 'frame-ancestors': '*', 'form-action': "'none'" };

export async function statementPageOf(store: Store, urn: string, version: string | undefined): Promise<HttpResult> {
  const wanted = version === undefined ? undefined : /^[1-9]\d{0,5}$/.test(version) ? Number(version) : NaN;
  if (!/^\d{6,7}$/.test(urn) || Number.isNaN(wanted)) {
    return { status: 404, html: statementMissingPage('Page not found', 'Check the address: a statement address is /schools/ followed by the school’s 6 or 7 digit URN and /statement.') };
  }
  const found = await findPublishedStatement(store, urn, wanted);
  if (found.kind === 'found') return { status: 200, html: statementPage(found.answer), headers: { 'cache-control': 'public, max-age=300' } };
  if (found.kind === 'no-school') return { status: 404, html: statementMissingPage('School not found', `There is no school with URN ${urn} on this service.`) };
  if (found.kind === 'not-published') return { status: 404, html: statementNotPublishedPage(found.school, schoolRequestUrl(urn)) };
  return {
    status: 404,
    html: statementMissingPage('Version not found', `${found.school.name} has no version ${wanted} of its statement. The latest is version ${found.latest}.`, {
      href: statementUrl(urn),
      text: 'Read the current version',
    }),
  };
}

// Path and query are parsed loosely on purpose: a page answers a page (a 404 that says
// why), never the JSON error contract, and links from school websites may carry extra
// parameters (utm_source…), which are dropped.
export const handler = httpHandler({
  route: 'statement-page',
  path: z.object({ urn: z.string().max(40) }),
  query: z.object({ version: z.string().max(40).optional() }),
  csp: STATEMENT_CSP,
  embeddable: true,
  run: ({ path, query }) => statementPageOf(storeFromEnv(), path.urn, query.version),
});

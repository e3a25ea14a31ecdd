// The static pages that can hold a secret: an emailed link's token arrives in their
// fragment (/sign-in/confirm/#token=…, /actions/#token=…) and sits in the page until it is
// posted; the coverage page shows a school's new calendar-feed address, secret and all,
// once. They are served with Referrer-Policy: no-referrer, by CloudFront (infra/site.ts)
// and by the local server (infra/local/server.ts), and their <meta name="referrer"> says
// the same (web/build.ts): the element overrides the header, so it must never be weaker
// (issue 12, item 3). The other pages say same-origin, in the header and the element.

/** URL paths, as CloudFront matches them (a directory's page is served at its path with a slash). */
export const SECRET_PAGES = ['/actions/', '/sign-in/confirm/', '/manage/coverage/'] as const;

export type PageReferrerPolicy = 'no-referrer' | 'same-origin';

/**
 * The header for a request path of the static site, as CloudFront matches it: the exact
 * path. (Asked for as /actions or …/index.html, a page still says no-referrer in its meta
 * element, which the browser applies over the header.)
 */
export function referrerPolicyFor(path: string): PageReferrerPolicy {
  return (SECRET_PAGES as readonly string[]).includes(path) ? 'no-referrer' : 'same-origin';
}

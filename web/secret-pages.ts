// The static pages that can hold a secret: an emailed link's token arrives in their
// fragment (/sign-in/confirm/#token=…, /actions/#token=…) and sits in the page until it is
// posted. They are served with Referrer-Policy: no-referrer, by CloudFront (infra/site.ts)
// and by the local server (infra/local/server.ts), and their <meta name="referrer"> says
// the same (web/build.ts): the element overrides the header, so it must never be weaker
// (issue 12, item 3). The other pages say same-origin, in the header and the element.

/** URL paths, as CloudFront matches them (a directory's page is served at its path with a slash). */
export const SECRET_PAGES = ['/actions/', '/sign-in/confirm/'] as const;

export type PageReferrerPolicy = 'no-referrer' | 'same-origin';

/** The policy for a request path of the static site: /actions/, /actions and /actions/index.html alike. */
export function referrerPolicyFor(path: string): PageReferrerPolicy {
  const dir = path.replace(/index\.html$/, '').replace(/\/?$/, '/');
  return (SECRET_PAGES as readonly string[]).includes(dir) ? 'no-referrer' : 'same-origin';
}

// Pages rendered by a function (email action links, the published statement): the same
// GOV.UK-styled chrome as the static site, its stylesheet, no script, every value escaped.
import { html, type SafeHtml } from '#shared/domain/html.ts';

/** The site's stylesheet under a stable name (the build also writes a content-hashed copy). */
export const SITE_CSS = '/assets/site.css';

export interface PageOptions {
  backLink?: string;
  /** A public page search engines may list (the published statement); others are noindex. */
  indexable?: boolean;
  /** The page's own address, for a page reachable at more than one. */
  canonical?: string;
}

/**
 * The referrer meta element says no-referrer, as the functions' Referrer-Policy header
 * does: the element overrides the header, so it must never be weaker, and a page behind an
 * emailed link can hold its token in its address (issue 12, item 3).
 */
export function page(title: string, content: SafeHtml, options: PageOptions = {}): string {
  return html`<!doctype html>
<html lang="en-GB" class="govuk-template">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
  <meta name="referrer" content="no-referrer">
  ${options.indexable ? html`` : html`<meta name="robots" content="noindex">`}
  ${options.canonical ? html`<link rel="canonical" href="${options.canonical}">` : html``}
  <title>${title} – Provider access</title>
  <link rel="stylesheet" href="${SITE_CSS}">
</head>
<body class="govuk-template__body">
  <a href="#main-content" class="govuk-skip-link">Skip to main content</a>
  <header class="govuk-template__header">
    <div class="govuk-generic-header">
      <div class="govuk-generic-header__container govuk-width-container">
        <div class="govuk-generic-header__logo">
          <a href="/" class="govuk-generic-header__homepage-link app-header__service-name">Provider access</a>
        </div>
      </div>
    </div>
  </header>
  <div class="govuk-width-container">
    ${options.backLink ? html`<a href="${options.backLink}" class="govuk-back-link">Back</a>` : html``}
    <main class="govuk-main-wrapper" id="main-content">
${content}
    </main>
  </div>
  <footer class="govuk-footer">
    <div class="govuk-width-container">
      <div class="govuk-footer__meta">
        <div class="govuk-footer__meta-item govuk-footer__meta-item--grow">
          <p class="govuk-body-s">Provider access helps schools in England give colleges, university technical colleges and
            apprenticeship providers access to pupils in Years 8 to 13. It is run for schools and is not a government service.</p>
        </div>
      </div>
    </div>
  </footer>
</body>
</html>`.value;
}

/**
 * The policy for function-rendered pages: our stylesheet, forms to ourselves, no script.
 * Given as directives over the API's strict default (null drops one: no sandbox, which
 * would block the form, and no upgrade of the local site's plain-HTTP stylesheet).
 */
export const PAGE_CSP_DIRECTIVES: Record<string, string | null> = {
  'default-src': "'none'",
  'style-src': "'self'",
  'img-src': "'self'",
  'form-action': "'self'",
  'base-uri': "'none'",
  'frame-ancestors': "'none'",
  sandbox: null,
  'require-trusted-types-for': null,
  'report-to': null,
  'upgrade-insecure-requests': null,
};

// The page shell, once: the GOV.UK template (skip link, header with the service name,
// footer) that every page of the service stands in. The static site (web/build.ts) renders
// each page through it with its navigation, phase banner, icon and page script; the pages
// functions render (email action links, the published statement) use it bare: the site's
// stylesheet, no script, every value escaped.
import { html, SafeHtml } from '#shared/domain/html.ts';

/** The site's stylesheet under a stable name (the build also writes a content-hashed copy). */
export const SITE_CSS = '/assets/site.css';

const SERVICE_NAME = 'Provider access';

/** What the static site adds to the shell: its policy as a meta element, its assets and its navigation. */
export interface SiteChrome {
  /** The Content-Security-Policy the page is written for (CloudFront also sends it as a header). */
  csp: string;
  icon: string;
  script: string;
  /** The service navigation's items (`<li>`s). */
  nav: SafeHtml;
  /** The footer's links: the provider's places, as the service navigation names them (web/build.ts NAV), and the way in; none on staff pages. */
  places: readonly FooterPlace[];
}

export interface FooterPlace {
  href: string;
  text: string;
  /** Its list item's id, for a page script that hides it (the way in, once someone is signed in). */
  id?: string;
}

export interface Shell {
  title: string;
  content: SafeHtml;
  /** The stylesheet's address: content-hashed on the static site, SITE_CSS elsewhere. */
  css: string;
  referrer: string;
  /** A page search engines may not list gets a robots meta element. */
  noindex?: boolean;
  /** The page's own address, for a page reachable at more than one. */
  canonical?: string;
  back?: string;
  site?: SiteChrome;
}

/** A whole HTML document: the shell around a page's content. */
export function shell(p: Shell): string {
  const site = p.site;
  const head = [
    html`<meta charset="utf-8">`,
    html`<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">`,
    // The policy's single quotes stay as they are, so the element reads as the header does.
    site ? html`<meta http-equiv="Content-Security-Policy" content="${new SafeHtml(site.csp.replaceAll('&', '&amp;').replaceAll('"', '&quot;'))}">` : undefined,
    html`<meta name="referrer" content="${p.referrer}">`,
    site ? html`<meta name="theme-color" content="#005f5a">` : undefined,
    p.noindex ? html`<meta name="robots" content="noindex">` : undefined,
    p.canonical ? html`<link rel="canonical" href="${p.canonical}">` : undefined,
    html`<title>${p.title} – ${SERVICE_NAME}</title>`,
    site ? html`<link rel="icon" href="${site.icon}" type="image/svg+xml">` : undefined,
    html`<link rel="stylesheet" href="${p.css}">`,
    site ? html`<script type="module" src="${site.script}"></script>` : undefined,
  ].filter((line) => line !== undefined);
  return html`<!doctype html>
<html lang="en-GB" class="govuk-template">
<head>
  ${head.map((line, i) => html`${i ? '\n  ' : ''}${line}`)}
</head>
<body class="govuk-template__body">
  <a href="#main-content" class="govuk-skip-link">Skip to main content</a>
  <header class="govuk-template__header">
    <div class="govuk-generic-header">
      <div class="govuk-generic-header__container govuk-width-container">
        <div class="govuk-generic-header__logo">
          <a href="/" class="govuk-generic-header__homepage-link app-header__service-name">${SERVICE_NAME}</a>
        </div>
      </div>
    </div>
${site ? serviceNavigation(site.nav) : html``}  </header>
  <div class="govuk-width-container">
${site ? PHASE_BANNER : html``}${p.back ? html`    <a href="${p.back}" class="govuk-back-link" id="back-link">Back</a>\n` : html``}    <main class="govuk-main-wrapper" id="main-content">
${p.content}
    </main>
  </div>
  <footer class="govuk-footer">
    <div class="govuk-width-container">
      <div class="govuk-footer__meta">
        <div class="govuk-footer__meta-item govuk-footer__meta-item--grow">
${site ? supportLinks(site.places) : html``}          <p class="govuk-body-s">Provider access helps schools in England give colleges, university technical colleges and
            apprenticeship providers access to pupils in Years 8 to 13${site ? html`, as section 42B of the Education Act 1997 requires.
            It` : html`. It`} is run for schools and is not a government service.</p>
        </div>
      </div>
    </div>
  </footer>
</body>
</html>
`.value;
}

function serviceNavigation(items: SafeHtml): SafeHtml {
  return html`    <div class="govuk-service-navigation">
      <div class="govuk-width-container">
        <div class="govuk-service-navigation__container">
          <nav aria-label="Menu" class="govuk-service-navigation__wrapper">
            <ul class="govuk-service-navigation__list">
${items}
            </ul>
          </nav>
        </div>
      </div>
    </div>
`;
}

const PHASE_BANNER = html`    <div class="govuk-phase-banner">
      <p class="govuk-phase-banner__content">
        <strong class="govuk-tag govuk-phase-banner__content__tag">Beta</strong>
        <span class="govuk-phase-banner__text">This is a new service for schools, colleges and training providers.</span>
      </p>
    </div>
`;

/** The footer's links: the provider's places and the way in; none on staff pages. */
function supportLinks(places: SiteChrome['places']): SafeHtml {
  if (places.length === 0) return html``;
  const item = (l: FooterPlace) =>
    html`            <li class="govuk-footer__inline-list-item"${l.id ? html` id="${l.id}"` : html``}><a class="govuk-footer__link" href="${l.href}">${l.text}</a></li>\n`;
  return html`          <h2 class="govuk-visually-hidden">Support links</h2>
          <ul class="govuk-footer__inline-list">
${places.map(item)}          </ul>
`;
}

export interface PageOptions {
  /** A public page search engines may list (the published statement); others are noindex. */
  indexable?: boolean;
  /** The page's own address, for a page reachable at more than one. */
  canonical?: string;
}

/**
 * A page a function renders. The referrer meta element says no-referrer, as the
 * functions' Referrer-Policy header does: the element overrides the header, so it must
 * never be weaker, and a page behind an emailed link can hold its token in its address
 * (issue 12, item 3).
 */
export function page(title: string, content: SafeHtml, options: PageOptions = {}): string {
  return shell({ title, content, css: SITE_CSS, referrer: 'no-referrer', noindex: !options.indexable, ...(options.canonical ? { canonical: options.canonical } : {}) });
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

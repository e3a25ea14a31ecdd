// Builds the static site: web/src → web/dist.
//
// - Sass (GOV.UK Frontend and the site's own rules) → one minified stylesheet, holding
//   only the GOV.UK rules some page can match (PurgeCSS, see buildCss);
// - each page's script web/src/pages/<route>/index.ts → one minified ES module bundle;
// - each page's body web/src/pages/<route>/index.html, in the page shell of
//   shared/pages/layout.ts (the same one the function-rendered pages use), with the site's
//   navigation and assets → web/dist/<route>/index.html, so S3 and CloudFront serve
//   /<route>/ as a directory.
// Asset names carry a content hash (cache them for ever; never cache the HTML); the
// stylesheet is also written as assets/site.css for the pages functions render.
//
// `node web/build.ts` or `npm run build:web`; `buildWeb()` for the test set-up.
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { PurgeCSS } from 'purgecss';
import { compileAsync } from 'sass';
import { SafeHtml } from '#shared/domain/html.ts';
import { shell, type FooterPlace } from '#shared/pages/layout.ts';
import { referrerPolicyFor } from './secret-pages.ts';

export const WEB_ROOT = import.meta.dirname;
export const SRC = join(WEB_ROOT, 'src');
export const DIST = join(WEB_ROOT, 'dist');

/**
 * The policy the pages are written for. CloudFront sends it as a header (with
 * frame-ancestors, which a meta element cannot carry); the pages carry it too, so the
 * local site and the browser tests run under it.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

/** The service navigation: the page front matter's `nav` names the current item. */
const NAV = [
  { key: 'find', href: '/', text: 'Find a school' },
  { key: 'requests', href: '/requests/', text: 'Your requests' },
  { key: 'tours', href: '/tours/', text: 'Visit tours' },
  { key: 'evidence', href: '/provider/evidence/', text: 'Schools’ answers' },
  { key: 'organisation', href: '/provider/organisation/', text: 'Your organisation' },
] as const;

/**
 * The school staff's navigation, for pages whose front matter says `area: manage`. The
 * page script adds the school (`?urn=`) to the links marked data-manage-nav, and shows
 * the Sign out button once it knows someone is signed in.
 */
const MANAGE_NAV = [
  { key: 'manage', href: '/manage/', text: 'Requests' },
  { key: 'coverage', href: '/manage/coverage/', text: 'Coverage' },
  { key: 'year-plan', href: '/manage/year-plan/', text: 'Year plan' },
  { key: 'settings', href: '/manage/settings/', text: 'School settings' },
  { key: 'opportunities', href: '/manage/opportunities/', text: 'Opportunities' },
  { key: 'staff', href: '/manage/staff/', text: 'Staff' },
  { key: 'statement', href: '/manage/statement/', text: 'Policy statement' },
] as const;

/** A platform admin's pages, for front matter `area: admin`: the two jobs of the platform's data, and Sign out. */
const ADMIN_NAV = [
  { key: 'import', href: '/admin/schools/upload/', text: 'Import schools' },
  { key: 'bank-holidays', href: '/admin/bank-holidays/', text: 'Bank holidays' },
] as const;

/** Each area's places, in its service navigation (the public site's again in its footer). */
const AREA_NAV = { public: NAV, manage: MANAGE_NAV, admin: ADMIN_NAV } as const;
type Area = keyof typeof AREA_NAV;
const areaOf = (area: string | undefined): Area => (area === 'manage' || area === 'admin' ? area : 'public');

/**
 * The footer's places: the provider's, then the way in. A school's staff and a platform admin
 * have their places in the navigation at the top and sign in from their own pages, so their
 * footer lists no links (not the provider's places, not a sign-in link they don't need).
 */
function footerPlaces(area: Area): FooterPlace[] {
  if (area !== 'public') return [];
  return [...NAV.map((i) => ({ href: i.href, text: i.text })), { href: '/sign-in/', text: 'Get a sign-in link', id: 'footer-sign-in' }];
}

/** The stylesheet's stable name, for the pages functions render (shared/pages/layout.ts SITE_CSS). */
export const STABLE_CSS_NAME = 'site.css';

export interface PageWeight {
  /** The page's URL path, like /school/. */
  path: string;
  files: string[];
  raw: number;
  gzip: number;
  brotli: number;
}

export interface WebBuild {
  outDir: string;
  pages: PageWeight[];
}

interface PageSource {
  route: string; // '' for the home page, 'request/sent' for /request/sent/
  html: string; // path of the body
  script: string; // path of the script
  meta: Record<string, string>;
  body: string;
}

const hash = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex').slice(0, 10);

/**
 * `<!--#include name.html -->` in a page: web/src/partials/name.html in its place, for fields two
 * pages ask alike (the request form's and the visit tour's details).
 */
async function withPartials(body: string): Promise<string> {
  const names = [...body.matchAll(/<!--#include ([\w-]+\.html) -->\n?/g)];
  let out = body;
  for (const m of names) out = out.replace(m[0], await readFile(join(SRC, 'partials', m[1] ?? ''), 'utf8'));
  return out;
}

/** Every web/src/pages/**\/index.html with its index.ts beside it. */
async function findPages(): Promise<PageSource[]> {
  const root = join(SRC, 'pages');
  const pages: PageSource[] = [];
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name !== 'index.html') continue;
    const html = join(entry.parentPath, entry.name);
    const route = relative(root, entry.parentPath).split('\\').join('/');
    const source = await readFile(html, 'utf8');
    const match = /^<!--([\s\S]*?)-->\s*/.exec(source);
    if (!match) throw new Error(`${relative(WEB_ROOT, html)}: start with a <!-- title: … --> comment`);
    const meta: Record<string, string> = {};
    for (const line of (match[1] ?? '').split('\n')) {
      const m = /^\s*([a-z]+):\s*(.*?)\s*$/.exec(line);
      if (m?.[1] && m[2] !== undefined) meta[m[1]] = m[2];
    }
    if (!meta.title) throw new Error(`${relative(WEB_ROOT, html)}: the front matter needs a title`);
    pages.push({ route, html, script: join(entry.parentPath, 'index.ts'), meta, body: await withPartials(source.slice(match[0].length)) });
  }
  return pages.sort((a, b) => a.route.localeCompare(b.route));
}

/**
 * GOV.UK Frontend's footer styles draw the royal crest for Crown copyright. This is not a
 * government service: drop every rule that refers to the crest (and any at-rule left empty).
 */
function withoutCrown(css: string): string {
  return css.replace(/[^{}]*\{[^{}]*govuk-crest[^{}]*\}/g, '').replace(/@[^{}]+\{\}/g, '');
}

/** Where the pages' classes are written: their bodies and scripts, the page shell, and this file's navigation. */
export const CLASS_SOURCES = [SRC, join(WEB_ROOT, '..', 'shared', 'pages'), join(WEB_ROOT, 'build.ts')];

/** Every .html and .ts file (tests aside) in these files and folders, with its text. */
async function sourceTexts(paths: string[]): Promise<{ file: string; text: string }[]> {
  const files: string[] = [];
  for (const p of paths) {
    if (/\.(html|ts)$/.test(p)) files.push(p);
    else for (const e of await readdir(p, { recursive: true, withFileTypes: true })) if (e.isFile() && /\.(html|ts)$/.test(e.name) && !e.name.endsWith('.test.ts')) files.push(join(e.parentPath, e.name));
  }
  return Promise.all(files.sort().map(async (file) => ({ file, text: await readFile(file, 'utf8') })));
}

/**
 * Words in HTML and TypeScript that may be class names: govuk-!-margin-0 keeps its "!",
 * and a template literal's `${` ends a word, so `govuk-label ${cls}__label` gives
 * govuk-label (and cls, __label, which match nothing).
 */
export const classWords = (text: string): string[] => text.match(/[A-Za-z0-9_!-]+/g) ?? [];

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The govuk- classes scripts compose at run time, which no extractor can read, as
 * PurgeCSS safelist patterns found in the same sources, so a new composition is kept
 * without a list to update:
 * - a class completed by a value: `govuk-button--${variant}` (web/src/lib/form.ts,
 *   manage.ts, the request and decide pages) keeps every class starting govuk-button--;
 * - an ending put after a block held in a variable: `${cls}__item`, cls being
 *   'govuk-radios' or 'govuk-checkboxes' (form.ts choices(), request/index.ts option())
 *   keeps that ending on the blocks written as a whole string in the same file.
 */
export function composedClasses(texts: string[]): RegExp[] {
  const patterns: RegExp[] = [];
  const prefixes = new Set<string>();
  for (const text of texts) {
    for (const m of text.matchAll(/(govuk-[A-Za-z0-9_!-]*)\$\{/g)) prefixes.add(m[1] ?? '');
    const endings = new Set([...text.matchAll(/\}((?:__|--)[A-Za-z0-9_-]+)/g)].map((m) => m[1] ?? ''));
    const blocks = new Set([...text.matchAll(/['"`](govuk-[a-z0-9-]+?)['"`]/g)].map((m) => m[1] ?? '').filter((b) => !/__|--/.test(b)));
    if (endings.size && blocks.size) patterns.push(new RegExp(`^(?:${[...blocks].map(escapeRegExp).join('|')})(?:${[...endings].map(escapeRegExp).join('|')})$`));
  }
  if (prefixes.size) patterns.push(new RegExp(`^(?:${[...prefixes].map(escapeRegExp).join('|')})`));
  return patterns;
}

/**
 * The stylesheet with only the GOV.UK Frontend rules some page can match. site.scss picks
 * GOV.UK's components one by one, but each brings every modifier and state (inverse
 * buttons, small checkboxes, every grid width, every spacing override): Lighthouse found
 * 85–95 KB of the 105 KB stylesheet unused on every page.
 *
 * PurgeCSS keeps a selector when every class, tag, id and attribute in it is found in the
 * sources or safelisted; what sits inside :not(), :has() and the like is never required
 * (:is() and :where() are pruned inside, as if written out). Only
 * GOV.UK's rules are pruned: every name not starting govuk- (the site's app- classes,
 * elements, attributes, pseudo-classes) is safelisted. @font-face, @keyframes and custom
 * properties are kept whole (fontFace, keyframes and variables off).
 */
export async function purgeGovuk(css: string, sources: { file: string; text: string }[]): Promise<string> {
  const [purged] = await new PurgeCSS().purge({
    content: sources.map(({ file, text }) => ({ raw: text, extension: file.slice(file.lastIndexOf('.') + 1) })),
    css: [{ raw: css }],
    defaultExtractor: classWords,
    safelist: { standard: [/^(?!govuk-)/, ...composedClasses(sources.map((s) => s.text))] },
    fontFace: false,
    keyframes: false,
    variables: false,
  });
  if (!purged) throw new Error('PurgeCSS returned no stylesheet');
  return purged.css;
}

/** The site's stylesheet: site.scss compiled and minified, pruned (purgeGovuk), without the crest. */
export async function buildCss(): Promise<string> {
  const sass = await compileAsync(join(SRC, 'styles', 'site.scss'), {
    loadPaths: [join(WEB_ROOT, '..', 'node_modules')],
    style: 'compressed',
    quietDeps: true,
    silenceDeprecations: ['import'],
  });
  // The crest goes after pruning, which also drops at-rules PurgeCSS left empty: it removes
  // an emptied @media but not the @supports around it.
  const css = withoutCrown(await purgeGovuk(sass.css, await sourceTexts(CLASS_SOURCES)));
  if (/GDS Transport|@font-face|url\(/.test(css)) throw new Error('The stylesheet must load no web font and no image (no GDS Transport, no crest).');
  return css;
}

const entryName = (route: string) => (route === '' ? 'home' : route.replaceAll('/', '-'));

function navHtml(current: string | undefined, area: Area): SafeHtml {
  const manage = area === 'manage';
  const items = AREA_NAV[area].map((item) => {
    const active = item.key === current;
    const li = `govuk-service-navigation__item${active ? ' govuk-service-navigation__item--active' : ''}`;
    const text = active ? `<strong class="govuk-service-navigation__active-fallback">${item.text}</strong>` : item.text;
    return `              <li class="${li}"><a class="govuk-service-navigation__link" href="${item.href}"${manage ? ' data-manage-nav' : ''}${active ? ' aria-current="page"' : ''}>${text}</a></li>`;
  });
  if (area !== 'public') {
    items.push(
      '              <li class="govuk-service-navigation__item app-sign-out" id="sign-out-item" data-pending><form id="sign-out-form" novalidate>' +
        '<button type="submit" class="govuk-service-navigation__link app-link-button" id="sign-out">Sign out</button></form></li>',
    );
  }
  // The items are this file's own constants, not input: nothing in them to escape.
  return new SafeHtml(items.join('\n'));
}

/**
 * Builds into a fresh folder beside the target, then swaps it in with two renames, so a
 * server (or another test run) reading the site never sees a half-built one.
 */
export async function buildWeb(options: { outDir?: string; log?: (line: string) => void } = {}): Promise<WebBuild> {
  const target = options.outDir ?? DIST;
  // Scratch folders under node_modules/.cache: ignored by git and lint, and on the same
  // file system as web/dist, so the renames are atomic.
  const scratch = join(WEB_ROOT, '..', 'node_modules', '.cache', 'web-build');
  await mkdir(scratch, { recursive: true });
  const id = `${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const building = join(scratch, `building-${id}`);
  const old = join(scratch, `old-${id}`);
  try {
    const result = await buildInto(building, options.log);
    await rename(target, old).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
    });
    await rename(building, target);
    return { ...result, outDir: target };
  } finally {
    await rm(building, { recursive: true, force: true });
    await rm(old, { recursive: true, force: true });
  }
}

async function buildInto(outDir: string, log: ((line: string) => void) | undefined): Promise<WebBuild> {
  const assets = join(outDir, 'assets');
  await rm(outDir, { recursive: true, force: true });
  await mkdir(assets, { recursive: true });

  // Styles.
  const css = await buildCss();
  const cssName = `site.${hash(css)}.css`;
  await writeFile(join(assets, cssName), css);
  // The same stylesheet under a stable name for the function-rendered pages (email action
  // links, the published statement), which cannot know this build's hash.
  await writeFile(join(assets, STABLE_CSS_NAME), css);

  // The icon.
  const icon = await readFile(join(SRC, 'icon.svg'));
  const iconName = `icon.${hash(icon)}.svg`;
  await writeFile(join(assets, iconName), icon);

  // Scripts: one bundle per page, no shared chunks, so each page makes one request.
  const pages = await findPages();
  const result = await build({
    entryPoints: Object.fromEntries(pages.map((p) => [entryName(p.route), p.script])),
    outdir: assets,
    entryNames: '[name].[hash]',
    bundle: true,
    splitting: false,
    format: 'esm',
    platform: 'browser',
    target: ['es2022', 'chrome109', 'firefox115', 'safari15.4'],
    minify: true,
    legalComments: 'none',
    metafile: true,
    write: true,
    logLevel: 'warning',
  });
  const scripts = new Map<string, string>();
  for (const [out, meta] of Object.entries(result.metafile.outputs)) {
    if (meta.entryPoint) scripts.set(resolve(meta.entryPoint), `/assets/${relative(assets, resolve(out)).split('\\').join('/')}`);
  }

  // Pages.
  const weights: PageWeight[] = [];
  for (const page of pages) {
    const script = scripts.get(resolve(page.script));
    if (!script) throw new Error(`No bundle for ${page.script}`);
    const html = shell({
      title: page.meta.title ?? '',
      // The page's own body, from this repository's source: trusted markup.
      content: new SafeHtml(page.body.trimEnd()),
      css: `/assets/${cssName}`,
      referrer: referrerPolicyFor(page.route === '' ? '/' : `/${page.route}/`),
      ...(page.meta.back ? { back: page.meta.back } : {}),
      site: { csp: CONTENT_SECURITY_POLICY, icon: `/assets/${iconName}`, script, nav: navHtml(page.meta.nav, areaOf(page.meta.area)), places: footerPlaces(areaOf(page.meta.area)) },
    });
    const file = join(outDir, page.route, 'index.html');
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, html);

    const parts = [Buffer.from(html), Buffer.from(css), await readFile(join(outDir, script))];
    weights.push({
      path: page.route === '' ? '/' : `/${page.route}/`,
      files: [`/${page.route ? `${page.route}/` : ''}index.html`, `/assets/${cssName}`, script],
      raw: parts.reduce((n, b) => n + b.length, 0),
      gzip: parts.reduce((n, b) => n + gzipSync(b, { level: 9 }).length, 0),
      brotli: parts.reduce((n, b) => n + brotliCompressSync(b).length, 0),
    });
  }

  // What CloudFront answers for a path with no file.
  const notFound = pages.find((p) => p.route === 'page-not-found');
  if (notFound) await writeFile(join(outDir, '404.html'), await readFile(join(outDir, 'page-not-found', 'index.html')));

  log?.(
    `Built ${pages.length} pages into ${relative(process.cwd(), DIST) || '.'}:\n` +
      weights.map((w) => `  ${w.path.padEnd(18)} ${String(w.raw).padStart(7)} B raw ${String(w.gzip).padStart(6)} B gzip ${String(w.brotli).padStart(6)} B brotli`).join('\n'),
  );
  return { outDir, pages: weights };
}

/** Builds once per process for whoever asks first (the local stack, the tests). */
let building: Promise<WebBuild> | undefined;
export function buildWebOnce(): Promise<WebBuild> {
  building ??= buildWeb();
  return building;
}

if (import.meta.main) {
  buildWeb({ log: (line) => console.log(line) }).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}

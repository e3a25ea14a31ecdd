// Issue 14, item 8: the site ships only the GOV.UK Frontend CSS its pages use, and never
// less. The stylesheet the build makes (web/build.ts buildCss) must hold a rule for every
// govuk- class a page, the page shell or a page script writes, wherever GOV.UK Frontend
// styles that class; and a class GOV.UK does not style at all is named here, so a typo
// or a class a new GOV.UK version dropped is seen. Read independently of the build's own
// pruning (PurgeCSS in web/build.ts purgeGovuk): the sources' class names against the built CSS.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCss, composedClasses, purgeGovuk } from '../web/build.ts';

const ROOT = join(import.meta.dirname, '..');

function sourceFiles(): string[] {
  const files = [join(ROOT, 'web', 'build.ts')];
  for (const dir of [join(ROOT, 'web', 'src'), join(ROOT, 'shared', 'pages')]) {
    for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (e.isFile() && /\.(html|ts)$/.test(e.name) && !e.name.endsWith('.test.ts')) files.push(join(e.parentPath, e.name));
    }
  }
  return files;
}

/** Class names in a stylesheet's selectors (unescaped: govuk-!-margin-0). */
function classesIn(css: string): Set<string> {
  return new Set([...css.matchAll(/\.((?:\\.|[A-Za-z0-9_-])+)/g)].map((m) => (m[1] ?? '').replace(/\\(.)/g, '$1')));
}

/** Every class GOV.UK Frontend styles: its own complete, prebuilt stylesheet. */
const GOVUK = classesIn(readFileSync(join(ROOT, 'node_modules', 'govuk-frontend', 'dist', 'govuk', 'govuk-frontend.min.css'), 'utf8'));

// Written in the sources, styled by no GOV.UK rule: structure-only names (GOV.UK styles
// the cells, not the thead, tbody and rows, the header's wrapper or the radios' own box), the crest the build
// strips, and two tag colours GOV.UK Frontend v6 no longer has (its tags are blue by
// default), which today show as the default tag.
const UNSTYLED_BY_GOVUK = [
  'govuk-checkboxes',
  'govuk-crest',
  'govuk-generic-header__container',
  'govuk-radios',
  'govuk-table__body',
  'govuk-table__head',
  'govuk-table__row',
  'govuk-tag--blue',
  'govuk-tag--light-blue',
  'govuk-template__header',
];

describe('the site stylesheet (web/build.ts buildCss)', () => {
  let css = '';
  let shipped = new Set<string>();
  const written = new Set<string>();
  const composed = new Set<string>(); // `${cls}__item`: endings put after a block in a variable
  for (const file of sourceFiles()) {
    const text = readFileSync(file, 'utf8');
    // A name followed by ${ is only the start of one (govuk-button--${variant}).
    for (const m of text.matchAll(/govuk-[A-Za-z0-9_!-]*[A-Za-z0-9_!](?![A-Za-z0-9_!-]|\$\{)/g)) written.add(m[0]);
    for (const m of text.matchAll(/\}((?:__|--)[a-z0-9-]+)/g)) composed.add(m[1] ?? '');
  }

  beforeAll(async () => {
    css = await buildCss();
    shipped = classesIn(css);
  }, 60_000);

  it('has a rule for every govuk- class the pages write that GOV.UK Frontend styles', () => {
    const missing = [...written].filter((c) => GOVUK.has(c) && !shipped.has(c)).sort();
    expect(missing).toEqual([]);
  });

  it('has the classes scripts compose from a block in a variable (form.ts: `${cls}__item`, cls govuk-radios)', () => {
    expect(composed.size).toBeGreaterThan(0);
    const missing: string[] = [];
    for (const block of ['govuk-radios', 'govuk-checkboxes']) {
      for (const ending of composed) if (GOVUK.has(block + ending) && !shipped.has(block + ending)) missing.push(block + ending);
    }
    expect(missing).toEqual([]);
    expect(shipped).toContain('govuk-radios__input');
    expect(shipped).toContain('govuk-checkboxes--small');
  });

  it('names the written classes GOV.UK Frontend does not style', () => {
    expect([...written].filter((c) => !GOVUK.has(c)).sort()).toEqual(UNSTYLED_BY_GOVUK);
  });

  it('leaves out GOV.UK rules no page can match, and is smaller for it', () => {
    for (const unused of ['govuk-tag--magenta', 'govuk-!-margin-top-9', 'govuk-grid-column-one-quarter', 'govuk-accordion', 'govuk-header']) {
      expect(written.has(unused), `${unused} is written somewhere now: pick another unused class`).toBe(false);
      expect(shipped.has(unused), unused).toBe(false);
    }
    // Our own rules included, the site's CSS stays well under GOV.UK Frontend's whole stylesheet (136 KB; ours 81 KB at issue 16).
    const whole = readFileSync(join(ROOT, 'node_modules', 'govuk-frontend', 'dist', 'govuk', 'govuk-frontend.min.css'), 'utf8').length;
    expect(css.length).toBeLessThan(whole * 0.65);
  });
});

describe('purgeGovuk (PurgeCSS as the build sets it up)', () => {
  const purge = (css: string, ...texts: string[]) => purgeGovuk(css, texts.map((text, i) => ({ file: `page${i}.ts`, text })));

  it('keeps a selector only when every govuk- class it needs is written, inside at-rules too', async () => {
    const css = '.govuk-a,.govuk-z{color:red}.govuk-z .govuk-a{color:blue}@media print{.govuk-z{x:1}.govuk-b__x{y:2}}@media screen{.govuk-z{x:1}}';
    expect(await purge(css, `h('p', { class: 'govuk-a govuk-b__x' })`)).toBe('.govuk-a{color:red}@media print{.govuk-b__x{y:2}}');
  });

  it('keeps the site’s own classes, elements, attributes, :not() and strings with braces, whatever the sources say', async () => {
    const css = '.app-x{c:3}p{d:4}[hidden]{e:0}.govuk-a:not(.govuk-z){e:5}.govuk-a::after{content:"}{"}';
    expect(await purge(css, '<p class="govuk-a">')).toBe(css);
  });

  it('keeps classes composed at run time: a written start, and an ending put after a block in a variable', async () => {
    const source = "const cls = big ? 'govuk-radios' : 'govuk-b'; h('div', { class: `${cls}__item govuk-c--${colour}` });";
    const css = '.govuk-c--red{a:1}.govuk-radios__item{b:2}.govuk-b__item{b:2}.govuk-z__item{b:3}.govuk-radios__input{b:4}';
    expect(await purge(css, source)).toBe('.govuk-c--red{a:1}.govuk-radios__item{b:2}.govuk-b__item{b:2}');
  });

  it('reads escaped names as the class they are (govuk-!-margin-0)', async () => {
    expect(await purge('.govuk-\\!-margin-0{margin:0}.govuk-\\!-margin-1{margin:5px}', '<p class="govuk-!-margin-0">')).toBe('.govuk-\\!-margin-0{margin:0}');
  });

  it('derives the composed-class patterns from each file on its own', () => {
    const [fromForm, prefixes] = composedClasses(["const cls = 'govuk-radios'; `${cls}__item ${cls}--small`", '`govuk-button--${variant}`']);
    expect(fromForm?.test('govuk-radios--small')).toBe(true);
    expect(fromForm?.test('govuk-button__item')).toBe(false);
    expect(prefixes?.test('govuk-button--warning')).toBe(true);
    expect(prefixes?.test('govuk-tag--red')).toBe(false);
  });
});

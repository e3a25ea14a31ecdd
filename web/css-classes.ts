// Only the GOV.UK Frontend CSS the pages use. site.scss picks GOV.UK's components one by
// one, but each component brings every modifier and state (inverse buttons, small
// checkboxes, every grid width, every spacing override), and Lighthouse found 85–95 KB
// of the 105 KB stylesheet unused on every page. The build keeps a govuk- rule only when
// every govuk- class its selector needs is written somewhere in the pages' sources.
//
// Scripts also compose classes: a class built from a written start (`govuk-button--${v}`)
// keeps every class that starts with it, and an ending put after a block held in a
// variable (`${cls}__item`, cls being 'govuk-radios' or 'govuk-checkboxes') keeps that
// ending on every written block. Both err on the side of keeping. Classes inside :not(), :is(), :where()
// and :has() are never required (a selector can match without them). The site's own
// app- classes and element selectors are kept whatever the sources say.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface UsedClasses {
  names: Set<string>;
  /** The BEM blocks of those names (govuk-radios for govuk-radios__item). */
  blocks: Set<string>;
  /** Element and modifier endings scripts put after a block held in a variable: `${cls}__item` gives __item. */
  endings: string[];
  /** Beginnings of class names a script completes at run time. */
  prefixes: string[];
}

const CLASS_IN_SOURCE = /govuk-[A-Za-z0-9_!-]*(\$\{)?/g;
const ENDING_IN_SOURCE = /\}((?:__|--)[A-Za-z0-9_-]+)/g;

/** Every govuk- class written in these files and folders (recursively: .html and .ts files). */
export async function usedClasses(paths: string[]): Promise<UsedClasses> {
  const names = new Set<string>();
  const prefixes = new Set<string>();
  const endings = new Set<string>();
  const files: string[] = [];
  for (const p of paths) {
    if (/\.(html|ts)$/.test(p)) files.push(p);
    else for (const e of await readdir(p, { recursive: true, withFileTypes: true })) if (e.isFile() && /\.(html|ts)$/.test(e.name) && !e.name.endsWith('.test.ts')) files.push(join(e.parentPath, e.name));
  }
  for (const file of files) {
    const text = await readFile(file, 'utf8');
    for (const m of text.matchAll(ENDING_IN_SOURCE)) endings.add(m[1] ?? '');
    for (const m of text.matchAll(CLASS_IN_SOURCE)) {
      const token = m[0].replace(/\$\{$/, '');
      // `govuk-button--${variant}` or a name ending in a dash: the start of a class.
      if (m[1] || token.endsWith('-')) prefixes.add(token);
      else names.add(token);
    }
  }
  return { names, blocks: new Set([...names].map(blockOf)), endings: [...endings], prefixes: [...prefixes] };
}

/** A class's BEM block: govuk-radios for govuk-radios__item and govuk-radios--small. */
const blockOf = (name: string) => name.replace(/(__|--).*$/, '');

/**
 * A class is kept when it is written out, or starts with a written beginning, or is a
 * written block with an ending a script composes onto a block (`${cls}__item`).
 */
function isUsed(name: string, used: UsedClasses): boolean {
  if (used.names.has(name) || used.prefixes.some((p) => name.startsWith(p))) return true;
  return used.endings.some((e) => name.endsWith(e) && used.blocks.has(name.slice(0, -e.length)));
}

/** The govuk- classes a selector cannot match without (those outside functional pseudo-classes). */
function requiredClasses(selector: string): string[] {
  let plain = '';
  let depth = 0;
  for (const ch of selector) {
    if (ch === '(') depth++;
    if (depth === 0) plain += ch;
    if (ch === ')') depth--;
  }
  return [...plain.matchAll(/\.((?:\\.|[A-Za-z0-9_-])+)/g)].map((m) => (m[1] ?? '').replace(/\\(.)/g, '$1')).filter((c) => c.startsWith('govuk-'));
}

/** Splits at top-level commas (not those inside parentheses or strings). */
function splitSelectors(list: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    const ch = list[i];
    if (ch === '(' || ch === '[') depth++;
    else if (ch === ')' || ch === ']') depth--;
    else if (ch === ',' && depth === 0) {
      out.push(list.slice(start, i));
      start = i + 1;
    }
  }
  out.push(list.slice(start));
  return out;
}

/** Index of the brace closing the one opened at `open`, skipping strings and comments. */
function closing(css: string, open: number): number {
  let depth = 0;
  for (let i = open; i < css.length; i++) {
    const ch = css[i];
    if (ch === '"' || ch === "'") {
      for (i++; i < css.length && css[i] !== ch; i++) if (css[i] === '\\') i++;
    } else if (ch === '/' && css[i + 1] === '*') {
      i = css.indexOf('*/', i + 2) + 1;
      if (i === 0) return css.length;
    } else if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return i;
  }
  throw new Error('css-classes: unbalanced braces in the stylesheet');
}

/** The next `{` from `from`, skipping strings; -1 if none. */
function nextOpen(css: string, from: number): number {
  for (let i = from; i < css.length; i++) {
    const ch = css[i];
    if (ch === '"' || ch === "'") {
      for (i++; i < css.length && css[i] !== ch; i++) if (css[i] === '\\') i++;
    } else if (ch === '{') return i;
  }
  return -1;
}

/** A statement at-rule (`@charset "UTF-8";`) at `from`: the index after its `;`, or -1. */
function statementEnd(css: string, from: number): number {
  const m = /^\s*@[\w-]+[^{};]*;/.exec(css.slice(from));
  return m ? from + m[0].length : -1;
}

/** The stylesheet without the govuk- rules no page can match. */
export function pruneCss(css: string, used: UsedClasses): string {
  let out = '';
  let i = 0;
  while (i < css.length) {
    const statement = statementEnd(css, i);
    if (statement !== -1) {
      out += css.slice(i, statement);
      i = statement;
      continue;
    }
    const open = nextOpen(css, i);
    if (open === -1) {
      out += css.slice(i);
      break;
    }
    const end = closing(css, open);
    const prelude = css.slice(i, open);
    const body = css.slice(open + 1, end);
    const head = prelude.trim();
    if (/^@(media|supports|layer|container)\b/.test(head)) {
      const inner = pruneCss(body, used);
      if (inner.trim()) out += `${prelude}{${inner}}`;
    } else if (head.startsWith('@')) {
      out += `${prelude}{${body}}`; // @font-face, @keyframes, @page…: kept whole
    } else {
      const kept = splitSelectors(prelude).filter((s) => requiredClasses(s).every((c) => isUsed(c, used)));
      if (kept.length) out += `${kept.join(',')}{${body}}`;
    }
    i = end + 1;
  }
  return out;
}

/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// Building the page from data without ever parsing data as HTML: every value becomes a
// text node or an attribute set through the DOM, so nothing a school or provider typed
// can turn into markup or script. Nothing in web/src parses a string as HTML.

export type Child = Node | string | number | false | null | undefined | readonly Child[];
type AttrValue = string | number | boolean | null | undefined;
export type Attrs = Record<string, AttrValue | EventListener>;

function append(parent: Node, child: Child): void {
  if (child === null || child === undefined || child === false) return;
  if (Array.isArray(child)) {
    for (const c of child as readonly Child[]) append(parent, c);
  } else if (child instanceof Node) {
    parent.appendChild(child);
  } else {
    parent.appendChild(document.createTextNode(String(child)));
  }
}

/** `h('a', { href: '/x', class: 'govuk-link' }, 'text')`: an element from data. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs | null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (typeof value === 'function') {
      el.addEventListener(name.replace(/^on/, ''), value);
    } else if (value === true) {
      el.setAttribute(name, '');
    } else if (value !== false && value !== null && value !== undefined) {
      el.setAttribute(name, String(value));
    }
  }
  for (const child of children) append(el, child);
  return el;
}

/** A fragment of several children. */
export function fragment(...children: Child[]): DocumentFragment {
  const f = document.createDocumentFragment();
  for (const child of children) append(f, child);
  return f;
}

/** Replaces what an element holds. */
export function fill(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  for (const child of children) append(el, child);
}

/** The element with this id; the page is broken without it. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} is missing from the page`);
  return el as T;
}

export function show(el: HTMLElement, visible = true): void {
  el.hidden = !visible;
}

/** The query string of the page's own URL. */
export function param(name: string): string {
  return new URLSearchParams(location.search).get(name)?.trim() ?? '';
}

/** A URL path with query parameters, each value encoded. */
export function href(path: string, query: Record<string, string | number | undefined> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

/** Sets the document title, keeping the service name (and an "Error: " prefix when asked). */
export function setTitle(title: string, error = false): void {
  document.title = `${error ? 'Error: ' : ''}${title} – Provider access`;
}

/** Runs `fn` when the DOM is ready (module scripts are deferred, so usually at once). */
export function ready(fn: () => void | Promise<void>): void {
  const run = () => {
    Promise.resolve()
      .then(fn)
      .catch((err: unknown) => {
        console.error(err);
        const main = document.getElementById('main-content');
        if (main) {
          fill(
            main,
            h('h1', { class: 'govuk-heading-l' }, 'Sorry, there is a problem with the service'),
            h('p', { class: 'govuk-body' }, 'Try again later.'),
          );
        }
      });
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', run, { once: true });
  else run();
}

/** A link target from the API: a same-site path or an http(s) URL, never `javascript:`. */
export function safeUrl(value: string | undefined, fallback = '#'): string {
  if (!value) return fallback;
  if (value.startsWith('/') && !value.startsWith('//')) return value;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : fallback;
  } catch {
    return fallback;
  }
}

// Hostile inputs for the HTTP fuzz: wrong types, huge strings, unicode, prototype-pollution
// keys, CRLF, HTML/script, and near-valid bodies with one thing broken. Every tag carries
// the canary `fz` so the "never a stored script" check can find what the fuzz planted.
import fc from 'fast-check';

/** Markup the fuzz plants; none of it may ever reach an HTML page or email unescaped. */
export const CANARY_MARKUP = [
  '<script>fz(1)</script>',
  '<img src=x onerror=fz(1)>',
  '"><svg onload=fz(1)>',
  "'><iframe srcdoc=fz>",
  '<a href="javascript:fz(1)">x</a>',
  '<SCRIPT SRC=//fz.example/x.js></SCRIPT>',
] as const;

/** How a raw canary tag looks when it was not escaped (case-insensitive). */
export const UNESCAPED_CANARY = /<(script|img|svg|iframe|a href="javascript)[^>]*(fz|>)/i;

export const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'] as const;

const specials = fc.constantFrom(
  ...CANARY_MARKUP,
  ...PROTO_KEYS,
  '',
  ' ',
  '\r\n',
  'Riley\r\nBcc: victim@example.com',
  'x\r\nSet-Cookie: __Host-pa_session=evil',
  '\u0000',
  '\u0007bell',
  '\u202egnp.exe',
  '\ufeffbom',
  '\ud83d', // a lone surrogate
  '😀👩‍👩‍👧‍👦',
  'ｓｃｒｉｐｔ',
  'Zalgo: Z̵̡̢̛̛͉a̷l̴g̶o̸',
  '../../../etc/passwd',
  '%00%0d%0a',
  "' OR '1'='1",
  '${7*7}{{7*7}}<%= 7*7 %>',
  'NaN',
  '-1',
  '1e309',
  '9007199254740993',
  'null',
  'true',
  '[]',
  '{}',
  '990101',
  '2027-02-30',
  '25:61',
);

/** A string from a hostile mix: random unicode, binary, specials, and huge repeats. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: specials },
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 12 }) },
  // Huge strings without paying to generate each character: a piece repeated up to ~70 KB.
  {
    weight: 1,
    arbitrary: fc.tuple(fc.oneof(specials, fc.string({ maxLength: 6 })), fc.integer({ min: 50, max: 20_000 })).map(([s, n]) => (s || 'x').repeat(n)),
  },
);

/** Any JSON value, with hostile strings and keys. */
export const hostileJson: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.array(fc.tuple(fc.oneof(fc.constantFrom(...PROTO_KEYS), hostileString), tie('value')), { maxLength: 4 }).map((entries) => new RawObject(entries)),
  ),
})).value;

/**
 * An object written as raw JSON text, so a key such as __proto__ is really in the body
 * (an object literal would set its prototype instead).
 */
export class RawObject {
  readonly entries: [string, unknown][];
  constructor(entries: [string, unknown][]) {
    this.entries = entries;
  }
}

/** JSON text of a value that may hold RawObjects. Numbers like NaN become null, as JSON does. */
export function toJsonText(value: unknown): string {
  if (value instanceof RawObject) return `{${value.entries.map(([k, v]) => `${JSON.stringify(k)}:${toJsonText(v)}`).join(',')}}`;
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(',')}]`;
  if (value !== null && typeof value === 'object') return toJsonText(new RawObject(Object.entries(value)));
  return JSON.stringify(value) ?? 'null';
}

type Path = (string | number)[];

function leafPaths(value: unknown, at: Path = []): Path[] {
  if (value !== null && typeof value === 'object') {
    const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
    return [at, ...entries.flatMap(([k, v]) => leafPaths(v, [...at, k]))];
  }
  return [at];
}

function setAt(value: unknown, path: Path, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path as [string | number, ...Path];
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? setAt(v, rest, replacement) : v));
  const obj = value as Record<string, unknown>;
  return new RawObject(Object.entries(obj).map(([k, v]) => [k, k === head ? setAt(v, rest, replacement) : v]));
}

function addKey(value: unknown, path: Path, key: string, extra: unknown): unknown {
  if (path.length === 0) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
    return new RawObject([...Object.entries(value), [key, extra]]);
  }
  const [head, ...rest] = path as [string | number, ...Path];
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? addKey(v, rest, key, extra) : v));
  if (value === null || typeof value !== 'object') return value;
  return new RawObject(Object.entries(value).map(([k, v]) => [k, k === head ? addKey(v, rest, key, extra) : v]));
}

/**
 * A valid body with one thing broken: a value replaced (by a hostile string, a wrong type,
 * canary markup), a key added (a prototype key, an unknown one) or the body kept valid but
 * with canary markup in a text field. Returns JSON text.
 */
export function nearValid(template: unknown): fc.Arbitrary<string> {
  const paths = leafPaths(template);
  const stringPaths = paths.filter((p) => typeof p.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)?.[k], template) === 'string');
  const objectPaths = paths.filter((p) => {
    const v = p.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)?.[k], template);
    return v !== null && typeof v === 'object' && !Array.isArray(v);
  });
  const options: fc.Arbitrary<unknown>[] = [
    fc.tuple(fc.constantFrom(...paths), hostileJson).map(([p, v]) => setAt(template, p, v)),
    fc.tuple(fc.constantFrom(...objectPaths), fc.oneof(fc.constantFrom(...PROTO_KEYS), hostileString), hostileJson).map(([p, k, v]) => addKey(template, p, k, v)),
  ];
  if (stringPaths.length > 0) {
    options.push(fc.tuple(fc.constantFrom(...stringPaths), fc.constantFrom(...CANARY_MARKUP)).map(([p, v]) => setAt(template, p, v)));
  }
  return fc.oneof(...options).map(toJsonText);
}

/** Header sets: content types, origins, cookies, idempotency keys, client addresses, junk. */
export function hostileHeaders(good: { origin: string; cookies: string[]; idempotencyKeys?: boolean }): fc.Arbitrary<{ headers: Record<string, string>; cookies: string[] }> {
  const contentType = fc.constantFrom(
    'application/json',
    'application/json; charset=utf-8',
    'application/x-www-form-urlencoded',
    'text/plain',
    'multipart/form-data; boundary=x',
    'application/xml',
    '',
    'application/json\r\nx-injected: 1',
  );
  const origin = fc.oneof(fc.constant(good.origin), fc.constantFrom('https://evil.example', 'null', ''), hostileString);
  const cookie = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...(good.cookies.length ? good.cookies : ['__Host-pa_session=none'])) },
    { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{20,60}$/).map((v) => `__Host-pa_session=${v}`) },
    { weight: 1, arbitrary: hostileString.map((v) => `__Host-pa_session=${v.slice(0, 4000)}`) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...PROTO_KEYS), hostileString).map(([k, v]) => `${k}=${v.slice(0, 200)}`) },
  );
  const extraName = fc.oneof(fc.constantFrom(...PROTO_KEYS, 'x-forwarded-for', 'host', 'authorization', 'cookie2'), fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/));
  return fc.record(
    {
      contentType: fc.option(contentType, { nil: undefined }),
      origin: fc.option(origin, { nil: undefined }),
      cookies: fc.array(cookie, { maxLength: 2 }),
      // Rare: a key makes request-create write its idempotency record before validating.
      idempotencyKey: good.idempotencyKeys === false ? fc.constant(undefined) : fc.oneof({ weight: 6, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: hostileString.map((s) => s.slice(0, 300)) }),
      viewer: fc.option(fc.oneof(fc.ipV4().map((ip) => `${ip}:443`), fc.ipV6().map((ip) => `[${ip}]:443`), hostileString), { nil: undefined }),
      extra: fc.array(fc.tuple(extraName, hostileString.map((s) => s.slice(0, 500))), { maxLength: 3 }),
    },
    { requiredKeys: ['cookies', 'extra'] },
  ).map((h) => {
    const headers: Record<string, string> = Object.fromEntries(h.extra.filter(([k]) => k !== 'cookie'));
    if (h.contentType !== undefined) headers['content-type'] = h.contentType;
    if (h.origin !== undefined) headers.origin = h.origin;
    if (h.idempotencyKey !== undefined) headers['idempotency-key'] = h.idempotencyKey;
    if (h.viewer !== undefined) headers['cloudfront-viewer-address'] = h.viewer;
    return { headers, cookies: h.cookies };
  });
}

/** Query strings: the route's own keys and prototype keys, with hostile values, repeated. */
export function hostileQuery(validKeys: readonly string[], good: Record<string, string>): fc.Arbitrary<string> {
  const key = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...(validKeys.length ? validKeys : ['q'])) },
    { weight: 2, arbitrary: fc.constantFrom(...PROTO_KEYS) },
    { weight: 1, arbitrary: hostileString.map((s) => s.slice(0, 100)) },
  );
  const value = fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...Object.values(good), '') }, { weight: 3, arbitrary: hostileString.map((s) => s.slice(0, 8000)) });
  return fc.array(fc.tuple(key, value), { maxLength: 4 }).map((pairs) => {
    const params = new URLSearchParams();
    for (const [k, v] of pairs) params.append(k, v);
    return params.toString();
  });
}

/** A path parameter: the good value usually, or something hostile (URL-encoded by the caller). */
export function hostileParam(good: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(...good) },
    { weight: 3, arbitrary: hostileString.map((s) => s.slice(0, 2000)).filter((s) => s.length > 0) },
  );
}

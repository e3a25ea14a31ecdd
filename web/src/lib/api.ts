// Talking to the JSON API: same-origin relative URLs, cookies only for this origin, the
// error contract `{ error: { code, message, fields?, rules?, rule? } }` turned into ApiError.
import type { FieldError } from './errors.ts';

export interface ApiErrorBody {
  code: string;
  message: string;
  fields?: Record<string, string>;
  /** The RULES.md ids behind each field of `fields`. */
  rules?: Record<string, string[]>;
  rule?: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: Record<string, string>;
  readonly rules: Record<string, string[]>;
  readonly rule: string | undefined;
  /** Seconds, from a 429's Retry-After. */
  readonly retryAfter: number | undefined;

  constructor(status: number, body: ApiErrorBody, retryAfter?: number) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.fields = body.fields ?? {};
    this.rules = body.rules ?? {};
    this.rule = body.rule;
    this.retryAfter = retryAfter;
  }

  /** One error per field, with the rules behind it, for showErrors. */
  fieldErrors(): FieldError[] {
    return Object.entries(this.fields).map(([path, message]) => ({ path, message, ...(this.rules[path] ? { rules: this.rules[path] } : {}) }));
  }

  /** The message as a person reads it: for a 429, with how long to wait. */
  get sentence(): string {
    return this.status === 429 ? `${this.message} ${retryText(this.retryAfter)}` : this.message;
  }

  /** What a form shows: each field's error at its field, or else the one sentence. */
  shownErrors(): FieldError[] {
    const fields = this.fieldErrors();
    return fields.length ? fields : [{ message: this.sentence }];
  }

  /** The service could not be reached at all: a retry may succeed with the same request. */
  get isNetworkError(): boolean {
    return this.status === 0;
  }
}

const NETWORK_ERROR: ApiErrorBody = {
  code: 'NETWORK_ERROR',
  message: 'We could not reach the service. Check your internet connection and try again.',
};

function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.round(seconds));
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.round((at - Date.now()) / 1000));
}

export interface ApiOptions {
  body?: unknown;
  /** A file's text sent as it is (a term-dates .ics or CSV), with its own Content-Type. */
  file?: { text: string; type: string };
  headers?: Record<string, string>;
}

/** Calls the API; resolves with the JSON answer of a 2xx, rejects with an ApiError otherwise. */
export async function api<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, options: ApiOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  const init: RequestInit = { method, headers, credentials: 'same-origin', cache: 'no-store' };
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  } else if (options.file) {
    headers['content-type'] = options.file.type;
    init.body = options.file.text;
  }
  let res: Response;
  try {
    res = await fetch(path, init);
  } catch {
    throw new ApiError(0, NETWORK_ERROR);
  }
  let json: unknown;
  try {
    json = await res.json();
  } catch {
    json = undefined;
  }
  if (res.ok) return json as T;
  const error = (json as { error?: ApiErrorBody } | undefined)?.error;
  const body: ApiErrorBody =
    error && typeof error.message === 'string'
      ? error
      : { code: `HTTP_${res.status}`, message: res.status >= 500 ? 'Sorry, there is a problem with the service. Try again later.' : 'Sorry, that did not work. Try again.' };
  throw new ApiError(res.status, body, parseRetryAfter(res.headers.get('retry-after')));
}

/** "Try again in 2 minutes." for a 429. */
export function retryText(seconds: number | undefined): string {
  if (seconds === undefined) return 'Wait a few minutes and try again.';
  if (seconds < 60) return `Try again in ${seconds} ${seconds === 1 ? 'second' : 'seconds'}.`;
  const minutes = Math.ceil(seconds / 60);
  return `Try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`;
}

// The request form's pieces that are not about one page's DOM (issue 14, item 3): its steps
// and which step answers each API field, reading a time as people type it, the provider's
// details remembered in this browser, and one Idempotency-Key per distinct submission.
import type { ProviderType } from '#shared/domain/types.ts';

/** The question pages in order, then "Check your answers". */
export const STEPS = ['when', 'pupils', 'you', 'visit', 'check'] as const;
export type Step = (typeof STEPS)[number];

export const isStep = (value: string): value is Step => (STEPS as readonly string[]).includes(value);

/** The step whose page asks for an API field path (`proposed.start`, `contact.email`…). */
export function stepOfField(path: string): Step | undefined {
  const top = path.split('.')[0] ?? path;
  if (['slot', 'proposed', 'date', 'start', 'end'].includes(top)) return 'when';
  if (['yearGroups', 'sessionType'].includes(top)) return 'pupils';
  if (['provider', 'contact'].includes(top)) return 'you';
  if (['staffCount', 'facilities', 'safeguardingAgreed', 'content', 'notes', 'website'].includes(top)) return 'visit';
  return undefined;
}

/**
 * A time as people type it → "HH:MM" on the 24-hour clock, or undefined when it is not one:
 * 09:30, 9:30, 9.30, 930, 0930, 9:30am, 9.30 am, 1:30pm, 1pm, 13:30, "midday", "noon".
 * A bare hour without am or pm (like "9") is not taken: it could be either.
 */
export function parseTypedTime(raw: string): string | undefined {
  const s = raw.trim().toLowerCase().replace(/\s+/g, '').replace(/\./g, ':');
  if (s === 'midday' || s === 'noon' || s === '12noon') return '12:00';
  const m = /^(\d{1,2})(?::?(\d{2}))?(am|pm|a\.m\.|p\.m\.)?$/.exec(s);
  if (!m) return undefined;
  let hour = Number(m[1]);
  const minute = m[2] === undefined ? 0 : Number(m[2]);
  const half = m[3]?.startsWith('a') ? 'am' : m[3]?.startsWith('p') ? 'pm' : undefined;
  if (m[2] === undefined && !half) return undefined;
  if (minute > 59) return undefined;
  if (half) {
    if (hour < 1 || hour > 12) return undefined;
    if (half === 'am' && hour === 12) hour = 0;
    if (half === 'pm' && hour !== 12) hour += 12;
  } else if (hour > 23) {
    return undefined;
  }
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/** What this browser remembers of a provider after a request is sent, and nothing else. */
export interface RememberedDetails {
  organisation: string;
  type: ProviderType | '';
  ukprn: string;
  name: string;
  email: string;
  phone: string;
}

const REMEMBER_KEY = 'provider-access:provider-details';
const FIELDS = ['organisation', 'type', 'ukprn', 'name', 'email', 'phone'] as const;

export function rememberedDetails(): RememberedDetails | undefined {
  try {
    const raw = localStorage.getItem(REMEMBER_KEY);
    if (!raw) return undefined;
    const parsed = JSON.parse(raw) as Record<string, unknown>;
    const out = Object.fromEntries(FIELDS.map((f) => [f, typeof parsed[f] === 'string' ? parsed[f] : ''])) as unknown as RememberedDetails;
    return out.organisation || out.name || out.email ? out : undefined;
  } catch {
    return undefined;
  }
}

export function rememberDetails(details: RememberedDetails): void {
  try {
    // Only the six fields, whatever else the caller's object holds.
    localStorage.setItem(REMEMBER_KEY, JSON.stringify(Object.fromEntries(FIELDS.map((f) => [f, details[f]]))));
  } catch {
    // storage full or disabled: the next request is typed again, nothing breaks
  }
}

export function forgetDetails(): void {
  try {
    localStorage.removeItem(REMEMBER_KEY);
  } catch {
    // nothing stored
  }
}

/**
 * One Idempotency-Key per distinct submission: the same body sent again after a lost
 * answer (network error, 5xx, 429) reuses its key, so the school never gets it twice; a
 * changed body gets a new key.
 */
export class Submissions {
  private last: { body: string; key: string; settled: boolean } | undefined;

  keyFor(body: string): string {
    if (this.last && this.last.body === body && !this.last.settled) return this.last.key;
    this.last = { body, key: crypto.randomUUID(), settled: false };
    return this.last.key;
  }

  /** The server gave a definite answer to this key: a later send is a new submission. */
  settle(): void {
    if (this.last) this.last.settled = true;
  }
}

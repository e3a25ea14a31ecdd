// What the school staff's pages (/manage/) share: who is signed in and which school a page
// shows (GET /api/manage/me), the navigation and Sign out, the signed-out and
// not-your-school states, the path to come back to after signing in, one-time success
// messages across a page change, and the words and tags for requests as a school sees them.
import { SCHOOL_STATUS_LABELS, statusLabel } from '#shared/domain/labels.ts';
import { ROLE_LABELS, type StaffRole } from '#shared/domain/roles.ts';
import { ApiError, api } from './api.ts';
import { byId, fill, h, href, param, setTitle, type Child } from './dom.ts';
import { eventText } from './format.ts';
import { statusTag as requestStatusTag } from './request.ts';
import { takeSignedIn } from './signed-in.ts';

export type { StaffRole } from '#shared/domain/roles.ts';
export interface ManagedSchool {
  urn: string;
  name: string;
  role: StaffRole;
  /** Given to a trust admin: the trust-wide coverage page takes its id. */
  trust?: { id: string; name: string };
}
/** GET /api/manage/me (functions/manage-me.ts). */
export interface Me {
  email: string;
  schools: ManagedSchool[];
  platformAdmin?: boolean;
}

// The settings answers, from their contract (types only: nothing of zod reaches the bundle).
export type { AffectedBooking, DryRunAnswer, OpportunitiesAnswer, SettingsAnswer, StaffAnswer, StaffMember } from '#shared/api/settings.ts';

export function loadMe(): Promise<Me> {
  return api<Me>('GET', '/api/manage/me');
}

/** The school a page is about: ?urn= when it is one of the caller's, the first otherwise; undefined for another school's URN. */
export function schoolFor(me: Me, urn = param('urn')): ManagedSchool | undefined {
  if (!urn) return me.schools[0];
  return me.schools.find((s) => s.urn === urn);
}

// ---- navigation and sign-out ----------------------------------------------------------

/** Points the manage navigation at this school and, when signed in, offers Sign out. */
export function setUpChrome(signedIn: boolean, urn?: string): void {
  for (const a of document.querySelectorAll<HTMLAnchorElement>('a[data-manage-nav]')) {
    const base = (a.getAttribute('href') ?? '/manage/').split('?')[0] ?? '/manage/';
    a.setAttribute('href', urn ? href(base, { urn }) : base);
  }
  const item = document.getElementById('sign-out-item');
  const form = document.getElementById('sign-out-form');
  if (!item || !form) return;
  // Its place was held (invisible) until now: kept for someone signed in, given up otherwise.
  delete item.dataset.pending;
  item.hidden = !signedIn;
  if (form.dataset.wired) return;
  form.dataset.wired = 'yes';
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await api('POST', '/api/auth/sign-out', { body: {} });
    } catch {
      // signed out or not, the page starts again without a session
    }
    setFlash('/manage/', 'signed-out');
    location.assign('/manage/');
  });
}

// ---- coming back after signing in -----------------------------------------------------

const NEXT_KEY = 'manage-next';
const NEXT_MAX_AGE_MS = 60 * 60 * 1000;

/**
 * Remembers this page so that, after the sign-in link (which always lands on /manage/),
 * the dashboard can send the person on to where they were going, like a lead's emailed
 * link to one request. Kept in localStorage: the link is opened in another tab.
 */
export function rememberNext(): void {
  try {
    localStorage.setItem(NEXT_KEY, JSON.stringify({ path: location.pathname + location.search, at: Date.now() }));
  } catch {
    // storage disabled: the dashboard is where they land
  }
}

/** The remembered page, once, if recent and on the staff pages (a school's, or a platform admin's). */
export function takeNext(): string | undefined {
  try {
    const raw = localStorage.getItem(NEXT_KEY);
    localStorage.removeItem(NEXT_KEY);
    if (!raw) return undefined;
    const { path, at } = JSON.parse(raw) as { path?: unknown; at?: unknown };
    if (typeof path !== 'string' || typeof at !== 'number' || Date.now() - at > NEXT_MAX_AGE_MS) return undefined;
    return (path.startsWith('/manage/') || path.startsWith('/admin/')) && !path.includes('\\') && !path.startsWith('//') ? path : undefined;
  } catch {
    return undefined;
  }
}

/** Whether this page was opened by the sign-in confirmation page (a fresh sign-in), once. */
export function cameFromSignIn(): boolean {
  return takeSignedIn();
}

// ---- one-time messages across a page change -------------------------------------------

const FLASH_KEY = 'manage-flash';

/** A message for the next page at `path` (a path and query) to show once. */
export function setFlash(path: string, message: string): void {
  try {
    sessionStorage.setItem(FLASH_KEY, JSON.stringify({ path, message }));
  } catch {
    // no storage: no message, the page itself shows the new state
  }
}

export function takeFlash(): string | undefined {
  try {
    const raw = sessionStorage.getItem(FLASH_KEY);
    if (!raw) return undefined;
    const { path, message } = JSON.parse(raw) as { path?: unknown; message?: unknown };
    if (path !== location.pathname + location.search && path !== location.pathname) return undefined;
    sessionStorage.removeItem(FLASH_KEY);
    return typeof message === 'string' ? message : undefined;
  } catch {
    return undefined;
  }
}

// ---- states of a page -----------------------------------------------------------------

/** Not signed in (401): a link to sign in; this page is remembered for afterwards. */
export function signInNeeded(page: HTMLElement, signedOut = false): void {
  setUpChrome(false);
  if (!signedOut) rememberNext();
  const title = signedOut ? 'You have signed out' : 'Sign in to manage your school';
  setTitle(title);
  fill(
    page,
    h('h1', { class: 'govuk-heading-l', id: 'sign-in-heading' }, title),
    h(
      'p',
      { class: 'govuk-body' },
      signedOut
        ? 'To manage your school’s provider access again, get a new sign-in link.'
        : 'School staff sign in with a link we email to them. There is no password. If you followed a link from an email, you will come back to it after signing in.',
    ),
    h('p', { class: 'govuk-body' }, h('a', { class: 'govuk-link', href: '/sign-in/', id: 'sign-in-link' }, 'Get a sign-in link')),
  );
}

/** A page-level problem: a heading, what happened and a way on. */
export function problem(page: HTMLElement, title: string, message: Child, links: [string, string][] = [['/manage/', 'Go to your dashboard']]): void {
  setTitle(title);
  fill(
    page,
    h('h1', { class: 'govuk-heading-l' }, title),
    h('p', { class: 'govuk-body' }, message),
    links.map(([to, text]) => h('p', { class: 'govuk-body' }, h('a', { class: 'govuk-link', href: to }, text))),
  );
}

/** ?urn= names a school the person does not manage. */
export function notYourSchool(page: HTMLElement, me: Me, path: string): void {
  problem(
    page,
    'You do not manage this school',
    'Your account has no role at the school in this link. Ask its careers lead or your trust admin to add you.',
    me.schools.map((s) => [href(path, { urn: s.urn }), `Go to ${s.name}`]),
  );
}

/** Signed in but with no school at all. */
export function noSchools(page: HTMLElement, me?: Me): void {
  // A platform admin with no school of their own: the platform's pages are theirs.
  if (me?.platformAdmin) {
    problem(page, 'Platform admin', 'You manage the platform’s data, not a school’s provider access.', [
      ['/admin/schools/upload/', 'Import schools from GIAS'],
      ['/admin/bank-holidays/', 'Bank holidays'],
    ]);
    return;
  }
  problem(page, 'You do not manage any schools', 'Ask your school’s careers lead or your trust admin to add you.', []);
}

/**
 * Handles the answers every manage page treats alike; true when handled. 401: sign in;
 * 403: not this school's staff; others: the API's own sentence.
 */
export function handleLoadError(page: HTMLElement, err: unknown, title: string, me?: Me, path = '/manage/'): boolean {
  if (!(err instanceof ApiError)) return false;
  if (err.status === 401) signInNeeded(page);
  else if (err.status === 403 && me) notYourSchool(page, me, path);
  else problem(page, title, err.message);
  return true;
}

/**
 * Every school page's start: who is signed in, which of their schools the page is for,
 * then the page's own answer. Shows the sign-in, not-your-school or problem state and
 * answers undefined when the page cannot go on.
 */
export async function openSchoolPage<T>(
  title: string,
  path: string,
  load: (urn: string) => Promise<T>,
): Promise<{ page: HTMLElement; me: Me; school: ManagedSchool; answer: T } | undefined> {
  const page = byId('page');
  let me: Me;
  try {
    me = await loadMe();
  } catch (err) {
    if (handleLoadError(page, err, title)) return undefined;
    throw err;
  }
  const school = schoolFor(me);
  if (!school) {
    setUpChrome(true);
    if (me.schools.length) notYourSchool(page, me, path);
    else noSchools(page, me);
    return undefined;
  }
  setUpChrome(true, school.urn);
  try {
    return { page, me, school, answer: await load(school.urn) };
  } catch (err) {
    if (handleLoadError(page, err, title, me, path)) return undefined;
    throw err;
  }
}

// ---- pieces of pages ------------------------------------------------------------------

/** GOV.UK success notification banner (focus it after showing it). */
export function successBanner(message: string, detail?: Child): HTMLElement {
  return h(
    'div',
    { class: 'govuk-notification-banner govuk-notification-banner--success', role: 'alert', 'aria-labelledby': 'done-banner-title', tabindex: -1, id: 'done-banner' },
    h('div', { class: 'govuk-notification-banner__header' }, h('h2', { class: 'govuk-notification-banner__title', id: 'done-banner-title' }, 'Success')),
    h(
      'div',
      { class: 'govuk-notification-banner__content' },
      h('h3', { class: 'govuk-notification-banner__heading' }, message),
      detail ? h('p', { class: 'govuk-body' }, detail) : null,
    ),
  );
}

/** GOV.UK "important" notification banner. */
export function importantBanner(id: string, heading: string, ...body: Child[]): HTMLElement {
  return h(
    'div',
    { class: 'govuk-notification-banner', role: 'region', 'aria-labelledby': `${id}-title`, id },
    h('div', { class: 'govuk-notification-banner__header' }, h('h2', { class: 'govuk-notification-banner__title', id: `${id}-title` }, 'Important')),
    h('div', { class: 'govuk-notification-banner__content' }, h('p', { class: 'govuk-notification-banner__heading' }, heading), body),
  );
}

export function warningText(...text: Child[]): HTMLElement {
  return h(
    'div',
    { class: 'govuk-warning-text' },
    h('span', { class: 'govuk-warning-text__icon', 'aria-hidden': 'true' }, '!'),
    h('strong', { class: 'govuk-warning-text__text app-wrap' }, h('span', { class: 'govuk-visually-hidden' }, 'Warning'), ' ', text),
  );
}

/**
 * Who is signed in, and for a person with several schools, a switcher: a plain GET form
 * to `path` with ?urn=, so it works even before the script runs.
 */
export function accountBar(me: Me, school: ManagedSchool, path: string): Child[] {
  const parts: Child[] = [
    h('p', { class: 'govuk-body-s app-account app-wrap', id: 'account' }, `Signed in as ${me.email} (${ROLE_LABELS[school.role] ?? school.role})`),
  ];
  if (me.schools.length > 1) {
    parts.push(
      h(
        'form',
        { class: 'app-switcher', method: 'get', action: path, id: 'school-switcher' },
        h(
          'div',
          { class: 'govuk-form-group' },
          h('label', { class: 'govuk-label govuk-label--s', for: 'switch-urn' }, 'School'),
          h(
            'select',
            { class: 'govuk-select', id: 'switch-urn', name: 'urn' },
            me.schools.map((s) => h('option', { value: s.urn, selected: s.urn === school.urn }, s.name)),
          ),
        ),
        h('button', { type: 'submit', class: 'govuk-button govuk-button--secondary' }, 'Change school'),
      ),
    );
  }
  return parts;
}

/** A link that looks like a button (GOV.UK): it goes somewhere, it does not act. */
export function buttonLink(text: string, to: string, variant: '' | 'secondary' | 'warning' = '', id?: string): HTMLElement {
  return h('a', { class: `govuk-button${variant ? ` govuk-button--${variant}` : ''}`, href: to, draggable: 'false', id }, text);
}

// ---- requests as the school sees them -------------------------------------------------

// Every status a school ever sees (SCHOOL_REQUEST_STATUSES): never `unconfirmed`, which is
// not the school's until its provider confirms it (issue 12, item 2).

/** The statuses in the order the history filter lists them. */
export const STATUS_CHOICES: [string, string][] = Object.entries(SCHOOL_STATUS_LABELS);

export function statusText(status: string): string {
  return statusLabel(status, 'school');
}

export function statusTag(status: string): HTMLElement {
  return requestStatusTag(status, 'school');
}

/** School days left to answer: red when 1 or fewer (or past the deadline). */
export function daysLeftTag(days: number | undefined): HTMLElement | null {
  if (days === undefined) return null;
  const text =
    days < 0 ? `Overdue by ${-days} school ${days === -1 ? 'day' : 'days'}` : days === 0 ? 'Last day to answer' : `${days} school ${days === 1 ? 'day' : 'days'} left`;
  const colour = days <= 1 ? 'govuk-tag--red' : days <= 3 ? 'govuk-tag--yellow' : 'govuk-tag--grey';
  return h('strong', { class: `govuk-tag ${colour}`, 'data-days-left': String(days) }, text);
}

const EVENT_TEXT: Record<string, string> = {
  REQUEST_SUBMITTED: 'Request received',
  REQUEST_APPROVED: 'Approved',
  REQUEST_DECLINED: 'Declined',
  ALTERNATIVE_PROPOSED: 'Another time proposed',
  REQUEST_WITHDRAWN: 'Withdrawn by the provider',
  ALTERNATIVE_ACCEPTED: 'The provider accepted the new time',
  ALTERNATIVE_REJECTED: 'The provider turned down the new time',
  REQUEST_EXPIRED: 'Not answered in time',
  REQUEST_CANCELLED: 'Cancelled',
  REQUEST_RESCHEDULED: 'Moved to a new time',
  MOVE_ASKED: 'The provider asked to move it',
  MOVE_APPROVED: 'Moved to the time the provider asked for',
  MOVE_DECLINED: 'The provider’s move was declined',
  COUNTER_OFFERED: 'The provider offered another time',
  ATTENTION_KEPT: 'Kept as it is after a change to the school’s calendar',
  ENCOUNTER_DELIVERED: 'Recorded as delivered',
  ENCOUNTER_NOT_DELIVERED: 'Recorded as not taking place',
};

export function manageEventText(type: string): string {
  return EVENT_TEXT[type] ?? eventText(type);
}

/** Who did it: the member of staff by name, the provider's organisation, or the service. */
export function whoText(e: { actor: string; by?: string }, organisation: string): string {
  if (e.actor === 'school') return e.by ? e.by : 'School staff';
  if (e.actor === 'provider') return e.by ? `${e.by}, ${organisation}` : organisation;
  if (e.actor === 'system') return 'The service, automatically';
  return e.actor;
}

// The provider-facing API contract: the zod schemas the functions parse with, and the
// answer shapes the web pages read (pages import only the types, never zod).
import * as z from 'zod';
import type { RequestForm } from '#shared/domain/rules.ts';
import { PROVIDER_TYPES, REQUEST_STATUSES, SESSION_TYPES, type RequestStatus } from '#shared/domain/types.ts';
import { NEAR_RADII_KM } from '#shared/domain/places.ts';
import { REQUEST_SORTS, type RequestListFilters } from '#shared/domain/request-list.ts';
import type { SchoolSummary } from '#shared/domain/school-summary.ts';
import { isoDate, line, localTime, noRefusedCharacter, optionalLine, parsesTo, requestReference, text } from './fields.ts';

export type { SchoolSummary } from '#shared/domain/school-summary.ts';

export const urnPath = z.strictObject({ urn: z.string().regex(/^\d{6,7}$/, 'A school URN is 6 or 7 digits.') });

/** Phases a near search can keep (GIAS PhaseOfEducation, as a word for the address bar). */
export const NEAR_PHASES = ['secondary', 'middle', 'all-through', '16-plus'] as const;

/**
 * GET /api/schools: `?q=` the directory by name, URN, town or postcode prefix; or `?near=`
 * a postcode, district or town (issue 15, item 4), with `radius` (km), `year` (a year group
 * taught, 8–13) and `phase`.
 */
export const schoolSearchQuery = z
  .strictObject({
    q: z.string().trim().min(2, 'Enter at least 2 characters of a school name, URN, town or postcode.').max(100).superRefine(noRefusedCharacter('line')).optional(),
    near: z.string().trim().min(2, 'Enter a postcode (like ZZ1 1AB), a postcode district (like ZZ1) or a town.').max(60, 'Enter a postcode, district or town of at most 60 characters.').superRefine(noRefusedCharacter('line')).optional(),
    radius: z
      .enum(NEAR_RADII_KM.map(String) as [string, ...string[]], { error: `Choose a distance: ${NEAR_RADII_KM.join(', ')} km.` })
      .transform(Number)
      .optional(),
    year: z
      .enum(['8', '9', '10', '11', '12', '13'], { error: 'Choose a year group from 8 to 13.' })
      .transform(Number)
      .optional(),
    phase: z.enum(NEAR_PHASES, { error: `Choose a phase: ${NEAR_PHASES.join(', ')}.` }).optional(),
    // "Has open slots between these dates": both dates, checked on the nearest schools only.
    from: isoDate.optional(),
    to: isoDate.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.q === undefined && v.near === undefined) ctx.addIssue({ code: 'custom', path: ['q'], message: 'Enter a school name, URN, town or postcode, or a place to search near.' });
    if (v.q !== undefined && v.near !== undefined) ctx.addIssue({ code: 'custom', path: ['near'], message: 'Search by name or near a place, not both at once.' });
    if (v.near === undefined) {
      for (const key of ['radius', 'year', 'phase', 'from', 'to'] as const) {
        if (v[key] !== undefined) ctx.addIssue({ code: 'custom', path: [key], message: 'Distance, year group, phase and open slots go with a search near a place: enter a postcode or town too.' });
      }
    }
    if (v.from !== undefined && v.to === undefined) ctx.addIssue({ code: 'custom', path: ['to'], message: 'Enter the last date you could visit, as well as the first.' });
    if (v.to !== undefined && v.from === undefined) ctx.addIssue({ code: 'custom', path: ['from'], message: 'Enter the first date you could visit, as well as the last.' });
    if (v.from !== undefined && v.to !== undefined && v.to < v.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'The last date is before the first: choose a date on or after it.' });
  });

export type SchoolSearchQuery = z.infer<typeof schoolSearchQuery>;

/** The answer of a near search (its shape is the domain's read model). */
export type { NearSchoolRead as NearSchoolView, NearSearchRead as NearSearchView } from '#shared/domain/places.ts';

/** A comma-separated list (a repeated parameter arrives joined by commas): each value one of `values`, no repeats. */
function listOf<const T extends readonly string[]>(values: T, message: string) {
  return z
    .string()
    .max(400)
    .transform((s) => s.split(',').map((v) => v.trim()).filter(Boolean))
    .refine((list) => list.every((v) => (values as readonly string[]).includes(v)), message)
    .transform((list) => [...new Set(list)] as T[number][]);
}

const yearGroupList = z
  .string()
  .regex(/^(8|9|1[0-3])(,(8|9|1[0-3])){0,5}$/, 'Choose year groups from 8 to 13, separated by commas, like 10,11 (R-YEARS).')
  .transform((s) => [...new Set(s.split(',').map(Number))].sort((a, b) => a - b));

/**
 * GET /api/requests and /api/requests.csv (issue 15, item 3): the filters of the provider's
 * list, each optional; `?reference=` (issue 14, item 6) instead finds one request by its
 * reference, `{ request: { id, reference } }` or 404, and the filters are not read.
 */
export const providerRequestsQuery = z
  .strictObject({
    status: listOf(REQUEST_STATUSES, `Choose statuses from: ${REQUEST_STATUSES.join(', ')}, separated by commas.`).optional(),
    urn: z.string().regex(/^\d{6,7}$/, 'A school URN is 6 or 7 digits, like 990101.').optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    year: yearGroupList.optional(),
    sessionType: listOf(SESSION_TYPES, `Choose kinds of session from: ${SESSION_TYPES.join(', ')}, separated by commas.`).optional(),
    sort: z.enum(REQUEST_SORTS, { error: `Sort by one of: ${REQUEST_SORTS.join(', ')}.` }).optional(),
    reference: requestReference.optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'The "to" date is before the "from" date: choose a date on or after it.', path: ['to'] });

export type ProviderRequestsQuery = z.output<typeof providerRequestsQuery>;

/** The list's filters as the domain names them. */
export function requestListFilters(q: ProviderRequestsQuery): RequestListFilters {
  return {
    ...(q.status ? { statuses: q.status } : {}),
    ...(q.urn ? { urn: q.urn } : {}),
    ...(q.from ? { from: q.from } : {}),
    ...(q.to ? { to: q.to } : {}),
    ...(q.year ? { yearGroups: q.year } : {}),
    ...(q.sessionType ? { sessionTypes: q.sessionType } : {}),
    ...(q.sort ? { sort: q.sort } : {}),
  };
}

/** The most requests one answer lists: the rest are counted in `total`, and the CSV has them all. */
export const PROVIDER_LIST_LIMIT = 500;

/** The list's answer: the requests kept (at most PROVIDER_LIST_LIMIT), how many that was, and the counts by status. */
export interface ProviderRequestsView {
  requests: RequestView[];
  /** How many requests the filters keep; more than `requests.length` when the list was cut at the limit. */
  total: number;
  /** Per status, among the requests the other filters keep (status aside). */
  counts: Record<RequestStatus, number>;
  /** The schools of all the provider's requests, whatever the filters: the school filter's choices. */
  schools: { urn: string; name: string }[];
}

/** A search by reference answers where the request is (issue 14, item 6). */
export interface FoundRequestView {
  request: { id: string; reference: string };
}

export const slotsQuery = z.strictObject({ from: isoDate, to: isoDate });

/** Every answer of the request form, as create takes them (the refinement below makes slot xor proposed); a visit tour shares its details (tours.ts). */
export const requestAnswers = z.strictObject({
  /** A published slot, or… */
  slot: z.strictObject({ opportunityId: z.string().min(1).max(80), date: isoDate }).optional(),
  /** …a date and time the provider proposes. */
  proposed: z.strictObject({ date: isoDate, start: localTime, end: localTime }).optional(),
  provider: z.strictObject({
    organisation: line(200),
    type: z.enum(PROVIDER_TYPES, { error: 'Choose the kind of provider you are.' }),
    ukprn: optionalLine(20).optional(),
  }),
  contact: z.strictObject({
    name: line(120),
    email: z.email('Enter an email address in the right format, like name@college.ac.uk.').max(254),
    phone: z
      .string()
      .trim()
      .regex(/^[0-9 +()-]{7,20}$/, 'Enter a phone number, like 01632 960 000.'),
  }),
  sessionType: z.enum(SESSION_TYPES, { error: 'Choose the type of session.' }),
  yearGroups: z.array(z.number().int().min(0).max(13)).min(1, 'Choose at least one year group.').max(6),
  staffCount: z.number().int().min(1, 'At least one member of staff must attend.').max(50),
  safeguardingAgreed: z.boolean(),
  facilities: z.array(line(60)).max(12).default([]),
  content: z.strictObject({
    provider: z.boolean(),
    careers: z.boolean(),
    learning: z.boolean(),
    questions: z.boolean(),
  }),
  notes: text(2000).default(''),
  /** Left empty by people; bots fill every field. */
  website: z.string().max(500).optional(),
});

const ONE_TIME = 'Choose one of the published slots, or propose a date and time, not both.';

export const createRequestBody = parsesTo<RequestForm>()(requestAnswers.refine((b) => Boolean(b.slot) !== Boolean(b.proposed), { message: ONE_TIME, path: ['slot'] }));

/**
 * POST /api/schools/{urn}/requests/check (issue 14, item 1): the answers given so far, each
 * parsed exactly as create parses it; the form sends what its pages have asked for.
 */
export const checkRequestBody = requestAnswers.partial().refine((b) => !(b.slot && b.proposed), { message: ONE_TIME, path: ['slot'] });


export type CreateRequestBody = z.input<typeof createRequestBody>;

export interface PublicSchool extends SchoolSummary {
  address: { street: string; town: string; postcode: string };
  website?: string;
  yearGroups: number[];
  acceptsRequests: boolean;
  minimumNoticeDays: number;
  bookingWindowDays: number;
  responseDeadlineSchoolDays: number;
  /** R-REASONABLE: the shortest encounter the school accepts, in minutes. */
  minimumLengthMinutes: number;
  careersLead: { name: string; email: string; phone?: string };
  schoolDay: Record<string, { start: string; end: string }>;
  statementUrl: string;
  opportunities: {
    id: string;
    title: string;
    sessionType: string;
    yearGroups: number[];
    schedule: string;
    capacity: number;
    venue: string;
    facilities: string[];
  }[];
}

/** A slot the public page lists: the domain's open slot as it is. */
export type { OpenSlot as SlotView } from '#shared/domain/slot-places.ts';

export interface RequestView {
  id: string;
  /** What people call it, "PA-7K3M-Q9" (issue 14, item 6); absent on a request stored before references. */
  reference?: string;
  urn: string;
  schoolName: string;
  status: string;
  date: string;
  start: string;
  end: string;
  yearGroups: number[];
  sessionType: string;
  organisation: string;
  contactName: string;
  contactEmail: string;
  responseDueBy?: string;
  /** An unconfirmed request (issue 12, item 2): until when the emailed link can confirm it. */
  confirmBy?: string;
  alternative?: { date: string; start: string; end: string; respondBy: string; note?: string };
  /** The move this provider asked for, while the school has not answered it (issue 14, item 5). */
  move?: { date: string; start: string; end: string; reason: string; askedAt: string };
  decision?: { reason?: string; note?: string };
  flags: { code: string; rule: string; field: string; message: string }[];
  history: { type: string; at: string; actor: string; note?: string }[];
}

export const requestIdPath = z.strictObject({ id: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'A request id is 26 letters and digits, as in the link you were sent.') });

/** The token of a request's confirmation link (issue 12, item 2), posted by /request/confirm/. */
export const confirmRequestBody = z.strictObject({
  token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, 'This link is not complete. Copy the whole link from the email.'),
});

/** `move`: ask to move an approved encounter; `counter`: answer a proposed time with another (issue 14, item 5). */
export const PROVIDER_ACTIONS = ['withdraw', 'accept', 'reject', 'move', 'counter'] as const;
export const providerActionPath = requestIdPath.extend({
  action: z.enum(PROVIDER_ACTIONS, { error: 'Use withdraw, accept, reject, move or counter.' }),
});

export const providerActionBody = z.strictObject({
  reason: text(1000).optional(),
  note: text(1000).optional(),
  /** Move, counter: the new date and time, and a counter-offer's message to the school. */
  date: isoDate.optional(),
  start: localTime.optional(),
  end: localTime.optional(),
  message: text(1000).optional(),
});

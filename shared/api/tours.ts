// The visit tour's contract (issue 15, item 5): one send to several schools, each stop a
// slot or a proposed time at its own school, the details shared by every stop as the
// single request form asks them (provider.ts requestAnswers). Pages import only the types.
import * as z from 'zod';
import type { ProviderRequestRead } from '#shared/domain/read-models.ts';
import type { TourRecord, TourStop } from '#shared/domain/records.ts';
import { SESSION_TYPES } from '#shared/domain/types.ts';
import { isoDate, localTime } from './fields.ts';
import { requestAnswers, type RequestView } from './provider.ts';
import { requestView } from './views.ts';

/** Fewer than two is one request (the school's own form); more than a dozen is a term's worth at once, sent in several. */
export const TOUR_STOPS = { min: 2, max: 12 } as const;

/** What every stop's request says: the single form's answers but its time (and the honeypot, for people signed in). */
export const tourDetails = requestAnswers.omit({ slot: true, proposed: true, website: true });

const ONE_TIME = 'Choose one of the school’s open slots, or propose a date and time, not both.';

export const tourStopBody = z
  .strictObject({
    urn: z.string().regex(/^\d{6,7}$/, 'A school URN is 6 or 7 digits.'),
    slot: z.strictObject({ opportunityId: z.string().min(1).max(80), date: isoDate }).optional(),
    proposed: z.strictObject({ date: isoDate, start: localTime, end: localTime }).optional(),
    // A slot sets its own kind of session; the page sends it, so the shared answer need not match every slot.
    sessionType: z.enum(SESSION_TYPES, { error: 'Choose the type of session.' }).optional(),
  })
  .refine((s) => Boolean(s.slot) !== Boolean(s.proposed), { message: ONE_TIME, path: ['slot'] });

/** POST /api/tours, with an Idempotency-Key: the stops (each school once) and the shared details. */
export const createTourBody = z.strictObject({
  stops: z
    .array(tourStopBody)
    .min(TOUR_STOPS.min, `Choose at least ${TOUR_STOPS.min} schools. For one school, use the request form on its page.`)
    .max(TOUR_STOPS.max, `Choose at most ${TOUR_STOPS.max} schools in one tour.`)
    .refine((stops) => new Set(stops.map((s) => s.urn)).size === stops.length, { message: 'Choose each school once.' }),
  details: tourDetails,
});
export type CreateTourBody = z.input<typeof createTourBody>;
export type CreateTourInput = z.output<typeof createTourBody>;

export const tourIdPath = z.strictObject({ id: z.string().regex(/^[0-9a-f]{32}$/, 'A tour id is 32 letters and digits, as in the tour’s address.') });

/** One stop as the tour's page shows it: the school, the time asked, and its request as the school answers it. */
export interface TourStopView {
  urn: string;
  schoolName: string;
  date: string;
  start: string;
  end: string;
  slot?: { opportunityId: string; date: string };
  /** The stop's request, as it stands now (absent while it is being sent, or when it could not be). */
  request?: RequestView;
  /** Why this stop's request was not sent. */
  problem?: { code: string; message: string };
}

export interface TourView {
  id: string;
  createdAt: string;
  createdBy: string;
  stops: TourStopView[];
}

/** GET /api/tours: the caller's (or their organisation's) tours, newest first, without their requests' states. */
export interface ToursView {
  tours: { id: string; createdAt: string; createdBy: string; stops: Omit<TourStopView, 'request'>[] }[];
}

/** A tour and its stops' requests as read (shared/usecases/tours.ts readTour) → the page's view. */
export function tourView(read: { tour: TourRecord; requests: (ProviderRequestRead | undefined)[] }): TourView {
  const { tour } = read;
  return {
    id: tour.id,
    createdAt: tour.createdAt,
    createdBy: tour.createdBy,
    stops: tour.stops.map((stop, i) => {
      const request = read.requests[i];
      return { ...stopOf(stop), ...(request ? { request: requestView(request) } : {}) };
    }),
  };
}

function stopOf(stop: TourStop): Omit<TourStopView, 'request'> {
  return {
    urn: stop.urn,
    schoolName: stop.schoolName,
    date: stop.date,
    start: stop.start,
    end: stop.end,
    ...(stop.slot ? { slot: stop.slot } : {}),
    ...(stop.problem && !stop.requestId ? { problem: stop.problem } : {}),
  };
}

export function toursView(tours: readonly TourRecord[]): ToursView {
  return { tours: tours.map((t) => ({ id: t.id, createdAt: t.createdAt, createdBy: t.createdBy, stops: t.stops.map(stopOf) })) };
}

// A visit tour (issue 15, item 5): one send, several schools, each stop its own request with
// its own decision and emails, made by the create-request use case as a single request is.
//
// Partial failure: every stop is checked against its own school's rules before anything is
// written, and a refusal names the stop's field (`stops.<i>.<field>`) with the rule broken.
// Then the tour is written, and each stop's request after it, one at a time. The tour's id
// comes from its sender and their Idempotency-Key, so a retried send finds the tour and
// sends only the stops that have no request yet; a stop marked "being written" when a send
// was cut off is first looked for among the contact's requests made since, so a retry never
// makes a second request for a stop. A stop refused while sending (a place taken since the
// check, a rate limit) is kept on the tour with its reason; a retry tries it again.
import { DomainError, type FieldRules, type RefusalRuleId } from '#shared/domain/errors.ts';
import type { ProviderRequestRead } from '#shared/domain/read-models.ts';
import type { OrganisationMembership, StoredRequest, StoredSchool, TourRecord, TourStop } from '#shared/domain/records.ts';
import type { RequestSubmission } from '#shared/domain/rules.ts';
import type { Store } from '#shared/store/client.ts';
import { getRequest, listRequestsOfProviderSince } from '#shared/store/requests.ts';
import { getSchoolProfile } from '#shared/store/schools.ts';
import { getTour, listToursOf, putNewTour, recordTourStop, tourFingerprint, tourIdFor } from '#shared/store/tours.ts';
import { mailboxOf } from '#shared/domain/addresses.ts';
import { CHECK_LIMITS, checkedSubmission, createProviderRequest, enforceRateLimits } from './create-request.ts';

/** What a tour is sent as (shared/api/tours.ts createTourBody parses to this). */
export interface TourInput {
  stops: { urn: string; slot?: { opportunityId: string; date: string }; proposed?: { date: string; start: string; end: string }; sessionType?: RequestSubmission['sessionType'] }[];
  details: Omit<RequestSubmission, 'slot' | 'proposed'>;
}

/** The signed-in provider sending or reading tours. */
export interface TourCaller {
  email: string;
  membership?: OrganisationMembership;
  ip: string;
}

/** The answers shared by every stop: a refusal of one of these is the tour's, said once, not each school's. */
const SHARED_FIELDS = new Set(['provider', 'contact', 'staffCount', 'safeguardingAgreed', 'facilities', 'content', 'notes']);

const fieldOf = (index: number, field: string): string => {
  const top = field.split('.')[0] ?? field;
  return SHARED_FIELDS.has(top) ? `details.${field}` : `stops.${index}.${field}`;
};

const submissionOf = (stop: TourInput['stops'][number], details: TourInput['details']): RequestSubmission => ({
  ...details,
  ...(stop.sessionType ? { sessionType: stop.sessionType } : {}),
  ...(stop.slot ? { slot: stop.slot } : {}),
  ...(stop.proposed ? { proposed: stop.proposed } : {}),
});

/** A refusal of one stop, its fields moved under the stop (or the shared details) and said with the school's name. */
interface StopRefusal {
  fields: Record<string, string>;
  rules: FieldRules;
  codes: string[];
}

function addRefusal(into: StopRefusal, index: number, schoolName: string | undefined, err: DomainError): void {
  const at = (field: string | undefined) => (field ? fieldOf(index, field) : `stops.${index}`);
  const entries: [string, string, RefusalRuleId[]][] = err.violations.length
    ? err.violations.map((v) => [at(v.field), v.message, [v.rule]])
    : [[at(err.field ?? (err.code === 'SCHOOL_NOT_FOUND' ? 'urn' : undefined)), err.message, err.rule ? [err.rule] : []]];
  for (const [field, message, rules] of entries) {
    // A school's own rule says which school (unless its words name it already); a shared answer's refusal is the same at every school, so it is said once.
    const said = field.startsWith('stops.') && schoolName && !message.includes(schoolName) ? `${schoolName}: ${message}` : message;
    const before = into.fields[field];
    if (before === undefined) into.fields[field] = said;
    else if (!before.includes(said)) into.fields[field] = `${before} ${said}`;
    const list = (into.rules[field] ??= []);
    for (const r of rules) if (!list.includes(r)) list.push(r);
    if (!into.rules[field]?.length) delete into.rules[field];
  }
  into.codes.push(err.code);
}

interface CheckedStop {
  school: StoredSchool;
  date: string;
  start: string;
  end: string;
}

/** Every stop checked against its own school's rules at `now`, nothing written; one refusal naming every stop's fields at fault. */
async function checkStops(store: Store, input: TourInput, now: Date): Promise<CheckedStop[]> {
  const refusal: StopRefusal = { fields: {}, rules: {}, codes: [] };
  const checked = await Promise.all(
    input.stops.map(async (stop, index): Promise<CheckedStop | undefined> => {
      const school = await getSchoolProfile(store, stop.urn);
      if (!school) {
        addRefusal(refusal, index, undefined, new DomainError('SCHOOL_NOT_FOUND', `There is no school with URN ${stop.urn}. Remove it and search again.`, { field: 'urn' }));
        return undefined;
      }
      try {
        const { draft } = await checkedSubmission(store, school, submissionOf(stop, input.details), now);
        return { school, date: draft.date, start: draft.start, end: draft.end };
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        addRefusal(refusal, index, school.name, err);
        return undefined;
      }
    }),
  );
  const fields = Object.keys(refusal.fields);
  if (fields.length === 0) return checked as CheckedStop[];
  const single = fields.length === 1 && refusal.codes.length === 1;
  const message = single ? (refusal.fields[fields[0]!] ?? '') : `This tour needs ${fields.length} changes before it can be sent. Nothing has been sent to any school.`;
  throw new DomainError(single ? (refusal.codes[0] as DomainError['code']) : 'REQUEST_RULES_BROKEN', message, {
    fields: refusal.fields,
    rules: refusal.rules,
    ...(single ? { field: fields[0] } : {}),
  });
}

const KEY_NEEDED =
  'Send an Idempotency-Key header of 8 to 128 characters, such as a UUID: a tour is sent school by school, and the key lets a retry finish it without sending any school a request twice.';

/**
 * POST /api/tours: checks every stop, then writes the tour and each stop's request. Sent
 * again with the same key and body, it finishes what the first send left (nothing twice);
 * with the same key and another body, it is refused. `created`: this call began the tour.
 */
export async function sendTour(store: Store, input: TourInput, caller: TourCaller, idempotencyKey: string | undefined, now = new Date()): Promise<{ tour: TourRecord; created: boolean }> {
  if (!idempotencyKey || idempotencyKey.length < 8 || idempotencyKey.length > 128) throw new DomainError('IDEMPOTENCY_KEY_INVALID', KEY_NEEDED);
  const id = tourIdFor(caller.email, idempotencyKey);
  const fingerprint = tourFingerprint(input);
  const existing = await getTour(store, id);
  if (existing) return { tour: await resume(store, existing, fingerprint, input, caller, now), created: false };

  // Checking a tour reads every school's rules and slots: it counts as one check of the form (each stop's create counts on its own later).
  await enforceRateLimits(store, [[CHECK_LIMITS.perIp, caller.ip], [CHECK_LIMITS.perEmail, mailboxOf(input.details.contact.email)]], now);
  const checked = await checkStops(store, input, now);
  const tour: TourRecord = {
    id,
    owner: caller.membership ? { organisationId: caller.membership.organisationId } : { email: caller.email.toLowerCase() },
    createdBy: caller.email.toLowerCase(),
    createdAt: now.toISOString(),
    fingerprint,
    stops: input.stops.map((stop, i): TourStop => {
      const { school, date, start, end } = checked[i]!;
      return { urn: stop.urn, schoolName: school.name, ...(stop.slot ? { slot: stop.slot } : {}), date, start, end };
    }),
  };
  if (!(await putNewTour(store, tour))) {
    // A send with the same key got there first: carry on with the tour it wrote.
    const raced = await getTour(store, id);
    if (!raced) throw new Error(`tour ${id}: its write was refused, yet it cannot be read`);
    return { tour: await resume(store, raced, fingerprint, input, caller, now), created: false };
  }
  return { tour: await sendStops(store, tour, input, caller, now), created: true };
}

async function resume(store: Store, tour: TourRecord, fingerprint: string, input: TourInput, caller: TourCaller, now: Date): Promise<TourRecord> {
  if (tour.fingerprint !== fingerprint) {
    throw new DomainError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used for a different tour. Send the new tour with a new key.');
  }
  return tour.stops.every((s) => s.requestId) ? tour : sendStops(store, tour, input, caller, now);
}

/** Each stop without a request, in order: looked for (a send cut off mid-write), else created. */
async function sendStops(store: Store, tour: TourRecord, input: TourInput, caller: TourCaller, now: Date): Promise<TourRecord> {
  const contact = input.details.contact.email.toLowerCase();
  for (const [index, stop] of tour.stops.entries()) {
    if (stop.requestId) continue;
    if (stop.attemptedAt) {
      const written = await writtenForStop(store, tour, stop, contact);
      if (written) {
        await recordTourStop(store, tour.id, index, { request: { id: written.id, ...(written.reference ? { reference: written.reference } : {}) } });
        continue;
      }
    }
    const asked = input.stops[index];
    if (!asked || asked.urn !== stop.urn) throw new Error(`tour ${tour.id}: stop ${index} is not the stop sent`);
    await recordTourStop(store, tour.id, index, { attempted: now.toISOString() });
    try {
      const { request } = await createProviderRequest(store, stop.urn, submissionOf(asked, input.details), { ip: caller.ip, sessionEmail: caller.email }, now);
      await recordTourStop(store, tour.id, index, { request: { id: request.id, ...(request.reference ? { reference: request.reference } : {}) } });
    } catch (err) {
      // Refused now though it passed the check a moment ago (a place taken, a limit reached): nothing written for it.
      if (!(err instanceof DomainError)) throw err;
      await recordTourStop(store, tour.id, index, { problem: { code: err.code, message: err.message } });
    }
  }
  const after = await getTour(store, tour.id);
  if (!after) throw new Error(`tour ${tour.id} is gone`);
  return after;
}

/** The request a cut-off send may have written for a stop: the contact's, at that school and time, since the attempt, on no other stop. */
async function writtenForStop(store: Store, tour: TourRecord, stop: TourStop, contact: string): Promise<StoredRequest | undefined> {
  const since = new Date(stop.attemptedAt ?? tour.createdAt);
  const taken = new Set(tour.stops.map((s) => s.requestId).filter(Boolean));
  const candidates = await listRequestsOfProviderSince(store, contact, since);
  return candidates.find((r) => r.urn === stop.urn && r.date === stop.date && r.start === stop.start && !taken.has(r.id));
}

/** Whether a signed-in provider may see a tour: a member of its organisation, or the address that owns it. */
function mayRead(tour: TourRecord, caller: Pick<TourCaller, 'email' | 'membership'>): boolean {
  if ('organisationId' in tour.owner) return caller.membership?.organisationId === tour.owner.organisationId;
  return tour.owner.email === caller.email.toLowerCase();
}

const TOUR_NOT_FOUND = () => new DomainError('TOUR_NOT_FOUND', 'We cannot find that tour among yours or your organisation’s. Check the link, or find it in your list of tours.');

/** A tour and each stop's request as it stands now (the school's answer, as it comes). Another organisation's: not found. */
export async function readTour(store: Store, id: string, caller: Pick<TourCaller, 'email' | 'membership'>): Promise<{ tour: TourRecord; requests: (ProviderRequestRead | undefined)[] }> {
  const tour = await getTour(store, id);
  if (!tour || !mayRead(tour, caller)) throw TOUR_NOT_FOUND();
  const requests = await Promise.all(
    tour.stops.map(async (stop) => {
      const request = stop.requestId ? await getRequest(store, stop.urn, stop.requestId) : undefined;
      return request ? { request, schoolName: stop.schoolName } : undefined;
    }),
  );
  return { tour, requests };
}

/** The caller's tours, newest first: their organisation's, and any they sent from their own address before joining one. */
export async function listTours(store: Store, caller: Pick<TourCaller, 'email' | 'membership'>): Promise<TourRecord[]> {
  const own = listToursOf(store, { email: caller.email.toLowerCase() });
  const organisation = caller.membership ? listToursOf(store, { organisationId: caller.membership.organisationId }) : Promise.resolve([]);
  const all = [...(await organisation), ...(await own)];
  return all.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
}

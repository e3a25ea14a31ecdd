// A provider's request, from parsed body to stored record: find the school and slot, run
// every rule (all violations at once), and write request, event and held place (or the
// check that the slot still has one) in one transaction. Rate limits and the honeypot are
// checked first.
import { responseDeadline } from '#shared/domain/calendar.ts';
import { errorFromViolations } from '#shared/domain/errors.ts';
import { checkRequest, checkSlot, type ProviderRequestDraft } from '#shared/domain/rules.ts';
import type { z } from 'zod';
import type { createRequestBody } from '#shared/api/provider.ts';
import { AppError, ConflictError, NotFoundError } from '#shared/errors.ts';
import type { Store } from '#shared/store/client.ts';
import { newId } from '#shared/store/ids.ts';
import { hitRateLimit, type RateLimit } from '#shared/store/rate-limits.ts';
import { createRequest, type StoredRequest } from '#shared/store/requests.ts';
import { submitRequest } from '#shared/domain/state-machine.ts';
import { getSchoolProfile, type StoredSchool } from '#shared/store/schools.ts';
import { ensureSlot } from '#shared/store/slots.ts';
import { resolveSlot } from './slot-places.ts';

export type CreateRequestInput = z.output<typeof createRequestBody>;

/** Generous for a college sending a term's requests, tight for a script. */
export const CREATE_LIMITS = {
  perIp: { scope: 'create-ip', limit: 30, windowSeconds: 3600 } satisfies RateLimit,
  perEmail: { scope: 'create-email', limit: 20, windowSeconds: 3600 } satisfies RateLimit,
};

export async function enforceRateLimits(store: Store, checks: [RateLimit, string][], now: Date): Promise<void> {
  for (const [rule, subject] of checks) {
    const result = await hitRateLimit(store, rule, subject, now);
    if (!result.allowed) {
      throw new AppError(429, 'RATE_LIMITED', `Too many requests from you in a short time. Try again in ${Math.ceil(result.retryAfterSeconds / 60)} minutes.`, {
        headers: { 'retry-after': String(result.retryAfterSeconds) },
      });
    }
  }
}

export async function createProviderRequest(
  store: Store,
  urn: string,
  input: CreateRequestInput,
  caller: { ip: string },
  now = new Date(),
): Promise<{ request: StoredRequest; school: StoredSchool }> {
  await enforceRateLimits(store, [[CREATE_LIMITS.perIp, caller.ip], [CREATE_LIMITS.perEmail, input.contact.email]], now);
  const school = await getSchoolProfile(store, urn);
  if (!school) throw new NotFoundError('SCHOOL_NOT_FOUND', `There is no school with URN ${urn}. Check the number, or search by name.`);

  const slot = input.slot ? await resolveSlot(store, school, input.slot) : undefined;
  const when = slot ?? input.proposed;
  if (!when || !slot && input.slot) {
    // The chosen slot is not offered on that date (P-SLOT); the schema makes slot or proposed present.
    const ref = { opportunityId: input.slot?.opportunityId ?? '', date: input.slot?.date ?? '', start: '' };
    throw errorFromViolations(checkSlot({ slot: ref, date: ref.date, start: '', end: '', yearGroups: input.yearGroups }, undefined));
  }
  const { website: _honeypot, proposed: _p, slot: _s, ...details } = input;
  const draft: ProviderRequestDraft = {
    ...details,
    date: when.date,
    start: when.start,
    end: when.end,
    ...(input.slot ? { slot: { opportunityId: input.slot.opportunityId, date: input.slot.date, start: slot?.start ?? '' } } : {}),
  };
  const nowInstant = now.toISOString();
  const check = checkRequest(school, draft, { now: nowInstant, ...(slot ? { slot } : {}) });
  const refusal = errorFromViolations(check.violations);
  if (refusal?.code === 'SLOT_FULL') throw new ConflictError('SLOT_FULL', refusal.message, { fields: refusal.fields, rules: refusal.rules, rule: 'P-SLOT' });
  if (refusal) throw refusal;

  const id = newId(now.getTime());
  // P-SLOT: a waiting request takes a place only when the school says so; otherwise its
  // approval takes it (transition.ts). Either way a full slot refuses the request.
  const place = slot ? { date: slot.date, time: slot.start, opportunityId: slot.opportunityId } : undefined;
  const hold = place && school.rules.pendingHoldsPlace ? place : undefined;
  const submitted = submitRequest(
    {
      ...draft,
      id,
      urn,
      providerEmail: input.contact.email.toLowerCase(),
      createdAt: nowInstant,
      updatedAt: nowInstant,
      responseDeadline: responseDeadline(school, nowInstant, draft.date),
      flags: check.flags,
      ...(hold ? { heldSlot: hold } : {}),
      version: 1,
    },
    { party: 'provider', id: input.contact.email.toLowerCase(), name: input.contact.name },
    nowInstant,
  );
  // The slot's item is written the first time the slot is booked; after that the read above found it (a write saved).
  if (hold && slot && !slot.stored) await ensureSlot(store, { urn, ...hold, capacity: slot.capacity });
  await createRequest(store, submitted.request, { ...submitted.event, urn }, hold, !hold && slot?.stored ? place : undefined);
  return { request: submitted.request, school };
}

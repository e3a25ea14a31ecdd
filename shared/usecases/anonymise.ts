// Anonymising one request and its audit trail (the part erasure and retention share):
// read it and its events, write the anonymised copies in one transaction conditional on
// the version read, and read again if the request changed meanwhile.
import { createHash } from 'node:crypto';
import { anonymisedEvent, anonymisedRequest } from '#shared/domain/personal-data.ts';
import type { Actor } from '#shared/domain/state-machine.ts';
import type { Store } from '#shared/store/client.ts';
import { getRequestForAnonymising, saveAnonymisedRequest } from '#shared/store/personal-data.ts';
import { listKeyedEventsOfRequest } from '#shared/store/request-events.ts';

/** An opaque stand-in for an email address: hash-based, at the reserved .invalid domain (never delivered). */
export function erasedAddress(seed: string): string {
  return `erased-${createHash('sha256').update(seed, 'utf8').digest('hex').slice(0, 16)}@erased.invalid`;
}

const MAX_ATTEMPTS = 5;

/**
 * Anonymises a request: its contact and free text, and in its events the actors `isSubject`
 * picks. Returns the number of events rewritten, or undefined when there was nothing to do
 * (no such request, or already anonymised).
 */
export async function anonymiseRequest(
  store: Store,
  ref: { urn: string; id: string },
  isSubject: (actor: Actor) => boolean,
  placeholder: string,
  now: Date,
): Promise<number | undefined> {
  for (let attempt = 1; ; attempt++) {
    const request = await getRequestForAnonymising(store, ref.urn, ref.id);
    if (!request || request.anonymisedAt) return undefined;
    const events = await listKeyedEventsOfRequest(store, ref.urn, ref.id);
    const after = anonymisedRequest(request, placeholder, now.toISOString());
    const rewritten = events.map((e) => ({ key: e.key, value: anonymisedEvent(e.value, isSubject, placeholder) }));
    if (await saveAnonymisedRequest(store, request, after, rewritten)) return rewritten.length;
    if (attempt >= MAX_ATTEMPTS) throw new Error(`request ${ref.id} kept changing while it was anonymised`);
  }
}

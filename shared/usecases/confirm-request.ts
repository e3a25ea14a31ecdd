// A provider confirms their first request from an address by the emailed link (issue 12,
// item 2). The page posts the link's token (never on GET: mail scanners open links); the
// request then becomes what a request from a confirmed address is at creation, at this
// moment: every rule checked again, its place taken by the capacity rules (P-SLOT), its
// REQUEST_SUBMITTED event written so the school and the provider are emailed, all in one
// transaction with the token's use and the address's marker.
import { confirmationLapsed, transition } from '#shared/domain/state-machine.ts';
import { DomainError } from '#shared/domain/errors.ts';
import type { Store } from '#shared/store/client.ts';
import { confirmRequest, getRequest } from '#shared/store/requests.ts';
import type { StoredRequest } from '#shared/domain/records.ts';
import type { StoredSchool } from '#shared/domain/records.ts';
import { createSession } from '#shared/store/sessions.ts';
import { readToken, tokenMessage } from '#shared/store/tokens.ts';
import { checkedSubmission, ensureSubmissionSlot } from './create-request.ts';
import { requireSchool } from './schools.ts';

const GONE =
  'This request was not confirmed within 24 hours, so it was not sent to the school and has been deleted. Make the request again: you will get a new link.';

export async function confirmProviderRequest(
  store: Store,
  secret: string,
  now = new Date(),
): Promise<{ request: StoredRequest; school: StoredSchool; session: string }> {
  const state = await readToken(store, secret, 'confirm-request', now);
  if (!state.ok) {
    if (state.code === 'TOKEN_EXPIRED') throw new DomainError('CONFIRMATION_EXPIRED', GONE, { rule: 'P-CONFIRM' });
    throw new DomainError(state.code, tokenMessage(state.code));
  }
  const { urn, requestId } = state.token.data;
  const request = urn && requestId ? await getRequest(store, urn, requestId) : undefined;
  // TTL deletion lags: an unconfirmed request past its 24 hours is gone, whatever the table still holds.
  if (!request || confirmationLapsed(request, now.toISOString())) throw new DomainError('CONFIRMATION_EXPIRED', GONE, { rule: 'P-CONFIRM' });
  if (request.providerEmail !== state.token.email) throw new DomainError('TOKEN_INVALID', tokenMessage('TOKEN_INVALID'));
  if (request.status !== 'unconfirmed') {
    throw new DomainError('ALREADY_CONFIRMED', 'This request has been confirmed already and sent to the school. See your requests to follow it.', { rule: 'P-CONFIRM' });
  }
  const school = await requireSchool(store, urn!);

  // What creation checks and takes, now: the notice, the slot's places and the school's settings may have changed in 24 hours.
  const checked = await checkedSubmission(
    store,
    school,
    {
      provider: request.provider,
      contact: request.contact,
      sessionType: request.sessionType,
      yearGroups: request.yearGroups,
      staffCount: request.staffCount,
      safeguardingAgreed: request.safeguardingAgreed,
      facilities: request.facilities,
      content: request.content,
      notes: request.notes,
      ...(request.slot ? { slot: { opportunityId: request.slot.opportunityId, date: request.slot.date } } : { proposed: { date: request.date, start: request.start, end: request.end } }),
    },
    now,
  );
  const nowInstant = now.toISOString();
  const actor = { party: 'provider' as const, id: request.providerEmail, name: request.contact.name };
  const result = transition(request, 'confirm', actor, { responseDeadline: checked.responseDeadline }, nowInstant);
  const after: StoredRequest = {
    ...result.request,
    ...checked.draft,
    flags: checked.flags,
    confirmedAt: nowInstant,
    ...(checked.hold ? { heldSlot: checked.hold } : {}),
  };
  await ensureSubmissionSlot(store, request.urn, checked);
  const saved = await confirmRequest(store, {
    before: request,
    after,
    event: { ...result.event, urn: request.urn },
    ...(checked.hold ? { hold: checked.hold } : {}),
    ...(checked.roomIn ? { roomIn: checked.roomIn } : {}),
    token: { secret, now },
  });
  // Signed in as well: following the link proved the address exactly as a sign-in link
  // does, and the provider's next step is to follow this request (and send more, which
  // then need no confirming), so asking them to sign in again would only add an email.
  const { secret: session } = await createSession(store, 'provider', request.providerEmail, now);
  return { request: saved, school, session };
}

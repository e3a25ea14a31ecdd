// Whose requests a provider route reads: today the signed-in provider's own address. The one
// place the evidence routes (provider-evidence, provider-evidence-csv) take it from, so that
// it becomes the caller's organisation (issue 15) in one line.
import { ownRequests, type RequestOwners } from '#shared/usecases/provider-request-list.ts';

export const requestOwnersOf = (caller: { session: { email: string } }): RequestOwners => ownRequests(caller.session.email);

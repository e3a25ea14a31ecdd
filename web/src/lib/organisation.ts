// "This browser's provider belongs to an organisation": the session cookie is HttpOnly, so
// the organisation page notes it here when it reads one, and the request form asks the API
// for the profile only then (an anonymous visitor's form never calls, so never logs a 401).
import type { OrganisationReply } from '#shared/api/organisation.ts';
import { ApiError, api } from './api.ts';

const KEY = 'organisation-member';

export function noteMembership(member: boolean): void {
  try {
    if (member) localStorage.setItem(KEY, '1');
    else localStorage.removeItem(KEY);
  } catch {
    // storage disabled: the form falls back to what the browser remembers, or to nothing
  }
}

function noted(): boolean {
  try {
    return localStorage.getItem(KEY) === '1';
  } catch {
    return false;
  }
}

/** Step 3's answers from the signed-in member's organisation, or undefined (not a member, not signed in). */
export async function organisationDetails(): Promise<{ organisation: string; type: string; ukprn: string; name: string; email: string; phone: string } | undefined> {
  if (!noted()) return undefined;
  try {
    const { organisation: o } = await api<OrganisationReply>('GET', '/api/provider/organisation');
    return { organisation: o.name, type: o.type, ukprn: o.ukprn, name: o.defaultContact.name, email: o.defaultContact.email, phone: o.defaultContact.phone };
  } catch (err) {
    // 404 (no longer a member) or 401 (signed out): stop asking until the organisation page sees one again.
    if (err instanceof ApiError && (err.status === 404 || err.status === 401 || err.status === 403)) noteMembership(false);
    else if (!(err instanceof ApiError)) throw err;
    return undefined;
  }
}

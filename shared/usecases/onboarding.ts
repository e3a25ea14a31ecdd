// Onboarding a school's careers lead (platform admins): the careers_lead role (under the
// school and under the person), the profile's careers lead (the settings version goes up,
// so a settings page open elsewhere reloads rather than overwrites), an audit item, and,
// when it replaces another lead, that lead's contact redacted from the published statement
// versions, in one transaction; then a sign-in link by email, through the mailer.
import type { CareersLeadAnswer } from '#shared/domain/onboarding.ts';
import type { Person } from '#shared/domain/types.ts';
import { DomainError } from '#shared/domain/errors.ts';
import type { Store } from '#shared/store/client.ts';
import { queueEmail } from '#shared/store/outbox.ts';
import { schoolChangePut } from '#shared/store/school-changes.ts';
import { profileVersionUpdate } from '#shared/store/schools.ts';
import { careersLeadHandoverItems, listStaffOfSchool } from '#shared/store/staff.ts';
import type { StaffRoleRecord } from '#shared/domain/records.ts';
import { transact, TransactionCancelled } from '#shared/store/transact.ts';
import { requireSchool } from './schools.ts';
import { careersLeadReplacement } from './statement.ts';

export async function inviteCareersLead(store: Store, urn: string, by: { email: string }, body: Person, now = new Date()): Promise<CareersLeadAnswer> {
  const school = await requireSchool(store, urn);
  const email = body.email.toLowerCase();
  const sameLead = school.careersLead.email.toLowerCase() === email;
  const phone = body.phone ?? (sameLead ? school.careersLead.phone : undefined);
  const careersLead = { name: body.name, email, ...(phone ? { phone } : {}) };
  const at = now.toISOString();
  const staff: StaffRoleRecord[] = await listStaffOfSchool(store, urn);
  // The same handover as a change in settings: the new lead's role in, the old lead's out;
  // and the old lead's contact out of the published statement versions (issue 12, items 4 and 10).
  const handover = careersLeadHandoverItems(store, urn, staff, { name: body.name, email }, school.careersLead.email);
  const replaced = !sameLead && school.careersLead.email ? ' (replacing the previous careers lead, whose role was removed)' : '';
  const redactions = await careersLeadReplacement(store, school, careersLead, { role: 'platform_admin', at });
  try {
    await transact(store, [
      ...handover,
      profileVersionUpdate(store, urn, 'version', undefined, { careersLead, updatedAt: at, updatedBy: by.email }),
      schoolChangePut(store, { urn, section: 'staff', at, by: by.email, role: 'platform_admin', changes: [`careers lead invited: ${body.name} <${email}>${replaced}`] }),
      ...redactions,
    ]);
  } catch (err) {
    if (err instanceof TransactionCancelled && err.reasons.includes('ConditionalCheckFailed')) {
      throw new DomainError('SCHOOL_CHANGED', `${school.name} published its statement or changed its careers lead just now. Send the careers lead again.`);
    }
    throw err;
  }
  await queueEmail(store, { kind: 'sign-in-link', email, sessionKind: 'staff', next: '/manage/' }, now);
  return {
    urn,
    careersLead,
    message: `${body.name} is now the careers lead of ${school.name} and has been emailed a sign-in link. The link expires soon; they can ask for a new one on the sign-in page at any time.`,
  };
}

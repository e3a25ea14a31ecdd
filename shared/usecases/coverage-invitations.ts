// Issue 16, item 2: the careers lead invites providers who visited before to book a cohort's
// open slots. The providers are those of this school's own delivered or approved requests
// (never another school's), latest visit first, one per organisation (its latest contact).
// The slots are the coverage fix's: open, after the notice, inside the cohort's window. One
// email per provider, all queued with the invitation's record in one transaction; a
// provider is invited at most once a week for a cohort.
import { addDays, formatDate, formatDateShort } from '#shared/domain/dates.ts';
import { DomainError } from '#shared/domain/errors.ts';
import { plural } from '#shared/domain/labels.ts';
import type { CohortInvitation, InvitationPlan, InvitationSent, VisitedProvider } from '#shared/domain/read-models.ts';
import type { CoverageInvitationMessage, InvitedSlot, StoredRequest, StoredSchool } from '#shared/domain/records.ts';
import { londonDate } from '#shared/domain/timezone.ts';
import { yearGroupLabel } from '#shared/domain/year-groups.ts';
import type { CohortCoverage } from '#shared/domain/coverage.ts';
import { coverageInvitationContent } from '#shared/mail/registry.ts';
import type { Store } from '#shared/store/client.ts';
import { InvitedRecently, lastInvitedOf, latestInvitations, recordInvitation } from '#shared/store/coverage-invitations.ts';
import { listEncountersOfSchool } from '#shared/store/requests.ts';
import { bookableSlotsOfCohort, providerIdOf, schoolCoverage } from './coverage.ts';
import { requireSchool } from './schools.ts';

/** A provider is invited at most once in this many days for a cohort. */
export const INVITE_AGAIN_DAYS = 7;
/** Slots listed in one email. */
export const INVITATION_SLOTS = 10;
/** How far back a visit counts as "visited before". */
const VISITS_BACK_DAYS = 3 * 365;

/** Providers of the school's delivered or approved requests, latest visit first, one per organisation. */
function visitedProviders(requests: readonly StoredRequest[]): (VisitedProvider & { email: string })[] {
  const seen = new Map<string, VisitedProvider & { email: string }>();
  const latestFirst = [...requests].sort((a, b) => `${b.date}T${b.start}`.localeCompare(`${a.date}T${a.start}`));
  for (const r of latestFirst) {
    // An erased contact has no address to write to.
    if ('anonymisedAt' in r || !r.contact.email || r.contact.email.endsWith('.invalid')) continue;
    const id = providerIdOf(r);
    if (!seen.has(id)) seen.set(id, { id, organisation: r.provider.organisation, contactName: r.contact.name, email: r.contact.email, lastVisit: r.date });
  }
  return [...seen.values()];
}

const toInvitedSlot = (s: InvitedSlot): InvitedSlot => ({
  opportunityId: s.opportunityId,
  title: s.title,
  date: s.date,
  start: s.start,
  end: s.end,
  yearGroups: s.yearGroups,
  placesLeft: s.placesLeft,
});

interface Gathered {
  school: StoredSchool;
  cohort: CohortCoverage;
  askBy: string;
  providers: (VisitedProvider & { email: string })[];
  slots: InvitedSlot[];
  today: string;
}

/** The cohort now in `yearGroup`, at risk; its providers (with when each was last invited) and slots. */
async function gather(store: Store, urn: string, yearGroup: number, now: Date): Promise<Gathered> {
  const school = await requireSchool(store, urn);
  const today = londonDate(now.toISOString());
  const coverage = await schoolCoverage(store, school, now, { fixes: false });
  const cohort = coverage.cohorts.find((c) => c.yearGroup === yearGroup);
  if (!cohort) {
    throw new DomainError('COHORT_NOT_AT_RISK', `${school.name} has no ${yearGroupLabel(yearGroup)} in provider access this year. Choose a cohort on the coverage page.`, { field: 'yearGroup' });
  }
  if (cohort.status !== 'at_risk') {
    throw new DomainError('COHORT_NOT_AT_RISK', `${yearGroupLabel(yearGroup)} is not at risk (${cohort.statusText.replace(/\.$/, '')}), so there is nothing to invite providers to.`, {
      field: 'yearGroup',
      rule: cohort.rule as `R-PHASE${1 | 2 | 3}`,
    });
  }
  const [requests, invited, open] = await Promise.all([
    listEncountersOfSchool(store, urn, { from: addDays(today, -VISITS_BACK_DAYS), to: addDays(today, 2 * 365) }),
    lastInvitedOf(store, urn, cohort.year8AcademicYear),
    bookableSlotsOfCohort(store, school, cohort, today),
  ]);
  const cutoff = addDays(today, -(INVITE_AGAIN_DAYS - 1));
  const providers = visitedProviders(requests).map((p) => {
    const at = invited.get(p.id);
    if (!at) return p;
    const day = londonDate(at);
    return { ...p, invitedAt: at, ...(day >= cutoff ? { inviteAgainOn: addDays(day, INVITE_AGAIN_DAYS) } : {}) };
  });
  return { school, cohort, askBy: addDays(cohort.window.end, -school.rules.minimumNoticeDays), providers, slots: open.slice(0, INVITATION_SLOTS).map(toInvitedSlot), today };
}

function messageFor(g: Gathered, p: { contactName: string; organisation: string; email: string }): CoverageInvitationMessage {
  return {
    kind: 'coverage-invitation',
    urn: g.school.urn,
    yearGroup: g.cohort.yearGroup,
    email: p.email,
    contactName: p.contactName,
    organisation: p.organisation,
    byDate: g.cohort.window.end,
    askBy: g.askBy,
    slots: g.slots,
  };
}

function invitationView(record: { yearGroup: number; year8AcademicYear: number; sentAt: string; providers: { organisation: string }[] }): CohortInvitation {
  return { yearGroup: record.yearGroup, year8AcademicYear: record.year8AcademicYear, sentAt: record.sentAt, providers: record.providers.map((p) => p.organisation) };
}

/** GET …/coverage/invitations?year=: the cohort, whom the lead could invite, the slots and the email. */
export async function invitationPlan(store: Store, urn: string, yearGroup: number, now = new Date()): Promise<InvitationPlan> {
  const g = await gather(store, urn, yearGroup, now);
  const latest = (await latestInvitations(store, urn)).find((i) => i.year8AcademicYear === g.cohort.year8AcademicYear);
  const { kind: _kind, ...preview } = messageFor(g, { contactName: '[their contact’s name]', organisation: '[their organisation]', email: '' });
  const content = coverageInvitationContent({ message: preview, school: g.school });
  return {
    urn,
    schoolName: g.school.name,
    yearGroup,
    year8AcademicYear: g.cohort.year8AcademicYear,
    phase: g.cohort.phase,
    needed: g.cohort.needed,
    byDate: g.cohort.window.end,
    askBy: g.askBy,
    providers: g.providers.map(({ email: _email, ...p }) => p),
    slots: g.slots,
    preview: { subject: content.subject, text: content.text },
    ...(latest ? { lastInvitation: invitationView(latest) } : {}),
  };
}

/** "Invited 1 December" words for a provider invited too recently. */
function tooSoon(p: VisitedProvider, yearGroup: number): string {
  const on = p.invitedAt ? formatDateShort(londonDate(p.invitedAt)) : 'this week';
  const again = p.inviteAgainOn ? `You can invite them again from ${formatDate(p.inviteAgainOn)}.` : 'You can invite them again next week.';
  return `You invited ${p.organisation} to book for ${yearGroupLabel(yearGroup)} on ${on}. To give them time to answer, ${again.charAt(0).toLowerCase()}${again.slice(1)}`;
}

/**
 * POST …/coverage/invitations: one email per chosen provider, queued with the record in one
 * transaction. 422 at `providers` when none is chosen, one did not visit, or one was invited
 * within the week; 422 NO_BOOKABLE_SLOTS when there is no slot to offer.
 */
export async function inviteProviders(store: Store, urn: string, by: string, body: { yearGroup: number; providers: string[] }, now = new Date()): Promise<InvitationSent> {
  const year = yearGroupLabel(body.yearGroup);
  if (body.providers.length === 0) {
    throw new DomainError('PROVIDERS_REQUIRED', `Choose at least one provider to invite to book for ${year}.`, { field: 'providers' });
  }
  const g = await gather(store, urn, body.yearGroup, now);
  const byId = new Map(g.providers.map((p) => [p.id, p]));
  const chosen = [...new Set(body.providers)].map((id) => byId.get(id));
  if (chosen.some((p) => !p)) {
    throw new DomainError('PROVIDER_NOT_VISITED', `You can only invite providers who have visited ${g.school.name}. Choose from the list.`, { field: 'providers' });
  }
  const providers = chosen as (VisitedProvider & { email: string })[];
  const recent = providers.find((p) => p.inviteAgainOn);
  if (recent) throw new DomainError('INVITED_RECENTLY', tooSoon(recent, body.yearGroup), { field: 'providers' });
  if (g.slots.length === 0) {
    throw new DomainError(
      'NO_BOOKABLE_SLOTS',
      `There are no open slots for ${year} that a provider could book before ${formatDateShort(g.cohort.window.end)} with your notice period. Add an opportunity for ${year} on the opportunities page first.`,
      { field: 'yearGroup', rule: 'R-NOTICE' },
    );
  }
  const sentAt = now.toISOString();
  const record = {
    urn,
    yearGroup: body.yearGroup,
    year8AcademicYear: g.cohort.year8AcademicYear,
    sentAt,
    by,
    providers: providers.map((p) => ({ providerId: p.id, organisation: p.organisation })),
  };
  // The week counts from the day of the last invitation, as the page says it ("again from 8 December").
  const week = { sentOn: g.today, notBefore: addDays(g.today, -(INVITE_AGAIN_DAYS - 1)) };
  try {
    await recordInvitation(store, record, providers.map((p) => ({ ...messageFor(g, p), providerId: p.id })), week, now);
  } catch (err) {
    if (err instanceof InvitedRecently) {
      const p = byId.get(err.providerId);
      throw new DomainError('INVITED_RECENTLY', p ? tooSoon({ ...p, inviteAgainOn: addDays(g.today, INVITE_AGAIN_DAYS) }, body.yearGroup) : `A provider you chose was invited this week.`, { field: 'providers' });
    }
    throw err;
  }
  return {
    invitation: invitationView(record),
    message: `You invited ${plural(providers.length, 'provider')} to book for ${year}: each gets its own email with your ${plural(g.slots.length, 'open slot')}.`,
  };
}

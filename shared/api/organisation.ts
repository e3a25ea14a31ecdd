// The organisation account's contract (issue 15, item 1): its profile, as GET answers and
// PUT takes it, and its members (invite, remove). Pages import only the types.
import * as z from 'zod';
import type { MemberRecord, MemberRole, OrganisationRecord } from '#shared/domain/records.ts';
import { PROVIDER_TYPES } from '#shared/domain/types.ts';
import { line } from './fields.ts';

const email = z.email('Enter an email address in the right format, like name@college.ac.uk.').max(254);

/** PUT /api/provider/organisation: the whole profile; `version` is the one read (absent when creating it). */
export const organisationBody = z.strictObject({
  name: line(200),
  type: z.enum(PROVIDER_TYPES, { error: 'Choose the kind of provider you are.' }),
  // R-PROVIDER: what a person can act on, where to find it.
  ukprn: z
    .string()
    .trim()
    .regex(/^1\d{7}$/, 'Enter your UKPRN: 8 digits starting with 1, like 10012345. Find it on the UK Register of Learning Providers (ukrlp.co.uk).'),
  website: z
    .union([z.literal(''), z.url({ protocol: /^https?$/, error: 'Enter the website address in full, like https://www.college.ac.uk.' }).max(300)])
    .optional(),
  defaultContact: z.strictObject({
    name: line(120),
    email,
    phone: z
      .string()
      .trim()
      .regex(/^[0-9 +()-]{7,20}$/, 'Enter a phone number, like 01632 960 000.'),
  }),
  version: z.number().int().min(1).optional(),
});
export type OrganisationInput = z.infer<typeof organisationBody>;

/** POST /api/provider/organisation/members: a colleague to invite; admins may invite admins. */
export const inviteMemberBody = z.strictObject({
  email,
  role: z.enum(['admin', 'member'], { error: 'Choose whether they are an admin or a member.' }).default('member'),
});

export type InviteMemberInput = z.infer<typeof inviteMemberBody>;

/** DELETE /api/provider/organisation/members/{email}. */
export const memberPath = z.strictObject({ email });

export interface MemberView {
  email: string;
  role: MemberRole;
  invitedBy: string;
  invitedAt: string;
  joinedAt: string | null;
}

export interface OrganisationView {
  id: string;
  name: string;
  type: OrganisationRecord['type'];
  ukprn: string;
  website: string;
  defaultContact: OrganisationRecord['defaultContact'];
  version: number;
}

/** GET and PUT answer the same: the profile, its members, and the caller's own role. */
export interface OrganisationReply {
  organisation: OrganisationView;
  members: MemberView[];
  you: { email: string; role: MemberRole };
  /** The organisation's calendar feed (issue 15, item 3): when its address was made and by whom, or null (none yet). The address itself is shown only when made. */
  calendarFeed: { createdAt: string; createdBy: string } | null;
}

export function organisationView(o: OrganisationRecord): OrganisationView {
  return { id: o.id, name: o.name, type: o.type, ukprn: o.ukprn, website: o.website ?? '', defaultContact: o.defaultContact, version: o.version };
}

export function memberView(m: MemberRecord): MemberView {
  return { email: m.email, role: m.role, invitedBy: m.invitedBy, invitedAt: m.invitedAt, joinedAt: m.joinedAt ?? null };
}

/** The reply of GET, PUT and invite: the account as the use case read it. */
export function organisationReply(account: {
  organisation: OrganisationRecord;
  members: MemberRecord[];
  you: { email: string; role: MemberRole };
  calendarFeed?: { createdAt: string; createdBy: string };
}): OrganisationReply {
  return { organisation: organisationView(account.organisation), members: account.members.map(memberView), you: account.you, calendarFeed: account.calendarFeed ?? null };
}

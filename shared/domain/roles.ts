// Who works for a school on this service, in one place (the vocabulary the store, the
// contracts, the use cases, the mail and the web all use): the roles a person can hold at
// a school, their order on a staff list, and their words.

/** A role at one school: the careers lead, their deputies, and the trust's admins. */
export const STAFF_ROLES = ['careers_lead', 'deputy', 'trust_admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Who may act in an audit trail: a school role, or a platform admin (across schools). */
export const ACTOR_ROLES = [...STAFF_ROLES, 'platform_admin'] as const;
export type ActorRole = (typeof ACTOR_ROLES)[number];

/**
 * The roles that decide who the school's people are: they change the staff list and the
 * careers lead (where every request email goes), and publish the policy statement. A
 * deputy does everything else.
 */
export const SCHOOL_EDITOR_ROLES: readonly StaffRole[] = ['careers_lead', 'trust_admin'];

/** Staff lists and a trust admin's schools: the careers lead first, then deputies, then trust admins. */
export const ROLE_ORDER: Record<StaffRole, number> = { careers_lead: 0, deputy: 1, trust_admin: 2 };

/** As a heading or a table cell says it. */
export const ROLE_LABELS: Record<StaffRole, string> = { careers_lead: 'Careers lead', deputy: 'Deputy', trust_admin: 'Trust admin' };

/** As a sentence says it: "… is the careers lead". */
export const ROLE_WORDS: Record<StaffRole, string> = { careers_lead: 'the careers lead', deputy: 'a deputy', trust_admin: 'a trust admin' };

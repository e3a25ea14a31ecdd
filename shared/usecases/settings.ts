// A school's own set-up, edited by its staff: the settings (calendar, notice, response
// time, grounds for refusing, premises, careers lead), its opportunities and its staff.
// Each save is checked by the schema and then by the domain (every problem at its field,
// with its rule), is conditional on the version read (SETTINGS_CHANGED when someone saved
// in between), is one transaction with its audit item, and leaves every other field of the
// profile alone.
import { ROLE_ORDER, ROLE_WORDS, SCHOOL_EDITOR_ROLES, type StaffRole } from '#shared/domain/roles.ts';
import { addDays } from '#shared/domain/dates.ts';
import { lastSlotDate } from '#shared/domain/calendar.ts';
import { DomainError, rulesByField, type ErrorCode, type RuleViolation } from '#shared/domain/errors.ts';
import {
  checkOpportunities,
  checkSettings,
  datedClosures,
  opportunityWarnings,
  profileFieldsOf,
  settingsOf,
  type DryRunAnswer,
  type OpportunitiesAnswer,
  type OpportunitiesChange,
  type SchoolSettings,
  type SettingsAnswer,
  type SettingsChange,
  type StaffAnswer,
  type StaffChange,
  type StaffMember,
} from '#shared/domain/settings.ts';
import { capacityBelowTaken } from '#shared/domain/slot-places.ts';
import { londonDate } from '#shared/domain/timezone.ts';
import type { Opportunity } from '#shared/domain/types.ts';
import type { Store } from '#shared/store/client.ts';
import { newId } from '#shared/store/ids.ts';
import { listOpportunities, replaceOpportunities } from '#shared/store/opportunities.ts';
import { MAX_TRANSACTION_ITEMS } from '#shared/store/transact.ts';
import { schoolChangePut, type ChangeSection } from '#shared/store/school-changes.ts';
import { updateSchoolSettings, versionOf } from '#shared/store/schools.ts';
import type { StoredSchool } from '#shared/domain/records.ts';
import { listSlotsOfSchool, setSlotCapacity } from '#shared/store/slots.ts';
import { careersLeadHandoverItems, changeStaffRoles, listStaffOfSchool } from '#shared/store/staff.ts';
import type { StaffRoleRecord } from '#shared/domain/records.ts';
import { affectedBy, affectedView, liveBookings, tellLeadOnce } from './attention.ts';
import { requireSchool } from './schools.ts';
import { careersLeadReplacement } from './statement.ts';

/** Who is saving: the signed-in member of staff and their role at this school. */
export interface Editor {
  email: string;
  role: StaffRole;
}

/** Roles that may change a school's staff list (a deputy may not). */
export const STAFF_EDITOR_ROLES = SCHOOL_EDITOR_ROLES;

// ---- settings -------------------------------------------------------------------------

export async function readSettings(store: Store, urn: string, now = new Date()): Promise<SettingsAnswer> {
  const [school, opportunities] = await Promise.all([requireSchool(store, urn), listOpportunities(store, urn)]);
  return settingsAnswer(school, opportunities, now);
}

function settingsAnswer(school: StoredSchool, opportunities: Opportunity[], now: Date): SettingsAnswer {
  return {
    settings: settingsOf(school),
    version: versionOf(school, 'version'),
    ...(school.updatedBy ? { updatedAt: school.updatedAt, updatedBy: school.updatedBy } : {}),
    warnings: opportunityWarnings(school, opportunities, londonDate(now.toISOString())),
  };
}

const SETTINGS_CHANGED =
  'Someone else saved these settings after you opened them. Reload the page to see their changes, then make yours again.';

export async function saveSettings(
  store: Store,
  urn: string,
  editor: Editor,
  body: SettingsChange,
  now = new Date(),
): Promise<SettingsAnswer | DryRunAnswer> {
  const [school, opportunities] = await Promise.all([requireSchool(store, urn), listOpportunities(store, urn)]);
  const current = versionOf(school, 'version');
  if (body.version !== current) throw settingsChanged(current);
  const refusal = refusalOf(checkSettings(body.settings), 'settings', 'SETTINGS_INVALID', 'these settings');
  if (refusal) throw refusal;

  const before = settingsOf(school);
  // Issue 12, item 4: the careers lead's contact is where every request email goes, so
  // only a careers lead or a trust admin may change it (a deputy may not).
  const leadChanged = canonical(before.careersLead) !== canonical(body.settings.careersLead);
  if (leadChanged && !STAFF_EDITOR_ROLES.includes(editor.role)) {
    const message = "Only the school's careers lead or a trust admin can change the careers lead's details, where every request email goes. Ask your careers lead to make this change.";
    throw new DomainError('ROLE_REQUIRED', message, { fields: { 'settings.careersLead.email': message } });
  }
  const leadReplaced = before.careersLead.email.toLowerCase() !== body.settings.careersLead.email.toLowerCase();
  const today = londonDate(now.toISOString());
  const wanted = { ...body.settings, closures: datedClosures(before.closures, body.settings.closures, today) };
  const changes = settingsChanges(before, wanted);
  const fields = profileFieldsOf(wanted);
  // The platform's bank-holiday changes stay on the calendar compared (they are never saved with it).
  const calendar = school.calendar?.bankHolidays ? { ...fields.calendar, bankHolidays: school.calendar.bankHolidays } : fields.calendar;
  const saved: StoredSchool = { ...school, ...fields, calendar, version: current + 1, updatedAt: now.toISOString(), updatedBy: editor.email };
  // Issue 11: the live bookings these settings would put outside the rules, said before saving.
  const affected = changes.length === 0 ? [] : affectedBy({ school, opportunities }, { school: saved, opportunities }, await liveBookings(store, urn, today), now);
  const careersLeadChange = leadReplaced ? { from: pick(before.careersLead), to: pick(body.settings.careersLead) } : undefined;
  if (body.dryRun) {
    // Said before saving, never after a success: the opportunities this change would leave without slots.
    const had = new Set(opportunityWarnings(school, opportunities, today).map((w) => w.opportunityId));
    const warnings = opportunityWarnings(saved, opportunities, today).filter((w) => !had.has(w.opportunityId));
    return { dryRun: true, affected: affectedView(affected), ...(careersLeadChange ? { careersLeadChange } : {}), ...(warnings.length ? { warnings } : {}) };
  }
  if (changes.length === 0) return settingsAnswer(school, opportunities, now);
  // Replacing the careers lead hands the role over in the same transaction (the page asked first, from the dry run).
  const handover = leadChanged ? careersLeadHandoverItems(store, urn, await listStaffOfSchool(store, urn), body.settings.careersLead, before.careersLead.email) : [];
  const audited = careersLeadChange ? [...changes, 'careers lead replaced (the old lead’s role removed)'] : changes;
  const audit = auditPut(store, urn, 'settings', editor, audited, now, current + 1);
  // A new careers lead: the old one's contact leaves the published statement versions, in this transaction (issue 12, item 10).
  const redactions = leadReplaced ? await careersLeadReplacement(store, school, body.settings.careersLead, { role: editor.role, at: now.toISOString() }) : [];
  if (!(await updateSchoolSettings(store, urn, fields, current, { by: editor.email, now }, [audit, ...handover, ...redactions]))) throw settingsChanged();
  await tellLeadOnce(store, urn, affected, 'settings', now);
  return { ...settingsAnswer(saved, opportunities, now), affected: affectedView(affected) };
}

const pick = (p: { name: string; email: string }) => ({ name: p.name, email: p.email });

function settingsChanged(current?: number): DomainError {
  return new DomainError('SETTINGS_CHANGED', SETTINGS_CHANGED, {
    fields: { version: current === undefined ? 'These settings have changed since you read them; reload them.' : `The settings are now at version ${current}; reload them.` },
  });
}

/** 'minimumNoticeDays: 30 → 14' for a number or yes/no; 'terms changed' for the rest. */
function settingsChanges(before: SchoolSettings, after: SchoolSettings): string[] {
  const out: string[] = [];
  for (const key of Object.keys(after) as (keyof SchoolSettings)[]) {
    const a = before[key];
    const b = after[key];
    if (canonical(a) === canonical(b)) continue;
    out.push(typeof b === 'number' || typeof b === 'boolean' ? `${key}: ${String(a)} → ${String(b)}` : `${key} changed`);
  }
  return out;
}

// ---- opportunities --------------------------------------------------------------------

export async function readOpportunities(store: Store, urn: string): Promise<OpportunitiesAnswer> {
  const [school, opportunities] = await Promise.all([requireSchool(store, urn), listOpportunities(store, urn)]);
  return { opportunities, version: versionOf(school, 'opportunitiesVersion') };
}

const OPPORTUNITIES_CHANGED =
  "Someone else saved this school's opportunities after you opened them. Reload the page to see their changes, then make yours again.";

/**
 * Replaces the school's set of opportunities: new ones (no id) get an id, changed ones
 * are rewritten, missing ones removed, in one transaction; nothing is written when any
 * opportunity breaks a rule or lowers a capacity below the places taken in a coming slot.
 * Booked slots of a changed opportunity take its new capacity.
 */
export async function saveOpportunities(
  store: Store,
  urn: string,
  editor: Editor,
  body: OpportunitiesChange,
  now = new Date(),
): Promise<OpportunitiesAnswer | DryRunAnswer> {
  const [school, existing] = await Promise.all([requireSchool(store, urn), listOpportunities(store, urn)]);
  const current = versionOf(school, 'opportunitiesVersion');
  if (body.version !== undefined && body.version !== current) {
    throw new DomainError('OPPORTUNITIES_CHANGED', OPPORTUNITIES_CHANGED, { fields: { version: `The opportunities are now at version ${current}; reload them.` } });
  }
  const wanted: Opportunity[] = body.opportunities.map(({ id, ...rest }) => ({ id: id ?? newId(now.getTime()).toLowerCase(), ...rest }));
  const refusal = refusalOf(checkOpportunities(school, wanted), 'opportunities', 'OPPORTUNITIES_INVALID', 'these opportunities');
  if (refusal) throw refusal;
  const belowTaken = await capacityRefusal(store, urn, existing, wanted, now);
  if (belowTaken) throw belowTaken;

  const old = new Map(existing.map((o) => [o.id, o]));
  const put = wanted.filter((o) => canonical(old.get(o.id)) !== canonical(o));
  const keep = new Set(wanted.map((o) => o.id));
  const removed = existing.filter((o) => !keep.has(o.id));
  const changes = [
    ...put.map((o) => (old.has(o.id) ? `changed "${o.title}" (${o.id}): ${changedKeys(old.get(o.id), o).join(', ')}` : `added "${o.title}" (${o.id})`)),
    ...removed.map((o) => `removed "${o.title}" (${o.id})`),
  ];
  if (changes.length === 0) return body.dryRun ? { dryRun: true, affected: [] } : { opportunities: existing, version: current };
  // With them in the transaction: the profile (version, slotsUntil), its near point and the audit item.
  if (put.length + removed.length + 3 > MAX_TRANSACTION_ITEMS) {
    throw new DomainError('TOO_MANY_CHANGES', `Save at most ${MAX_TRANSACTION_ITEMS - 3} added, changed or removed opportunities at once; save some now and the rest after.`);
  }
  // Issue 11: the live bookings the new set would put outside the rules, said before saving.
  const affected = affectedBy({ school, opportunities: existing }, { school, opportunities: wanted }, await liveBookings(store, urn, londonDate(now.toISOString())), now);
  if (body.dryRun) return { dryRun: true, affected: affectedView(affected) };
  const next = current + 1;
  const audit = auditPut(store, urn, 'opportunities', editor, changes, now, next);
  const saved = await replaceOpportunities(store, school, { put, remove: removed.map((o) => o.id), slotsUntil: lastSlotDate(wanted) }, body.version === undefined ? undefined : current, [audit]);
  if (!saved) throw new DomainError('OPPORTUNITIES_CHANGED', OPPORTUNITIES_CHANGED);
  await tellLeadOnce(store, urn, affected, 'opportunities', now);
  await syncSlotCapacities(store, urn, wanted, now);
  const [after, list] = await Promise.all([requireSchool(store, urn), listOpportunities(store, urn)]);
  return { opportunities: list, version: versionOf(after, 'opportunitiesVersion'), affected: affectedView(affected) };
}

/** Coming slots: from today to past the longest booking window. */
const SLOT_HORIZON_DAYS = 800;

/**
 * P-SLOT: a capacity lowered below the places already taken (held or approved) in one of
 * the opportunity's coming slots would break "never more taken than places"; CAPACITY_BELOW_TAKEN naming
 * each such slot, at `opportunities.<i>.capacity`. Read only when a capacity goes down.
 */
async function capacityRefusal(store: Store, urn: string, existing: Opportunity[], wanted: Opportunity[], now: Date): Promise<DomainError | undefined> {
  const lowered = wanted.some((o) => o.capacity < (existing.find((e) => e.id === o.id)?.capacity ?? 0));
  if (!lowered) return undefined;
  const today = londonDate(now.toISOString());
  const coming = await listSlotsOfSchool(store, urn, today, addDays(today, SLOT_HORIZON_DAYS));
  return refusalOf(capacityBelowTaken(existing, wanted, coming), 'opportunities', 'CAPACITY_BELOW_TAKEN', 'these opportunities');
}

/**
 * A booked slot keeps the capacity its opportunity had when first booked; after a save,
 * the coming slots take the opportunity's capacity again, so the places shown and the
 * places a booking may take agree. Run on every save, so an interrupted one heals. Each
 * write is conditional on the places taken fitting (setSlotCapacity): a place taken after
 * capacityRefusal read the slot leaves that slot at its old capacity, never overfilled.
 */
async function syncSlotCapacities(store: Store, urn: string, opportunities: Opportunity[], now: Date): Promise<void> {
  const today = londonDate(now.toISOString());
  const capacity = new Map(opportunities.map((o) => [o.id, o.capacity]));
  const slots = await listSlotsOfSchool(store, urn, today, addDays(today, SLOT_HORIZON_DAYS));
  await Promise.all(
    slots
      .filter((s) => capacity.has(s.opportunityId) && capacity.get(s.opportunityId) !== s.capacity)
      .map((s) => setSlotCapacity(store, s, capacity.get(s.opportunityId) ?? s.capacity)),
  );
}

function changedKeys(before: Opportunity | undefined, after: Opportunity): string[] {
  return (Object.keys(after) as (keyof Opportunity)[]).filter((k) => canonical(before?.[k]) !== canonical(after[k]));
}

// ---- staff ----------------------------------------------------------------------------


export async function readStaff(store: Store, urn: string, editor: Editor): Promise<StaffAnswer> {
  await requireSchool(store, urn);
  return staffAnswer(await listStaffOfSchool(store, urn), editor);
}

function staffAnswer(records: StaffRoleRecord[], editor: Editor): StaffAnswer {
  const staff: StaffMember[] = records
    .map(({ email, name, role }) => ({ email, name, role }))
    .sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.name.localeCompare(b.name));
  return { staff, canEdit: STAFF_EDITOR_ROLES.includes(editor.role) };
}


/**
 * Replaces the school's deputies with those in the list: new ones get their role (and
 * can sign in at once), renamed ones are rewritten, missing ones lose their role. The
 * careers lead and trust admins are set up by the trust and must stay as they are.
 * Only a careers lead or trust admin may do this.
 */
export async function saveStaff(store: Store, urn: string, editor: Editor, body: StaffChange, now = new Date()): Promise<StaffAnswer> {
  if (!STAFF_EDITOR_ROLES.includes(editor.role)) {
    throw new DomainError('ROLE_REQUIRED', "Only the school's careers lead or a trust admin can add or remove staff. Ask your careers lead to make this change.");
  }
  await requireSchool(store, urn);
  const existing = await listStaffOfSchool(store, urn);
  const byEmail = new Map(existing.map((r) => [r.email.toLowerCase(), r]));
  const violations: RuleViolation[] = [];
  const v = (code: ErrorCode, field: string, message: string) => violations.push({ code, rule: 'P-DETAILS', field, message });
  const seen = new Map<string, number>();
  const wanted = body.staff.map((m) => ({ ...m, email: m.email.toLowerCase() }));
  wanted.forEach((m, i) => {
    const first = seen.get(m.email);
    if (first !== undefined) v('DUPLICATE_EMAIL', `${i}.email`, `${m.email} is already on the list (person ${first + 1}); list each person once.`);
    else seen.set(m.email, i);
    const had = byEmail.get(m.email);
    if (m.role !== 'deputy' && had?.role !== m.role) {
      v('ROLE_NOT_EDITABLE', `${i}.role`, `Only deputies can be added here; ${ROLE_WORDS[m.role]} is set up by the trust. Add ${m.email} as a deputy, or ask your trust admin.`);
    } else if (m.role === 'deputy' && had && had.role !== 'deputy') {
      v('ROLE_NOT_EDITABLE', `${i}.role`, `${m.email} is ${ROLE_WORDS[had.role]}, which cannot be changed here; keep their role, or ask your trust admin.`);
    }
  });
  for (const had of existing) {
    if (had.role !== 'deputy' && !wanted.some((m) => m.email === had.email.toLowerCase())) {
      v('ROLE_NOT_REMOVABLE', '', `${had.name} (${had.email}) is ${ROLE_WORDS[had.role]} and cannot be removed here; keep them on the list, or ask your trust admin.`);
    }
  }
  const refusal = refusalOf(violations, 'staff', 'STAFF_INVALID', 'this staff list');
  if (refusal) throw refusal;

  const put: StaffRoleRecord[] = wanted
    .filter((m) => m.role === 'deputy' && (byEmail.get(m.email)?.name !== m.name || byEmail.get(m.email)?.role !== 'deputy'))
    .map((m) => ({ urn, email: m.email, name: m.name, role: 'deputy' }));
  const removed = existing.filter((r) => r.role === 'deputy' && !seen.has(r.email.toLowerCase()));
  const changes = [
    ...put.map((r) => (byEmail.has(r.email) ? `renamed deputy ${r.email} to "${r.name}"` : `added deputy ${r.name} (${r.email})`)),
    ...removed.map((r) => `removed deputy ${r.name} (${r.email})`),
  ];
  if (changes.length === 0) return staffAnswer(existing, editor);
  if (2 * (put.length + removed.length) + 1 > MAX_TRANSACTION_ITEMS) {
    throw new DomainError('TOO_MANY_CHANGES', 'Add or remove at most 49 people at once; save some now and the rest after.');
  }
  await changeStaffRoles(store, urn, { put, remove: removed.map((r) => r.email) }, [auditPut(store, urn, 'staff', editor, changes, now)]);
  return staffAnswer(await listStaffOfSchool(store, urn), editor);
}

// ---- shared ---------------------------------------------------------------------------

function auditPut(store: Store, urn: string, section: ChangeSection, editor: Editor, changes: string[], now: Date, version?: number) {
  return schoolChangePut(store, { urn, section, at: now.toISOString(), by: editor.email, role: editor.role, changes, ...(version === undefined ? {} : { version }) });
}

/**
 * One refusal for every rule broken, each message at its field (prefixed with where the
 * list or object sits in the body); the rule id when there is only one.
 */
function refusalOf(violations: readonly RuleViolation[], prefix: string, code: ErrorCode, what: string): DomainError | undefined {
  const [first] = violations;
  if (!first) return undefined;
  const fields: Record<string, string> = {};
  for (const v of violations) {
    const field = v.field ? `${prefix}.${v.field}` : prefix;
    fields[field] = fields[field] ? `${fields[field]} ${v.message}` : v.message;
  }
  const rules = rulesByField(violations, prefix);
  const distinct = new Set(violations.map((v) => v.rule));
  if (violations.length === 1) return new DomainError(first.code, first.message, { fields, rules, rule: first.rule });
  return new DomainError(code, `Make ${violations.length} changes to ${what} before saving: ${violations.map((v) => v.message).join(' ')}`, {
    fields,
    rules,
    ...(distinct.size === 1 ? { rule: first.rule } : {}),
  });
}

/** JSON with object keys sorted, so two values compare equal whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) : v,
  ) ?? 'undefined';
}

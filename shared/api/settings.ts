// The school settings contract (careers lead, deputy or trust admin of the school): the
// zod schemas the functions parse with and the answer shapes the settings pages read
// (pages import only the types). The schemas check shape and ranges; the rules that need
// the school (session order, overlaps, year groups taught, times inside the school day)
// are in shared/domain/settings.ts and answer 422 with every problem at its field.
import * as z from 'zod';
import { isoDate, line, localTime, paragraphs, parsesTo } from './fields.ts';
import { SETTINGS_LIMITS, type OpportunitiesChange, type SchoolSettings, type SettingsChange, type StaffChange } from '#shared/domain/settings.ts';
import { CLOSURE_REASONS, SESSION_TYPES, WEEKDAYS } from '#shared/domain/types.ts';
import { STAFF_ROLES } from '#shared/domain/roles.ts';

export { SETTINGS_LIMITS, DEFAULT_GROUNDS_FOR_REFUSING } from '#shared/domain/settings.ts';
export type {
  AffectedBooking,
  DryRunAnswer,
  OpportunitiesAnswer,
  OpportunitiesChange,
  OpportunityInput,
  OpportunityWarning,
  SchoolSettings,
  SettingsAnswer,
  SettingsChange,
  StaffAnswer,
  StaffChange,
  StaffMember,
} from '#shared/domain/settings.ts';

/** An optional field a form sends as "" when left empty. */
const optional = <S extends z.ZodType>(schema: S) => z.preprocess((v) => (v === '' || v === null ? undefined : v), schema.optional());

const wholeDays = (min: number, max: number, what: string) =>
  z
    .number({ error: `Enter ${what} as a whole number from ${min} to ${max}.` })
    .int(`Enter ${what} as a whole number from ${min} to ${max}.`)
    .min(min, `Enter ${what} from ${min} to ${max}.`)
    .max(max, `Enter ${what} from ${min} to ${max}.`);

const sessionTimes = z.strictObject({ start: localTime, end: localTime });
const L = SETTINGS_LIMITS;

export const settingsSchema = parsesTo<SchoolSettings>()(z.strictObject({
  /** Session times per weekday; a weekday left out (or null) has no school. */
  schoolDay: z.strictObject({
    mon: optional(sessionTimes),
    tue: optional(sessionTimes),
    wed: optional(sessionTimes),
    thu: optional(sessionTimes),
    fri: optional(sessionTimes),
  }),
  terms: z.array(z.strictObject({ name: line(60), start: isoDate, end: isoDate })).max(L.terms, `Keep at most ${L.terms} terms; remove past ones.`),
  closures: z
    .array(
      z.strictObject({
        start: isoDate,
        end: isoDate,
        reason: z.enum(CLOSURE_REASONS, { error: `Choose a reason: ${CLOSURE_REASONS.join(', ')}.` }),
        note: optional(line(200)),
        /** As read; the server keeps each closure's own date and dates new ones itself. */
        addedOn: optional(isoDate),
      }),
    )
    .max(L.closures, `Keep at most ${L.closures} closures; remove past ones.`),
  minimumNoticeDays: wholeDays(L.minimumNoticeDays.min, L.minimumNoticeDays.max, 'the minimum notice in days'),
  bookingWindowDays: wholeDays(L.bookingWindowDays.min, L.bookingWindowDays.max, 'the booking window in days'),
  responseDeadlineSchoolDays: wholeDays(L.responseDeadlineSchoolDays.min, L.responseDeadlineSchoolDays.max, 'the response time in school days'),
  minimumLengthMinutes: wholeDays(L.minimumLengthMinutes.min, L.minimumLengthMinutes.max, 'the shortest encounter in minutes'),
  pendingHoldsPlace: z.boolean({ error: 'Say whether a request waiting for an answer holds its place: true or false.' }),
  groundsForRefusing: z
    .array(line(L.groundsForRefusing.length))
    .min(L.groundsForRefusing.min, 'Give at least one ground for refusing a request.')
    .max(L.groundsForRefusing.max, `Give at most ${L.groundsForRefusing.max} grounds for refusing.`),
  premises: paragraphs(L.premisesLength, 'Describe the premises and facilities you provide to visiting providers (S-PREMISES).'),
  careersLead: z.strictObject({
    name: line(120),
    email: z.email('Enter an email address in the right format, like careers@school.sch.uk.').max(254),
    phone: optional(
      z
        .string()
        .trim()
        .regex(/^[0-9 +()-]{7,20}$/, 'Enter a phone number, like 01632 960 000.'),
    ),
  }),
}));

/** With `dryRun: true` a PUT saves nothing and answers which bookings the change would put outside the rules. */
const dryRun = z.boolean({ error: 'Say whether this is only a dry run: true or false.' }).optional();

export const settingsBody = parsesTo<SettingsChange>()(z.strictObject({
  /** The version the settings were read at: the save is refused (409) if they changed since. */
  version: z.number().int().min(0),
  settings: settingsSchema,
  dryRun,
}));

const opportunityId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'An id is up to 64 letters, digits, - or _; leave it out for a new opportunity.');

const schedule = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('once'), date: isoDate, start: localTime, end: localTime }),
    z.strictObject({
      kind: z.literal('weekly'),
      weekday: z.enum(WEEKDAYS, { error: `Choose a weekday: ${WEEKDAYS.join(', ')}.` }),
      start: localTime,
      end: localTime,
      from: optional(isoDate),
      until: optional(isoDate),
    }),
  ],
  { error: 'Choose the kind of schedule: "once" (one date) or "weekly" (one weekday in term time).' },
);

export const opportunitySchema = z.strictObject({
  /** Leave out for a new opportunity; the answer gives its id. */
  id: optional(opportunityId),
  title: line(120),
  sessionType: z.enum(SESSION_TYPES, { error: 'Choose the type of session.' }),
  yearGroups: z.array(z.number().int().min(0).max(13)).min(1, 'Choose at least one year group.').max(6),
  schedule,
  capacity: z
    .number()
    .int()
    .min(L.opportunityCapacity.min, `Give a capacity from ${L.opportunityCapacity.min} to ${L.opportunityCapacity.max} providers per slot.`)
    .max(L.opportunityCapacity.max, `Give a capacity from ${L.opportunityCapacity.min} to ${L.opportunityCapacity.max} providers per slot.`),
  venue: line(200),
  facilities: z.array(line(60)).max(12).default([]),
});

export const opportunitiesBody = parsesTo<OpportunitiesChange>()(z.strictObject({
  /** The version the list was read at; when sent, the save is refused (409) if it changed since. */
  version: z.number().int().min(0).optional(),
  /** The whole set: any opportunity not in it is removed. */
  opportunities: z.array(opportunitySchema).max(L.opportunities, `A school can offer at most ${L.opportunities} opportunities; remove some.`),
  dryRun,
}));

export const MAX_STAFF_LIST = 30;

export const staffBody = parsesTo<StaffChange>()(z.strictObject({
  /** The whole list as the page shows it: deputies may be added, renamed or left out (removed). */
  staff: z
    .array(
      z.strictObject({
        email: z.email('Enter an email address in the right format, like name@school.sch.uk.').max(254),
        name: line(120),
        role: z.enum(STAFF_ROLES, { error: `Choose a role: ${STAFF_ROLES.join(', ')}.` }),
      }),
    )
    .max(MAX_STAFF_LIST, `A school can have at most ${MAX_STAFF_LIST} people on its staff list.`),
}));

export type SettingsBody = z.input<typeof settingsBody>;
export type OpportunitiesBody = z.input<typeof opportunitiesBody>;
export type StaffBody = z.input<typeof staffBody>;

// Bank holidays from GOV.UK (issue 17, item 3). The rules stay in the domain
// (shared/domain/bank-holidays.ts); a platform admin loads bank-holidays.json (the admin
// API or `npm run bank-holidays -- --file bank-holidays.json`) and its differences from the
// rules are kept as one platform item, which every read of a school puts on its calendar.
// The answer, here and on the admin page, warns when the list ends within six months.
import { bankHolidayListWarning, publishedChanges } from '#shared/domain/bank-holidays.ts';
import { DomainError } from '#shared/domain/errors.ts';
import { londonDate } from '#shared/domain/timezone.ts';
import type { BankHoliday } from '#shared/domain/types.ts';
import { getBankHolidayList, putBankHolidayList, type StoredBankHolidays } from '#shared/store/bank-holidays.ts';
import type { Store } from '#shared/store/client.ts';

/** What the england-and-wales division holds, as GOV.UK words it. */
export interface BankHolidayEvents {
  division: string;
  events: { title: string; date: string }[];
}

function answerOf(list: StoredBankHolidays | undefined, now: Date) {
  const today = londonDate(now.toISOString());
  const warning = bankHolidayListWarning(list?.changes.until, today);
  return {
    ...(list ? { loaded: { loadedAt: list.loadedAt, loadedBy: list.loadedBy, from: list.changes.from, until: list.changes.until, events: list.events.length } } : {}),
    added: list?.changes.add ?? [],
    removed: list?.changes.remove ?? [],
    ...(warning ? { warning } : {}),
  };
}

export async function readBankHolidays(store: Store, now = new Date()) {
  return answerOf(await getBankHolidayList(store), now);
}

/** Replaces the loaded list with the file's england-and-wales events. */
export async function loadBankHolidays(store: Store, file: { 'england-and-wales': BankHolidayEvents }, by: string, now = new Date()) {
  const division = file['england-and-wales'];
  const seen = new Set<string>();
  const events: BankHoliday[] = [];
  for (const e of division.events) {
    if (seen.has(e.date)) continue; // GOV.UK lists each day once; a repeat adds nothing
    seen.add(e.date);
    events.push({ date: e.date, name: e.title });
  }
  const changes = publishedChanges(events);
  if (!changes) throw new DomainError('BANK_HOLIDAYS_UNREADABLE', 'The england-and-wales division lists no events. Download bank-holidays.json again from https://www.gov.uk/bank-holidays.json.');
  const list: StoredBankHolidays = { division: division.division, events, changes, loadedAt: now.toISOString(), loadedBy: by };
  await putBankHolidayList(store, list);
  return answerOf(list, now);
}

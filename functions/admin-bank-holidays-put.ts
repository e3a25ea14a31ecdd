// PUT /api/admin/bank-holidays (GOV.UK's bank-holidays.json as the JSON body, up to 512 KB):
// replaces the loaded list with its england-and-wales events; answers as the GET does.
// Platform admins only, from the site itself.
import { bankHolidaysFile, MAX_BANK_HOLIDAYS_BYTES, type BankHolidaysAnswer, type BankHolidaysFile } from '#shared/api/bank-holidays.ts';
import { httpHandler, type HttpResult } from '#functions/lib/http.ts';
import { storeFromEnv, type Store } from '#shared/usecases/store.ts';
import { loadBankHolidays } from '#shared/usecases/bank-holidays.ts';

export async function adminBankHolidaysPut(store: Store, adminEmail: string, file: BankHolidaysFile): Promise<HttpResult> {
  const body: BankHolidaysAnswer = await loadBankHolidays(store, file, adminEmail);
  return { status: 200, body };
}

export const handler = httpHandler({
  route: 'admin-bank-holidays-put',
  body: bankHolidaysFile,
  maxBodyBytes: MAX_BANK_HOLIDAYS_BYTES,
  run: ({ caller, body }) => adminBankHolidaysPut(storeFromEnv(), caller.session.email, body),
});

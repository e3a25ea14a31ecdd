// GET /api/admin/bank-holidays: the bank-holiday list GOV.UK published as last loaded (its
// dates, what it changes of the rules) and the warning when it ends within six months.
// Platform admins only.
import type { BankHolidaysAnswer } from '#shared/api/bank-holidays.ts';
import { httpHandler, type HttpResult } from '#functions/lib/http.ts';
import { storeFromEnv, type Store } from '#shared/usecases/store.ts';
import { readBankHolidays } from '#shared/usecases/bank-holidays.ts';

export async function adminBankHolidaysGet(store: Store): Promise<HttpResult> {
  const body: BankHolidaysAnswer = await readBankHolidays(store);
  return { status: 200, body };
}

export const handler = httpHandler({
  route: 'admin-bank-holidays-get',
  run: () => adminBankHolidaysGet(storeFromEnv()),
});

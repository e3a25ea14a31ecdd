// GOV.UK's bank-holidays.json (https://www.gov.uk/bank-holidays.json), as a platform admin
// loads it (issue 17, item 3): the england-and-wales division is read, the others (Scotland,
// Northern Ireland) are allowed and left alone. The answer says what the list changes of
// the rules and when it ends, with the warning when that is within six months.
import * as z from 'zod';
import { isoDate } from './fields.ts';
import type { BankHoliday, IsoDate } from '#shared/domain/types.ts';

/** The whole file is about 20 KB; room for many more years. */
export const MAX_BANK_HOLIDAYS_BYTES = 512 * 1024;

const event = z.object({
  title: z.string().trim().min(1, 'Each event needs a title.').max(200),
  date: isoDate,
  notes: z.string().max(500).optional(),
  bunting: z.boolean().optional(),
});

export const bankHolidaysFile = z.object(
  {
    'england-and-wales': z.object(
      {
        division: z.literal('england-and-wales', { error: 'The division must be "england-and-wales".' }),
        events: z.array(event).min(1, 'The england-and-wales division lists no events.').max(2000),
      },
      { error: 'The file needs the "england-and-wales" division of GOV.UK\'s bank-holidays.json.' },
    ),
  },
  { error: 'Send GOV.UK\'s bank-holidays.json, with its "england-and-wales" division.' },
);
export type BankHolidaysFile = z.infer<typeof bankHolidaysFile>;

/** GET and PUT /api/admin/bank-holidays. */
export interface BankHolidaysAnswer {
  /** The list loaded, if any: who loaded it, when, and the dates it covers. */
  loaded?: { loadedAt: string; loadedBy: string; from: IsoDate; until: IsoDate; events: number };
  /** One-off days the list adds to the rules, and regular days it moves away from. */
  added: BankHoliday[];
  removed: IsoDate[];
  /** Said when no list is loaded or it ends within six months. */
  warning?: string;
}

// `npm run bank-holidays -- --file bank-holidays.json`: loads GOV.UK's bank-holiday list
// (https://www.gov.uk/bank-holidays.json, its england-and-wales division) as a platform
// admin would through the admin API, and prints what it changes of the rules and when it
// ends. With no arguments, prints the list in force and any warning. On the table in
// TABLE_NAME or the local data in .data/.
import { readFile } from 'node:fs/promises';
import { bankHolidaysFile } from '#shared/api/bank-holidays.ts';
import { loadBankHolidays, readBankHolidays } from '#shared/usecases/bank-holidays.ts';
import { withCliStore } from './cli-store.ts';

const args = process.argv.slice(2);
const flag = args.indexOf('--file');
const path = flag === -1 ? undefined : args[flag + 1];
if ((args.length > 0 && !path) || (flag === -1 && args.length > 0)) {
  console.error('Usage: npm run bank-holidays   or   npm run bank-holidays -- --file bank-holidays.json');
  process.exit(1);
}
try {
  await withCliStore(async (store, where) => {
    let answer;
    if (path) {
      const parsed = bankHolidaysFile.safeParse(JSON.parse(await readFile(path, 'utf8')));
      if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `${i.path.join('.') || 'file'}: ${i.message}`).join('; '));
      answer = await loadBankHolidays(store, parsed.data, 'the command line');
    } else {
      answer = await readBankHolidays(store);
    }
    console.log(answer.loaded ? `Bank holidays from GOV.UK: ${answer.loaded.events} events, ${answer.loaded.from} to ${answer.loaded.until} (${where}).` : `No bank-holiday list loaded (${where}).`);
    for (const h of answer.added) console.log(`  adds ${h.date}: ${h.name}`);
    for (const d of answer.removed) console.log(`  removes ${d} (a regular day moved)`);
    if (answer.warning) console.log(`Warning: ${answer.warning}`);
  });
} catch (err) {
  console.error(`Could not load the bank holidays: ${(err as Error).message}`);
  process.exit(1);
}

// `npm run platform:settings -- --encounters-per-phase <n>`: the number of encounters each
// key phase needs, for every school (RULES.md: a setting of the platform, default 2;
// regulations may change it). With no arguments, prints the settings in force. On the
// table in TABLE_NAME or the local data in .data/.
import { z } from 'zod';
import { getPlatformSettings, putPlatformSettings } from '#shared/store/platform-settings.ts';
import { withCliStore } from './cli-store.ts';

const args = process.argv.slice(2);
const flag = args.indexOf('--encounters-per-phase');
const value = flag === -1 ? undefined : z.coerce.number().int().min(1).max(10).safeParse(args[flag + 1]);
if ((args.length > 0 && flag === -1) || (value && !value.success)) {
  console.error('Usage: npm run platform:settings   or   npm run platform:settings -- --encounters-per-phase <1 to 10>');
  process.exit(1);
}
try {
  await withCliStore(async (store, where) => {
    if (value?.success) await putPlatformSettings(store, { ...(await getPlatformSettings(store)), encountersPerPhase: value.data });
    const settings = await getPlatformSettings(store);
    console.log(`Encounters per key phase: ${settings.encountersPerPhase} (${where}).`);
  });
} catch (err) {
  console.error(`Could not change the platform settings: ${(err as Error).message}`);
  process.exit(1);
}

// `npm run platform:admin -- <email> "<name>"`: makes a person a platform admin (imports
// schools, invites careers leads), on the table in TABLE_NAME or the local data in .data/.
// They then sign in with their email as staff do. `--remove <email>` takes it away.
import { z } from 'zod';
import { putPlatformAdmin, removePlatformAdmin } from '#shared/store/platform-admins.ts';
import { withCliStore } from './cli-store.ts';

const args = process.argv.slice(2);
const remove = args[0] === '--remove';
const email = z.email().safeParse(remove ? args[1] : args[0]);
const name = (remove ? '' : (args[1] ?? '')).trim();
if (!email.success || (!remove && !name)) {
  console.error('Usage: npm run platform:admin -- <email> "<name>"   or   npm run platform:admin -- --remove <email>');
  process.exit(1);
}
try {
  await withCliStore(async (store, where) => {
    if (remove) await removePlatformAdmin(store, email.data);
    else await putPlatformAdmin(store, { email: email.data, name, addedAt: new Date().toISOString() });
    console.log(`${email.data} is ${remove ? 'no longer' : 'now'} a platform admin (${where}).`);
  });
} catch (err) {
  console.error(`Could not change the platform admins: ${(err as Error).message}`);
  process.exit(1);
}

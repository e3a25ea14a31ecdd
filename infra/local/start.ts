// `npm start`: the whole product locally, with demo data, until Ctrl-C.
import { join } from 'node:path';
import { localLog } from './console-log.ts';
import { DEMO_CAREERS_LEAD } from './demo-data.ts';
import { JavaMissingError } from './java.ts';
import { REPO_ROOT } from './server.ts';
import { startLocalStack } from './stack.ts';

const port = Number(process.env.PORT ?? 3000);
const log = localLog();

try {
  console.log('Starting DynamoDB Local, the SES emulator and the site…');
  const stack = await startLocalStack({ dataDir: join(REPO_ROOT, '.data', 'dynamodb'), hashKeyFile: join(REPO_ROOT, '.data', 'hash-key'), port, seed: true, demoWorkspace: true, log });
  const seeded = stack.seeded?.created.length ? `demo trust created (${stack.seeded.created.length} schools)` : 'demo data kept from the last run';
  console.log(`
Provider access is running (${seeded}).

  Site:               ${stack.siteUrl}
  Email inbox:        ${stack.inboxUrl}   (every email the service sends lands here)
  Health:             ${stack.siteUrl}/api/health
  Demo careers lead:  ${DEMO_CAREERS_LEAD}

Data is kept in .data/ between runs (delete the folder to start afresh). Ctrl-C stops everything.
`);
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping…');
    await stack.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
} catch (err) {
  if (err instanceof JavaMissingError) {
    console.error(`\n${err.message}\n`);
    process.exit(err.exitCode);
  }
  console.error(`\nCould not start: ${(err as Error).message}\n`);
  process.exit(1);
}

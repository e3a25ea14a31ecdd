// `cdk synth` / `cdk deploy` (cdk.json runs this with `node`, type stripping). Builds web/dist first when it
// is missing, so the BucketDeployment always has a site to upload.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './bundling.ts';
import { ConfigError } from './config.ts';
import { createApp } from './create-app.ts';

const webDist = join(REPO_ROOT, 'web', 'dist');
if (!existsSync(join(webDist, 'index.html'))) {
  console.error('web/dist has no index.html: building the site first (node web/build.ts)…');
  const { buildWeb } = await import('../web/build.ts');
  try {
    await buildWeb({ log: (line) => console.error(line) });
  } catch (err) {
    console.error('The web build failed, so there is no site to deploy. Fix it and run `npm run build:web`.\n', err);
    process.exit(1);
  }
}

try {
  createApp({ webDist }).app.synth();
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(`${err.message}\n\nExample: npm run deploy -- -c senderAddress=no-reply@example.org -c alarmEmail=ops@example.org`);
    process.exit(1);
  }
  throw err;
}

// The second half of `npm run test:live`: the extension-host suite's session cases
// (test/integration/live.test.ts) against a real QuickBlox application, in code-server like the
// integration tier. Without QB_LIVE_APP_ID, QB_LIVE_AUTH_KEY and QB_LIVE_AUTH_SECRET it prints one
// line and exits 0; their values are passed on in the environment and never printed.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const missing = ['QB_LIVE_APP_ID', 'QB_LIVE_AUTH_KEY', 'QB_LIVE_AUTH_SECRET'].filter((name) => !process.env[name]);
if (missing.length) {
  console.log(`live (extension host): skipped: set ${missing.join(', ')} to run the session cases against your QuickBlox application`);
  process.exit(0);
}
const run = spawnSync(process.execPath, [path.join(__dirname, '..', 'test', 'harness', 'runIntegration.js')], {
  stdio: 'inherit',
  env: { ...process.env, QB_LIVE_SUITE: '1' },
});
process.exit(run.status ?? 1);

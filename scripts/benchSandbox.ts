// Runs the sandbox in its own process for the benchmark and reports its URL over IPC.
import { startSandbox } from '../test/sandbox/server';

void startSandbox({ port: 0 }).then((sandbox) => {
  process.send?.({ url: sandbox.url, app: sandbox.fixtures.apps[0] });
  process.on('disconnect', () => {
    void sandbox.close().then(() => process.exit(0));
  });
});

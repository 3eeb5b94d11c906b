/**
 * The sandbox as the packaged extension ships it: scripts/build.mjs bundles this file into
 * dist/sandbox.js, which "QuickBlox: Start Local Sandbox" loads on its first run. It listens on
 * 127.0.0.1 only, on a free port, with the demo fixtures; it has no control API (`/_sandbox/...`
 * is an unknown path), so no fault, clock offset or behaviour switch can be set, and it answers only
 * requests addressed to its own loopback host and port. Like the rest of the sandbox it imports
 * nothing from src/ (scripts/check-boundaries.mjs fails the lint if it did).
 */
import { defaultFixtures } from './fixtures';
import { startSandbox } from './server';

/** The made-up demo application a profile signs in to the sandbox with, and one of its users. */
export interface DemoApplication {
  applicationId: string;
  authKey: string;
  authSecret: string;
  user: { login: string; password: string };
}

/** A running shipped sandbox: where it listens, what to sign in with, and how to stop it. */
export interface LocalSandboxServer {
  /** `http://127.0.0.1:PORT`. */
  url: string;
  /** `127.0.0.1:PORT`. */
  host: string;
  port: number;
  demo: DemoApplication;
  /** Closes the server and every open connection. */
  close(): Promise<void>;
}

export async function startLocalSandbox(): Promise<LocalSandboxServer> {
  const fixtures = defaultFixtures();
  const sandbox = await startSandbox({ host: '127.0.0.1', port: 0, fixtures, controlApi: false, checkHostHeader: true });
  const [app] = fixtures.apps;
  const [user] = app.users;
  return {
    url: sandbox.url,
    host: `127.0.0.1:${sandbox.port}`,
    port: sandbox.port,
    demo: { applicationId: String(app.applicationId), authKey: app.authKey, authSecret: app.authSecret, user: { login: user.login, password: user.password } },
    close: () => sandbox.close(),
  };
}

import type { LocalSandboxServer } from '../../test/sandbox/shipped';

// The one way from src/ to the sandbox's sources (scripts/check-boundaries.mjs allows no other).
export type { DemoApplication, LocalSandboxServer } from '../../test/sandbox/shipped';

let loaded = false;

/**
 * Loads the sandbox file (dist/sandbox.js, built from test/sandbox/shipped.ts) and starts it. The
 * file is read only now, on the first start: activation and every other command leave it alone.
 */
export function startSandboxFile(): Promise<LocalSandboxServer> {
  // Left unbundled on purpose (scripts/build.mjs marks it external): a separate file, read only now.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const file = require('./sandbox.js') as typeof import('../../test/sandbox/shipped');
  loaded = true;
  return file.startLocalSandbox();
}

/** Whether the sandbox file has been loaded in this extension host. */
export function sandboxFileLoaded(): boolean {
  return loaded;
}

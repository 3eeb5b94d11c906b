/**
 * `npm run sandbox`: the sandbox as a local QuickBlox stand-in for developers.
 *   node out/test/sandbox/main.js [--port N] [--host H]
 */
import { CONTROL_PATHS } from './control';
import { defaultFixtures, type SandboxFixtures } from './fixtures';
import { startSandbox, type RequestLogEntry, type Sandbox } from './server';

const DEFAULT_PORT = 3090;

interface CliOptions {
  port: number;
  host: string;
}

class UsageError extends Error {}

function parsePort(text: string | undefined, source: string): number {
  const port = Number(text);
  if (text === undefined || text.trim() === '' || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`${source} must be a port number from 0 to 65535 (0 = any free port), got ${JSON.stringify(text ?? '')}`);
  }
  return port;
}

export function parseArgs(argv: string[], env: NodeJS.ProcessEnv): CliOptions {
  const options: CliOptions = {
    port: env.QB_SANDBOX_PORT ? parsePort(env.QB_SANDBOX_PORT, 'QB_SANDBOX_PORT') : DEFAULT_PORT,
    host: '127.0.0.1',
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = (): string | undefined => (inline !== undefined ? inline : argv[++i]);
    if (flag === '--port') options.port = parsePort(value(), '--port');
    else if (flag === '--host') {
      const host = value();
      if (!host) throw new UsageError('--host needs a value, e.g. --host 127.0.0.1');
      options.host = host;
    } else if (flag === '--help' || flag === '-h') throw new UsageError('');
    else throw new UsageError(`unknown option ${flag}`);
  }
  return options;
}

const USAGE = `Usage: node out/test/sandbox/main.js [--port N] [--host H]
  --port N   port to listen on (default: $QB_SANDBOX_PORT or ${DEFAULT_PORT}; 0 = any free port)
  --host H   address to listen on (default: 127.0.0.1)`;

export function banner(sandbox: Sandbox, fixtures: SandboxFixtures): string {
  const lines = [`QuickBlox sandbox listening on ${sandbox.url}`, '', 'Demo credentials (all made up):'];
  for (const app of fixtures.apps) {
    const user = app.customIdentityProvider?.identities[0] ?? app.users[0];
    lines.push(
      `  app "${app.name}"${app.customIdentityProvider ? ' (custom identity provider)' : ''}`,
      `    application id  ${app.applicationId}`,
      `    auth key        ${app.authKey}`,
      `    auth secret     ${app.authSecret}`,
      `    account key     ${app.accountKey}`,
      ...(user ? [`    user            ${user.login} / ${user.password}`] : []),
    );
  }
  lines.push(
    '',
    'Control API (JSON):',
    `  GET    ${CONTROL_PATHS.health}`,
    `  GET    ${CONTROL_PATHS.faults}    POST a fault or an array of faults; DELETE clears them`,
    `  POST   ${CONTROL_PATHS.clock}     {"offsetSeconds": n}`,
    `  POST   ${CONTROL_PATHS.behaviour} {"needUserStatus": 403, "tokenFormat": "jwt", "sessionShape": {...}, "apiEndpoint": url}`,
    `  GET    ${CONTROL_PATHS.requests}`,
    `  GET    ${CONTROL_PATHS.sessions}`,
    `  POST   ${CONTROL_PATHS.reset}`,
    '',
    'Ctrl+C stops it.',
  );
  return lines.join('\n');
}

function logLine(entry: RequestLogEntry): string {
  return `${new Date().toISOString()} ${entry.method} ${entry.path} ${entry.status ?? 'no-answer'} ${entry.ms}ms`;
}

async function main(): Promise<number> {
  let options: CliOptions;
  try {
    options = parseArgs(process.argv.slice(2), process.env);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    if (err.message) console.error(`sandbox: ${err.message}`);
    console.error(USAGE);
    return err.message ? 2 : 0;
  }
  const fixtures = defaultFixtures();
  let sandbox: Sandbox;
  try {
    sandbox = await startSandbox({ ...options, fixtures, onRequest: (e) => console.log(logLine(e)) });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      console.error(
        `sandbox: port ${options.port} on ${options.host} is already in use. Start it on another port with --port N (or QB_SANDBOX_PORT=N); --port 0 picks a free one.`,
      );
    } else if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EACCES') {
      console.error(`sandbox: cannot listen on ${options.host}:${options.port} (${code}). Change --host or --port.`);
    } else {
      console.error(`sandbox: could not start: ${(err as Error).message}`);
    }
    return 1;
  }
  console.log(banner(sandbox, fixtures));
  await new Promise<void>((resolve) => {
    const stop = (signal: string): void => {
      console.log(`\n${signal}: stopping the sandbox`);
      resolve();
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  await sandbox.close();
  return 0;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error('sandbox: unexpected failure', err);
      process.exit(1);
    },
  );
}

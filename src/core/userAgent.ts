import { name, version } from '../../package.json';

/** `quickblox-sessions/0.1.0 (Node.js v20.11.1; linux)`; the VS Code layer may append its own part. */
export function defaultUserAgent(): string {
  return `${name}/${version} (Node.js ${process.version}; ${process.platform})`;
}

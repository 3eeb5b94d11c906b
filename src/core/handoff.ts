import { ShellQuoteError, shellQuote, type Shell } from './shellQuote';

/** The header every QuickBlox REST call carries. */
export function tokenHeader(token: string): string {
  return `QB-Token: ${token}`;
}

/**
 * A cURL command that retrieves the session (`GET /session.json`), ready to paste into `shell`.
 *
 * `program` is the command's first word, written bare. It is `curl` unless the caller knows better:
 * Windows PowerShell 5.1 runs Invoke-WebRequest for `curl` (an alias), where `curl.exe` names the
 * real program, but on Linux and macOS there is no alias and no `curl.exe`. Only the caller can
 * guess where the text will be pasted, so it passes `curl.exe` when it means Windows.
 */
export function curlCommand(endpoint: string, token: string, shell: Shell, program = 'curl'): string {
  if (!/^[A-Za-z0-9_][A-Za-z0-9._-]*$/.test(program)) throw new Error('The program of a cURL command must be a plain name such as curl or curl.exe.');
  const url = `${endpoint.replace(/\/+$/, '')}/session.json`;
  const words = [url, 'Accept: application/json', tokenHeader(token)];
  // Windows PowerShell 5.1 and pwsh before 7.3 drop double quotes from arguments they pass to a program.
  if (shell === 'powershell' && words.some((word) => word.includes('"'))) {
    throw new ShellQuoteError(
      shell,
      '"',
      'A cURL command for PowerShell cannot hold a double quote ("): PowerShell before 7.3 drops it from the arguments it passes to curl.',
    );
  }
  const [quotedUrl, accept, header] = words.map((word) => shellQuote(word, shell));
  return `${program} -sS ${quotedUrl} -H ${accept} -H ${header}`;
}

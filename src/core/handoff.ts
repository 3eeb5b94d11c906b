/** The header every QuickBlox REST call carries. */
export function tokenHeader(token: string): string {
  return `QB-Token: ${token}`;
}

/** Quotes text for POSIX shells (and PowerShell): single quotes, with embedded ones closed and reopened. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** A cURL command that retrieves the session (`GET /session.json`), ready to paste into a terminal. */
export function curlCommand(endpoint: string, token: string): string {
  const url = `${endpoint.replace(/\/+$/, '')}/session.json`;
  return `curl -sS ${shellQuote(url)} -H ${shellQuote('Accept: application/json')} -H ${shellQuote(tokenHeader(token))}`;
}

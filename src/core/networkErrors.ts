/** TLS failures: the certificate is not trusted; checks are never switched off to get past them. */
const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'EPROTO',
]);

/** One sentence for a failed connection, naming the host and what to check. */
export function describeNetworkError(code: string | undefined, host: string): string {
  switch (code) {
    case 'ECONNREFUSED':
      return `Connection refused by ${host}: check the endpoint's host and port, and that the server is running.`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
      return `The host ${host} could not be found: check the endpoint for typos, or your DNS and proxy settings.`;
    case 'ECONNRESET':
    case 'EPIPE':
    case 'ERR_STREAM_PREMATURE_CLOSE':
      return `The connection to ${host} was closed or reset before the response was complete: try again, and check any proxy in between.`;
    case 'ETIMEDOUT':
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
      return `${host} could not be reached (${code}): check your network connection and proxy settings.`;
    default:
      if (code && TLS_CODES.has(code)) {
        return `The TLS certificate of ${host} is not trusted (${code}): use the service's real https address, or add its certificate authority to your system's trusted certificates.`;
      }
      return `The request to ${host} failed${code ? ` (${code})` : ''}: check the endpoint and your network or proxy settings.`;
  }
}

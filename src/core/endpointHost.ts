import { domainToUnicode } from 'node:url';
import { isLoopback } from './validate';

/** What a profile's endpoint host is, as far as sending credentials to it goes. */
export interface EndpointHost {
  /** The host as the URL parser writes it (lower case, international names in `xn--` form), with its port. */
  host: string;
  /** `quickblox`: QuickBlox's own domain (`quickblox.com` and below); `loopback`: this computer; `other`: anything else. */
  kind: 'quickblox' | 'loopback' | 'other';
  /**
   * Why an `other` host may be mistaken for QuickBlox's: `confusable` (letters that look alike,
   * `api.quickbIox.com`), `suffix` (QuickBlox's name followed by someone else's domain,
   * `api.quickblox.com.example.io`), `international` (letters from other scripts, shown in `unicode`).
   */
  lookalike?: 'confusable' | 'suffix' | 'international';
  /** The international form of an `xn--` host. */
  unicode?: string;
  /** The last two labels of the host name: whose domain it is, roughly. */
  domain: string;
}

const QUICKBLOX_DOMAIN = 'quickblox.com';

/** Classifies the host of an endpoint that `normalizeEndpoint` accepted. */
export function describeEndpointHost(endpoint: string): EndpointHost {
  const url = new URL(endpoint);
  const hostname = url.hostname.replace(/\.$/, '');
  const domain = hostname.split('.').slice(-2).join('.');
  const base = { host: url.host, domain };
  if (isLoopback(hostname)) return { ...base, kind: 'loopback' };
  if (hostname === QUICKBLOX_DOMAIN || hostname.endsWith(`.${QUICKBLOX_DOMAIN}`)) return { ...base, kind: 'quickblox' };
  if (hostname.split('.').some((label) => label.startsWith('xn--'))) {
    return { ...base, kind: 'other', lookalike: 'international', unicode: domainToUnicode(hostname) };
  }
  if (hostname.includes(`${QUICKBLOX_DOMAIN}.`)) return { ...base, kind: 'other', lookalike: 'suffix' };
  if (skeleton(hostname).includes(skeleton('quickblox'))) return { ...base, kind: 'other', lookalike: 'confusable' };
  return { ...base, kind: 'other' };
}

/** Letters that read alike folded together (`I`, `l`, `1`; `0`, `o`; `rn`, `m`; `vv`, `w`), hyphens dropped. */
function skeleton(hostname: string): string {
  return hostname
    .replace(/-/g, '')
    .replace(/rn/g, 'm')
    .replace(/vv/g, 'w')
    .replace(/[i1|!]/g, 'l')
    .replace(/0/g, 'o');
}

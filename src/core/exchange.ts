/** What was sent, with every secret masked: safe to show and to log. */
export interface RequestRecord {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** The JSON body as sent, secrets masked; absent for requests without a body. */
  body?: unknown;
  /** The sorted string-to-sign, secrets masked (create-session only). */
  stringToSign?: string;
}

/** What came back, as received. */
export interface ResponseRecord {
  status: number;
  statusText: string;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: string;
  durationMs: number;
}

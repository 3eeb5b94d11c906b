import { cell, code, fenced, prose } from './markdown';
import type { ComparisonRow, DiagnosisVerdict, FindingCode, SignatureDiagnosis } from './signatureDiagnosis';
import { MAX_SIGNATURE_CANDIDATES } from './signatureSearch';
import { SENT_FORM_NAMES } from './sentRequest';

/**
 * The Markdown document of a signature diagnosis: the verdict first, then the findings, the
 * parameters as sent, the correct string-to-sign beside the one the developer's code signed, and
 * the signatures. It shows only what the diagnosis holds, whose secret values are already masked;
 * everything that came from the pasted text is written so that it renders as text, never as a
 * link, an image or formatting.
 */

export interface DiagnosisHeading {
  title: string;
  profileName: string;
  endpoint: string;
}

const VERDICTS: Record<DiagnosisVerdict, { label: string; sentence: string }> = {
  correct: {
    label: 'correct',
    sentence:
      'The sent signature is the one QuickBlox expects for these parameters; if QuickBlox still refuses the request, the findings say what else to check.',
  },
  explained: {
    label: 'explained',
    sentence: 'The mistakes below reproduce the sent signature exactly; fix them and it will be the one QuickBlox expects.',
  },
  unexplained: {
    label: 'unexplained',
    sentence: "None of the usual mistakes, alone or combined, reproduces the sent signature with this profile's auth secret.",
  },
  no_signature: {
    label: 'no signature',
    sentence: 'The text holds no request signature that could be checked.',
  },
};

export const FINDING_LABELS: Record<FindingCode, string> = {
  wrong_parameter_name: 'Wrong parameter name',
  unsigned_parameters: 'Parameters left unsigned',
  url_encoded_values: 'URL-encoded text signed',
  sorted_by_name: 'Sorted by name',
  unsorted: 'Not sorted',
  wrong_hash: 'Wrong hash',
  digest_format: 'Digest format',
  trailing_newline: 'Trailing newline',
  timestamp_milliseconds: 'Timestamp in milliseconds',
  nonce_mismatch: 'Nonce differs',
  timestamp_mismatch: 'Timestamp differs',
  wrong_key: 'Wrong HMAC key',
  different_value: 'Value differs',
  unsent_parameters: 'Parameters signed but not sent',
  secret_in_string: 'Auth secret in the signed string',
  duplicate_parameter: 'Parameter sent twice',
  missing_parameters: 'Parameters missing',
  unread_data: 'Data not in the text',
  clock: 'Clock',
  nonce_reuse: 'Nonce reuse',
  other_application: 'Another application',
  different_secret: 'Different auth secret',
  not_searchable: 'What cannot be searched',
  signature_length: 'Signature length',
  signed_string_mismatch: 'The string you gave',
  no_signature: 'No signature',
};

/** Examples of each form understood, for a text that was none of them. */
const FORM_EXAMPLES: ReadonlyArray<[string, string]> = [
  [
    'A JSON body',
    '{"application_id": "76730", "auth_key": "…", "nonce": "7334", "timestamp": "1567349756", "user": {"login": "…", "password": "…"}, "signature": "…"}',
  ],
  ['A form-encoded body', 'application_id=76730&auth_key=…&nonce=7334&timestamp=1567349756&user%5Blogin%5D=…&signature=…'],
  ['A URL with a query string', 'https://api.quickblox.com/session.json?application_id=76730&…&signature=…'],
  ['A cURL command', "curl -X POST https://api.quickblox.com/session.json -H 'Content-Type: application/json' -d '{…}'"],
  ['An Android SDK request log', 'PARAMETERS, then one name=value a line, signature=… among them (or the INLINE line)'],
  ['A JavaScript SDK request log', "[Request][1] POST https://api.quickblox.com/session.json { application_id: 76730, …, signature: '…' }"],
];

const LABEL_SIGNS = 'QuickBlox signs:  ';
const LABEL_SIGNED = 'Your code signed: ';
const LABEL_GIVEN = 'You gave:         ';
/** A caret is drawn under the first difference only when it falls within this many characters. */
const CARET_WITHIN = 400;

export function renderSignatureDiagnosis(result: SignatureDiagnosis, heading: DiagnosisHeading): string {
  const lines: string[] = [`# ${prose(heading.title)}`, ''];
  const about = [`Profile **${prose(heading.profileName)}**`, `endpoint ${code(visible(heading.endpoint))}`];
  if (result.form) about.push(`read as ${SENT_FORM_NAMES[result.form]}`);
  lines.push(about.join(' · '));
  const verdict = VERDICTS[result.verdict];
  lines.push('', `**Verdict: ${verdict.label}.** ${verdict.sentence}`);

  if (result.findings.length > 0) {
    lines.push('', '## Findings', '');
    for (const item of result.findings) lines.push(`- **${FINDING_LABELS[item.code] ?? prose(item.code)}**: ${prose(item.message)}`);
  }

  if (result.parameters.length > 0) {
    lines.push('', '## Parameters as sent', '', 'In the order sent, the signature apart; secret values are masked.', '');
    lines.push('| # | Parameter | Value | Note |', '| --- | --- | --- | --- |');
    result.parameters.forEach((parameter, index) => {
      const value = parameter.value === '' ? '_(empty)_' : code(visible(parameter.value));
      const notes = [parameter.masked ? 'masked' : '', parameter.encoded ? 'sent URL-encoded, shown decoded' : ''].filter((note) => note !== '');
      lines.push(`| ${index + 1} | ${cell(code(visible(parameter.name)))} | ${cell(value)} | ${notes.join('; ')} |`);
    });
  }

  if (result.expected.stringToSign !== '') lines.push(...stringSection(result));
  lines.push(...signatureSection(result));

  if (result.tried && result.tried.length > 0) {
    lines.push('', '## What was tried', '');
    for (const item of result.tried) lines.push(`- ${prose(item)}`);
  }
  if (result.verdict === 'no_signature') {
    lines.push('', '## Forms understood', '');
    for (const [label, example] of FORM_EXAMPLES) lines.push(`- ${label}: ${code(example)}`);
  }
  lines.push('');
  return lines.join('\n');
}

function stringSection(result: SignatureDiagnosis): string[] {
  const lines = ['', '## String to sign', ''];
  lines.push(
    'QuickBlox signs every parameter but the signature, values raw, sorted by the whole `name=value` text and joined with `&`; secret values are masked here.',
    '',
  );
  const theirs = result.signedString;
  const rows = result.comparison;
  if (theirs === undefined && rows === undefined) {
    lines.push(...fenced(visible(result.expected.stringToSign), 'text'));
    return lines;
  }
  const label = theirs !== undefined ? LABEL_SIGNED : LABEL_GIVEN;
  const expected = visible(result.expected.stringToSign);
  const block = [LABEL_SIGNS + expected];
  if (theirs !== undefined) {
    const signed = visible(theirs);
    block.push(label + signed);
    const at = firstDifference(expected, signed);
    if (at >= 0 && at <= CARET_WITHIN) block.push(' '.repeat(LABEL_SIGNS.length + at) + '^ first difference');
  }
  lines.push(...fenced(block.join('\n'), 'text'));
  if (rows && rows.length > 0) {
    const signedHeading = theirs !== undefined ? 'Your code signed' : 'The string you gave';
    lines.push('', 'Parameter by parameter: ✗ differs, ↕ stands elsewhere in the order, blank: the same.', '');
    lines.push(`| | # | QuickBlox signs | # | ${signedHeading} |`, '| --- | --- | --- | --- | --- |');
    for (const row of rows) lines.push(comparisonRow(row));
  }
  return lines;
}

function comparisonRow(row: ComparisonRow): string {
  const mark = row.differs ? '✗' : row.moved ? '↕' : '';
  const side = (text: string | undefined): string => (text === undefined ? '_(not signed)_' : cell(code(visible(text))));
  const position = (value: number | undefined): string => (value === undefined ? '' : String(value));
  return `| ${mark} | ${position(row.expectedPosition)} | ${side(row.expected)} | ${position(row.signedPosition)} | ${side(row.signed)} |`;
}

function signatureSection(result: SignatureDiagnosis): string[] {
  const lines = ['', '## Signature', ''];
  if (result.sentSignature !== undefined) lines.push(`- Sent: ${code(visible(result.sentSignature))}`);
  if (result.expected.signature !== '') {
    lines.push(
      `- Expected: ${code(result.expected.signature)} (${result.expected.algorithm} of the string QuickBlox signs, as lowercase hexadecimal, keyed with the auth secret, which is never sent)`,
    );
  }
  lines.push(`- HMACs computed: ${result.candidatesTried} (at most ${MAX_SIGNATURE_CANDIDATES})`);
  return lines;
}

function firstDifference(a: string, b: string): number {
  const end = Math.min(a.length, b.length);
  for (let i = 0; i < end; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : end;
}

// eslint-disable-next-line no-control-regex
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Pasted text with its line breaks, control and invisible characters written as escapes, so that it reads as it is. */
function visible(text: string): string {
  return String(text).replace(HIDDEN, (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}

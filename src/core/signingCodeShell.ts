import { stringLiteral } from './signingCodeLiterals';
import { AUTH_KEY, AUTH_SECRET, headerLines, isOptional, parameterName, type PlanParameter, type SnippetPlan } from './signingCodePlan';

const q = (text: string): string => stringLiteral('shell', text);

/** Inside the double quotes of the parameter list: a variable, or fixed text (never quotes or `$`). */
function valueOf(parameter: PlanParameter): string {
  if ('env' in parameter.value) return `$${parameter.value.env.name}`;
  if (!/^[A-Za-z0-9_]*$/.test(parameter.value.text)) throw new TypeError(`A fixed value must be letters, digits or _: ${parameter.value.text}`);
  return parameter.value.text;
}

/** POSIX sh with curl (7.76 or newer, for --fail-with-body) and openssl. */
export function shellCode(plan: SnippetPlan): string {
  const header = headerLines(plan, 'The body is sent form-encoded (user[login]=…), which QuickBlox reads as it reads the nested JSON the extension sends.');
  const checks = plan.env.map((env) => (env.optional ? `optional ${env.name}` : `require ${env.name} ${q(env.what)}`));
  const required = plan.parameters.filter((parameter) => !isOptional(parameter)).map((parameter) => `${parameterName(parameter)}=${valueOf(parameter)}`);
  const optional = plan.parameters
    .filter(isOptional)
    .flatMap((parameter) => [
      `if [ -n "${valueOf(parameter)}" ]; then`,
      '  params="$params${newline}' + `${parameterName(parameter)}=${valueOf(parameter)}"`,
      'fi',
    ]);
  return [
    '#!/bin/sh',
    ...header.map((line) => `# ${line}`),
    '# openssl takes the auth secret on its command line, where other users of this machine may see it',
    '# (ps) while it runs: run this where that does not matter.',
    'set -eu',
    '',
    `APPLICATION_ID=${q(plan.applicationId)}`,
    `ENDPOINT=${q(plan.endpoint)}`,
    '',
    "newline='",
    "'",
    '# A value is one line: the parameters are sorted line by line.',
    'one_line() {',
    '  eval "value=\\${$1-}"',
    '  case $value in',
    '    *"$newline"*) printf \'The environment variable %s holds a line break, which this script cannot send.\\n\' "$1" >&2; exit 2 ;;',
    '  esac',
    '}',
    'require() {',
    '  eval "value=\\${$1-}"',
    '  if [ -z "$value" ]; then',
    '    printf \'Missing environment variable %s: set it to %s.\\n\' "$1" "$2" >&2',
    '    exit 2',
    '  fi',
    '  one_line "$1"',
    '}',
    'optional() {',
    '  eval "$1=\\${$1-}"',
    '  one_line "$1"',
    '}',
    '# Every byte as %XX, which every form decoder reads back exactly.',
    'form_encode() {',
    "  printf '%s' \"$1\" | od -An -v -tx1 | tr -d ' \\n' | sed 's/../%&/g'",
    '}',
    '',
    ...checks,
    '',
    'timestamp=$(date +%s) # Unix time in seconds',
    'nonce=$(( 0x$(openssl rand -hex 4) % 2147483647 + 1 )) # cryptographically random',
    '',
    '# Every parameter as name=value, one a line, nested ones named parent[child], values raw.',
    `params="application_id=$APPLICATION_ID`,
    `auth_key=$${AUTH_KEY.name}`,
    'nonce=$nonce',
    'timestamp=$timestamp' + (required.length ? '' : '"'),
    ...required.map((line, index) => (index === required.length - 1 ? `${line}"` : line)),
    ...optional,
    '',
    '# The signature: every parameter but signature itself, sorted (byte order), joined with "&",',
    "# HMAC-SHA1 of exactly that text (printf '%s': no newline added) with the auth secret as key,",
    '# lowercase hex.',
    "string_to_sign=$(printf '%s\\n' \"$params\" | LC_ALL=C sort | paste -sd '&' -)",
    `signature=$(printf '%s' "$string_to_sign" | openssl dgst -sha1 -hmac "$${AUTH_SECRET.name}" | sed 's/^.*= //')`,
    '',
    'form=$(printf \'%s\\n\' "$params${newline}signature=$signature" | while IFS= read -r pair; do',
    '  printf \'%s=%s\\n\' "$(form_encode "${pair%%=*}")" "$(form_encode "${pair#*=}")"',
    "done | paste -sd '&' -)",
    '',
    'printf \'%s\' "$form" | curl -sS --fail-with-body --max-time 30 -X POST \\',
    "  -H 'Content-Type: application/x-www-form-urlencoded' -H 'Accept: application/json' \\",
    '  --data-binary @- -w \'\\n\' "$ENDPOINT/session.json" || exit 1',
    '',
  ].join('\n');
}

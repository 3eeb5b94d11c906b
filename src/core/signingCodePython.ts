import { stringLiteral } from './signingCodeLiterals';
import { AUTH_KEY, AUTH_SECRET, groupedRequired, headerLines, isOptional, type PlanParameter, type SnippetPlan } from './signingCodePlan';

const q = (text: string): string => stringLiteral('python', text);

function valueOf(parameter: PlanParameter): string {
  return 'env' in parameter.value ? parameter.value.env.snake : q(parameter.value.text);
}

/** Python 3.6 and newer, standard library only. */
export function pythonCode(plan: SnippetPlan): string {
  const header = headerLines(plan, 'The body is sent as JSON with nested objects ("user": {"login": …}), as the extension sends it.');
  const reads = plan.env.map((env) => `${env.snake} = from_env(${q(env.name)}, ${q(env.what)}${env.optional ? ', optional=True' : ''})`);
  const body = groupedRequired(plan.parameters).map((entry) =>
    entry.members
      ? `    ${q(entry.name)}: {${entry.members.map((member) => `${q(member.key)}: ${valueOf(member)}`).join(', ')}},`
      : `    ${q(entry.name)}: ${valueOf(entry.parameter as PlanParameter)},`,
  );
  const optional = plan.parameters
    .filter(isOptional)
    .flatMap((parameter) => [
      `if ${valueOf(parameter)} != "":`,
      `    params${parameter.group === undefined ? '' : `[${q(parameter.group)}]`}[${q(parameter.key)}] = ${valueOf(parameter)}`,
    ]);
  return [
    '#!/usr/bin/env python3',
    ...header.map((line) => `# ${line}`),
    'import hashlib',
    'import hmac',
    'import json',
    'import os',
    'import secrets',
    'import sys',
    'import time',
    'import urllib.error',
    'import urllib.request',
    '',
    `APPLICATION_ID = ${q(plan.applicationId)}`,
    `ENDPOINT = ${q(plan.endpoint)}`,
    '',
    '',
    'def from_env(name, what, optional=False):',
    '    value = os.environ.get(name, "")',
    '    if value == "" and not optional:',
    '        print(f"Missing environment variable {name}: set it to {what}.", file=sys.stderr)',
    '        sys.exit(2)',
    '    return value',
    '',
    '',
    'def signed_pairs(params, prefix=""):',
    '    """Every parameter as name=value, nested ones named parent[child], values raw (not URL-encoded)."""',
    '    for name, value in params.items():',
    '        key = f"{prefix}[{name}]" if prefix else name',
    '        if isinstance(value, dict):',
    '            yield from signed_pairs(value, key)',
    '        else:',
    '            yield f"{key}={value}"',
    '',
    '',
    ...reads,
    '',
    'params = {',
    '    "application_id": APPLICATION_ID,',
    `    "auth_key": ${AUTH_KEY.snake},`,
    '    "nonce": str(secrets.randbelow(2**31 - 1) + 1),  # cryptographically random',
    '    "timestamp": str(int(time.time())),  # Unix time in seconds',
    ...body,
    '}',
    ...optional,
    '',
    '# The signature: every parameter but signature itself, sorted, joined with "&", HMAC-SHA1 with',
    '# the auth secret as key, lowercase hex.',
    'string_to_sign = "&".join(sorted(signed_pairs(params)))',
    `params["signature"] = hmac.new(${AUTH_SECRET.snake}.encode("utf-8"), string_to_sign.encode("utf-8"), hashlib.sha1).hexdigest()`,
    '',
    'request = urllib.request.Request(',
    '    ENDPOINT + "/session.json",',
    '    data=json.dumps(params).encode("utf-8"),',
    '    headers={"Content-Type": "application/json", "Accept": "application/json"},',
    '    method="POST",',
    ')',
    'try:',
    '    with urllib.request.urlopen(request, timeout=30) as response:',
    '        print(response.read().decode("utf-8"))',
    'except urllib.error.HTTPError as error:',
    '    print(error.read().decode("utf-8"))',
    '    sys.exit(1)',
    'except urllib.error.URLError as error:',
    '    print(f"No answer from {ENDPOINT}: {error.reason}", file=sys.stderr)',
    '    sys.exit(1)',
    '',
  ].join('\n');
}

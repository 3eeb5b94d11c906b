import { stringLiteral } from './signingCodeLiterals';
import { AUTH_KEY, AUTH_SECRET, groupedRequired, headerLines, isOptional, type PlanParameter, type SnippetPlan } from './signingCodePlan';

const q = (text: string): string => stringLiteral('javascript', text);

function valueOf(parameter: PlanParameter): string {
  return 'env' in parameter.value ? parameter.value.env.camel : q(parameter.value.text);
}

/** Node.js 18 and newer: built-in `crypto` and `fetch`, an ES module for top-level await. */
export function nodeCode(plan: SnippetPlan): string {
  const header = headerLines(plan, 'The body is sent as JSON with nested objects ("user": {"login": …}), as the extension sends it.');
  const reads = plan.env.map((env) => `const ${env.camel} = fromEnv(${q(env.name)}, ${q(env.what)}${env.optional ? ', true' : ''});`);
  const body = groupedRequired(plan.parameters).map((entry) =>
    entry.members
      ? `  ${entry.name}: { ${entry.members.map((member) => `${member.key}: ${valueOf(member)}`).join(', ')} },`
      : `  ${entry.name}: ${valueOf(entry.parameter as PlanParameter)},`,
  );
  const optional = plan.parameters.filter(isOptional).map((parameter) => {
    const target = parameter.group === undefined ? `params.${parameter.key}` : `params.${parameter.group}.${parameter.key}`;
    return `if (${valueOf(parameter)} !== "") ${target} = ${valueOf(parameter)};`;
  });
  return [
    ...header.map((line) => `// ${line}`),
    'import { createHmac, randomInt } from "node:crypto";',
    '',
    `const APPLICATION_ID = ${q(plan.applicationId)};`,
    `const ENDPOINT = ${q(plan.endpoint)};`,
    '',
    'function fromEnv(name, what, optional = false) {',
    '  const value = process.env[name] ?? "";',
    '  if (value === "" && !optional) {',
    '    console.error(`Missing environment variable ${name}: set it to ${what}.`);',
    '    process.exit(2);',
    '  }',
    '  return value;',
    '}',
    '',
    ...reads,
    '',
    'const params = {',
    '  application_id: APPLICATION_ID,',
    `  auth_key: ${AUTH_KEY.camel},`,
    '  nonce: String(randomInt(1, 2 ** 31)), // cryptographically random',
    '  timestamp: String(Math.floor(Date.now() / 1000)), // Unix time in seconds',
    ...body,
    '};',
    ...optional,
    '',
    '// The signature: every parameter but signature itself, nested ones named parent[child], values',
    '// raw (not URL-encoded), each written name=value, sorted, joined with "&", HMAC-SHA1 with the',
    '// auth secret as key, lowercase hex.',
    'function signedPairs(object, prefix = "") {',
    '  return Object.entries(object).flatMap(([name, value]) => {',
    '    const key = prefix === "" ? name : `${prefix}[${name}]`;',
    '    return typeof value === "object" ? signedPairs(value, key) : [`${key}=${value}`];',
    '  });',
    '}',
    'const stringToSign = signedPairs(params).sort().join("&");',
    `params.signature = createHmac("sha1", ${AUTH_SECRET.camel}).update(stringToSign, "utf8").digest("hex");`,
    '',
    'let response;',
    'try {',
    '  response = await fetch(`${ENDPOINT}/session.json`, {',
    '    method: "POST",',
    '    headers: { "Content-Type": "application/json", Accept: "application/json" },',
    '    body: JSON.stringify(params),',
    '    signal: AbortSignal.timeout(30_000),',
    '  });',
    '} catch (error) {',
    '  console.error(`No answer from ${ENDPOINT}: ${error.cause?.message ?? error.message}`);',
    '  process.exit(1);',
    '}',
    'console.log(await response.text());',
    'if (!response.ok) process.exitCode = 1;',
    '',
  ].join('\n');
}

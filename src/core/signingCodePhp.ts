import { stringLiteral } from './signingCodeLiterals';
import { AUTH_KEY, AUTH_SECRET, groupedRequired, headerLines, isOptional, type PlanParameter, type SnippetPlan } from './signingCodePlan';

const q = (text: string): string => stringLiteral('php', text);

function valueOf(parameter: PlanParameter): string {
  return 'env' in parameter.value ? `$${parameter.value.env.camel}` : q(parameter.value.text);
}

/** PHP 7.3 and newer: `hash_hmac`, `random_int`, and an HTTP stream context (no curl extension needed). */
export function phpCode(plan: SnippetPlan): string {
  const header = headerLines(plan, 'The body is sent as JSON with nested objects ("user": {"login": …}), as the extension sends it.');
  const reads = plan.env.map((env) => `$${env.camel} = from_env(${q(env.name)}, ${q(env.what)}${env.optional ? ', true' : ''});`);
  const body = groupedRequired(plan.parameters).map((entry) =>
    entry.members
      ? `    ${q(entry.name)} => [${entry.members.map((member) => `${q(member.key)} => ${valueOf(member)}`).join(', ')}],`
      : `    ${q(entry.name)} => ${valueOf(entry.parameter as PlanParameter)},`,
  );
  const optional = plan.parameters
    .filter(isOptional)
    .map(
      (parameter) =>
        `if (${valueOf(parameter)} !== "") {\n    $params${parameter.group === undefined ? '' : `[${q(parameter.group)}]`}[${q(parameter.key)}] = ${valueOf(parameter)};\n}`,
    );
  return [
    '<?php',
    ...header.map((line) => `// ${line}`),
    'declare(strict_types=1);',
    '',
    `const APPLICATION_ID = ${q(plan.applicationId)};`,
    `const ENDPOINT = ${q(plan.endpoint)};`,
    '',
    'function from_env(string $name, string $what, bool $optional = false): string',
    '{',
    '    $value = getenv($name);',
    '    if (($value === false || $value === "") && !$optional) {',
    '        fwrite(STDERR, "Missing environment variable " . $name . ": set it to " . $what . ".\\n");',
    '        exit(2);',
    '    }',
    '    return $value === false ? "" : $value;',
    '}',
    '',
    '/** Every parameter as name=value, nested ones named parent[child], values raw (not URL-encoded). */',
    'function signed_pairs(array $params, string $prefix = ""): array',
    '{',
    '    $pairs = [];',
    '    foreach ($params as $name => $value) {',
    '        $key = $prefix === "" ? (string) $name : $prefix . "[" . $name . "]";',
    '        if (is_array($value)) {',
    '            array_push($pairs, ...signed_pairs($value, $key));',
    '        } else {',
    '            $pairs[] = $key . "=" . $value;',
    '        }',
    '    }',
    '    return $pairs;',
    '}',
    '',
    ...reads,
    '',
    '$params = [',
    '    "application_id" => APPLICATION_ID,',
    `    "auth_key" => $${AUTH_KEY.camel},`,
    '    "nonce" => (string) random_int(1, 2147483647), // cryptographically random',
    '    "timestamp" => (string) time(), // Unix time in seconds',
    ...body,
    '];',
    ...optional,
    '',
    '// The signature: every parameter but signature itself, sorted (byte order), joined with "&",',
    '// HMAC-SHA1 with the auth secret as key, lowercase hex.',
    '$pairs = signed_pairs($params);',
    'sort($pairs, SORT_STRING);',
    `$params["signature"] = hash_hmac("sha1", implode("&", $pairs), $${AUTH_SECRET.camel});`,
    '',
    '$context = stream_context_create(["http" => [',
    '    "method" => "POST",',
    '    "header" => "Content-Type: application/json\\r\\nAccept: application/json\\r\\n",',
    '    "content" => json_encode($params, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_THROW_ON_ERROR),',
    '    "ignore_errors" => true, // read the body of error answers too',
    '    "follow_location" => 0,',
    '    "timeout" => 30,',
    ']]);',
    '$answer = @file_get_contents(ENDPOINT . "/session.json", false, $context);',
    'if ($answer === false) {',
    '    fwrite(STDERR, "No answer from " . ENDPOINT . ": " . (error_get_last()["message"] ?? "unknown error") . "\\n");',
    '    exit(1);',
    '}',
    'echo $answer, "\\n";',
    '$headers = function_exists("http_get_last_response_headers") ? http_get_last_response_headers() : $http_response_header;',
    '$status = preg_match("{^HTTP/\\\\S+ (\\\\d{3})}", $headers[0] ?? "", $match) === 1 ? (int) $match[1] : 0;',
    'exit($status >= 200 && $status < 300 ? 0 : 1);',
    '',
  ].join('\n');
}

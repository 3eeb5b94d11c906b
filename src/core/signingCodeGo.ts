import { stringLiteral } from './signingCodeLiterals';
import { AUTH_KEY, AUTH_SECRET, groupedRequired, headerLines, isOptional, type PlanParameter, type SnippetPlan } from './signingCodePlan';

const q = (text: string): string => stringLiteral('go', text);

function valueOf(parameter: PlanParameter): string {
  return 'env' in parameter.value ? parameter.value.env.camel : q(parameter.value.text);
}

/** Go 1.18 and newer: net/http, crypto/hmac, crypto/rand, encoding/json. */
export function goCode(plan: SnippetPlan): string {
  const header = headerLines(plan, 'The body is sent as JSON with nested objects ("user": {"login": …}), as the extension sends it.');
  const reads = plan.env.map((env) => `\t${env.camel} := fromEnv(${q(env.name)}, ${q(env.what)}, ${env.optional ? 'true' : 'false'})`);
  const entries = groupedRequired(plan.parameters);
  // A group with an optional member is built first, so the member can be added to it by name.
  const groupsWithOptional = new Set(
    plan.parameters.filter((parameter) => isOptional(parameter) && parameter.group !== undefined).map((parameter) => parameter.group),
  );
  const members = (list: readonly PlanParameter[]): string => list.map((member) => `${q(member.key)}: ${valueOf(member)}`).join(', ');
  const groupVariables = entries
    .filter((entry) => entry.members && groupsWithOptional.has(entry.name))
    .map((entry) => `\t${entry.name} := map[string]any{${members(entry.members ?? [])}}`);
  const fields: Array<[string, string]> = [
    ['"application_id"', 'applicationID'],
    ['"auth_key"', AUTH_KEY.camel],
    ['"nonce"', 'fmt.Sprint(nonce.Int64() + 1)'],
    ['"timestamp"', 'fmt.Sprint(time.Now().Unix())'],
    ...entries.map((entry): [string, string] => {
      if (!entry.members) return [q(entry.name), valueOf(entry.parameter as PlanParameter)];
      return [q(entry.name), groupsWithOptional.has(entry.name) ? entry.name : `map[string]any{${members(entry.members)}}`];
    }),
  ];
  // Aligned as gofmt aligns a composite literal.
  const width = Math.max(...fields.map(([key]) => key.length)) + 1;
  const body = fields.map(([key, value]) => `\t\t${`${key}:`.padEnd(width + 1)}${value},`);
  const optional = plan.parameters
    .filter(isOptional)
    .flatMap((parameter) => [
      `\tif ${valueOf(parameter)} != "" {`,
      parameter.group === undefined
        ? `\t\tparams[${q(parameter.key)}] = ${valueOf(parameter)}`
        : `\t\t${parameter.group}[${q(parameter.key)}] = ${valueOf(parameter)}`,
      '\t}',
    ]);
  return [
    ...header.map((line) => `// ${line}`),
    'package main',
    '',
    'import (',
    '\t"bytes"',
    '\t"crypto/hmac"',
    '\t"crypto/rand"',
    '\t"crypto/sha1"',
    '\t"encoding/hex"',
    '\t"encoding/json"',
    '\t"fmt"',
    '\t"io"',
    '\t"math/big"',
    '\t"net/http"',
    '\t"os"',
    '\t"sort"',
    '\t"strings"',
    '\t"time"',
    ')',
    '',
    `const applicationID = ${q(plan.applicationId)}`,
    `const endpoint = ${q(plan.endpoint)}`,
    '',
    'func fromEnv(name, what string, optional bool) string {',
    '\tvalue := os.Getenv(name)',
    '\tif value == "" && !optional {',
    '\t\tfmt.Fprintf(os.Stderr, "Missing environment variable %s: set it to %s.\\n", name, what)',
    '\t\tos.Exit(2)',
    '\t}',
    '\treturn value',
    '}',
    '',
    '// signedPairs writes every parameter as name=value, nested ones named parent[child], values raw',
    '// (not URL-encoded).',
    'func signedPairs(params map[string]any, prefix string) []string {',
    '\tvar pairs []string',
    '\tfor name, value := range params {',
    '\t\tkey := name',
    '\t\tif prefix != "" {',
    '\t\t\tkey = prefix + "[" + name + "]"',
    '\t\t}',
    '\t\tif nested, ok := value.(map[string]any); ok {',
    '\t\t\tpairs = append(pairs, signedPairs(nested, key)...)',
    '\t\t} else {',
    '\t\t\tpairs = append(pairs, fmt.Sprintf("%s=%v", key, value))',
    '\t\t}',
    '\t}',
    '\treturn pairs',
    '}',
    '',
    'func fail(format string, args ...any) {',
    '\tfmt.Fprintf(os.Stderr, format+"\\n", args...)',
    '\tos.Exit(1)',
    '}',
    '',
    'func main() {',
    ...reads,
    '',
    '\tnonce, err := rand.Int(rand.Reader, big.NewInt(1<<31-1)) // cryptographically random',
    '\tif err != nil {',
    '\t\tfail("No random numbers: %v", err)',
    '\t}',
    ...groupVariables,
    '\t// The timestamp is Unix time in seconds.',
    '\tparams := map[string]any{',
    ...body,
    '\t}',
    ...optional,
    '',
    '\t// The signature: every parameter but signature itself, sorted (byte order), joined with "&",',
    '\t// HMAC-SHA1 with the auth secret as key, lowercase hex.',
    '\tpairs := signedPairs(params, "")',
    '\tsort.Strings(pairs)',
    `\tmac := hmac.New(sha1.New, []byte(${AUTH_SECRET.camel}))`,
    '\tmac.Write([]byte(strings.Join(pairs, "&")))',
    '\tparams["signature"] = hex.EncodeToString(mac.Sum(nil))',
    '',
    '\tbody, err := json.Marshal(params)',
    '\tif err != nil {',
    '\t\tfail("Cannot write the body: %v", err)',
    '\t}',
    '\trequest, err := http.NewRequest("POST", endpoint+"/session.json", bytes.NewReader(body))',
    '\tif err != nil {',
    '\t\tfail("Cannot make the request: %v", err)',
    '\t}',
    '\trequest.Header.Set("Content-Type", "application/json")',
    '\trequest.Header.Set("Accept", "application/json")',
    '\tresponse, err := (&http.Client{Timeout: 30 * time.Second}).Do(request)',
    '\tif err != nil {',
    '\t\tfail("No answer from %s: %v", endpoint, err)',
    '\t}',
    '\tdefer response.Body.Close()',
    '\tanswer, err := io.ReadAll(response.Body)',
    '\tif err != nil {',
    '\t\tfail("The answer was cut short: %v", err)',
    '\t}',
    '\tfmt.Println(string(answer))',
    '\tif response.StatusCode < 200 || response.StatusCode > 299 {',
    '\t\tos.Exit(1)',
    '\t}',
    '}',
    '',
  ].join('\n');
}

import { stringLiteral } from './signingCodeLiterals';
import { AUTH_KEY, AUTH_SECRET, groupedRequired, headerLines, isOptional, type PlanParameter, type SnippetPlan } from './signingCodePlan';

const q = (text: string): string => stringLiteral('ruby', text);

function valueOf(parameter: PlanParameter): string {
  return 'env' in parameter.value ? parameter.value.env.snake : q(parameter.value.text);
}

/** Ruby 2.5 and newer, standard library only: net/http, openssl, securerandom, json. */
export function rubyCode(plan: SnippetPlan): string {
  const header = headerLines(plan, 'The body is sent as JSON with nested objects ("user": {"login": …}), as the extension sends it.');
  const reads = plan.env.map((env) => `${env.snake} = from_env(${q(env.name)}, ${q(env.what)}${env.optional ? ', optional: true' : ''})`);
  const body = groupedRequired(plan.parameters).map((entry) =>
    entry.members
      ? `  ${q(entry.name)} => { ${entry.members.map((member) => `${q(member.key)} => ${valueOf(member)}`).join(', ')} },`
      : `  ${q(entry.name)} => ${valueOf(entry.parameter as PlanParameter)},`,
  );
  const optional = plan.parameters
    .filter(isOptional)
    .map(
      (parameter) =>
        `params${parameter.group === undefined ? '' : `[${q(parameter.group)}]`}[${q(parameter.key)}] = ${valueOf(parameter)} unless ${valueOf(parameter)}.empty?`,
    );
  return [
    ...header.map((line) => `# ${line}`),
    'require "json"',
    'require "net/http"',
    'require "openssl"',
    'require "securerandom"',
    'require "uri"',
    '',
    `APPLICATION_ID = ${q(plan.applicationId)}`,
    `ENDPOINT = ${q(plan.endpoint)}`,
    '',
    'def from_env(name, what, optional: false)',
    '  value = String.new(ENV.fetch(name, ""), encoding: Encoding::UTF_8)',
    '  if value.empty? && !optional',
    '    warn "Missing environment variable #{name}: set it to #{what}."',
    '    exit 2',
    '  end',
    '  value',
    'end',
    '',
    '# Every parameter as name=value, nested ones named parent[child], values raw (not URL-encoded).',
    'def signed_pairs(params, prefix = nil)',
    '  params.flat_map do |name, value|',
    '    key = prefix ? "#{prefix}[#{name}]" : name',
    '    value.is_a?(Hash) ? signed_pairs(value, key) : ["#{key}=#{value}"]',
    '  end',
    'end',
    '',
    ...reads,
    '',
    'params = {',
    '  "application_id" => APPLICATION_ID,',
    `  "auth_key" => ${AUTH_KEY.snake},`,
    '  "nonce" => (SecureRandom.random_number(2**31 - 1) + 1).to_s, # cryptographically random',
    '  "timestamp" => Time.now.to_i.to_s, # Unix time in seconds',
    ...body,
    '}',
    ...optional,
    '',
    '# The signature: every parameter but signature itself, sorted (byte order), joined with "&",',
    '# HMAC-SHA1 with the auth secret as key, lowercase hex.',
    'string_to_sign = signed_pairs(params).sort.join("&")',
    `params["signature"] = OpenSSL::HMAC.hexdigest("SHA1", ${AUTH_SECRET.snake}, string_to_sign)`,
    '',
    'uri = URI(ENDPOINT + "/session.json")',
    'request = Net::HTTP::Post.new(uri, "Content-Type" => "application/json", "Accept" => "application/json")',
    'request.body = JSON.generate(params)',
    'begin',
    '  response = Net::HTTP.start(uri.hostname, uri.port, use_ssl: uri.scheme == "https", open_timeout: 30, read_timeout: 30) do |http|',
    '    http.request(request)',
    '  end',
    'rescue StandardError => e',
    '  warn "No answer from #{ENDPOINT}: #{e.message}"',
    '  exit 1',
    'end',
    'puts response.body',
    'exit 1 unless response.is_a?(Net::HTTPSuccess)',
    '',
  ].join('\n');
}

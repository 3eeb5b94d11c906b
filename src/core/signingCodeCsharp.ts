import { stringLiteral } from './signingCodeLiterals';
import { AUTH_KEY, AUTH_SECRET, headerLines, isOptional, parameterName, type PlanParameter, type SnippetPlan } from './signingCodePlan';

const q = (text: string): string => stringLiteral('csharp', text);

function valueOf(parameter: PlanParameter): string {
  return 'env' in parameter.value ? parameter.value.env.camel : q(parameter.value.text);
}

/**
 * C# with a classic Main (C# 7), so the same file builds in a .NET console project and with Mono's
 * `mcs`: HttpClient, HMACSHA1, RandomNumberGenerator.
 */
export function csharpCode(plan: SnippetPlan): string {
  const header = headerLines(plan, 'The body is sent form-encoded (user[login]=…), which QuickBlox reads as it reads the nested JSON the extension sends.');
  const reads = plan.env.map((env) => `        string ${env.camel} = FromEnv(${q(env.name)}, ${q(env.what)}${env.optional ? ', optional: true' : ''});`);
  const pair = (parameter: PlanParameter): string => `new KeyValuePair<string, string>(${q(parameterName(parameter))}, ${valueOf(parameter)})`;
  const required = plan.parameters.filter((parameter) => !isOptional(parameter)).map((parameter) => `            ${pair(parameter)},`);
  const optional = plan.parameters.filter(isOptional).map((parameter) => `        if (${valueOf(parameter)}.Length > 0) parameters.Add(${pair(parameter)});`);
  return [
    ...header.map((line) => `// ${line}`),
    'using System;',
    'using System.Collections.Generic;',
    'using System.Globalization;',
    'using System.Net.Http;',
    'using System.Security.Cryptography;',
    'using System.Text;',
    'using System.Threading.Tasks;',
    '',
    'public static class CreateSession',
    '{',
    `    const string ApplicationId = ${q(plan.applicationId)};`,
    `    const string Endpoint = ${q(plan.endpoint)};`,
    '',
    '    static string FromEnv(string name, string what, bool optional = false)',
    '    {',
    '        string value = Environment.GetEnvironmentVariable(name) ?? "";',
    '        if (value.Length == 0 && !optional)',
    '        {',
    '            Console.Error.WriteLine("Missing environment variable " + name + ": set it to " + what + ".");',
    '            Environment.Exit(2);',
    '        }',
    '        return value;',
    '    }',
    '',
    '    public static int Main()',
    '    {',
    ...reads,
    '',
    '        byte[] random = new byte[4];',
    '        using (var generator = RandomNumberGenerator.Create()) generator.GetBytes(random);',
    '        long nonce = BitConverter.ToUInt32(random, 0) % int.MaxValue + 1; // cryptographically random',
    '        long timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds(); // Unix time in seconds',
    '',
    '        // Every parameter as name and raw value; nested ones are named parent[child].',
    '        var parameters = new List<KeyValuePair<string, string>>',
    '        {',
    '            new KeyValuePair<string, string>("application_id", ApplicationId),',
    `            new KeyValuePair<string, string>("auth_key", ${AUTH_KEY.camel}),`,
    '            new KeyValuePair<string, string>("nonce", nonce.ToString(CultureInfo.InvariantCulture)),',
    '            new KeyValuePair<string, string>("timestamp", timestamp.ToString(CultureInfo.InvariantCulture)),',
    ...required,
    '        };',
    ...optional,
    '',
    '        // The signature: every parameter but signature itself as name=value (values not URL-encoded),',
    '        // sorted by code unit (not by culture), joined with "&", HMAC-SHA1 with the auth secret as key,',
    '        // lowercase hex.',
    '        var pairs = new List<string>();',
    '        foreach (var parameter in parameters) pairs.Add(parameter.Key + "=" + parameter.Value);',
    '        pairs.Sort(string.CompareOrdinal);',
    '        string signature;',
    `        using (var hmac = new HMACSHA1(Encoding.UTF8.GetBytes(${AUTH_SECRET.camel})))`,
    '        {',
    '            byte[] digest = hmac.ComputeHash(Encoding.UTF8.GetBytes(string.Join("&", pairs)));',
    '            signature = BitConverter.ToString(digest).Replace("-", "").ToLowerInvariant();',
    '        }',
    '        parameters.Add(new KeyValuePair<string, string>("signature", signature));',
    '',
    '        using (var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) })',
    '        using (var content = new FormUrlEncodedContent(parameters))',
    '        {',
    '            client.DefaultRequestHeaders.Add("Accept", "application/json");',
    '            HttpResponseMessage response;',
    '            try',
    '            {',
    '                response = client.PostAsync(Endpoint + "/session.json", content).GetAwaiter().GetResult();',
    '            }',
    '            catch (Exception e) when (e is HttpRequestException || e is TaskCanceledException)',
    '            {',
    '                Console.Error.WriteLine("No answer from " + Endpoint + ": " + e.Message);',
    '                return 1;',
    '            }',
    '            Console.WriteLine(response.Content.ReadAsStringAsync().GetAwaiter().GetResult());',
    '            return response.IsSuccessStatusCode ? 0 : 1;',
    '        }',
    '    }',
    '}',
    '',
  ].join('\n');
}

/**
 * "Generate Signing Code": a file in one of several languages that creates a QuickBlox session by
 * itself, with nothing but that language's standard library. The application id and the endpoint
 * are written in; the auth key, the auth secret and every user credential are read from
 * environment variables, so the generated text holds no secret.
 */
import type { SessionAuthType } from './auth';
import { isSessionAuthType, SESSION_AUTH_TYPES } from './signInKinds';
import { invalidInput } from './errors';
import { normalizeApplicationId, normalizeEndpoint } from './validate';
import { csharpCode } from './signingCodeCsharp';
import { goCode } from './signingCodeGo';
import { javaCode, kotlinCode } from './signingCodeJvm';
import { nodeCode } from './signingCodeNode';
import { phpCode } from './signingCodePhp';
import { envOf, kindPlan, type SnippetPlan } from './signingCodePlan';
import { pythonCode } from './signingCodePython';
import { rubyCode } from './signingCodeRuby';
import { shellCode } from './signingCodeShell';

export type SigningCodeLanguage = 'node' | 'python' | 'php' | 'go' | 'java' | 'kotlin' | 'csharp' | 'ruby' | 'shell';

export interface SigningCodeLanguageInfo {
  readonly id: SigningCodeLanguage;
  /** For a pick list: "Node.js", "C#". */
  readonly label: string;
  /** What it needs, for a pick list's detail: "Node.js 18 or newer, no packages". */
  readonly requires: string;
  /** The VS Code language id of the generated document. */
  readonly languageId: string;
  /** The file name the code expects (Java's class, Go's `go run` target). */
  readonly fileName: string;
}

interface LanguageEntry extends SigningCodeLanguageInfo {
  /** How to run it, as the file's header says. */
  readonly run: readonly string[];
  readonly write: (plan: SnippetPlan) => string;
}

const LANGUAGES: readonly LanguageEntry[] = [
  {
    id: 'node',
    label: 'Node.js',
    requires: 'Node.js 18 or newer, no packages',
    languageId: 'javascript',
    fileName: 'create-session.mjs',
    run: ['Run with Node.js 18 or newer (built-in crypto and fetch, no packages): node create-session.mjs'],
    write: nodeCode,
  },
  {
    id: 'python',
    label: 'Python 3',
    requires: 'Python 3.6 or newer, standard library only',
    languageId: 'python',
    fileName: 'create_session.py',
    run: ['Run with Python 3.6 or newer (standard library only): python3 create_session.py'],
    write: pythonCode,
  },
  {
    id: 'php',
    label: 'PHP',
    requires: 'PHP 7.3 or newer, no extensions beyond the defaults',
    languageId: 'php',
    fileName: 'create-session.php',
    run: ['Run with PHP 7.3 or newer (no curl extension needed): php create-session.php'],
    write: phpCode,
  },
  {
    id: 'go',
    label: 'Go',
    requires: 'Go 1.18 or newer, standard library only',
    languageId: 'go',
    fileName: 'create_session.go',
    run: [
      'Run with Go 1.18 or newer (standard library only): go run create_session.go',
      '(go run exits 1 on any failure; for the exit statuses below: go build create_session.go && ./create_session)',
    ],
    write: goCode,
  },
  {
    id: 'java',
    label: 'Java',
    requires: 'Java 11 or newer, one file',
    languageId: 'java',
    fileName: 'CreateSession.java',
    run: ['Run with Java 11 or newer (java.net.http, no libraries): java CreateSession.java'],
    write: javaCode,
  },
  {
    id: 'kotlin',
    label: 'Kotlin (JVM)',
    requires: 'Kotlin 1.4 or newer on Java 11 or newer, no libraries',
    languageId: 'kotlin',
    fileName: 'CreateSession.kt',
    run: [
      'Run with Kotlin 1.4 or newer on Java 11 or newer (java.net.http, no libraries):',
      '  kotlinc CreateSession.kt -include-runtime -d CreateSession.jar && java -jar CreateSession.jar',
    ],
    write: kotlinCode,
  },
  {
    id: 'csharp',
    label: 'C#',
    requires: '.NET (a console project) or Mono, no packages',
    languageId: 'csharp',
    fileName: 'CreateSession.cs',
    run: [
      'Run in a .NET console project (dotnet new console, this file in place of Program.cs): dotnet run',
      'or with Mono: mcs -r:System.Net.Http.dll CreateSession.cs && mono CreateSession.exe',
    ],
    write: csharpCode,
  },
  {
    id: 'ruby',
    label: 'Ruby',
    requires: 'Ruby 2.5 or newer, standard library only',
    languageId: 'ruby',
    fileName: 'create_session.rb',
    run: ['Run with Ruby 2.5 or newer (standard library only): ruby create_session.rb'],
    write: rubyCode,
  },
  {
    id: 'shell',
    label: 'Shell (curl + openssl)',
    requires: 'a POSIX shell, curl 7.76 or newer and openssl',
    languageId: 'shellscript',
    fileName: 'create-session.sh',
    run: ['Run with a POSIX shell, curl 7.76 or newer and openssl: sh create-session.sh'],
    write: shellCode,
  },
];

/** The languages "Generate Signing Code" offers, in the order to offer them. */
export const SIGNING_CODE_LANGUAGES: readonly SigningCodeLanguageInfo[] = LANGUAGES.map(({ id, label, requires, languageId, fileName }) => ({
  id,
  label,
  requires,
  languageId,
  fileName,
}));

export interface SigningCodeRequest {
  language: SigningCodeLanguage;
  /** Digits; checked as a profile's application id is. */
  applicationId: string | number;
  /** The profile's endpoint; checked and reduced to its origin as a profile's is. */
  endpoint: string;
  kind: SessionAuthType;
}

export interface SigningCode {
  code: string;
  /** The VS Code language id to open it with. */
  languageId: string;
  fileName: string;
  /** The environment variables the code reads, auth key and secret first. */
  env: string[];
}

/** The code that creates a session of `kind` for the profile's application, in `language`. */
export function generateSigningCode(request: SigningCodeRequest): SigningCode {
  const entry = LANGUAGES.find((language) => language.id === request.language);
  if (!entry) {
    throw invalidInput('language', `Choose a language: one of ${LANGUAGES.map((language) => language.id).join(', ')}.`);
  }
  if (!isSessionAuthType(request.kind)) {
    throw invalidInput('kind', `Choose a sign-in kind: one of ${SESSION_AUTH_TYPES.join(', ')}.`);
  }
  const kind = kindPlan(request.kind);
  const env = envOf(kind.parameters);
  const plan: SnippetPlan = {
    applicationId: normalizeApplicationId(request.applicationId),
    endpoint: normalizeEndpoint(request.endpoint),
    title: kind.title,
    parameters: kind.parameters,
    env,
    run: entry.run,
  };
  return { code: entry.write(plan), languageId: entry.languageId, fileName: entry.fileName, env: env.map((variable) => variable.name) };
}

import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The bundler turns `import * as vscode from 'vscode'` (or a named import) into a copy of the whole
 * API object made at load, once per importing module; in the extension host that was most of the
 * main bundle's load time. `import vscode = require('vscode')` is a plain require.
 */
const VSCODE_AS_REQUIRE = {
  selector: "ImportDeclaration[source.value='vscode'][importKind!='type']",
  message: "Import the VS Code API as `import vscode = require('vscode')` (types: `import type`); see eslint.config.mjs.",
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.vscode-test/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      curly: ['error', 'multi-line'],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      // The TypeScript rule also sees `import x = require(...)`.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'src/core is plain Node: pass values in from the VS Code layer.' }],
          patterns: [{ regex: '^\\.\\./(?!\\.\\./package\\.json$)', message: 'src/core must not import the VS Code layer.' }],
        },
      ],
    },
  },
  {
    // Pure logic of the VS Code layer runs in the unit tests on plain Node: VS Code's types only.
    files: [
      'src/storage/**/*.ts',
      'src/sessions/store/**/*.ts',
      'src/profiles/profileStore.ts',
      'src/views/*Text.ts',
      'src/feedback/messages.ts',
      'src/feedback/l10n.ts',
      'src/feedback/failures.ts',
      'src/localSandbox/*.ts',
    ],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'vscode', message: 'This module runs on plain Node in the unit tests: import VS Code types with `import type`.', allowTypeImports: true },
          ],
        },
      ],
    },
  },
  {
    // One notifier neutralises outside text in every notification and dialog (src/feedback/prompts.ts).
    files: ['src/**/*.ts'],
    ignores: ['src/feedback/prompts.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'MemberExpression[property.name=/^show(Information|Warning|Error)Message$/]',
          message: 'Notify through Prompts (src/feedback/prompts.ts): it neutralises links and outside text that a message quotes.',
        },
        VSCODE_AS_REQUIRE,
      ],
    },
  },
  {
    files: ['src/feedback/prompts.ts'],
    rules: { 'no-restricted-syntax': ['error', VSCODE_AS_REQUIRE] },
  },
  {
    files: ['src/**/*.ts'],
    rules: { '@typescript-eslint/no-require-imports': ['error', { allowAsImport: true }] },
  },
  {
    files: ['scripts/**/*.cjs', 'scripts/stubs/**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { exports: 'writable', module: 'writable', globalThis: 'readonly', Promise: 'readonly', Error: 'readonly' },
    },
  },
  {
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);

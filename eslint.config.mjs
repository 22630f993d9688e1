// @ts-check
import eslint from '@eslint/js'
import globals from 'globals'
import tseslint from 'typescript-eslint'

// git runs only through src/core/git/run-git.ts, which hardens every call
// against what a repository can configure; host/ starts the programs.
const CHILD_PROCESS_MESSAGE =
  'Run git through src/core/git/run-git.ts; nothing else starts processes.'
const NO_CHILD_PROCESS = ['node:child_process', 'child_process'].map(
  (name) => ({ name, message: CHILD_PROCESS_MESSAGE }),
)
const CORE_BOUNDARY = [
  '@actions/*',
  '@octokit/*',
  '../action/*',
  '../cli/*',
  '../../action/*',
  '../../cli/*',
]

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'lib/',
      'coverage/',
      'node_modules/',
      'test/fixtures/',
      'examples/',
      '.tmp/',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.strict,
  { languageOptions: { globals: globals.node } },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/explicit-function-return-type': [
        'error',
        { allowExpressions: true, allowTypedFunctionExpressions: true },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
    },
  },
  {
    // The core serves both the CLI and the Action, so it may not reach for the Actions toolkit.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: NO_CHILD_PROCESS,
          patterns: CORE_BOUNDARY,
        },
      ],
    },
  },
  {
    files: ['src/core/git/run-git.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: CORE_BOUNDARY }],
    },
  },
  {
    // The CLI runs outside Actions: only src/action/ talks to GitHub.
    files: ['src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: NO_CHILD_PROCESS,
          patterns: ['@actions/*', '@octokit/*', '../action/*'],
        },
      ],
    },
  },
  {
    files: ['src/action/**/*.ts', 'src/index.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: NO_CHILD_PROCESS,
        },
      ],
    },
  },
  {
    files: [
      'test/**/*.ts',
      'scripts/**/*.ts',
      'scripts/**/*.mjs',
      'vitest.config.ts',
    ],
    rules: {
      '@typescript-eslint/explicit-function-return-type': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
)

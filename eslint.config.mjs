// @ts-check
import eslint from '@eslint/js'
import globals from 'globals'
import tseslint from 'typescript-eslint'

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
          patterns: [
            '@actions/*',
            '@octokit/*',
            '../action/*',
            '../cli/*',
            '../../action/*',
            '../../cli/*',
          ],
        },
      ],
    },
  },
  {
    // The CLI runs outside Actions: only src/action/ talks to GitHub.
    files: ['src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['@actions/*', '@octokit/*', '../action/*'] },
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

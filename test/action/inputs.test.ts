import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { INPUT_NAMES, parseInputs } from '../../src/action/inputs.js'
import { ConfigurationError } from '../../src/core/errors.js'
import { REPO } from '../support/files.js'

const read = (values: Record<string, string>) => (name: string) =>
  values[name] ?? ''

describe('action inputs', () => {
  it('has defaults in the schema, and none for what the policy file sets', () => {
    expect(parseInputs(read({}))).toEqual({
      path: '.',
      comment: 'auto',
      'warn-only': false,
      'trust-pr-policy': false,
    })
  })

  it('reads every input', () => {
    expect(
      parseInputs(
        read({
          path: 'agents',
          policy: 'strict',
          'github-token': 'ghs_x',
          comment: 'on-change',
          'warn-only': 'TRUE',
          'aivss-version': '0.5',
          include: '**/*.aivss.yml\n\n  agents/**  \n',
          exclude: 'legacy/**',
          'sarif-file': 'out.sarif',
          'json-file': 'out.json',
        }),
      ),
    ).toEqual({
      path: 'agents',
      policy: 'strict',
      'github-token': 'ghs_x',
      comment: 'on-change',
      'warn-only': true,
      'aivss-version': '0.5',
      include: ['**/*.aivss.yml', 'agents/**'],
      exclude: ['legacy/**'],
      'sarif-file': 'out.sarif',
      'json-file': 'out.json',
      'trust-pr-policy': false,
    })
  })

  it('reads comment-author as a login, user or app, and refuses anything else', () => {
    for (const login of ['my-app[bot]', 'gate-admin', 'A1'])
      expect(parseInputs(read({ 'comment-author': login }))).toMatchObject({
        'comment-author': login,
      })
    for (const bad of ['two words', '-leading', 'a/b', 'x[bot][bot]', '@me'])
      expect(() => parseInputs(read({ 'comment-author': bad }))).toThrow(
        'input comment-author: must be a GitHub login',
      )
  })

  it('reads what to compare with, and refuses a base that looks like an option', () => {
    expect(
      parseInputs(read({ base: 'none', 'baseline-file': 'b.json' })),
    ).toMatchObject({ base: 'none', 'baseline-file': 'b.json' })
    expect(() => parseInputs(read({ base: '--upload-pack=x' }))).toThrow(
      'input base: must be a git ref or commit, or none',
    )
  })

  it('declares every input in action.yml, and only those', () => {
    const action = parse(readFileSync(join(REPO, 'action.yml'), 'utf8')) as {
      inputs: Record<string, unknown>
    }
    expect(Object.keys(action.inputs).sort()).toEqual([...INPUT_NAMES].sort())
  })

  it('names each bad input, its value and what is allowed', () => {
    let error: unknown
    try {
      parseInputs(
        read({
          comment: 'sometimes',
          'warn-only': 'yes',
          'aivss-version': '1.0',
        }),
      )
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ConfigurationError)
    const message = (error as Error).message
    expect(message).toContain(
      'input comment: must be one of auto, always, on-failure, on-change, never (got "sometimes")',
    )
    expect(message).toContain(
      'input warn-only: must be true or false (got "yes")',
    )
    expect(message).toContain(
      'input aivss-version: must be one of 0.8, 0.5 (got "1.0")',
    )
    expect((error as ConfigurationError).help).toMatch(/with:/)
  })
})

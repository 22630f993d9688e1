import * as core from '@actions/core'
import { z } from 'zod'
import { AIVSS_VERSIONS } from '../core/aivss/factors.js'
import { ConfigurationError } from '../core/errors.js'
import { GlobSchema } from '../core/glob/schema.js'

/**
 * The Action's inputs, validated once at the edge. Defaults live here (and
 * in action.yml for the runner's input table); settings a policy file can
 * make (AIVSS version, include, exclude) have none, so the policy decides
 * unless an input overrides it.
 */

export const COMMENT_MODES = [
  'auto',
  'always',
  'on-failure',
  'on-change',
  'never',
] as const
export type CommentMode = (typeof COMMENT_MODES)[number]

/** YAML 1.2 core booleans, as `core.getBooleanInput` reads them. */
const booleanInput = z
  .enum(['true', 'True', 'TRUE', 'false', 'False', 'FALSE'], {
    error: 'must be true or false',
  })
  .transform((value) => value.toLowerCase() === 'true')

/** Newline-separated globs; blank lines and surrounding spaces ignored. */
const globList = z
  .string()
  .transform((text) =>
    text
      .split(/\r?\n/)
      .map((g) => g.trim())
      .filter((g) => g.length > 0),
  )
  .pipe(z.array(GlobSchema))

export const InputsSchema = z.object({
  path: z.string().default('.'),
  policy: z.string().optional(),
  'github-token': z.string().optional(),
  comment: z
    .enum(COMMENT_MODES, {
      error: `must be one of ${COMMENT_MODES.join(', ')}`,
    })
    .default('auto'),
  'comment-author': z
    .string()
    .regex(
      /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,98})(?:\[bot\])?$/,
      'must be a GitHub login, such as my-app[bot]',
    )
    .optional(),
  'warn-only': booleanInput.default(false),
  'aivss-version': z
    .enum(AIVSS_VERSIONS, {
      error: `must be one of ${AIVSS_VERSIONS.join(', ')}`,
    })
    .optional(),
  include: globList.optional(),
  exclude: globList.optional(),
  'sarif-file': z.string().optional(),
  'cyclonedx-file': z.string().optional(),
  'json-file': z.string().optional(),
  base: z
    .string()
    .max(250, 'must be a git ref or commit under 250 characters')
    .regex(/^[^-\s][^\s]*$/, 'must be a git ref or commit, or none')
    .optional(),
  'baseline-file': z.string().optional(),
  'trust-pr-policy': booleanInput.default(false),
})
export type Inputs = z.output<typeof InputsSchema>

export const INPUT_NAMES = Object.keys(InputsSchema.shape) as Array<
  keyof typeof InputsSchema.shape
>

/**
 * Validates raw input strings (an empty string is an input not given) and
 * throws one ConfigurationError that names every bad input and its value.
 */
export function parseInputs(read: (name: string) => string): Inputs {
  const raw: Record<string, string> = {}
  for (const name of INPUT_NAMES) {
    const value = read(name).trim()
    if (value !== '') raw[name] = value
  }
  const result = InputsSchema.safeParse(raw)
  if (result.success) return result.data
  const problems = result.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? '')
    // A token is never echoed, not even a malformed one.
    const given = name === 'github-token' ? undefined : raw[name]
    return `input ${name}: ${issue.message}${given === undefined ? '' : ` (got "${given.slice(0, 100)}")`}`
  })
  throw new ConfigurationError(problems.join('\n'), {
    help: 'Fix the `with:` inputs of the aivss-gate step; the README lists them.',
  })
}

/** The inputs of this run, from the runner's INPUT_* variables. */
export function readInputs(): Inputs {
  return parseInputs((name) => core.getInput(name))
}

import type { z } from 'zod'
import { fieldPath, type Problem } from '../problems.js'
import type { DataPath, ParsedDocument } from './document.js'

export interface ValidationContext {
  readonly doc: ParsedDocument
  readonly file: string
  /** Where the validated value sits in the document. */
  readonly basePath?: DataPath
  /** Extra help appended to every problem (for example the format's docs). */
  readonly help?: string
}

export type Validated<T> =
  | { readonly ok: true; readonly data: T }
  | { readonly ok: false; readonly problems: Problem[] }

/**
 * Runs a zod schema at the edge and turns its issues into problems that name
 * the file, the line and the field, in words a manifest author understands.
 */
export function validate<T>(
  schema: z.ZodType<T>,
  value: unknown,
  context: ValidationContext,
): Validated<T> {
  const result = schema.safeParse(value, { reportInput: true })
  if (result.success) return { ok: true, data: result.data }
  const base = context.basePath ?? []
  const problems: Problem[] = []
  for (const issue of result.error.issues) {
    const keys =
      issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [key]) : [[]]
    for (const extra of keys) {
      const path = [...base, ...(issue.path as PathKey[]), ...extra]
      problems.push({
        file: context.file,
        line: nearestLine(context.doc, path),
        column: context.doc.positionOf?.(path)?.column,
        field: fieldPath(path),
        message: describeIssue(issue, extra[0]),
        help: context.help,
        level: 'error',
      })
    }
  }
  return { ok: false, problems }
}

type PathKey = string | number

function nearestLine(
  doc: ParsedDocument,
  path: readonly PathKey[],
): number | undefined {
  for (let length = path.length; length >= 0; length--) {
    const line = doc.lineOf(path.slice(0, length))
    if (line !== undefined) return line
  }
  return undefined
}

function describeIssue(issue: z.core.$ZodIssue, extraKey?: string): string {
  switch (issue.code) {
    case 'unrecognized_keys':
      return `unknown field "${extraKey ?? ''}"`
    case 'invalid_type':
      return issue.input === undefined
        ? `is required (${issue.expected})`
        : `must be ${article(issue.expected)} (got ${describeValue(issue.input)})`
    case 'too_big':
      return `must be at most ${String(issue.maximum)} (got ${describeValue(issue.input)})`
    case 'too_small':
      return issue.origin === 'string' || issue.origin === 'array'
        ? `must not be empty`
        : `must be at least ${String(issue.minimum)} (got ${describeValue(issue.input)})`
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')} (got ${describeValue(issue.input)})`
    default:
      return issue.message
  }
}

function article(expected: string): string {
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`
}

/** A short, single-line rendering of a bad value for messages. */
export function describeValue(value: unknown): string {
  if (typeof value === 'number' && Number.isNaN(value)) return 'NaN'
  if (typeof value === 'string') {
    const text = value.length > 40 ? `${value.slice(0, 37)}...` : value
    return JSON.stringify(text)
  }
  if (Array.isArray(value)) return 'a list'
  if (value === null) return 'null'
  if (typeof value === 'object') return 'a mapping'
  return String(value)
}

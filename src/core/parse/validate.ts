import type { z } from 'zod'
import { fieldPath, type Problem } from '../problems.js'
import { setOwn, type DataPath, type ParsedDocument } from './document.js'

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

/**
 * Like `validate`, for formats whose host ignores fields it does not know:
 * an unknown field is a warning and the rest is still read, so that one
 * stray key cannot drop an agent. Any other issue fails as `validate` does.
 */
export function validateIgnoringUnknown<T>(
  schema: z.ZodType<T>,
  value: unknown,
  context: ValidationContext,
): Validated<T> & { readonly ignored?: Problem[] } {
  const first = schema.safeParse(value, { reportInput: true })
  if (first.success) return { ok: true, data: first.data }
  const unknown = first.error.issues.filter(
    (issue) => issue.code === 'unrecognized_keys',
  )
  if (unknown.length === 0 || unknown.length < first.error.issues.length)
    return validate(schema, value, context)
  let stripped = value
  for (const issue of unknown)
    if (issue.code === 'unrecognized_keys')
      stripped = withoutKeys(stripped, issue.path as PathKey[], issue.keys)
  const second = schema.safeParse(stripped)
  if (!second.success) return validate(schema, value, context)
  const ignored = validate(schema, value, context)
  return {
    ok: true,
    data: second.data,
    ignored: ignored.ok
      ? []
      : ignored.problems.map((p) => ({
          ...p,
          message: `${p.message}: ignored; the agent is read without it`,
          level: 'warning' as const,
        })),
  }
}

/** A copy of `value` without `keys` in the mapping at `path` (the rest shared). */
function withoutKeys(
  value: unknown,
  path: readonly PathKey[],
  keys: readonly string[],
): unknown {
  if (typeof value !== 'object' || value === null) return value
  if (path.length === 0) {
    if (Array.isArray(value)) return value
    const copy: Record<string, unknown> = {}
    for (const [key, child] of Object.entries(value))
      if (!keys.includes(key)) setOwn(copy, key, child)
    return copy
  }
  const [head, ...rest] = path
  if (Array.isArray(value)) {
    const copy = [...(value as unknown[])]
    if (typeof head === 'number' && head < copy.length)
      copy[head] = withoutKeys(copy[head], rest, keys)
    return copy
  }
  const copy: Record<string, unknown> = {}
  for (const [key, child] of Object.entries(value))
    setOwn(
      copy,
      key,
      key === String(head) ? withoutKeys(child, rest, keys) : child,
    )
  return copy
}

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

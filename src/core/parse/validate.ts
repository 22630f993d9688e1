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
  /**
   * False: messages never quote text from the document: no string values,
   * no key unless it is a plain identifier; numbers and booleans are shown.
   * For files whose content must not be echoed, such as a policy file that
   * a reference made the gate read.
   */
  readonly quote?: boolean
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
    const quote = context.quote ?? true
    for (const extra of keys) {
      const path = [...base, ...(issue.path as PathKey[]), ...extra]
      const shown = quote || path.every(isPlainKey)
      const named = shown ? path : path.filter(isPlainKey)
      problems.push({
        file: context.file,
        line: nearestLine(context.doc, path),
        column: context.doc.positionOf?.(path)?.column,
        field: fieldPath(named),
        message: quote
          ? describeIssue(issue, extra[0])
          : describeUnquoted(issue, extra[0]),
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

/** A key shown in messages: an identifier, not text to keep to oneself. */
function isPlainKey(key: PathKey): boolean {
  return typeof key === 'number' || /^[\w$-]{1,64}$/.test(key)
}

/** describeIssue without text from the document (see ValidationContext.quote). */
function describeUnquoted(issue: z.core.$ZodIssue, extraKey?: string): string {
  switch (issue.code) {
    case 'unrecognized_keys':
      return extraKey !== undefined && isPlainKey(extraKey)
        ? `unknown field "${extraKey}"`
        : 'unknown field'
    case 'invalid_type':
      return issue.input === undefined
        ? `is required (${issue.expected})`
        : `must be ${article(issue.expected)} (got ${kindOf(issue.input)})`
    case 'too_big':
      return `must be at most ${String(issue.maximum)}${gotNumber(issue.input)}`
    case 'too_small':
      return issue.origin === 'string' || issue.origin === 'array'
        ? `must not be empty`
        : `must be at least ${String(issue.minimum)}${gotNumber(issue.input)}`
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}${gotNumber(issue.input)}`
    // Messages the schema writes itself; they say what was expected.
    case 'invalid_format':
    case 'custom':
      return issue.message
    default:
      return 'is not valid here'
  }
}

/** What kind of value a document holds; the value itself only if it is a number or boolean. */
function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'a list'
  if (value === null) return 'null'
  if (typeof value === 'object') return 'a mapping'
  if (typeof value === 'string') return 'text'
  if (typeof value === 'number' || typeof value === 'boolean')
    return describeValue(value)
  return typeof value
}

function gotNumber(value: unknown): string {
  return typeof value === 'number' || typeof value === 'boolean'
    ? ` (got ${describeValue(value)})`
    : ''
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

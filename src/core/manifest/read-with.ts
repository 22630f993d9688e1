import { z } from 'zod'
import type { DataPath, ParsedDocument } from '../parse/document.js'
import type { Problem } from '../problems.js'
import { parseManifest, problem } from './result.js'
import type { FormatResult, ManifestFile } from './types.js'

/**
 * A format's input, read once at the edge: the text parsed in its syntax,
 * then checked against the format's own zod schema, which is tolerant. The
 * schema keeps what parses and drops the rest; every dropped list entry or
 * map entry becomes a problem on its line, so the mapping that follows works
 * on typed data and has no shape checks of its own.
 *
 * - `looseArray(item)` / `looseRecord(value)`: entries that do not match
 *   are left out and reported (with a message the format chooses); a value
 *   that is not a list or a map at all is reported once and read as empty.
 * - `text`, `flag`, `count`, `texts`: scalars read as the hand-written
 *   accessors always did: a value of the wrong type is simply absent.
 * - objects are `z.looseObject`: keys the format does not know pass through.
 *
 * Nothing throws: a schema that fails at the top (which tolerant schemas do
 * not) is the file's problem like a syntax error.
 */

export type Syntax = 'json' | 'yaml' | 'auto'

export interface Reading<T> {
  readonly data: T
  readonly doc: ParsedDocument
  /** The line of a path in the file, if it has one. */
  lineOf(path: DataPath): number | undefined
  /** The line of the longest part of the path that has one. */
  nearestLine(path: DataPath): number | undefined
  /** Entries the schema left out, each on its line. */
  readonly problems: Problem[]
}

export type Read<T> =
  | ({ readonly ok: true } & Reading<T>)
  | { readonly ok: false; readonly result: FormatResult }

export interface DropReport {
  /** What is wrong, e.g. "a mode must be a mapping with slug and groups". */
  readonly message: string | ((value: unknown) => string)
  readonly level?: 'error' | 'warning' | undefined
  readonly help?: string | undefined
}

interface ActiveRead {
  readonly file: string
  readonly doc: ParsedDocument
  /**
   * Where each list and map of the document sits: built on first use (a
   * report, a located entry), since most reads need neither and walking
   * a large document for nothing costs as much as checking it.
   */
  paths?: Map<object, DataPath>
  readonly problems: Problem[]
}

function pathsOf(read: ActiveRead): Map<object, DataPath> {
  read.paths ??= containerPaths(read.doc.value)
  return read.paths
}

/** The read under way; schemas are synchronous, so one at a time. */
let active: ActiveRead | undefined

export function readWith<S extends z.ZodType>(
  file: ManifestFile,
  syntax: Syntax,
  schema: S,
): Read<z.output<S>> {
  const parsed = parseManifest(file, syntax)
  if (!parsed.ok) return parsed
  return checkWith(file.path, parsed.doc, schema)
}

/** The same check for a document read another way (front matter, TOML). */
export function checkWith<S extends z.ZodType>(
  file: string,
  doc: ParsedDocument,
  schema: S,
): Read<z.output<S>> {
  const read: ActiveRead = {
    file,
    doc,
    problems: [],
  }
  const outer = active
  active = read
  let result: ReturnType<S['safeParse']>
  try {
    result = schema.safeParse(doc.value) as ReturnType<S['safeParse']>
  } finally {
    active = outer
  }
  const nearestLine = (path: DataPath): number | undefined =>
    nearestLineIn(doc, path)
  if (!result.success) {
    const issue = result.error.issues[0]
    const path = (issue?.path ?? []) as DataPath
    return {
      ok: false,
      result: {
        agents: [],
        problems: [
          problem(file, nearestLine(path) ?? 1, issue?.message ?? 'invalid', {
            field: fieldOf(path) || undefined,
          }),
        ],
        document: doc,
      },
    }
  }
  return {
    ok: true,
    data: result.data as z.output<S>,
    doc,
    lineOf: (path) => doc.lineOf(path),
    nearestLine,
    problems: read.problems,
  }
}

/** `customModes[2].groups[0]`: a path as a field name in a problem. */
export function fieldOf(path: DataPath): string {
  let field = ''
  for (const part of path) {
    if (typeof part === 'number') field += `[${part}]`
    else field += field === '' ? part : `.${part}`
  }
  return field
}

function containerPaths(value: unknown): Map<object, DataPath> {
  const paths = new Map<object, DataPath>()
  const visit = (node: unknown, path: DataPath): void => {
    if (typeof node !== 'object' || node === null || paths.has(node)) return
    paths.set(node, path)
    if (Array.isArray(node))
      node.forEach((item, i) => visit(item, [...path, i]))
    else
      for (const [key, item] of Object.entries(node))
        visit(item, [...path, key])
  }
  visit(value, [])
  return paths
}

/** The line of the longest part of the path that has one. */
function nearestLineIn(
  doc: ParsedDocument,
  path: DataPath,
): number | undefined {
  for (let end = path.length; end >= 0; end--) {
    const line = doc.lineOf(path.slice(0, end))
    if (line !== undefined) return line
  }
  return undefined
}

function report(
  container: object,
  at: readonly (string | number)[],
  value: unknown,
  how: DropReport,
): void {
  const read = active
  if (!read) return
  const base = pathsOf(read).get(container)
  if (!base) return
  const path = [...base, ...at]
  read.problems.push(
    problem(
      read.file,
      nearestLineIn(read.doc, path),
      typeof how.message === 'function' ? how.message(value) : how.message,
      { field: fieldOf(path), help: how.help, level: how.level },
    ),
  )
}

/**
 * The object field being checked, innermost last: a list or map in the
 * wrong place is a scalar with no path of its own, so it is reported at
 * its parent's path plus its key.
 */
const fields: Array<{ readonly container: object; readonly key: string }> = []

function reportField(value: unknown, how: DropReport): void {
  const at = fields.at(-1)
  if (at) report(at.container, [at.key], value, how)
}

/**
 * An entry that failed: a check of its own (`must`) names what is wrong
 * and where; any other failure is the entry's report.
 */
function reportEntry(
  container: object,
  key: string | number,
  entry: unknown,
  error: z.ZodError,
  how: DropReport | undefined,
): void {
  const issue = error.issues[0]
  const params = (issue?.code === 'custom' ? issue.params : undefined) as
    (Partial<DropReport> & { readonly reported?: true }) | undefined
  if (issue && params?.reported) {
    report(container, [key, ...(issue.path as DataPath)], entry, {
      message: issue.message,
      level: params.level,
      help: params.help,
    })
  } else if (how) report(container, [key], entry, how)
}

/**
 * A list whose entries are checked one by one: those that match are kept,
 * the others reported (`entry`) and left out. Not a list at all: reported
 * (`notList`) and read as absent (undefined).
 *
 * Reports are made while the schema runs, so a reporting schema must not
 * sit inside a `z.union`, which may try it and then discard the attempt.
 */
export function looseArray<T extends z.ZodType>(
  item: T,
  options: ListOptions = {},
): z.ZodType<z.output<T>[] | undefined> {
  return looseList(item, options, (data) => data) as unknown as z.ZodType<
    z.output<T>[] | undefined
  >
}

/**
 * A looseArray whose kept entries (objects) say where they stood in the
 * list (`index`), for the lines of entries that are not mappings.
 */
export function indexedArray<T extends z.ZodType<object>>(
  item: T,
  options: ListOptions = {},
): z.ZodType<Array<z.output<T> & { readonly index: number }> | undefined> {
  return looseList(item, options, (data, index) => ({
    ...(data as object),
    index,
  })) as unknown as z.ZodType<
    Array<z.output<T> & { readonly index: number }> | undefined
  >
}

interface ListOptions {
  readonly entry?: DropReport
  readonly notList?: DropReport
}

function looseList(
  item: z.ZodType,
  options: ListOptions,
  keep: (data: unknown, index: number) => unknown,
): z.ZodType {
  return z.unknown().transform((value) => {
    if (value === undefined) return undefined
    if (!Array.isArray(value)) {
      if (options.notList) reportField(value, options.notList)
      return undefined
    }
    const kept: unknown[] = []
    value.forEach((entry, index) => {
      const parsed = item.safeParse(entry)
      if (parsed.success) kept.push(keep(parsed.data, index))
      else reportEntry(value, index, entry, parsed.error, options.entry)
    })
    return kept
  })
}

/** A map whose values are checked one by one, like looseArray's entries. */
export function looseRecord<T extends z.ZodType>(
  value: T,
  options: { entry?: DropReport; notMap?: DropReport } = {},
): z.ZodType<Array<[string, z.output<T>]> | undefined> {
  return z.unknown().transform((input) => {
    if (input === undefined) return undefined
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      if (options.notMap) reportField(input, options.notMap)
      return undefined
    }
    const kept: Array<[string, z.output<T>]> = []
    for (const [key, entry] of Object.entries(input)) {
      const parsed = value.safeParse(entry)
      if (parsed.success) kept.push([key, parsed.data as z.output<T>])
      else reportEntry(input, key, entry, parsed.error, options.entry)
    }
    return kept
  }) as unknown as z.ZodType<Array<[string, z.output<T>]> | undefined>
}

/**
 * A mapping with the fields given, each read by its own (tolerant) schema;
 * keys it does not name pass through untouched. Anything but a mapping
 * fails, which the list or map around it reports.
 */
export function looseObject<T extends z.ZodRawShape>(
  shape: T,
): z.ZodType<z.output<z.ZodObject<T, z.core.$loose>>> {
  return memoized(LOOSE, shape, () => buildLooseObject(shape))
}

function buildLooseObject<T extends z.ZodRawShape>(
  shape: T,
): z.ZodType<z.output<z.ZodObject<T, z.core.$loose>>> {
  const keys = Object.entries(shape).map(([key, field]) => ({
    key,
    field: field as z.ZodType,
    // The kit's scalars are plain functions of the value: run directly,
    // they skip a zod run per field, the bulk of reading a mapping.
    direct: DIRECT.get(field as z.ZodType),
  }))
  return z
    .custom<Record<string, unknown>>(isMapping)
    .transform((input, ctx) => {
      const read: Array<[string, unknown]> = []
      for (const { key, field, direct } of keys) {
        // Own keys only: a missing `constructor` must not find Object's.
        const value = Object.hasOwn(input, key) ? input[key] : undefined
        if (direct) {
          const data = direct(value)
          if (data !== undefined) read.push([key, data])
          continue
        }
        fields.push({ container: input, key })
        let parsed: z.ZodSafeParseResult<unknown>
        try {
          parsed = field.safeParse(value)
        } finally {
          fields.pop()
        }
        if (!parsed.success) {
          for (const issue of parsed.error.issues)
            ctx.issues.push({
              ...issue,
              path: [key, ...issue.path],
              input: value,
            } as never)
          return z.NEVER
        }
        if (parsed.data !== undefined) read.push([key, parsed.data])
      }
      // fromEntries defines own properties: a `__proto__` key stays a key.
      return Object.fromEntries([
        ...Object.entries(input).filter(([key]) => !Object.hasOwn(shape, key)),
        ...read,
      ])
    }) as unknown as z.ZodType<z.output<z.ZodObject<T, z.core.$loose>>>
}

/**
 * A looseObject that also says where it stands in the file (`at`, its path
 * in the document): entries of a loose list keep their own path when the
 * ones before them are left out, so their lines stay right.
 */
export function locatedObject<T extends z.ZodRawShape>(
  shape: T,
): z.ZodType<
  z.output<z.ZodObject<T, z.core.$loose>> & { readonly at: DataPath }
> {
  return memoized(LOCATED, shape, () => buildLocatedObject(shape))
}

function buildLocatedObject<T extends z.ZodRawShape>(
  shape: T,
): z.ZodType<
  z.output<z.ZodObject<T, z.core.$loose>> & { readonly at: DataPath }
> {
  const object = looseObject(shape)
  return z
    .custom<Record<string, unknown>>(isMapping)
    .transform((input, ctx) => {
      const parsed = object.safeParse(input)
      if (!parsed.success) {
        for (const issue of parsed.error.issues) ctx.issues.push(issue as never)
        return z.NEVER
      }
      return {
        ...parsed.data,
        at: (active ? pathsOf(active).get(input) : undefined) ?? [],
      }
    }) as unknown as z.ZodType<
    z.output<z.ZodObject<T, z.core.$loose>> & { readonly at: DataPath }
  >
}

/**
 * A check whose failure drops the entry around it with this message, on
 * the line of `path` (inside the value) or of the value itself, e.g. a
 * mode without a slug. The check runs where it is written, so a field
 * checked first keeps the fields after it from reporting anything.
 */
export function must<T extends z.ZodType>(
  schema: T,
  check: (value: z.output<T>) => boolean,
  how: {
    message: string
    path?: DataPath
    level?: 'error' | 'warning'
    help?: string
  },
): z.ZodType<z.output<T>> {
  return schema.refine(check, {
    message: how.message,
    path: [...(how.path ?? [])],
    params: { reported: true, level: how.level, help: how.help },
  }) as unknown as z.ZodType<z.output<T>>
}

/**
 * A mapping with the fields given, or undefined for anything else (absent,
 * a scalar, a list): for a field whose wrong shape means "not stated".
 */
export function maybeObject<T extends z.ZodRawShape>(
  shape: T,
): z.ZodType<z.output<z.ZodObject<T, z.core.$loose>> | undefined> {
  return memoized(MAYBE, shape, () => buildMaybeObject(shape))
}

function buildMaybeObject<T extends z.ZodRawShape>(
  shape: T,
): z.ZodType<z.output<z.ZodObject<T, z.core.$loose>> | undefined> {
  const object = looseObject(shape)
  return z.unknown().transform((value) => {
    if (!isMapping(value)) return undefined
    const parsed = object.safeParse(value)
    return parsed.success ? parsed.data : undefined
  }) as unknown as z.ZodType<
    z.output<z.ZodObject<T, z.core.$loose>> | undefined
  >
}

/**
 * Object schemas by shape. Building a zod schema costs far more than
 * running it, and a schema written where it is used (inside a transform,
 * for a nested mapping) would be built again for every value: the same
 * keys with the same field schemas give the same schema, built once. Field
 * schemas are compared by identity, which is why the scalars below are
 * single instances. The caches are bounded: a shape built from fresh field
 * schemas each time gains nothing and must not grow memory over a scan.
 */
const LOOSE = new Map<string, z.ZodType>()
const LOCATED = new Map<string, z.ZodType>()
const MAYBE = new Map<string, z.ZodType>()
const CACHE_LIMIT = 2048
const schemaIds = new WeakMap<object, number>()
let nextSchemaId = 0

function memoized<S extends z.ZodType>(
  cache: Map<string, z.ZodType>,
  shape: z.ZodRawShape,
  build: () => S,
): S {
  let key = ''
  for (const [name, field] of Object.entries(shape)) {
    let id = schemaIds.get(field)
    if (id === undefined) schemaIds.set(field, (id = nextSchemaId++))
    key += `${name}\u0000${id}\u0000`
  }
  const known = cache.get(key)
  if (known) return known as S
  const built = build()
  if (cache.size >= CACHE_LIMIT) cache.clear()
  cache.set(key, built)
  return built
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Scalars as the accessors always read them: the wrong type is absent. */
const readText = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : undefined
/** A string with something in it: blank is absent. */
const readNonBlank = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v : undefined
const readFlag = (v: unknown): boolean | undefined =>
  typeof v === 'boolean' ? v : undefined
const readCount = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? v : undefined
/** A list of strings; other entries are left out silently. */
const readTexts = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []
/** The keys of a mapping (env var names, say); none for anything else. */
const readKeys = (v: unknown): string[] => (isMapping(v) ? Object.keys(v) : [])
/** Whether the field is set, to any value (null included). */
const readStated = (v: unknown): boolean => v !== undefined
/** Anything at all, kept as it is (a value handed to a kit helper). */
const readRaw = (v: unknown): unknown => v

const TEXT = z.unknown().transform(readText)
const NON_BLANK = z.unknown().transform(readNonBlank)
const FLAG = z.unknown().transform(readFlag)
const COUNT = z.unknown().transform(readCount)
const TEXTS = z.unknown().transform(readTexts)
const KEYS = z.unknown().transform(readKeys)
const STATED = z.unknown().transform(readStated)
const RAW = z.unknown()

/** Each scalar schema and the function it runs (see buildLooseObject). */
const DIRECT: ReadonlyMap<z.ZodType, (value: unknown) => unknown> = new Map<
  z.ZodType,
  (value: unknown) => unknown
>([
  [TEXT, readText],
  [NON_BLANK, readNonBlank],
  [FLAG, readFlag],
  [COUNT, readCount],
  [TEXTS, readTexts],
  [KEYS, readKeys],
  [STATED, readStated],
  [RAW, readRaw],
])

/**
 * A coding assistant's `tools` field: absent (or null), which gives every
 * tool; a comma string or a list, kept raw for the tool-list reader
 * (listEntries), which knows both and their lines; or a value of another
 * type, which is not a tool list.
 */
export type ToolListField =
  | { readonly kind: 'absent' }
  | { readonly kind: 'list'; readonly value: string | unknown[] }
  | { readonly kind: 'invalid' }
const TOOL_LIST = z
  .unknown()
  .transform((value): ToolListField =>
    value === undefined || value === null
      ? { kind: 'absent' }
      : typeof value === 'string' || Array.isArray(value)
        ? { kind: 'list', value }
        : { kind: 'invalid' },
  )
export const toolListField = (): z.ZodType<ToolListField> => TOOL_LIST

export const text = (): z.ZodType<string | undefined> => TEXT
export const nonBlank = (): z.ZodType<string | undefined> => NON_BLANK
export const flag = (): z.ZodType<boolean | undefined> => FLAG
export const count = (): z.ZodType<number | undefined> => COUNT
export const texts = (): z.ZodType<string[]> => TEXTS
export const keys = (): z.ZodType<string[]> => KEYS
export const stated = (): z.ZodType<boolean> => STATED
export const raw = (): z.ZodType<unknown> => RAW

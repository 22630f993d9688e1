import {
  parseTree,
  printParseErrorCode,
  type Node as JsonNode,
  type ParseError,
} from 'jsonc-parser'
import {
  CST,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  Lexer,
  LineCounter,
  parseDocument,
  type Document,
} from 'yaml'
import { ManifestError, type SourcePosition } from '../errors.js'
import { RecentByText } from '../recent-by-text.js'

/**
 * Manifests as plain data plus a way back to their source lines, so that every
 * format module can cite "line 14" without knowing which parser read it.
 *
 * Reading is defensive because the text comes from untrusted pull requests:
 * alias expansion and nesting depth are bounded, and keys such as `__proto__`
 * become ordinary own properties instead of touching any prototype.
 */

export type PathSegment = string | number
export type DataPath = readonly PathSegment[]

export interface ParsedDocument {
  readonly value: unknown
  /** 1-based line of the node at `path`; for a mapping entry, its key's line. */
  lineOf(path: DataPath): number | undefined
  /** 1-based line and column of the same place, where the reader knows it. */
  positionOf?(path: DataPath): { line: number; column: number } | undefined
}

export const MAX_DEPTH = 64
export const MAX_ALIAS_COUNT = 100

/**
 * Bracket nesting allowed before a document is handed to a parser. Both
 * parsers recurse once per level, so thousands of `[` take the stack (and,
 * for YAML, most of a second) before failing; the structural limit above is
 * checked precisely after parsing, this one only keeps the parsers safe.
 */
const MAX_BRACKET_DEPTH = 256

/**
 * How the text is read when looking for brackets. JSON(C) has only `"`
 * strings and `//` or `/* *\/` comments: a `'` or `#` is just a character
 * there (an error the parser reports and reads past), so treating it as a
 * quote or a comment would hide the brackets after it from this check.
 * YAML's quotes and comments depend on where they stand (`don't` and `a#b`
 * are plain text), so YAML is read with the YAML library's own lexer.
 */
export type BracketSyntax = 'json' | 'yaml'

/**
 * Refuses text whose `[`/`{` nesting, outside quoted strings and comments,
 * goes deeper than any parser should be asked to follow.
 */
export function checkBracketDepth(
  text: string,
  file: string,
  lineOffset = 0,
  syntax: BracketSyntax = 'yaml',
): void {
  const at = syntax === 'json' ? jsonTooDeepAt(text) : yamlTooDeepAt(text)
  if (at === undefined) return
  throw new ManifestError(
    `nested more than ${MAX_BRACKET_DEPTH} levels deep: not parsed`,
    { file, line: lineIndex(text)(at) + lineOffset },
    { help: `Manifests may nest at most ${MAX_DEPTH} levels.` },
  )
}

/** Where JSON(C) text first nests deeper than MAX_BRACKET_DEPTH, if it does. */
function jsonTooDeepAt(text: string): number | undefined {
  // Character codes: \n 10, \r 13, " 34, * 42, / 47, [ 91, \ 92, ] 93,
  // { 123, } 125.
  let depth = 0
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (quoted) {
      // JSON strings, like jsonc-parser's, end at a line break.
      if (code === 92) i++
      else if (code === 34 || isLineBreak(code)) quoted = false
    } else if (code === 34) {
      quoted = true
    } else if (code === 47 && text.charCodeAt(i + 1) === 47) {
      while (i < text.length && !isLineBreak(text.charCodeAt(i))) i++
    } else if (code === 47 && text.charCodeAt(i + 1) === 42) {
      const end = text.indexOf('*/', i + 2)
      i = end === -1 ? text.length : end + 1
    } else if (code === 91 || code === 123) {
      if (++depth > MAX_BRACKET_DEPTH) return i
    } else if ((code === 93 || code === 125) && depth > 0) {
      depth--
    }
  }
  return undefined
}

/**
 * Where YAML text first nests flow collections deeper than
 * MAX_BRACKET_DEPTH, if it does. Text with no more opening brackets than
 * that cannot, and is let through at once (nearly every manifest); other
 * text is read by the YAML lexer, which recurses on nothing and decides, as
 * the parser will, which `[` opens a collection and which is text (in a
 * plain scalar, a quoted one, a comment or a block scalar).
 */
function yamlTooDeepAt(text: string): number | undefined {
  let openers = 0
  for (let i = 0; i < text.length && openers <= MAX_BRACKET_DEPTH; i++) {
    const code = text.charCodeAt(i)
    if (code === 91 || code === 123) openers++
  }
  if (openers <= MAX_BRACKET_DEPTH) return undefined
  let depth = 0
  let offset = 0
  for (const token of new Lexer().lex(text)) {
    const type = CST.tokenType(token)
    // Control tokens mark the lexer's modes and stand for no source text.
    if (type === 'doc-mode' || type === 'flow-error-end' || type === 'scalar')
      continue
    if (type === 'flow-seq-start' || type === 'flow-map-start') {
      if (++depth > MAX_BRACKET_DEPTH) return offset
    } else if (
      (type === 'flow-seq-end' || type === 'flow-map-end') &&
      depth > 0
    ) {
      depth--
    }
    offset += token.length
  }
  return undefined
}

function isLineBreak(code: number): boolean {
  return code === 10 || code === 13
}

/** A line-number lookup for text offsets. */
export function lineIndex(text: string): (offset: number) => number {
  const position = positionIndex(text)
  return (offset) => position(offset).line
}

/** A line-and-column lookup for text offsets (both 1-based). */
export function positionIndex(
  text: string,
): (offset: number) => { line: number; column: number } {
  const starts = [0]
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) === 10) starts.push(i + 1)
  }
  return (offset) => {
    let low = 0
    let high = starts.length - 1
    while (low < high) {
      const mid = (low + high + 1) >> 1
      if ((starts[mid] ?? 0) <= offset) low = mid
      else high = mid - 1
    }
    return { line: low + 1, column: offset - (starts[low] ?? 0) + 1 }
  }
}

/** Defines a key as an own data property, whatever its name. */
export function setOwn(
  target: Record<string, unknown>,
  key: string,
  value: unknown,
): void {
  // Assignment is much faster, and only `__proto__` reaches a prototype
  // through it (`constructor` and the like become own properties).
  if (key !== '__proto__') {
    target[key] = value
    return
  }
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  })
}

// ---------------------------------------------------------------- memo

/**
 * Documents recently read, by text. When a file's name suits several
 * formats, each that declines it passes the same text on to the next; and
 * monorepos repeat manifests (the same MCP configuration or agent in many
 * packages). Remembering recent parses spares both from repeating them.
 * Parsed values are frozen, so sharing one between files is safe. The
 * memory is bounded by count and by text size; a failure is remembered only
 * for the file it names.
 */
type Outcome = { readonly doc: ParsedDocument } | { readonly error: unknown }
interface Remembered {
  readonly kind: 'json' | 'yaml'
  readonly lineOffset: number
  readonly file: string
  readonly outcome: Outcome
}
const recent = new RecentByText<Remembered>(64, 4 * 1024 * 1024, 256 * 1024)

function remembered(
  kind: 'json' | 'yaml',
  text: string,
  file: string,
  lineOffset: number,
  read: (text: string, file: string, lineOffset: number) => ParsedDocument,
): ParsedDocument {
  let entry = recent.take(text)
  if (
    entry === undefined ||
    entry.kind !== kind ||
    entry.lineOffset !== lineOffset ||
    ('error' in entry.outcome && entry.file !== file)
  ) {
    let outcome: Outcome
    try {
      outcome = { doc: read(text, file, lineOffset) }
    } catch (error) {
      outcome = { error }
    }
    entry = { kind, lineOffset, file, outcome }
    recent.keep(text, entry)
  }
  if ('error' in entry.outcome) throw entry.outcome.error
  return entry.outcome.doc
}

/** Freezes a parsed value throughout: documents are shared, never edited. */
function frozen<T>(value: T): T {
  if (isPlainData(value) && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const child of Object.values(value)) frozen(child)
  }
  return value
}

/** Arrays and plain objects (YAML also yields dates and byte arrays). */
function isPlainData(value: unknown): value is object {
  if (Array.isArray(value)) return true
  if (typeof value !== 'object' || value === null) return false
  const prototype: unknown = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null
}

// ---------------------------------------------------------------- JSON(C)

/**
 * JSON with the tolerances real manifests need: comments and trailing commas
 * (VS Code, OpenCode and CrewAI files use both).
 */
export function parseJsonDocument(
  text: string,
  file: string,
  lineOffset = 0,
): ParsedDocument {
  return remembered('json', text, file, lineOffset, readJson)
}

function readJson(
  text: string,
  file: string,
  lineOffset: number,
): ParsedDocument {
  checkBracketDepth(text, file, lineOffset, 'json')
  const errors: ParseError[] = []
  let root: JsonNode | undefined
  try {
    root = parseTree(stripBom(text), errors, {
      allowTrailingComma: true,
      disallowComments: false,
      allowEmptyContent: false,
    })
  } catch (error) {
    // The parser recurses once per level; should the check above ever let
    // too deep a text through, its RangeError is a problem with the file.
    throw hostileDocument(file, lineOffset, error)
  }
  const lineAt = lineIndex(text)
  const firstError = errors[0]
  if (firstError || !root) {
    const offset = firstError?.offset ?? 0
    throw invalidSyntax(
      'JSON',
      firstError ? describeJsonError(firstError.error) : 'empty document',
      { file, line: lineAt(offset) + lineOffset },
      { help: 'Fix the syntax; comments and trailing commas are accepted.' },
    )
  }
  const value = jsonValue(root, 0, file, lineAt, lineOffset)
  const positionAt = positionIndex(text)
  const positionOf = (
    path: DataPath,
  ): { line: number; column: number } | undefined => {
    const node = jsonNodeAt(root, path)
    if (!node) return undefined
    const anchor = node.parent?.type === 'property' ? node.parent : node
    const position = positionAt(anchor.offset)
    return { line: position.line + lineOffset, column: position.column }
  }
  return {
    value: frozen(value),
    positionOf,
    lineOf: (path) => positionOf(path)?.line,
  }
}

function describeJsonError(code: number): string {
  return printParseErrorCode(code)
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
}

function jsonValue(
  node: JsonNode,
  depth: number,
  file: string,
  lineAt: (offset: number) => number,
  lineOffset: number,
): unknown {
  if (depth > MAX_DEPTH)
    throw nestedTooDeep(file, lineAt(node.offset) + lineOffset)
  switch (node.type) {
    case 'object': {
      const result: Record<string, unknown> = {}
      for (const property of node.children ?? []) {
        const [key, child] = property.children ?? []
        if (key && child) {
          setOwn(
            result,
            String(key.value),
            jsonValue(child, depth + 1, file, lineAt, lineOffset),
          )
        }
      }
      return result
    }
    case 'array':
      return (node.children ?? []).map((child) =>
        jsonValue(child, depth + 1, file, lineAt, lineOffset),
      )
    default:
      return node.value as unknown
  }
}

// ---------------------------------------------------------------- YAML

export function parseYamlDocument(
  text: string,
  file: string,
  lineOffset = 0,
): ParsedDocument {
  return remembered('yaml', text, file, lineOffset, readYaml)
}

function readYaml(
  text: string,
  file: string,
  lineOffset: number,
): ParsedDocument {
  checkBracketDepth(text, file, lineOffset, 'yaml')
  const lineCounter = new LineCounter()
  let doc: Document.Parsed
  try {
    doc = parseDocument(stripBom(text), {
      lineCounter,
      prettyErrors: false,
      uniqueKeys: false,
      strict: false,
    })
  } catch (error) {
    throw hostileDocument(file, lineOffset, error)
  }
  const error = doc.errors[0]
  if (error) {
    const line = lineCounter.linePos(error.pos[0]).line + lineOffset
    throw invalidSyntax(
      'YAML',
      error.message,
      { file, line },
      {
        help: 'Fix the YAML syntax (indentation, quoting, a missing colon).',
      },
    )
  }
  checkYamlStructure(doc.contents, file, lineCounter, lineOffset)
  let value: unknown
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT })
  } catch (cause) {
    throw new ManifestError(
      `YAML could not be expanded: ${firstLine(String(cause instanceof Error ? cause.message : cause))}`,
      { file, line: 1 + lineOffset },
      {
        help: `Aliases are limited to ${MAX_ALIAS_COUNT} expansions to keep alias bombs harmless.`,
        cause,
      },
    )
  }
  return {
    value: frozen(value),
    lineOf(path) {
      const offset = yamlOffset(doc.contents, path)
      return offset === undefined
        ? undefined
        : lineCounter.linePos(offset).line + lineOffset
    },
    positionOf(path) {
      const offset = yamlOffset(doc.contents, path)
      if (offset === undefined) return undefined
      const { line, col } = lineCounter.linePos(offset)
      return { line: line + lineOffset, column: col }
    },
  }
}

function hostileDocument(
  file: string,
  lineOffset: number,
  cause: unknown,
): ManifestError {
  return new ManifestError(
    `document could not be parsed safely (${cause instanceof RangeError ? 'too deeply nested' : firstLine(String(cause))})`,
    { file, line: 1 + lineOffset },
    { help: SHALLOW, cause },
  )
}

function nestedTooDeep(file: string, line: number): ManifestError {
  return new ManifestError(
    `document is nested more than ${MAX_DEPTH} levels deep`,
    { file, line },
    { help: SHALLOW },
  )
}

const SHALLOW =
  'Agent manifests are shallow; this file was skipped as hostile or corrupt.'

/**
 * Walks the parsed document before it becomes plain data, refusing what
 * `toJS` would choke on: nesting deeper than MAX_DEPTH, counted through
 * mapping keys as well as values (`? ? ? x` nests keys, and every complex key
 * is stringified at each level, in time that grows much faster than the
 * text), and an alias inside the node its anchor names (`a: &s [*s]`), whose
 * value would contain itself.
 *
 * The walk is in document order, keys before values, as the YAML library
 * resolves an alias to the last node with its anchor before it. An alias
 * outside its node refers to one that is complete, and then no chain of
 * aliases can lead back to it: only an alias inside its anchor's node (one of
 * the nodes being walked through) makes a cycle.
 */
function checkYamlStructure(
  root: unknown,
  file: string,
  lineCounter: LineCounter,
  lineOffset: number,
): void {
  const lineOf = (node: unknown): number => {
    const offset = rangeStart(node)
    return (
      (offset === undefined ? 1 : lineCounter.linePos(offset).line) + lineOffset
    )
  }
  const anchors = new Map<string, unknown>()
  const open = new Set<unknown>()
  // A mapping or sequence as a key is legal YAML that no manifest uses, and
  // turning one into a property name costs time that grows with its depth.
  const refuseCollectionKey = (key: unknown): void => {
    const target = isAlias(key) ? anchors.get(key.source) : key
    if (!isMap(target) && !isSeq(target)) return
    throw new ManifestError(
      'a mapping key is itself a mapping or sequence',
      { file, line: lineOf(key) },
      {
        help: 'Agent manifests use plain keys; this file was skipped as hostile or corrupt.',
      },
    )
  }
  const visit = (node: unknown, depth: number): void => {
    if (depth > MAX_DEPTH) throw nestedTooDeep(file, lineOf(node))
    if (node === null || node === undefined) return
    if (isAlias(node)) {
      if (open.has(anchors.get(node.source))) {
        throw new ManifestError(
          `YAML alias *${node.source.slice(0, 40)} is inside the node its anchor names, so its value would contain itself`,
          { file, line: lineOf(node) },
          {
            help: 'An alias may only refer to a node that ends before it; this file was skipped as hostile or corrupt.',
          },
        )
      }
      return
    }
    const anchor = (node as { anchor?: unknown }).anchor
    if (typeof anchor === 'string') anchors.set(anchor, node)
    if (!isMap(node) && !isSeq(node)) return
    open.add(node)
    for (const item of node.items as unknown[]) {
      // Mappings hold pairs; so do the sequences of !!omap and !!pairs.
      if (isPair(item)) {
        refuseCollectionKey(item.key)
        visit(item.key, depth + 1)
        visit(item.value, depth + 1)
      } else {
        visit(item, depth + 1)
      }
    }
    open.delete(node)
  }
  visit(root, 0)
}

function yamlOffset(root: unknown, path: DataPath): number | undefined {
  let node: unknown = root
  let offset = rangeStart(node)
  for (const segment of path) {
    if (isAlias(node)) return offset
    if (isMap(node)) {
      const pair = firstPairs(node).get(String(segment))
      if (!pair) return undefined
      offset = rangeStart(pair.key) ?? rangeStart(pair.value)
      node = pair.value
    } else if (isSeq(node) && typeof segment === 'number') {
      node = node.items[segment]
      if (node === undefined) return undefined
      offset = rangeStart(node)
    } else {
      return undefined
    }
  }
  return offset
}

// Formats ask for the line of every entry of a mapping, and a hostile one
// has tens of thousands: each mapping's keys are indexed on first use, so
// that the lookups stay linear. The first of duplicate keys gives the line.

/** A container's entries by key, built on first use; the first of duplicates wins. */
function keysOnce<V>(
  cache: WeakMap<object, Map<string, V>>,
  container: object,
  entries: () => Iterable<readonly [string, V]>,
): Map<string, V> {
  let byKey = cache.get(container)
  if (byKey === undefined) {
    byKey = new Map()
    for (const [key, value] of entries())
      if (!byKey.has(key)) byKey.set(key, value)
    cache.set(container, byKey)
  }
  return byKey
}

type YamlPair = { key: unknown; value: unknown }
const yamlKeys = new WeakMap<object, Map<string, YamlPair>>()

function firstPairs(node: { items: unknown[] }): Map<string, YamlPair> {
  return keysOnce(yamlKeys, node, function* () {
    for (const item of node.items)
      if (isPair(item) && isScalar(item.key))
        yield [String(item.key.value), item] as const
  })
}

const jsonKeys = new WeakMap<object, Map<string, JsonNode>>()

function firstProperties(node: JsonNode): Map<string, JsonNode> {
  return keysOnce(jsonKeys, node, function* () {
    for (const property of node.children ?? []) {
      const [key, value] = property.children ?? []
      if (
        property.children?.length === 2 &&
        value !== undefined &&
        typeof key?.value === 'string'
      )
        yield [key.value, value] as const
    }
  })
}

/** The node at a path, as jsonc-parser's findNodeAtLocation finds it. */
function jsonNodeAt(root: JsonNode, path: DataPath): JsonNode | undefined {
  let node: JsonNode | undefined = root
  for (const segment of path) {
    if (node?.type === 'object' && typeof segment === 'string')
      node = firstProperties(node).get(segment)
    else if (node?.type === 'array' && typeof segment === 'number')
      node = node.children?.[segment]
    else return undefined
  }
  return node
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as { range?: [number, number, number] } | null)?.range
  return range?.[0]
}

// ---------------------------------------------------------------- shared

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? text
}

/**
 * The one error for text a parser rejects, whichever the language, so that
 * every syntax error reads alike: `invalid <language>: ` and the first line
 * of the parser's message (a parser that writes more lines draws the place
 * there, which the position already gives).
 */
export function invalidSyntax(
  language: 'JSON' | 'YAML' | 'TOML',
  detail: string,
  position: SourcePosition,
  options: { readonly help: string; readonly cause?: unknown },
): ManifestError {
  return new ManifestError(
    `invalid ${language}: ${firstLine(detail)}`,
    position,
    options,
  )
}

/** Picks the parser from the file name; `.json`-like names read as JSONC. */
export function parseStructured(text: string, file: string): ParsedDocument {
  return /\.(json|jsonc|json5|af)$/i.test(file)
    ? parseJsonDocument(text, file)
    : parseYamlDocument(text, file)
}

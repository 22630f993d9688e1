/**
 * A reader for the HCL that Terraform resources are written in, giving the
 * blocks and attributes of a file with the line of each, so that a format
 * can cite "line 14" as it does for JSON and YAML (parse/document.ts).
 *
 * The subset it reads: a body of blocks (`type "label" ident { … }`) and
 * attributes (`name = value`), with `#`, `//` and `/* *\/` comments (a
 * `/* *\/` after a value on its line stays part of the value's text).
 * Values it reads as literals: quoted strings, heredocs (`<<EOF`, and
 * `<<-EOF`, whose common indentation is removed), numbers, `true`/`false`
 * and lists of these. Every other expression (references, function calls,
 * objects, conditionals, `for` expressions, operators) is kept as its
 * source text, found by following its brackets and strings. Not read:
 * variables, locals, modules, `count`/`for_each` expansion, JSON-syntax
 * `.tf.json` files; nothing is ever evaluated.
 *
 * It is conservative because its input comes from untrusted pull requests
 * and feeds a security gate: a value it is not sure of stays text (the
 * format can then say "set through an expression" rather than guess), and
 * a text it cannot follow is refused as a whole with the line where it
 * went wrong, never read in part. The nesting of blocks, strings and lists
 * is bounded (MAX_HCL_DEPTH), every loop moves forward through the text, and
 * names are kept in Maps and arrays, never as object properties. Errors
 * leave as ManifestError, the one way the JSON and YAML readers report
 * theirs.
 */
import { ManifestError } from '../errors.js'
import { lineIndex } from './document.js'

/**
 * The value of an attribute. Only a whole literal is a value; anything
 * computed (`var.x`, `file("a")`, `a ? b : c`, `{ k = v }`, `"a" + "b"`) is
 * an `expr` holding its source text, trimmed, for the caller to show or to
 * recognise.
 */
export type HclValue =
  /**
   * A quoted string or a heredoc. In a quoted string `\" \\ \n \r \t` are
   * decoded, other escapes and `${…}` interpolations kept as written.
   */
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'bool'; readonly value: boolean }
  /** A `[…]` list whose items could be told apart, each a value in turn. */
  | { readonly kind: 'list'; readonly items: HclValue[] }
  | { readonly kind: 'expr'; readonly text: string }

/** `name = value`, with the 1-based line of its name. */
export interface HclAttribute {
  readonly line: number
  readonly value: HclValue
}

/**
 * `type "label" label { … }`, with the 1-based line of its type. The file
 * itself is read as a block with type `''`, no labels and line 1.
 */
export interface HclBlock {
  readonly type: string
  readonly labels: string[]
  readonly line: number
  /**
   * By name, the last of duplicates winning. A Map, so that a name such as
   * `__proto__` or `constructor` is only a key.
   */
  readonly attributes: Map<string, HclAttribute>
  /** In the order they are written; several may share a type. */
  readonly blocks: HclBlock[]
}

/** A syntax error at a text offset, turned into a ManifestError at the door. */
class HclError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message)
  }
}

/**
 * Blocks, lists, `${…}` interpolations and strings inside them may nest
 * this deep together. Real Terraform rarely goes past ten; the reader recurses once
 * per level, so without a bound a hostile file would exhaust the stack.
 */
export const MAX_HCL_DEPTH = 64
const IDENT_START = /[A-Za-z_]/
const IDENT = /[A-Za-z0-9_-]/

/** Reads one text, front to back, once; `pos` is the offset it has reached. */
class HclReader {
  private pos = 0
  private depth = 0
  private readonly lineAt: (offset: number) => number

  constructor(private readonly text: string) {
    this.lineAt = lineIndex(text)
  }

  read(): HclBlock {
    const root: HclBlock = {
      type: '',
      labels: [],
      line: 1,
      attributes: new Map(),
      blocks: [],
    }
    this.body(root, undefined)
    return root
  }

  private get char(): string {
    return this.text[this.pos] ?? ''
  }

  /** Reads a body up to its closing brace; `opened` is where the block began. */
  private body(block: HclBlock, opened: number | undefined): void {
    for (;;) {
      this.skip(true)
      if (this.pos >= this.text.length) {
        if (opened !== undefined) {
          throw new HclError(
            `block ${block.type} is not closed: a "}" is missing`,
            opened,
          )
        }
        return
      }
      if (this.char === '}') {
        if (opened === undefined) throw new HclError('unexpected "}"', this.pos)
        this.pos += 1
        return
      }
      const start = this.pos
      const name = this.identifier()
      if (!name)
        throw new HclError(`unexpected character "${this.char}"`, this.pos)
      this.skip(false)
      if (this.char === '=' && this.text[this.pos + 1] !== '=') {
        this.pos += 1
        const value = this.expression()
        block.attributes.set(name, { line: this.lineAt(start), value })
        continue
      }
      const labels: string[] = []
      while (this.char === '"' || IDENT_START.test(this.char)) {
        labels.push(
          this.char === '"'
            ? unquote(this.slice(this.stringEnd(this.pos)))
            : this.identifier(),
        )
        this.skip(false)
      }
      if (this.char !== '{') {
        throw new HclError(`expected "=" or "{" after ${name}`, this.pos)
      }
      this.pos += 1
      const child: HclBlock = {
        type: name,
        labels,
        line: this.lineAt(start),
        attributes: new Map(),
        blocks: [],
      }
      this.nest(start, () => this.body(child, start))
      block.blocks.push(child)
    }
  }

  private slice(end: number): string {
    const text = this.text.slice(this.pos, end)
    this.pos = end
    return text
  }

  private identifier(): string {
    if (!IDENT_START.test(this.char)) return ''
    const start = this.pos
    while (IDENT.test(this.char)) this.pos += 1
    return this.text.slice(start, this.pos)
  }

  /** Skips blanks and comments, and newlines too when asked. */
  private skip(newlines: boolean): void {
    for (;;) {
      const c = this.char
      if (c === ' ' || c === '\t' || c === '\r' || (newlines && c === '\n')) {
        this.pos += 1
      } else if (c === '#' || (c === '/' && this.text[this.pos + 1] === '/')) {
        if (!newlines) return
        const end = this.text.indexOf('\n', this.pos)
        this.pos = end < 0 ? this.text.length : end
      } else if (c === '/' && this.text[this.pos + 1] === '*') {
        const end = this.text.indexOf('*/', this.pos + 2)
        if (end < 0) throw new HclError('unclosed comment', this.pos)
        this.pos = end + 2
      } else {
        return
      }
    }
  }

  /** Runs a nested read, refusing nesting deeper than any real file has. */
  private nest<T>(offset: number, read: () => T): T {
    if (++this.depth > MAX_HCL_DEPTH) {
      throw new HclError(
        `nested more than ${MAX_HCL_DEPTH} levels deep`,
        offset,
      )
    }
    try {
      return read()
    } finally {
      this.depth -= 1
    }
  }

  /** End offset (after the closing quote) of the string starting at `from`. */
  private stringEnd(from: number): number {
    let i = from + 1
    while (i < this.text.length) {
      const c = this.text[i]
      if (c === '\\') i += 2
      else if (c === '"') return i + 1
      else if (c === '\n') break
      else if (c === '$' && this.text[i + 1] === '{')
        i = this.nest(i, () => this.templateEnd(i + 2))
      else i += 1
    }
    throw new HclError('unclosed string', from)
  }

  /** End offset of a `${ … }` interpolation whose body starts at `from`. */
  private templateEnd(from: number): number {
    let depth = 1
    let i = from
    while (i < this.text.length) {
      const c = this.text[i]
      if (c === '"') i = this.nest(i, () => this.stringEnd(i))
      else {
        if (c === '{') depth += 1
        else if (c === '}') depth -= 1
        i += 1
        if (depth === 0) return i
      }
    }
    throw new HclError('unclosed interpolation', from)
  }

  private expression(): HclValue {
    this.skip(false)
    const heredoc = /^<<(-?)([A-Za-z_][\w-]*)\r?\n/.exec(
      this.text.slice(this.pos, this.pos + 80),
    )
    if (heredoc)
      return this.heredoc(
        heredoc[0].length,
        heredoc[1] === '-',
        heredoc[2] ?? '',
      )
    const start = this.pos
    let depth = 0
    while (this.pos < this.text.length) {
      const c = this.char
      if (c === '"') {
        this.pos = this.stringEnd(this.pos)
        continue
      }
      if (c === '(' || c === '[' || c === '{') depth += 1
      else if (c === ')' || c === ']' || c === '}') {
        if (depth === 0) break
        depth -= 1
      } else if (depth === 0 && (c === '\n' || c === '#')) break
      else if (depth === 0 && c === '/' && this.text[this.pos + 1] === '/')
        break
      this.pos += 1
    }
    if (depth > 0) throw new HclError('unclosed bracket in expression', start)
    return this.literal(this.text.slice(start, this.pos).trim(), start)
  }

  /**
   * A literal value when the whole expression is one; its text otherwise.
   * `offset` is where the expression starts, the place any error names.
   */
  private literal(text: string, offset: number): HclValue {
    if (/^"([^"\\]|\\.)*"$/.test(text))
      return { kind: 'string', value: unquote(text) }
    if (/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(text))
      return { kind: 'number', value: Number(text) }
    if (text === 'true' || text === 'false')
      return { kind: 'bool', value: text === 'true' }
    if (text.startsWith('[') && text.endsWith(']')) {
      const items = splitList(text.slice(1, -1))
      // A list inside a list is read again from its own text, so a depth
      // without bound would cost time with every level as well as stack.
      if (items)
        return this.nest(offset, () => ({
          kind: 'list',
          items: items.map((item) => this.literal(item, offset)),
        }))
    }
    return { kind: 'expr', text }
  }

  private heredoc(
    opening: number,
    indented: boolean,
    marker: string,
  ): HclValue {
    const bodyStart = this.pos + opening
    const closing = new RegExp(`^[ \\t]*${marker}[ \\t]*$`, 'm')
    const rest = this.text.slice(bodyStart)
    const match = closing.exec(rest)
    if (!match) throw new HclError(`heredoc ${marker} is not closed`, this.pos)
    let body = rest.slice(0, match.index).replace(/\r?\n$/, '')
    if (indented) {
      const lines = body.split('\n')
      const indent = Math.min(
        ...lines
          .filter((l) => l.trim() !== '')
          .map((l) => /^[ \t]*/.exec(l)?.[0].length ?? 0),
      )
      body = lines
        .map((l) => l.slice(Number.isFinite(indent) ? indent : 0))
        .join('\n')
    }
    this.pos = bodyStart + match.index + match[0].length
    return { kind: 'string', value: body }
  }
}

function unquote(text: string): string {
  return text
    .slice(1, -1)
    .replace(/\\(["\\nrt])/g, (_, c: string) =>
      c === 'n' ? '\n' : c === 'r' ? '\r' : c === 't' ? '\t' : c,
    )
}

/**
 * Top-level comma-separated items of a list body, or undefined if unsure.
 * Items are cut out of the body, not built a character at a time: a nested
 * list is split again at each level, so this pass must stay cheap.
 */
function splitList(body: string): string[] | undefined {
  const items: string[] = []
  let depth = 0
  let quoted = false
  let start = 0
  for (let i = 0; i < body.length; i++) {
    const c = body[i]
    if (quoted) {
      if (c === '\\') i += 1
      else if (c === '"') quoted = false
    } else if (c === '"') quoted = true
    else if (c === '(' || c === '[' || c === '{') depth += 1
    else if (c === ')' || c === ']' || c === '}') depth -= 1
    else if (c === '#') return undefined
    else if (c === ',' && depth === 0) {
      items.push(body.slice(start, i).trim())
      start = i + 1
    }
  }
  if (quoted || depth !== 0) return undefined
  const last = body.slice(start).trim()
  if (last !== '') items.push(last)
  return items
}

/**
 * Reads an HCL file into its top-level body. A text that cannot be read
 * throws a ManifestError naming the file and the line; the message starts
 * `unreadable HCL:` as `invalid JSON:` does for JSON.
 */
export function parseHclDocument(text: string, file: string): HclBlock {
  try {
    return new HclReader(text).read()
  } catch (error) {
    // Anything else thrown (a RangeError from a limit of the engine) is a
    // problem with this file too, reported at its start, not a crash.
    const line = error instanceof HclError ? lineIndex(text)(error.offset) : 1
    const message = error instanceof Error ? error.message : String(error)
    throw new ManifestError(
      `unreadable HCL: ${message}`,
      { file, line },
      { cause: error },
    )
  }
}

import {
  parseYamlDocument,
  setOwn,
  type DataPath,
  type ParsedDocument,
} from '../parse/document.js'

/**
 * Front matter read the way Claude Code, Copilot and OpenCode read it when
 * it is not valid YAML: line by line. Their users write
 * `description: Note: use this agent for ...` (a plain scalar holding `: `),
 * which a YAML parser refuses and those hosts load; a scanner that dropped
 * such an agent would let one colon hide it.
 *
 * Rules, after the strict parse failed:
 * - a line `key: value` at the left margin starts a field; the value is the
 *   rest of the line, verbatim (quotes around all of it removed, and a
 *   value that is a whole quoted string, flow list or mapping, number,
 *   boolean or null read as YAML would read it alone);
 * - indented lines after a key with an empty value are its block: YAML if
 *   the block parses on its own (lists, nested mappings such as `hooks`),
 *   else `- item` lines become a list and other lines one text;
 * - indented lines after a key with a value continue that value, as plain
 *   multi-line scalars do; `|` and `>` keep or fold the lines of the block.
 * Nothing here recurses: the text's own shape cannot make it slow.
 */
export function readLenientFrontMatter(
  yaml: string,
  file: string,
  lineOffset: number,
): ParsedDocument {
  const lines = yaml.split('\n').map((l) => l.replace(/\r$/, ''))
  const value: Record<string, unknown> = {}
  const keyLines = new Map<string, number>()
  const nested = new Map<string, ParsedDocument>()
  const itemLines = new Map<string, number[]>()
  const anchors = new Map<string, string>()
  let i = 0
  while (i < lines.length) {
    const line = lines[i] as string
    const field = fieldOf(line)
    i++
    if (field === undefined) continue
    const start = i
    while (i < lines.length && isBlockLine(lines[i] as string)) i++
    const block = lines.slice(start, i)
    while (
      block.length > 0 &&
      (block[block.length - 1] as string).trim() === ''
    )
      block.pop()
    const { key, rest } = field
    if (!keyLines.has(key)) keyLines.set(key, start + lineOffset)
    if (rest === '' || /^[|>][-+]?$/.test(rest)) {
      const read = readBlock(block, rest, file, lineOffset + start)
      setOwn(value, key, read.value)
      if (read.doc) nested.set(key, read.doc)
      if (read.items) itemLines.set(key, read.items)
      continue
    }
    let scalar = scalarOf(resolveProperties(rest, anchors), file)
    if (typeof scalar === 'string' && block.length > 0)
      scalar = [scalar, ...block.map((l) => l.trim())]
        .filter((l) => l !== '')
        .join(' ')
    setOwn(value, key, scalar)
  }
  const lineOf = (path: DataPath): number | undefined => {
    if (path.length === 0) return 1 + lineOffset
    const key = String(path[0])
    const line = keyLines.get(key)
    if (line === undefined || path.length === 1) return line
    const doc = nested.get(key)
    if (doc) return doc.lineOf(path.slice(1)) ?? line
    const items = itemLines.get(key)
    if (items && typeof path[1] === 'number') return items[path[1]] ?? line
    return line
  }
  return { value: Object.freeze(value), lineOf }
}

/**
 * A one-line value without its YAML anchor (`&name`), recorded for later
 * aliases; an alias (`*name`) is the anchored value. An alias to nothing
 * known is read as no value at all: for `tools` that is the open list, the
 * reading that can only score higher, never a tool named `*name`.
 */
function resolveProperties(rest: string, anchors: Map<string, string>): string {
  const alias = /^\*([^\s,[\]{}]+)$/.exec(rest)
  if (alias) return anchors.get(alias[1] as string) ?? 'null'
  const anchor = /^&([^\s,[\]{}]+)[ \t]+(.*)$/.exec(rest)
  if (!anchor) return rest
  const value = anchor[2] as string
  anchors.set(anchor[1] as string, value)
  return value
}

/** `key: rest` at the left margin, or undefined for any other line. */
function fieldOf(line: string): { key: string; rest: string } | undefined {
  if (line === '' || /^[\s#]/.test(line) || line.startsWith('- '))
    return undefined
  const colon = /:(?=[ \t]|$)/.exec(line)
  if (!colon) return undefined
  const key = unquote(line.slice(0, colon.index).trim())
  if (key === '') return undefined
  return { key, rest: line.slice(colon.index + 1).trim() }
}

function isBlockLine(line: string): boolean {
  return line.trim() === '' || /^[ \t]/.test(line) || /^- /.test(line)
}

interface BlockRead {
  readonly value: unknown
  readonly doc?: ParsedDocument
  readonly items?: number[]
}

function readBlock(
  block: readonly string[],
  indicator: string,
  file: string,
  lineOffset: number,
): BlockRead {
  const filled = block.filter((l) => l.trim() !== '')
  if (filled.length === 0) return { value: indicator === '' ? null : '' }
  let indent = Infinity
  for (const l of filled)
    indent = Math.min(indent, /^[ \t]*/.exec(l)?.[0].length ?? 0)
  const dedented = block.map((l) => l.slice(Math.min(indent, l.length)))
  if (indicator !== '') {
    const text = dedented.join(indicator.startsWith('|') ? '\n' : ' ')
    return {
      value: indicator.startsWith('>') ? text.replace(/ +/g, ' ') : text,
    }
  }
  try {
    const doc = parseYamlDocument(dedented.join('\n'), file, lineOffset)
    return { value: doc.value, doc }
  } catch {
    // Not YAML on its own either: read it line by line below.
  }
  if (dedented.some((l) => l.startsWith('- ') || l === '-')) {
    const items: string[] = []
    const lines: number[] = []
    dedented.forEach((l, k) => {
      if (l.startsWith('- ') || l === '-') {
        items.push(unquote(l.slice(1).trim()))
        lines.push(lineOffset + k + 1)
      } else if (items.length > 0 && l.trim() !== '') {
        items[items.length - 1] = `${items[items.length - 1] ?? ''} ${l.trim()}`
      }
    })
    return { value: items, items: lines }
  }
  return {
    value: dedented
      .map((l) => l.trim())
      .filter((l) => l !== '')
      .join(' '),
  }
}

/** A one-line value: YAML where it is one on its own, else the text as written. */
function scalarOf(rest: string, file: string): unknown {
  if (/^(true|false)$/i.test(rest)) return rest.toLowerCase() === 'true'
  if (/^(null|~)$/i.test(rest)) return null
  if (/^[-+]?\d+(\.\d+)?$/.test(rest)) return Number(rest)
  if (/^[[{"']/.test(rest)) {
    // A flow list or quoted value may end in a comment, as in YAML
    // (`tools: ['execute', 'edit'] # core`): its items are the tools the
    // host sees, not a string that names none.
    const value = withoutTrailingComment(rest)
    try {
      return parseYamlDocument(value, file).value
    } catch {
      return unquote(value)
    }
  }
  return rest
}

/** The value without a ` # comment` after its closing quote or bracket. */
function withoutTrailingComment(rest: string): string {
  const close = { '[': ']', '{': '}', '"': '"', "'": "'" }[rest[0] as string]
  const end = close === undefined ? -1 : rest.lastIndexOf(close)
  if (end <= 0) return rest
  return /^\s+#/.test(rest.slice(end + 1)) ? rest.slice(0, end + 1) : rest
}

function unquote(text: string): string {
  return text.length >= 2 &&
    (text[0] === '"' || text[0] === "'") &&
    text[text.length - 1] === text[0]
    ? text.slice(1, -1)
    : text
}

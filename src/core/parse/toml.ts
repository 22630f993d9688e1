import { parse as parseToml, TomlError } from 'smol-toml'
import { errorMessage } from '../errors.js'
import {
  invalidSyntax,
  MAX_DEPTH,
  type DataPath,
  type ParsedDocument,
} from './document.js'

/**
 * TOML (Codex's `config.toml` and agent files) as a document with lines,
 * beside the JSON and YAML readers of document.ts.
 *
 * The values come from smol-toml, which keeps no positions, so the lines
 * come from the text: each `key =` line and `[table]` or `[[array of
 * tables]]` header is recorded under its dotted path (inline-table keys
 * under the line of their table), skipping the inside of multi-line strings,
 * where a line that looks like a key is only text.
 *
 * Reading is defensive, as the text comes from untrusted pull requests:
 * smol-toml refuses arrays and inline tables nested deeper than MAX_DEPTH
 * (it counts those, not the parts of dotted keys and table headers), and
 * builds its tables without a prototype, so `__proto__` and
 * `constructor` are ordinary keys. A syntax error is the ManifestError of
 * the JSON and YAML readers (invalidSyntax), with the column smol-toml gives
 * as well as the line.
 */

/** Reads TOML into its value and the lines of its keys and tables. */
export function parseTomlDocument(text: string, file: string): ParsedDocument {
  let value: unknown
  try {
    value = parseToml(text, { maxDepth: MAX_DEPTH })
  } catch (error) {
    throw invalidSyntax(
      'TOML',
      errorMessage(error),
      {
        file,
        line: error instanceof TomlError ? error.line : 1,
        column: error instanceof TomlError ? error.column : undefined,
      },
      {
        help: 'Fix the TOML syntax (quotes, brackets, a missing =).',
        cause: error,
      },
    )
  }
  const lines = tomlLines(text)
  return {
    value,
    lineOf(path) {
      for (let end = path.length; end >= 0; end--) {
        const key = path.slice(0, end)
        const line = lines.get(pathKey(key))
        if (line !== undefined) return line
        // Only items of arrays fall back to the line of their array.
        if (end === 0 || typeof path[end - 1] !== 'number') return undefined
      }
      return undefined
    },
  }
}

function pathKey(path: DataPath): string {
  return path.map(String).join('\u0000')
}

const KEY_PART = String.raw`(?:"(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_-]+)`
const DOTTED = new RegExp(`^\\s*(${KEY_PART}(?:\\s*\\.\\s*${KEY_PART})*)\\s*=`)
const HEADER = new RegExp(
  `^\\s*(\\[\\[?)\\s*(${KEY_PART}(?:\\s*\\.\\s*${KEY_PART})*)\\s*\\]\\]?`,
)

function splitKey(dotted: string): string[] {
  const parts: string[] = []
  for (const match of dotted.matchAll(new RegExp(KEY_PART, 'g'))) {
    const part = match[0]
    parts.push(
      part.startsWith('"')
        ? part.slice(1, -1).replace(/\\(.)/g, '$1')
        : part.startsWith("'")
          ? part.slice(1, -1)
          : part,
    )
  }
  return parts
}

function tomlLines(text: string): Map<string, number> {
  const lines = new Map<string, number>()
  const counts = new Map<string, number>()
  const record = (path: DataPath, line: number): void => {
    const key = pathKey(path)
    if (!lines.has(key)) lines.set(key, line)
  }
  let table: DataPath = []
  let fence: string | undefined
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1
    if (fence) {
      if (raw.includes(fence)) fence = undefined
      return
    }
    const header = HEADER.exec(raw)
    if (header) {
      const path = splitKey(header[2] ?? '')
      if (header[1] === '[[') {
        const key = pathKey(path)
        const n = counts.get(key) ?? 0
        counts.set(key, n + 1)
        record(path, line)
        table = [...path, n]
      } else table = path
      record(table, line)
      return
    }
    const key = DOTTED.exec(raw)
    if (!key) return
    const path = [...table, ...splitKey(key[1] ?? '')]
    record(path, line)
    const rest = raw.slice(key[0].length)
    const opened = /("""|''')/.exec(rest)
    if (opened && rest.split(opened[1] ?? '').length === 2) fence = opened[1]
    const inline = /^\s*\{(.*)\}?\s*$/.exec(rest)
    if (inline)
      for (const inner of (inline[1] ?? '').matchAll(
        new RegExp(`(?:^|,)\\s*(${KEY_PART})\\s*=`, 'g'),
      ))
        record([...path, ...splitKey(inner[1] ?? '')], line)
  })
  return lines
}

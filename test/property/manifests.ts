import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, resolve, sep } from 'node:path'
import fc from 'fast-check'
import { parse as parseJsonc, type ParseError } from 'jsonc-parser'
import * as TOML from 'smol-toml'
import YAML from 'yaml'
import type { FormatModule } from '../../src/core/manifest/types.js'
import { FIXTURES } from '../support/files.js'
import {
  addKeyAt,
  anyText,
  defineOwn,
  editAt,
  isPlainObject,
  pathsOf,
  shapedValue,
  vocabularyOf,
  type Json,
  type JsonPath,
} from './support.js'

/**
 * Manifest inputs for the format properties: each format's fixtures (under
 * the paths its matchPath claims), their data, and ways to write data back
 * in the file's own syntax.
 */

export type Style = 'json' | 'yaml' | 'front-matter' | 'toml' | 'hcl' | 'text'

export interface Fixture {
  /** Path relative to the fixture root, as handed to the format. */
  readonly path: string
  readonly text: string
  readonly style: Style
  /** The parsed data, when the fixture is structured and well-formed. */
  readonly data?: Json | undefined
  /** The Markdown after the front matter. */
  readonly body?: string | undefined
}

export interface FormatFixtures {
  readonly root: string
  readonly fixtures: readonly Fixture[]
  readonly keys: readonly string[]
  readonly strings: readonly string[]
  /** Resource types of Terraform fixtures. */
  readonly resourceTypes: readonly string[]
}

/** The syntaxes a file of this name is written in. */
export function stylesFor(path: string): Style[] {
  if (/\.tf$/i.test(path)) return ['hcl']
  if (/\.toml$/i.test(path)) return ['toml']
  if (/\.md$/i.test(path)) return ['front-matter']
  if (/\.(json|jsonc|json5|af)$/i.test(path)) return ['json']
  if (/\.ya?ml$/i.test(path)) return ['yaml']
  if (/(^|\/)\.roomodes$|\.template$/i.test(path)) return ['json', 'yaml']
  return ['text']
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*\r?\n?([\s\S]*)$/

/** Reads a fixture's data with the reference libraries (not the code under test). */
function dataOf(
  style: Style,
  text: string,
): { data?: Json | undefined; body?: string | undefined } {
  try {
    switch (style) {
      case 'json': {
        const errors: ParseError[] = []
        const data = parseJsonc(text, errors, {
          allowTrailingComma: true,
        }) as Json
        return errors.length === 0 ? { data } : {}
      }
      case 'yaml':
        return { data: YAML.parse(text, { logLevel: 'error' }) as Json }
      case 'front-matter': {
        const match = FRONT_MATTER.exec(text)
        if (!match) return {}
        return {
          data: YAML.parse(match[1] ?? '', { logLevel: 'error' }) as Json,
          body: match[2],
        }
      }
      case 'toml':
        return { data: JSON.parse(JSON.stringify(TOML.parse(text))) as Json }
      default:
        return {}
    }
  } catch {
    // Broken fixtures are still used for text mutations.
    return {}
  }
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? walk(path) : [path]
  })
}

/** The fixtures of a format whose paths the format claims ('yes' or 'maybe'). */
export function fixturesFor(format: FormatModule): FormatFixtures {
  const root =
    format.id === 'aivss-descriptor'
      ? FIXTURES
      : join(FIXTURES, 'formats', format.id)
  const files =
    format.id === 'aivss-descriptor'
      ? [
          ...walk(join(FIXTURES, 'descriptors')),
          ...walk(join(FIXTURES, 'calibration')),
        ]
      : walk(root)
  const keys = new Set<string>()
  const strings = new Set<string>()
  const resourceTypes = new Set<string>()
  const fixtures: Fixture[] = []
  for (const full of files.sort()) {
    const path = relative(root, full).split(sep).join('/')
    if (format.matchPath(path) === 'no') continue
    const text = readFileSync(full, 'utf8')
    const [style = 'text'] = stylesFor(path)
    const { data, body } = dataOf(style, text)
    if (data !== undefined) vocabularyOf(data, keys, strings)
    if (style === 'hcl') {
      for (const m of text.matchAll(/resource\s+"([^"]+)"/g)) {
        resourceTypes.add(m[1] ?? '')
      }
      for (const m of text.matchAll(/^\s*([A-Za-z_][\w-]*)\s*[={]/gm)) {
        keys.add(m[1] ?? '')
      }
      for (const m of text.matchAll(/"([^"\n]{0,40})"/g))
        strings.add(m[1] ?? '')
    }
    fixtures.push({ path, text, style, data, body })
  }
  return {
    root,
    fixtures,
    keys: [...keys].sort(),
    strings: [...strings].sort(),
    resourceTypes: [...resourceTypes].sort(),
  }
}

/** readSibling over the fixture tree, confined to it. */
export function fixtureSiblings(
  root: string,
): (path: string) => string | undefined {
  const cache = new Map<string, string | undefined>()
  return (path) => {
    if (!cache.has(path)) {
      const full = resolve(root, path)
      let text: string | undefined
      if (full.startsWith(root + sep)) {
        try {
          text = readFileSync(full, 'utf8')
        } catch {
          text = undefined
        }
      }
      cache.set(path, text)
    }
    return cache.get(path)
  }
}

/** Sibling readers: none, the real fixture tree, or random (but stable) text. */
export function siblingReader(
  root: string,
  vocabulary: readonly string[],
): fc.Arbitrary<(path: string) => string | undefined> {
  const real = fixtureSiblings(root)
  return fc.oneof(
    fc.constant((): string | undefined => undefined),
    fc.constant(real),
    fc.func<[string], string | undefined>(
      fc.option(anyText(vocabulary), { nil: undefined }),
    ),
  )
}

// ---------------------------------------------------------------- writing data back

function tomlable(value: Json, top: boolean): unknown {
  if (value === null) return top ? {} : 'null'
  if (Array.isArray(value)) {
    const items = value.map((v) => tomlable(v, false))
    return top ? { value: items } : items
  }
  if (isPlainObject(value)) {
    const table: Record<string, unknown> = {}
    for (const key of Object.keys(value)) {
      const child = value[key] as Json
      if (child !== null) defineOwn(table, key, tomlable(child, false))
    }
    return table
  }
  return top ? { value } : value
}

function hclIdent(key: string): string {
  const text = key.replace(/[^A-Za-z0-9_-]/g, '_')
  return /^[A-Za-z_]/.test(text) ? text : `k${text}`
}

function hclLiteral(value: Json): string {
  if (value === null) return 'null'
  if (typeof value === 'string') return JSON.stringify(value)
  if (typeof value === 'number' || typeof value === 'boolean')
    return String(value)
  if (Array.isArray(value)) return `[${value.map(hclLiteral).join(', ')}]`
  return `{ ${Object.keys(value)
    .map((k) => `${hclIdent(k)} = ${hclLiteral(value[k] as Json)}`)
    .join(', ')} }`
}

function hclBody(value: Json, indent: string): string {
  if (!isPlainObject(value)) return `${indent}value = ${hclLiteral(value)}\n`
  let text = ''
  for (const key of Object.keys(value)) {
    const child = value[key] as Json
    const name = hclIdent(key)
    const blocks = Array.isArray(child) ? child : [child]
    if (blocks.length > 0 && blocks.every(isPlainObject)) {
      for (const block of blocks) {
        text += `${indent}${name} {\n${hclBody(block, `${indent}  `)}${indent}}\n`
      }
    } else {
      text += `${indent}${name} = ${hclLiteral(child)}\n`
    }
  }
  return text
}

/** Terraform resources with these types, labels and bodies. */
export function hclDocument(
  resources: ReadonlyArray<readonly [string, string, Json]>,
): string {
  return resources
    .map(
      ([type, label, body]) =>
        `resource "${type}" "${label}" {\n${hclBody(body, '  ')}}\n`,
    )
    .join('\n')
}

/** Writes data in a file's syntax. */
export function serialize(
  style: Style,
  value: Json,
  options: { indent?: number; body?: string | undefined } = {},
): string {
  switch (style) {
    case 'json':
      return JSON.stringify(value, null, options.indent ?? 2)
    case 'yaml':
      return YAML.stringify(value, { aliasDuplicateObjects: false })
    case 'front-matter':
      return `---\n${YAML.stringify(value, { aliasDuplicateObjects: false })}---\n${options.body ?? ''}`
    case 'toml':
      return TOML.stringify(tomlable(value, true) as Record<string, unknown>)
    case 'hcl':
      return hclDocument([['aws_bedrockagent_agent', 'agent', value]])
    case 'text':
      return typeof value === 'string' ? value : JSON.stringify(value)
  }
}

// ---------------------------------------------------------------- mutations

export type TextMutation =
  | { readonly kind: 'truncate'; readonly at: number }
  | { readonly kind: 'insert'; readonly at: number; readonly text: string }
  | { readonly kind: 'delete'; readonly at: number; readonly length: number }
  | {
      readonly kind: 'duplicate-lines'
      readonly at: number
      readonly count: number
    }
  | { readonly kind: 'swap-lines'; readonly a: number; readonly b: number }
  | {
      readonly kind: 'replace-char'
      readonly at: number
      readonly text: string
    }

export function textMutation(
  vocabulary: readonly string[],
): fc.Arbitrary<TextMutation> {
  const at = fc.nat()
  return fc.oneof(
    fc.record({ kind: fc.constant('truncate' as const), at }),
    fc.record({
      kind: fc.constant('insert' as const),
      at,
      text: anyText(vocabulary),
    }),
    fc.record({
      kind: fc.constant('delete' as const),
      at,
      length: fc.integer({ min: 1, max: 200 }),
    }),
    fc.record({
      kind: fc.constant('duplicate-lines' as const),
      at,
      count: fc.integer({ min: 1, max: 6 }),
    }),
    fc.record({ kind: fc.constant('swap-lines' as const), a: at, b: at }),
    fc.record({
      kind: fc.constant('replace-char' as const),
      at,
      text: fc.constantFrom(
        '"',
        "'",
        ':',
        '{',
        '}',
        '[',
        ']',
        ',',
        '\n',
        ' ',
        '\t',
        '#',
        '-',
        '=',
        '\\',
        '\u0000',
      ),
    }),
  )
}

export function applyTextMutation(text: string, m: TextMutation): string {
  const pos = (n: number): number => n % (text.length + 1)
  switch (m.kind) {
    case 'truncate':
      return text.slice(0, pos(m.at))
    case 'insert':
      return text.slice(0, pos(m.at)) + m.text + text.slice(pos(m.at))
    case 'delete':
      return text.slice(0, pos(m.at)) + text.slice(pos(m.at) + m.length)
    case 'replace-char':
      return text.slice(0, pos(m.at)) + m.text + text.slice(pos(m.at) + 1)
    case 'duplicate-lines': {
      // Repeating lines repeats keys: the duplicate-key case of every syntax.
      const lines = text.split('\n')
      const start = m.at % lines.length
      const copy = lines.slice(start, start + m.count)
      return [
        ...lines.slice(0, start + m.count),
        ...copy,
        ...lines.slice(start + m.count),
      ].join('\n')
    }
    case 'swap-lines': {
      const lines = text.split('\n')
      const a = m.a % lines.length
      const b = m.b % lines.length
      const swapped = [...lines]
      swapped[a] = lines[b] ?? ''
      swapped[b] = lines[a] ?? ''
      return swapped.join('\n')
    }
  }
}

export type DataMutation = {
  readonly kind: 'replace' | 'delete' | 'wrap' | 'stringify' | 'add'
  readonly pick: number
  readonly key: string
  readonly value: Json
}

export function dataMutation(
  keys: readonly string[],
  strings: readonly string[],
): fc.Arbitrary<DataMutation> {
  return fc.record({
    kind: fc.constantFrom('replace', 'delete', 'wrap', 'stringify', 'add'),
    pick: fc.nat(),
    key:
      keys.length > 0
        ? fc.oneof(fc.constantFrom(...keys), fc.string({ maxLength: 8 }))
        : fc.string({ maxLength: 8 }),
    value: shapedValue(keys, strings),
  })
}

function without(node: Json, segment: string | number): Json {
  if (Array.isArray(node)) return node.filter((_, i) => i !== segment)
  if (!isPlainObject(node)) return node
  const copy: Record<string, Json> = {}
  for (const key of Object.keys(node)) {
    if (key !== segment) defineOwn(copy, key, node[key])
  }
  return copy
}

export function applyDataMutation(data: Json, m: DataMutation): Json {
  const paths = pathsOf(data)
  const path: JsonPath = paths[m.pick % paths.length] ?? []
  switch (m.kind) {
    case 'replace':
      return editAt(data, path, () => m.value)
    case 'delete':
      if (path.length === 0) return m.value
      return editAt(data, path.slice(0, -1), (node) =>
        without(node, path[path.length - 1] as string | number),
      )
    case 'wrap':
      return editAt(data, path, (node) => [node])
    case 'stringify':
      return editAt(data, path, (node) =>
        typeof node === 'string' ? Number(node.length) : JSON.stringify(node),
      )
    case 'add':
      return addKeyAt(data, path, m.key, m.value)
  }
}

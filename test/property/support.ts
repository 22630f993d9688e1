import fc from 'fast-check'
import { expect } from 'vitest'

/**
 * Shared pieces of the property-based tests: plain-data helpers, text
 * generators that look like manifests, and a prototype-pollution probe.
 */

export type Json =
  null | boolean | number | string | Json[] | { [key: string]: Json }

export type JsonPath = readonly (string | number)[]

export function isPlainObject(value: unknown): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Sets a key as an own data property, even `__proto__`. */
export function defineOwn(
  target: Record<string, unknown>,
  key: string,
  value: unknown,
): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  })
}

/** Every path into a value (the root included), breadth first, at most `limit`. */
export function pathsOf(value: Json, limit = 400): JsonPath[] {
  const paths: JsonPath[] = []
  const queue: Array<[Json, JsonPath]> = [[value, []]]
  while (queue.length > 0 && paths.length < limit) {
    const [node, path] = queue.shift() as [Json, JsonPath]
    paths.push(path)
    if (Array.isArray(node)) {
      node.forEach((item, i) => queue.push([item, [...path, i]]))
    } else if (isPlainObject(node)) {
      for (const key of Object.keys(node)) {
        queue.push([node[key] as Json, [...path, key]])
      }
    }
  }
  return paths
}

/** A copy of `value` where the node at `path` goes through `edit`. */
export function editAt(
  value: Json,
  path: JsonPath,
  edit: (node: Json, parent: Json | undefined) => Json,
  parent?: Json,
): Json {
  if (path.length === 0) return edit(value, parent)
  const [head, ...rest] = path
  if (Array.isArray(value) && typeof head === 'number') {
    return value.map((item, i) =>
      i === head ? editAt(item, rest, edit, value) : item,
    )
  }
  if (isPlainObject(value) && typeof head === 'string') {
    const copy: Record<string, Json> = {}
    for (const key of Object.keys(value)) {
      const child = value[key] as Json
      defineOwn(
        copy,
        key,
        key === head ? editAt(child, rest, edit, value) : child,
      )
    }
    return copy
  }
  return value
}

/** Adds `key: extra` to the object at `path`, or wraps a non-object into one. */
export function addKeyAt(
  value: Json,
  path: JsonPath,
  key: string,
  extra: Json,
): Json {
  return editAt(value, path, (node) => {
    const copy: Record<string, Json> = {}
    if (isPlainObject(node)) {
      for (const k of Object.keys(node)) defineOwn(copy, k, node[k])
    } else {
      defineOwn(copy, 'value', node)
    }
    defineOwn(copy, key, extra)
    return copy
  })
}

/** Keys and short string values of a parsed document: a format's vocabulary. */
export function vocabularyOf(
  value: unknown,
  keys: Set<string>,
  strings: Set<string>,
): void {
  const stack: unknown[] = [value]
  while (stack.length > 0) {
    const node = stack.pop()
    if (Array.isArray(node)) stack.push(...node)
    else if (isPlainObject(node)) {
      for (const key of Object.keys(node)) {
        keys.add(key)
        stack.push(node[key])
      }
    } else if (typeof node === 'string' && node.length <= 40) {
      strings.add(node)
    }
  }
}

/** Pieces of JSON, YAML, TOML, HCL and Markdown syntax, good and bad. */
export const SYNTAX_TOKENS: readonly string[] = [
  '{',
  '}',
  '[',
  ']',
  '(',
  ')',
  ':',
  ': ',
  ',',
  '"',
  "'",
  '`',
  '\\',
  '\n',
  '\r\n',
  '\r',
  ' ',
  '  ',
  '\t',
  '- ',
  '-',
  '---\n',
  '...\n',
  '# ',
  '//',
  '/*',
  '*/',
  '=',
  ' = ',
  '==',
  '<<EOF\n',
  '<<-EOF\n',
  'EOF\n',
  '${',
  '${var.x}',
  // Anchors and aliases, in any order: an alias inside the node its anchor
  // names (`a: &a [*a]`) must be refused, not read as a cyclic value.
  // document.test.ts also covers generated alias chains.
  '&a ',
  '*a',
  '<<: *a',
  '&a [*a]',
  '&a { k: *a }',
  '!!str ',
  '!!int ',
  '!!binary ',
  '!!set',
  '!!omap',
  '!!timestamp ',
  '!Ref ',
  '!GetAtt ',
  '!Sub ',
  '? ',
  '| ',
  '>- ',
  '%YAML 1.2\n',
  '%TAG ! tag:x,2000:\n',
  'null',
  '~',
  'true',
  'false',
  'yes',
  '0',
  '-1',
  '1.5',
  '1e999',
  '-1e999',
  '0x1F',
  '.inf',
  '.nan',
  'NaN',
  'Infinity',
  '2024-01-01T00:00:00Z',
  '9007199254740993',
  '"\\u0000"',
  '"\\ud800"',
  '\u0000',
  '\uFEFF',
  '\u2028',
  '\uD800',
  '😀',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '[[agents]]',
  '[mcp_servers.x]',
  'resource',
  '"aws_bedrockagent_agent"',
  'AWS::Bedrock::Agent',
  '*',
  '**',
  'Bash(*)',
  'mcp__*',
  '../',
  '/etc/passwd',
  'https://example.com',
]

/** Text made of syntax tokens, format vocabulary and random characters. */
export function tokenSoup(
  vocabulary: readonly string[] = [],
): fc.Arbitrary<string> {
  const pieces = [
    fc.constantFrom(...SYNTAX_TOKENS),
    fc.string({ maxLength: 6 }),
    ...(vocabulary.length > 0 ? [fc.constantFrom(...vocabulary)] : []),
  ]
  return fc
    .array(fc.oneof(...pieces), { maxLength: 80 })
    .map((parts) => parts.join(''))
}

const codeUnit = fc
  .integer({ min: 0, max: 0xffff })
  .map((code) => String.fromCharCode(code))

/** Any text: ASCII, full Unicode, raw code units, or manifest-like soup. */
export function anyText(
  vocabulary: readonly string[] = [],
): fc.Arbitrary<string> {
  return fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.string({ unit: 'grapheme-composite', maxLength: 100 }),
    // Any UTF-16 code unit, lone surrogates included. (fc's 'binary' unit
    // does the same but costs about a second to set up inside oneof.)
    fc.string({ unit: codeUnit, maxLength: 100 }),
    tokenSoup(vocabulary),
  )
}

/** A JSON value whose keys and strings come from a vocabulary. */
export function shapedValue(
  keys: readonly string[],
  strings: readonly string[],
): fc.Arbitrary<Json> {
  const leaf: fc.Arbitrary<Json> = fc.oneof(
    ...(strings.length > 0 ? [fc.constantFrom(...strings)] : []),
    fc.string({ maxLength: 12 }),
    fc.integer({ min: -3, max: 200 }),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
  )
  const key =
    keys.length > 0
      ? fc.oneof(fc.constantFrom(...keys), fc.string({ maxLength: 8 }))
      : fc.string({ maxLength: 8 })
  const { value } = fc.letrec<{ value: Json; array: Json[]; object: Json }>(
    (tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        leaf,
        tie('object'),
        tie('array'),
      ),
      array: fc.array(tie('value'), { maxLength: 4 }),
      object: fc
        .array(fc.tuple(key, tie('value')), { maxLength: 6 })
        .map((entries) => {
          const object: Record<string, Json> = {}
          for (const [k, v] of entries) defineOwn(object, k, v)
          return object
        }),
    }),
  )
  return value
}

/** A permutation of a list. */
export function permutation<T>(list: readonly T[]): fc.Arbitrary<T[]> {
  return fc.shuffledSubarray([...list], {
    minLength: list.length,
    maxLength: list.length,
  })
}

const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).sort()

/**
 * Fails when anything was added to Object.prototype, after removing it so
 * that one failure does not spill into every later test.
 */
export function expectNoPollution(): void {
  const keys = Object.getOwnPropertyNames(Object.prototype).sort()
  const added = keys.filter((k) => !PROTOTYPE_KEYS.includes(k))
  const probe = ({} as Record<string, unknown>).polluted
  for (const key of added) Reflect.deleteProperty(Object.prototype, key)
  expect(added, 'keys added to Object.prototype').toEqual([])
  expect(probe, '({}).polluted').toBeUndefined()
}

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import YAML from 'yaml'
import { ManifestError } from '../../src/core/errors.js'
import {
  MAX_DEPTH,
  parseJsonDocument,
  parseYamlDocument,
  type ParsedDocument,
} from '../../src/core/parse/document.js'
import {
  addKeyAt,
  anyText,
  expectNoPollution,
  isPlainObject,
  pathsOf,
  type Json,
} from './support.js'

/**
 * The two document readers behind every format: whatever the text, they
 * return a document or throw ManifestError (never a RangeError, TypeError or
 * a parser's own error), within a bounded time; valid documents read back
 * exactly, with their lines.
 */

type Reader = (
  text: string,
  file: string,
  lineOffset?: number,
) => ParsedDocument

const READERS: ReadonlyArray<readonly [string, Reader, string]> = [
  ['parseJsonDocument', parseJsonDocument, 'doc.json'],
  ['parseYamlDocument', parseYamlDocument, 'doc.yaml'],
]

const BUDGET_MS = 3_000

type Outcome =
  | { readonly ok: true; readonly doc: ParsedDocument }
  | { readonly ok: false; readonly error: ManifestError }

/** Reads a text; anything thrown that is not a ManifestError fails the property. */
function read(reader: Reader, text: string, file: string, offset = 0): Outcome {
  const started = performance.now()
  let outcome: Outcome
  try {
    outcome = { ok: true, doc: reader(text, file, offset) }
  } catch (error) {
    if (!(error instanceof ManifestError)) throw error
    outcome = { ok: false, error }
  }
  const elapsed = performance.now() - started
  expect(elapsed, `read took ${elapsed} ms`).toBeLessThan(BUDGET_MS)
  expectNoPollution()
  if (outcome.ok) shape(outcome.doc.value)
  if (!outcome.ok) {
    expect(outcome.error.position.file).toBe(file)
    expect(outcome.error.message.length).toBeGreaterThan(0)
    const line = outcome.error.position.line
    if (line !== undefined) {
      expect(Number.isInteger(line)).toBe(true)
      expect(line).toBeGreaterThanOrEqual(1 + offset)
    }
  }
  return outcome
}

/**
 * Nodes of a value read as a tree (shared subtrees count each time they
 * appear), and its depth; fails on a cycle, which no document may contain.
 */
function shape(value: unknown): { nodes: number; depth: number } {
  let nodes = 0
  let deepest = 0
  const visit = (node: unknown, depth: number, above: Set<object>): void => {
    nodes += 1
    deepest = Math.max(deepest, depth)
    if (node === null || typeof node !== 'object') return
    expect(above.has(node), 'the value contains a cycle').toBe(false)
    above.add(node)
    for (const child of Object.values(node)) visit(child, depth + 1, above)
    above.delete(node)
  }
  visit(value, 0, new Set())
  return { nodes, depth: deepest }
}

function lineCount(text: string): number {
  return text.split('\n').length
}

/**
 * Openers whose nesting the readers must survive at any depth. (YAML's
 * explicit key, `? `, nests through mapping keys, which the depth check
 * follows like values.)
 */
const OPENERS = ['[', '{', '{"a":', '[1,', '{a: ', '- ', '? ', '[{"a": [']

/**
 * Text before the nesting. A lone `'` or `#`, or a block comment holding a
 * quote, is a string or a comment in YAML but not in JSON, where the
 * bracket-depth guard must still see the nesting after it.
 */
const PREFIXES = [
  '',
  ' ',
  '\n',
  'a: ',
  'a:\n  ',
  '"s": ',
  '// c\n',
  '# c\n',
  '[',
  '{"k": "v", "n": ',
  "'",
  '#',
  '# ',
  "/* ' */ ",
  '/* # */ ',
  "// '\n",
  '"\\"',
  "['",
  '[#, ',
]

const nesting = fc
  .record({
    prefix: fc.constantFrom(...PREFIXES),
    opener: fc.constantFrom(...OPENERS),
    depth: fc.oneof(
      fc.integer({ min: MAX_DEPTH - 2, max: MAX_DEPTH + 2 }),
      fc.integer({ min: 1, max: 400 }),
      fc.integer({ min: 400, max: 5_000 }),
    ),
    leaf: fc.constantFrom('', '1', 'x', '"s"', '[]', '{}'),
    close: fc.boolean(),
  })
  .map(({ prefix, opener, depth, leaf, close }) => {
    const closer = opener.startsWith('[')
      ? ']'
      : opener.startsWith('{')
        ? '}'
        : ''
    return (
      prefix + opener.repeat(depth) + leaf + (close ? closer.repeat(depth) : '')
    )
  })

/** Anchors and aliases: chains, fan-out, merges, forward and self references. */
const aliases = fc
  .record({
    width: fc.integer({ min: 1, max: 12 }),
    chain: fc.array(
      fc.record({
        fanOut: fc.integer({ min: 1, max: 12 }),
        map: fc.boolean(),
        merge: fc.boolean(),
      }),
      { minLength: 1, maxLength: 8 },
    ),
    uses: fc.integer({ min: 0, max: 12 }),
    // Unknown, forward and self references: an alias inside the node its
    // anchor names (`y: &s [*s]`) would make a cyclic value.
    extra: fc.constantFrom(
      '',
      'z: *nope\n',
      'w: *a3\nv: &a3 1\n',
      'x: { <<: *a0 }\n',
      'y: &s [*s]\n',
      'y: &s { k: [1, *s] }\n',
      'y: &s { <<: *s }\n',
      '? &s [*s]\n: 1\n',
      'y: &a0 [*a1]\n',
      'y: &s [&s 1, *s]\n',
    ),
  })
  .map(({ width, chain, uses, extra }) => {
    const lines = [`a0: &a0 [${Array(width).fill('x').join(', ')}]`]
    chain.forEach(({ fanOut, map, merge }, i) => {
      const refs = Array.from({ length: fanOut }, () => `*a${i}`)
      const body = map
        ? `{ ${refs.map((r, j) => `k${j}: ${r}`).join(', ')}${merge ? `, <<: *a${i}` : ''} }`
        : `[${refs.join(', ')}]`
      lines.push(`a${i + 1}: &a${i + 1} ${body}`)
    })
    const last = `*a${chain.length}`
    lines.push(`top: [${Array.from({ length: uses }, () => last).join(', ')}]`)
    return `${lines.join('\n')}\n${extra}`
  })

describe.each(READERS)('%s', (_name, reader, file) => {
  it('returns a document or throws ManifestError for any text', () => {
    fc.assert(
      fc.property(anyText(), (text) => {
        read(reader, text, file)
      }),
      { numRuns: 200 },
    )
  })

  it('survives nesting of any depth, accepting only what it may', () => {
    fc.assert(
      fc.property(nesting, (text) => {
        const outcome = read(reader, text, file)
        if (outcome.ok) {
          // Whatever it accepted stays within the documented depth.
          expect(shape(outcome.doc.value).depth).toBeLessThanOrEqual(
            MAX_DEPTH + 1,
          )
        }
      }),
      { numRuns: 60 },
    )
  })

  it('accepts nesting up to the limit and refuses it beyond', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: MAX_DEPTH + 8 }),
        fc.constantFrom('[', '{"a": '),
        (depth, opener) => {
          const closer = opener === '[' ? ']' : '}'
          const text = opener.repeat(depth) + '1' + closer.repeat(depth)
          const outcome = read(reader, text, file)
          expect(outcome.ok).toBe(depth <= MAX_DEPTH)
        },
      ),
      { numRuns: 40 },
    )
  })

  it('accepts valid documents of any shape and reads them back exactly', () => {
    const write =
      reader === parseJsonDocument
        ? (v: Json) => JSON.stringify(v, null, 1)
        : (v: Json) => YAML.stringify(v)
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (raw) => {
        const value = JSON.parse(JSON.stringify(raw)) as Json
        const text = write(value)
        const outcome = read(reader, text, file)
        expect(outcome.ok).toBe(true)
        if (!outcome.ok) return
        expect(outcome.doc.value).toEqual(value)
        // Every node has a line inside the text.
        for (const path of pathsOf(value, 200)) {
          const line = outcome.doc.lineOf(path)
          expect(line, `line of ${JSON.stringify(path)}`).toBeDefined()
          expect(line).toBeGreaterThanOrEqual(1)
          expect(line).toBeLessThanOrEqual(lineCount(text))
        }
      }),
      { numRuns: 150 },
    )
  })

  it('shifts every line by the offset it is given', () => {
    const write =
      reader === parseJsonDocument
        ? (v: Json) => JSON.stringify(v, null, 2)
        : (v: Json) => YAML.stringify(v)
    fc.assert(
      fc.property(
        fc.jsonValue({ maxDepth: 4 }),
        fc.integer({ min: 1, max: 500 }),
        (raw, offset) => {
          const text = write(JSON.parse(JSON.stringify(raw)) as Json)
          const plain = read(reader, text, file)
          const shifted = read(reader, text, file, offset)
          expect(plain.ok && shifted.ok).toBe(true)
          if (!plain.ok || !shifted.ok) return
          for (const path of pathsOf(plain.doc.value as Json, 100)) {
            expect(shifted.doc.lineOf(path)).toBe(
              (plain.doc.lineOf(path) ?? 0) + offset,
            )
          }
        },
      ),
      { numRuns: 60 },
    )
  })

  it('keeps __proto__, constructor and prototype keys as plain data', () => {
    const write =
      reader === parseJsonDocument
        ? (v: Json) => JSON.stringify(v)
        : (v: Json) => YAML.stringify(v)
    const injection = fc.tuple(
      fc.nat(),
      fc.constantFrom('__proto__', 'constructor', 'prototype'),
      fc.constantFrom<Json>(
        { polluted: 1 },
        { prototype: { polluted: 1 } },
        [{ polluted: 1 }],
        'polluted',
      ),
    )
    fc.assert(
      fc.property(
        fc.jsonValue({ maxDepth: 4 }),
        fc.array(injection, { minLength: 1, maxLength: 4 }),
        (raw, injections) => {
          let value = JSON.parse(JSON.stringify(raw)) as Json
          for (const [pick, key, extra] of injections) {
            const paths = pathsOf(value)
            value = addKeyAt(
              value,
              paths[pick % paths.length] ?? [],
              key,
              extra,
            )
          }
          const outcome = read(reader, write(value), file)
          expect(outcome.ok).toBe(true)
          if (!outcome.ok) return
          expect(outcome.doc.value).toEqual(value)
          const stack: unknown[] = [outcome.doc.value]
          while (stack.length > 0) {
            const node = stack.pop()
            if (isPlainObject(node)) {
              expect(Object.getPrototypeOf(node)).toBe(Object.prototype)
              stack.push(...Object.values(node))
            } else if (Array.isArray(node)) {
              stack.push(...(node as unknown[]))
            }
          }
        },
      ),
      { numRuns: 100 },
    )
  })

  it('gives the same outcome for a text whatever was read before it', () => {
    const summary = (o: Outcome): unknown =>
      o.ok
        ? { value: o.doc.value }
        : { error: o.error.message, line: o.error.position.line }
    fc.assert(
      fc.property(anyText(), anyText(), fc.nat(3), (a, b, offset) => {
        const first = summary(read(reader, a, file))
        read(reader, b, file)
        read(parseJsonDocument, a, file, offset)
        read(parseYamlDocument, a, file, offset)
        expect(summary(read(reader, a, file))).toEqual(first)
      }),
      { numRuns: 100 },
    )
  })
})

describe('parseYamlDocument and aliases', () => {
  it('expands alias chains within a bound, or refuses them', () => {
    fc.assert(
      fc.property(aliases, (text) => {
        const outcome = read(parseYamlDocument, text, 'aliases.yaml')
        if (outcome.ok) {
          // Alias expansion is capped: no alias bomb turns a small text
          // into a huge value.
          expect(shape(outcome.doc.value).nodes).toBeLessThanOrEqual(
            100 * (text.length + 1),
          )
        }
      }),
      { numRuns: 150 },
    )
  })
})

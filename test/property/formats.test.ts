import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { FORMATS } from '../../src/core/formats/index.js'
import type {
  FormatModule,
  FormatResult,
  ManifestFile,
} from '../../src/core/manifest/types.js'
import { AgentProfileSchema } from '../../src/core/profile/schema.js'
import {
  applyDataMutation,
  applyTextMutation,
  dataMutation,
  fixturesFor,
  hclDocument,
  serialize,
  siblingReader,
  stylesFor,
  textMutation,
  type Fixture,
} from './manifests.js'
import {
  addKeyAt,
  anyText,
  expectNoPollution,
  isPlainObject,
  pathsOf,
  shapedValue,
  type Json,
} from './support.js'

/**
 * Every format reader takes untrusted text from pull requests. Whatever the
 * text, parse() returns a FormatResult (agents, problems, or a rejection),
 * never throws, finishes quickly, produces only profiles that satisfy the
 * profile schema, and leaves Object.prototype alone. parse() is called
 * directly, whatever sniff() would say: that contract holds for any text.
 */

/** Generous: the inputs are at most tens of kilobytes. */
const PARSE_BUDGET_MS = 2_000

/** Runs per format and property: about 165 inputs per format in all. */
const RUNS = {
  text: 40,
  values: 30,
  textMutations: 40,
  dataMutations: 40,
  proto: 15,
}

function checkResult(format: FormatModule, file: ManifestFile): FormatResult {
  const started = performance.now()
  const result = format.parse(file)
  const elapsed = performance.now() - started
  expectNoPollution()
  expect(elapsed, `${format.id} took ${elapsed} ms`).toBeLessThan(
    PARSE_BUDGET_MS,
  )
  expect(Array.isArray(result.agents)).toBe(true)
  expect(Array.isArray(result.problems)).toBe(true)
  if (result.rejected !== undefined) {
    expect(typeof result.rejected).toBe('string')
    expect(result.rejected.length).toBeGreaterThan(0)
  }
  for (const agent of result.agents) {
    const parsed = AgentProfileSchema.safeParse(agent)
    expect(
      parsed.success,
      `${format.id} produced an invalid profile: ${parsed.error?.message ?? ''}`,
    ).toBe(true)
    // No keys beyond the schema's, and no values it would change.
    expect(parsed.data).toEqual(agent)
    expect(agent.format).toBe(format.id)
  }
  for (const problem of result.problems) {
    expect(['error', 'warning']).toContain(problem.level)
    expect(typeof problem.message).toBe('string')
    expect(problem.message.length).toBeGreaterThan(0)
    expect(typeof problem.file).toBe('string')
    if (problem.line !== undefined) {
      expect(Number.isInteger(problem.line)).toBe(true)
      expect(problem.line).toBeGreaterThanOrEqual(1)
    }
  }
  // Reports serialise results; a cycle or a BigInt would break them.
  expect(() => JSON.stringify(result.agents)).not.toThrow()
  return result
}

const PROTO_KEYS: ReadonlyArray<readonly [string, Json]> = [
  ['__proto__', { polluted: 1 }],
  ['constructor', { prototype: { polluted: 1 } }],
  ['prototype', { polluted: 1 }],
  ['__proto__', [{ polluted: 1 }]],
]

/** Text snippets that try the same in each syntax, beyond what data can say. */
const PROTO_TEXT: Readonly<Record<string, readonly string[]>> = {
  yaml: [
    '__proto__:\n  polluted: 1\n',
    '"__proto__": { polluted: 1 }\n',
    'constructor:\n  prototype:\n    polluted: 1\n',
    'a: &p { polluted: 1 }\n__proto__: *p\n',
    '<<: { __proto__: { polluted: 1 } }\n',
    '? __proto__\n: { polluted: 1 }\n',
  ],
  json: [
    '{"__proto__": {"polluted": 1}}',
    '{"constructor": {"prototype": {"polluted": 1}}}',
    '{"a": {"__proto__": {"polluted": 1}}, "__proto__": []}',
  ],
  toml: [
    '[__proto__]\npolluted = 1\n',
    '__proto__.polluted = 1\n',
    '[constructor.prototype]\npolluted = 1\n',
    '[[__proto__]]\npolluted = 1\n',
  ],
  hcl: [
    'resource "aws_bedrockagent_agent" "__proto__" {\n  __proto__ = { polluted = 1 }\n}\n',
    'resource "__proto__" "polluted" {\n  __proto__ {\n    polluted = 1\n  }\n}\n',
  ],
}

function protoTexts(fixture: Fixture): readonly string[] {
  switch (fixture.style) {
    case 'json':
      return PROTO_TEXT.json ?? []
    case 'yaml':
      return [...(PROTO_TEXT.yaml ?? []), ...(PROTO_TEXT.json ?? [])]
    case 'front-matter':
      return (PROTO_TEXT.yaml ?? []).map(
        (yaml) => `---\n${yaml}---\n${fixture.body ?? ''}`,
      )
    case 'toml':
      return PROTO_TEXT.toml ?? []
    case 'hcl':
      return PROTO_TEXT.hcl ?? []
    case 'text':
      return [...(PROTO_TEXT.json ?? []), ...(PROTO_TEXT.yaml ?? [])]
  }
}

describe.each(FORMATS.map((format) => [format.id, format] as const))(
  '%s reader',
  (_id, format) => {
    const { root, fixtures, keys, strings, resourceTypes } = fixturesFor(format)
    const vocabulary = [...keys, ...strings]
    const paths = fixtures.map((f) => f.path)
    const structured = fixtures.filter((f) => f.data !== undefined)
    const siblings = siblingReader(root, vocabulary)
    const parse = (
      path: string,
      text: string,
      readSibling: (path: string) => string | undefined,
    ): FormatResult => checkResult(format, { path, text, readSibling })

    it('has fixtures under paths it claims', () => {
      expect(fixtures.length).toBeGreaterThan(0)
      for (const fixture of fixtures)
        parse(fixture.path, fixture.text, () => undefined)
    })

    it('reads any text without throwing', () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...paths),
          anyText(vocabulary),
          siblings,
          (path, text, readSibling) => {
            parse(path, text, readSibling)
          },
        ),
        { numRuns: RUNS.text },
      )
    })

    it('reads any data written in its syntax without throwing', () => {
      const value = fc.oneof(
        fc.jsonValue({ maxDepth: 4 }) as fc.Arbitrary<Json>,
        shapedValue(keys, strings),
      )
      const resources =
        resourceTypes.length > 0
          ? fc.array(
              fc.tuple(
                fc.oneof(
                  fc.constantFrom(...resourceTypes),
                  fc.string({ maxLength: 6 }),
                ),
                fc.oneof(
                  fc.constantFrom('agent', 'this', 'main'),
                  fc.string({ maxLength: 6 }),
                ),
                shapedValue(keys, strings),
              ),
              { minLength: 1, maxLength: 4 },
            )
          : fc.constant([])
      fc.assert(
        fc.property(
          fc.constantFrom(...fixtures),
          value,
          resources,
          fc.constantFrom(0, 2, 4),
          fc.nat(),
          siblings,
          (fixture, data, tf, indent, pick, readSibling) => {
            const styles = stylesFor(fixture.path)
            const style = styles[pick % styles.length] ?? 'text'
            const text =
              style === 'hcl' && tf.length > 0
                ? hclDocument(tf)
                : serialize(style, data, { indent, body: fixture.body })
            parse(fixture.path, text, readSibling)
          },
        ),
        { numRuns: RUNS.values },
      )
    })

    it('reads damaged copies of its fixtures without throwing', () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...fixtures),
          fc.array(textMutation(vocabulary), { minLength: 1, maxLength: 3 }),
          siblings,
          (fixture, mutations, readSibling) => {
            const text = mutations.reduce(applyTextMutation, fixture.text)
            parse(fixture.path, text, readSibling)
          },
        ),
        { numRuns: RUNS.textMutations },
      )
    })

    it.skipIf(structured.length === 0)(
      'reads its fixtures with values of the wrong type, missing or added, without throwing',
      () => {
        fc.assert(
          fc.property(
            fc.constantFrom(...structured),
            fc.array(dataMutation(keys, strings), {
              minLength: 1,
              maxLength: 4,
            }),
            fc.constantFrom(0, 2),
            siblings,
            (fixture, mutations, indent, readSibling) => {
              const data = mutations.reduce(
                applyDataMutation,
                fixture.data as Json,
              )
              const text = serialize(fixture.style, data, {
                indent,
                body: fixture.body,
              })
              parse(fixture.path, text, readSibling)
            },
          ),
          { numRuns: RUNS.dataMutations },
        )
      },
    )

    it('never lets __proto__, constructor or prototype keys reach Object.prototype', () => {
      for (const fixture of fixtures) {
        for (const text of protoTexts(fixture)) {
          parse(fixture.path, text, () => undefined)
          // Appended to a real manifest, where the syntax allows more keys.
          if (['yaml', 'toml', 'hcl'].includes(fixture.style)) {
            parse(fixture.path, `${fixture.text}\n${text}`, () => undefined)
          }
        }
      }
      if (structured.length === 0) return
      fc.assert(
        fc.property(
          fc.constantFrom(...structured),
          fc.array(fc.tuple(fc.nat(), fc.constantFrom(...PROTO_KEYS)), {
            minLength: 1,
            maxLength: 3,
          }),
          siblings,
          (fixture, injections, readSibling) => {
            let data = fixture.data as Json
            for (const [pick, [key, value]] of injections) {
              const objects = pathsOf(data).filter((path) => {
                let node: Json | undefined = data
                for (const segment of path) {
                  node = (node as Record<string | number, Json>)[segment]
                }
                return isPlainObject(node)
              })
              const path = objects[pick % Math.max(1, objects.length)] ?? []
              data = addKeyAt(data, path, key, value)
            }
            const text = serialize(fixture.style, data, {
              body: fixture.body,
            })
            parse(fixture.path, text, readSibling)
          },
        ),
        { numRuns: RUNS.proto },
      )
    })
  },
)

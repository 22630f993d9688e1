import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseDocument, Parser } from 'yaml'
import { ManifestError } from '../../src/core/errors.js'
import {
  checkBracketDepth,
  parseYamlDocument,
} from '../../src/core/parse/document.js'

/**
 * The bracket pre-check keeps the YAML parser from recursing through a
 * crafted nesting. It must read `#` and `'` where they stand as YAML reads
 * them (`don't` and `a#b` are plain text, not a quote and a comment), so
 * that a file can neither slip deep nesting past it nor be refused for
 * brackets that YAML reads as text. The YAML library's concrete syntax tree
 * is the reference: the check refuses every text whose flow collections
 * nest deeper than the limit there, and no valid text that does not.
 */

const LIMIT = 256

/** How deep flow collections nest in the YAML parser's syntax tree. */
function flowDepth(text: string): number {
  let max = 0
  const pending: Array<{ node: unknown; depth: number }> = []
  for (const token of new Parser().parse(text))
    pending.push({ node: token, depth: 0 })
  while (pending.length > 0) {
    const { node, depth } = pending.pop() as { node: unknown; depth: number }
    if (node === null || typeof node !== 'object') continue
    const here =
      (node as { type?: unknown }).type === 'flow-collection'
        ? depth + 1
        : depth
    if (here > max) max = here
    for (const child of Object.values(node))
      if (child !== null && typeof child === 'object')
        pending.push({ node: child, depth: here })
  }
  return max
}

function refused(text: string): boolean {
  try {
    checkBracketDepth(text, 'doc.yaml')
    return false
  } catch (error) {
    if (!(error instanceof ManifestError)) throw error
    expect(error.message).toMatch(/nested more than 256 levels/)
    return true
  }
}

/** Pieces of YAML where `#`, `'`, `"` and brackets mean different things. */
const piece = fc.constantFrom(
  '[',
  ']',
  '{',
  '}',
  ', ',
  ': ',
  ' ',
  '\n',
  '\n  ',
  '\n- ',
  '- ',
  'key: ',
  "don't",
  "'quoted [ # '",
  "'it''s'",
  '"dq [ \\" # "',
  'a#b',
  ' # comment [ {',
  'x"y',
  "x'y",
  '|\n  [ literal\n',
  '>\n  { folded\n',
  'plain [text',
  '&a ',
  '!!str ',
  '*a',
  '---\n',
)

/** A run of one piece, so that deep nesting is reached. */
const run = fc.oneof(
  { weight: 6, arbitrary: piece },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.constantFrom('[', '{', '[a, ', "[don't, ", '[a#b, ', '{k: '),
        fc.integer({ min: 1, max: 200 }),
      )
      .map(([p, n]) => p.repeat(n)),
  },
)

const yamlText = fc.array(run, { maxLength: 30 }).map((parts) => parts.join(''))

describe('the YAML bracket pre-check', () => {
  it('refuses every text whose flow collections nest too deep, and no valid one that does not', () => {
    fc.assert(
      fc.property(yamlText, (text) => {
        const depth = flowDepth(text)
        const refusedHere = refused(text)
        if (depth > LIMIT) expect(refusedHere).toBe(true)
        // Below the limit, only a text that is not valid YAML anyway may be
        // refused (the lexer counts a bracket the parser gives up on).
        else if (refusedHere)
          expect(parseDocument(text).errors.length).toBeGreaterThan(0)
      }),
      { numRuns: 400 },
    )
  })

  it('is not bypassed by an apostrophe, a hash or a quote inside a plain scalar', () => {
    const deep = `${'['.repeat(300)}x${']'.repeat(300)}`
    for (const lead of ["don't", 'a#b', 'a"b', "it's#here", "x 'y' z"]) {
      const text = `key: [${lead}, ${deep}]\n`
      expect(flowDepth(text)).toBeGreaterThan(LIMIT)
      expect(refused(text), lead).toBe(true)
      expect(() => parseYamlDocument(text, 'doc.yaml')).toThrow(
        /nested more than 256 levels/,
      )
    }
  })

  it('does not refuse brackets that YAML reads as text', () => {
    const cases = [
      // Apostrophes and hashes in plain scalars, one flow list a line.
      Array.from({ length: 400 }, () => "- [don't, a#b]").join('\n'),
      Array.from({ length: 400 }, () => '- [a#b, c]').join('\n'),
      // Brackets inside block plain scalars, comments and block scalars.
      Array.from({ length: 400 }, (_, i) => `k${i}: see [notes`).join('\n'),
      `# ${'['.repeat(400)}\nname: x\n`,
      `text: |\n  ${'{'.repeat(400)}\nname: x\n`,
      `quoted: '${'['.repeat(400)} don''t'\n`,
    ]
    for (const text of cases) {
      expect(flowDepth(text)).toBeLessThanOrEqual(LIMIT)
      expect(refused(text)).toBe(false)
      expect(() => parseYamlDocument(text, 'doc.yaml')).not.toThrow(
        /nested more than 256 levels/,
      )
    }
  })

  it('names the line where the nesting goes too deep', () => {
    const text = `name: x\nnotes: don't\nlist: [a#b, ${'['.repeat(300)}]\n`
    let line = 0
    try {
      checkBracketDepth(text, 'doc.yaml', 10)
    } catch (error) {
      line = (error as ManifestError).position.line ?? 0
    }
    expect(line).toBe(13)
  })
})

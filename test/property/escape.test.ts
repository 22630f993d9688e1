import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  htmlText,
  inertText,
  logText,
  mdCode,
  mdText,
  plainText,
} from '../../src/core/render/escape.js'

/**
 * Whatever a manifest holds, the escaped text is inert in its channel: no
 * invisible or direction-changing code point, no raw `<` in markdown or
 * HTML, nothing GitHub links or cross-references (`GH-1`, `owner/repo#1`,
 * `#1`, `@name`, `owner/repo@sha`, URLs), and no line the runner would read
 * as a workflow command.
 */

const INVISIBLE =
  /[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u{e0000}-\u{e007f}]/u

/** Pieces attacks are made of, mixed with any code point. */
const PIECES = [
  'GH-',
  'gh-',
  'Gh-',
  '#',
  '@',
  '1',
  '42',
  'a5c3785',
  'acme',
  '/',
  '-',
  '.',
  ':',
  '::',
  '##[',
  '[',
  ']',
  '(',
  ')',
  ' ',
  '\n',
  '\r',
  '\t',
  '\u0085',
  '<',
  '>',
  '&',
  '&#8203;',
  ';',
  '\\',
  '`',
  '*',
  '_',
  '|',
  'https://',
  'http://',
  'www.',
  'github.com/acme/agents/issues/',
  '\u200b',
  '\u200e',
  '\u200f',
  '\u061c',
  '\u2060',
  '\u2064',
  '\ufeff',
  '\u202e',
  '\u2066',
  '\u00ad',
  '\u{e0041}',
  '\ud800',
  '\udc00',
]

const hostile = fc.oneof(
  fc.string({ unit: fc.constantFrom(...PIECES), maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc
    .array(
      fc.oneof(
        fc.constantFrom(...PIECES),
        fc.string({ unit: 'binary', maxLength: 3 }),
      ),
      { maxLength: 30 },
    )
    .map((parts) => parts.join('')),
)

const LINKED = [
  /gh-\d/i,
  /[\w.-]+\/[\w.-]+#\d/,
  /(?:^|[^&])#\d/,
  /@[\p{L}\p{N}_]/u,
  /[a-z]+:\/\//i,
  /\bwww\./i,
]

function commandLines(output: string): string[] {
  return output
    .split(/\r\n|\r|\n/)
    .filter((line) => /^[\s\u0085]*::/.test(line) || line.includes('##['))
}

const RUNS = { numRuns: 400 }

describe('escaped manifest text, for any string', () => {
  it('is inert markdown and HTML', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        for (const escape of [mdText, htmlText]) {
          const out = escape(text)
          expect(out).not.toMatch(INVISIBLE)
          expect(out).not.toContain('<')
          expect(out).not.toMatch(/[\r\n]/)
          for (const pattern of LINKED) expect(out).not.toMatch(pattern)
        }
      }),
      RUNS,
    )
  })

  it('is an inert code span', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const out = mdCode(text)
        expect(out).not.toMatch(INVISIBLE)
        expect(out.slice(1, -1)).not.toContain('`')
        expect(out).not.toMatch(/[\r\n]/)
      }),
      RUNS,
    )
  })

  it('is inert plain text for annotations and SARIF', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const out = inertText(text)
        expect(out).not.toMatch(INVISIBLE)
        for (const pattern of LINKED) expect(out).not.toMatch(pattern)
        expect(commandLines(out)).toEqual([])
      }),
      RUNS,
    )
  })

  it('never becomes a workflow command in a log, however the line wraps', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const plain = plainText(text)
        expect(plain).not.toMatch(INVISIBLE)
        for (const piece of plain.split(' '))
          expect(commandLines(piece)).toEqual([])
        const logged = logText(text)
        expect(logged).not.toMatch(INVISIBLE)
        expect(commandLines(logged)).toEqual([])
        expect(commandLines(`aivss-gate: ${logged}`)).toEqual([])
      }),
      RUNS,
    )
  })

  it('keeps within its bound', () => {
    fc.assert(
      fc.property(hostile, fc.integer({ min: 1, max: 60 }), (text, max) => {
        expect(plainText(text, max).length).toBeLessThanOrEqual(max)
        // No surrogate is left without its other half by the cut.
        expect(plainText(text, max)).not.toMatch(
          /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/,
        )
      }),
      RUNS,
    )
  })
})

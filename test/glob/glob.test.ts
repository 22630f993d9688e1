import fc from 'fast-check'
import picomatch from 'picomatch'
import { describe, expect, it } from 'vitest'
import {
  compileGlobs,
  globMatches,
  globProblem,
  MAX_GLOB_LENGTH,
} from '../../src/core/glob/glob.js'
import { expandBraces } from '../../src/core/glob/braces.js'

describe('globs', () => {
  it.each([
    ['agents/legacy/**', 'agents/legacy/a/b.yaml', true],
    ['agents/legacy/**', 'agents/legacy', true],
    ['agents/legacy/**', 'agents/legacy2/a.yaml', false],
    ['**/*.yml', 'b.yml', true],
    ['**/*.yml', 'a/b/c.yml', true],
    ['*.yml', 'a/b.yml', false],
    ['a/**/b', 'a/b', true],
    ['a/**/b', 'a/x/y/b', true],
    ['a/**/**/b', 'a/x/b', true],
    ['**', '.github/agents/x.md', true],
    ['*', '.env', true],
    ['a?c', 'abc', true],
    ['a?c', 'a/c', false],
    ['[a-c]x', 'bx', true],
    ['[!a-c]x', 'bx', false],
    ['[^a-c]x', 'dx', true],
    ['{agents,crews}/*.yaml', 'crews/x.yaml', true],
    ['{a,{b,c}}', 'c', true],
    ['v{1..3}', 'v2', true],
    ['v{1..3}', 'v4', false],
    ['{a}', '{a}', true],
    ['\\*', '*', true],
    ['\\*', 'x', false],
    ['+(a|b)', '+(a|b)', true],
    ['**a', 'xa', true],
    ['**a', 'd/xa', false],
    ['./a/*.json', 'a/b.json', true],
    ['*/**', 'agents', true],
  ])('%s against %s is %s', (glob, path, expected) => {
    expect(globMatches(glob, path)).toBe(expected)
  })

  it('matches directories only with a trailing slash', () => {
    expect(globMatches('build/', 'build', true)).toBe(true)
    expect(globMatches('build/', 'build')).toBe(false)
    expect(globMatches('build/', 'build/')).toBe(true)
  })

  it('lets later negations take paths out and earlier ones start from all', () => {
    const legacyOnlyKept = compileGlobs(['agents/**', '!agents/legacy/**'])
    expect(legacyOnlyKept('agents/new/a.yaml')).toBe(true)
    expect(legacyOnlyKept('agents/legacy/a.yaml')).toBe(false)
    const allButTests = compileGlobs(['!test/**'])
    expect(allButTests('src/a.yaml')).toBe(true)
    expect(allButTests('test/a.yaml')).toBe(false)
    const reincluded = compileGlobs(['!test/**', 'test/keep.yaml'])
    expect(reincluded('test/keep.yaml')).toBe(true)
  })

  it('refuses globs that are too long, empty or expand too far', () => {
    expect(globProblem('a'.repeat(MAX_GLOB_LENGTH + 1))).toMatch(/limited/)
    expect(globProblem('!')).toMatch(/empty/)
    expect(globProblem('{a,b}'.repeat(9))).toMatch(/more than 256/)
    expect(globProblem('{1..100000}')).toMatch(/more than 256/)
    expect(globProblem('agents/**/*.yaml')).toBeUndefined()
  })

  it('takes time linear in the pattern and path for backtracking patterns', () => {
    // Compiled to a regular expression, this pattern takes seconds on the
    // path below; a hang here would time the test out.
    const glob = `${'*a'.repeat(60)}b`
    const path = `${'a'.repeat(250)}/${'a'.repeat(250)}`
    expect(globMatches(glob, path)).toBe(false)
    expect(globMatches(`${'**/'.repeat(150)}x`, `${'d/'.repeat(200)}y`)).toBe(
      false,
    )
  })

  // picomatch turns braces into regular-expression alternation, which reads
  // `a/**/{a,*}` differently from `a/**/a` or `a/**/*`; expanding first
  // compares what the two mean by each glob.
  it('agrees with picomatch on the syntax both share, braces expanded', () => {
    const segmentChar = fc.constantFrom('a', 'b', '.', '-')
    const name = fc
      .array(segmentChar, { minLength: 1, maxLength: 5 })
      .map((c) => c.join(''))
      .filter((n) => n !== '.' && n !== '..')
    const path = fc
      .array(name, { minLength: 1, maxLength: 4 })
      .map((s) => s.join('/'))
    const patternPiece = fc.constantFrom(
      'a',
      'b',
      '.',
      '*',
      '?',
      '[ab]',
      '[a-b]',
    )
    const patternSegment = fc.oneof(
      fc.constant('**'),
      fc
        .array(patternPiece, { minLength: 1, maxLength: 4 })
        .map((p) => p.join('')),
      fc.tuple(patternPiece, patternPiece).map(([x, y]) => `{${x},${y}}`),
    )
    const pattern = fc
      .array(patternSegment, { minLength: 1, maxLength: 4 })
      .map((s) => s.join('/'))
    fc.assert(
      fc.property(pattern, path, (glob, subject) => {
        // picomatch lets `x/**` match `x` but not `*/**` match `x`; here a
        // trailing `/**` always matches the directory itself too.
        fc.pre(!glob.endsWith('/**'))
        // picomatch reads a segment of three or more stars as `**`; git
        // reads it as `*`, and so does this matcher.
        fc.pre(!glob.includes('***'))
        // picomatch lets `**` inside a segment (`**.b`) cross slashes; git
        // reads two stars that are not a whole segment as `*`, and so does
        // this matcher.
        fc.pre(glob.split('/').every((s) => s === '**' || !s.includes('**')))
        expect(globMatches(glob, subject)).toBe(
          picomatch.isMatch(subject, expandBraces(glob), { dot: true }),
        )
      }),
      { numRuns: 3000 },
    )
  })
})

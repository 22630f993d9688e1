import { BraceLimitError, expandBraces } from './braces.js'

/**
 * Globs for paths relative to the scan root, matched without regular
 * expressions. Policy files and action inputs come from the repository under
 * review, and a glob compiled to a backtracking regular expression
 * (`*a*a*a*a*a*a*a*a*b`) can take seconds per path; this matcher takes time
 * proportional to the pattern's length times the path's, whatever they hold.
 *
 * Syntax, as git's wildmatch with braces: `*` (any characters but `/`), `**`
 * as a whole segment (any number of directories, none included), `?`,
 * `[abc]`, `[a-z]`, `[!abc]` / `[^abc]`, `{a,b}` and `{1..3}`, `\` to quote
 * the next character. Dotfiles match like any other name. Other characters,
 * `+(...)` and `@(...)` included, are literal. A pattern ending in `/` matches
 * directories only.
 */

export const MAX_GLOB_LENGTH = 500

export type PathMatcher = (path: string, isDirectory?: boolean) => boolean

/** Why a glob cannot be used, or undefined when it can. */
export function globProblem(pattern: string): string | undefined {
  try {
    compileOne(pattern)
    return undefined
  } catch (error) {
    if (error instanceof GlobError) return error.message
    throw error
  }
}

export class GlobError extends Error {}

/**
 * One matcher for a list of globs. Each glob that matches a path decides in
 * turn: a plain glob includes it, a glob starting with `!` takes it out
 * again. A list that starts with `!` starts from every path.
 */
export function compileGlobs(patterns: readonly string[]): PathMatcher {
  const compiled = patterns.map(compileOne)
  const startsIncluded = compiled[0]?.negated ?? false
  return (path, isDirectory = false) => {
    const subject = splitSubject(path, isDirectory)
    let included = startsIncluded
    for (const glob of compiled) {
      // Only a glob that could change the answer needs matching.
      if (glob.negated === included && matchesAny(glob, subject)) {
        included = !glob.negated
      }
    }
    return included
  }
}

/** Whether one glob matches one path; policy globs compile once. */
export function globMatches(
  pattern: string,
  path: string,
  isDirectory = false,
): boolean {
  let matcher = compiledSingles.get(pattern)
  if (matcher === undefined) {
    if (compiledSingles.size >= MAX_CACHED_GLOBS) compiledSingles.clear()
    matcher = compileGlobs([pattern])
    compiledSingles.set(pattern, matcher)
  }
  return matcher(path, isDirectory)
}

const MAX_CACHED_GLOBS = 1024
const compiledSingles = new Map<string, PathMatcher>()

interface Subject {
  readonly segments: readonly string[]
  readonly isDirectory: boolean
}

function splitSubject(path: string, isDirectory: boolean): Subject {
  const trimmed = path.endsWith('/') ? path.slice(0, -1) : path
  return {
    segments: trimmed.split('/'),
    isDirectory: isDirectory || trimmed !== path,
  }
}

interface CompiledGlob {
  readonly negated: boolean
  readonly alternatives: readonly Alternative[]
}

interface Alternative {
  readonly segments: readonly Segment[]
  readonly directoryOnly: boolean
}

type Segment =
  | { readonly kind: 'globstar' }
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'wild'; readonly tokens: readonly Token[] }

type Token =
  | { readonly kind: 'char'; readonly char: string }
  | { readonly kind: 'any' }
  | { readonly kind: 'star' }
  | {
      readonly kind: 'class'
      readonly negated: boolean
      readonly ranges: ReadonlyArray<readonly [string, string]>
    }

function compileOne(raw: string): CompiledGlob {
  if (raw.length > MAX_GLOB_LENGTH) {
    throw new GlobError(
      `it is ${raw.length} characters long; globs are limited to ${MAX_GLOB_LENGTH}`,
    )
  }
  const negated = raw.startsWith('!')
  const pattern = negated ? raw.slice(1) : raw
  if (pattern === '') throw new GlobError('it is empty')
  let expanded: string[]
  try {
    expanded = expandBraces(pattern)
  } catch (error) {
    if (error instanceof BraceLimitError) throw new GlobError(error.message)
    throw error
  }
  return { negated, alternatives: expanded.map(compileAlternative) }
}

function compileAlternative(written: string): Alternative {
  const pattern = written.replace(/^(\.\/)+/, '')
  const directoryOnly = pattern.endsWith('/')
  const body = directoryOnly ? pattern.slice(0, -1) : pattern
  const segments = splitPattern(body).map(compileSegment)
  // `a/**/**/b` means the same as `a/**/b`; collapsing keeps matching linear.
  const collapsed = segments.filter(
    (s, i) => !(s.kind === 'globstar' && segments[i - 1]?.kind === 'globstar'),
  )
  return { segments: collapsed, directoryOnly }
}

/** Splits on `/` outside character classes and escapes. */
function splitPattern(pattern: string): string[] {
  const parts: string[] = []
  let start = 0
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]
    if (char === '\\') i++
    else if (char === '[') i = classEnd(pattern, i) ?? i
    else if (char === '/') {
      parts.push(pattern.slice(start, i))
      start = i + 1
    }
  }
  parts.push(pattern.slice(start))
  return parts
}

function compileSegment(text: string): Segment {
  if (text === '**') return { kind: 'globstar' }
  const tokens: Token[] = []
  let wild = false
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string
    if (char === '\\' && i + 1 < text.length) {
      tokens.push({ kind: 'char', char: text[++i] as string })
    } else if (char === '*') {
      wild = true
      // Runs of stars match what one star matches.
      if (tokens.at(-1)?.kind !== 'star') tokens.push({ kind: 'star' })
    } else if (char === '?') {
      wild = true
      tokens.push({ kind: 'any' })
    } else if (char === '[' && classEnd(text, i) !== undefined) {
      const end = classEnd(text, i) as number
      wild = true
      tokens.push(compileClass(text.slice(i + 1, end)))
      i = end
    } else {
      tokens.push({ kind: 'char', char })
    }
  }
  if (!wild) {
    return {
      kind: 'literal',
      text: tokens.map((t) => (t.kind === 'char' ? t.char : '')).join(''),
    }
  }
  return { kind: 'wild', tokens }
}

/** Index of the `]` closing a class that opens at `open`, if it closes. */
function classEnd(text: string, open: number): number | undefined {
  let i = open + 1
  if (text[i] === '!' || text[i] === '^') i++
  // A `]` first in the class is a member, not the end.
  if (text[i] === ']') i++
  for (; i < text.length; i++) {
    const char = text[i]
    if (char === '\\') i++
    else if (char === '/') return undefined
    else if (char === ']') return i
  }
  return undefined
}

function compileClass(body: string): Token {
  const negated = body.startsWith('!') || body.startsWith('^')
  const members = negated ? body.slice(1) : body
  const ranges: Array<readonly [string, string]> = []
  for (let i = 0; i < members.length; i++) {
    let from = members[i] as string
    if (from === '\\' && i + 1 < members.length) from = members[++i] as string
    if (members[i + 1] === '-' && i + 2 < members.length) {
      let to = members[i + 2] as string
      i += 2
      if (to === '\\' && i + 1 < members.length) to = members[++i] as string
      ranges.push([from, to])
    } else {
      ranges.push([from, from])
    }
  }
  return { kind: 'class', negated, ranges }
}

function matchesAny(glob: CompiledGlob, subject: Subject): boolean {
  return glob.alternatives.some(
    (alternative) =>
      (subject.isDirectory || !alternative.directoryOnly) &&
      matchSegments(alternative.segments, subject.segments),
  )
}

/**
 * Matches pattern segments against path segments. `**` is to segments what
 * `*` is to characters, so the same single-backtrack walk applies: on a
 * mismatch, only the most recent `**` takes one more segment.
 */
function matchSegments(
  pattern: readonly Segment[],
  path: readonly string[],
): boolean {
  let p = 0
  let s = 0
  let starP = -1
  let starS = 0
  while (s < path.length) {
    const segment = pattern[p]
    if (segment?.kind === 'globstar') {
      starP = p++
      starS = s
    } else if (
      segment !== undefined &&
      matchSegment(segment, path[s] as string)
    ) {
      p++
      s++
    } else if (starP !== -1) {
      p = starP + 1
      s = ++starS
    } else {
      return false
    }
  }
  while (pattern[p]?.kind === 'globstar') p++
  return p === pattern.length
}

function matchSegment(segment: Segment, name: string): boolean {
  if (segment.kind === 'literal') return segment.text === name
  if (segment.kind === 'globstar') return true
  return name !== '' && matchTokens(segment.tokens, name)
}

/** The classic wildcard walk: no recursion, one backtrack point. */
function matchTokens(tokens: readonly Token[], name: string): boolean {
  let t = 0
  let n = 0
  let starT = -1
  let starN = 0
  while (n < name.length) {
    const token = tokens[t]
    if (token?.kind === 'star') {
      starT = t++
      starN = n
    } else if (token !== undefined && matchChar(token, name[n] as string)) {
      t++
      n++
    } else if (starT !== -1) {
      t = starT + 1
      n = ++starN
    } else {
      return false
    }
  }
  while (tokens[t]?.kind === 'star') t++
  return t === tokens.length
}

function matchChar(token: Token, char: string): boolean {
  switch (token.kind) {
    case 'char':
      return token.char === char
    case 'any':
      return true
    case 'class': {
      const inClass = token.ranges.some(
        ([from, to]) => from <= char && char <= to,
      )
      return inClass !== token.negated
    }
    case 'star':
      return false
  }
}

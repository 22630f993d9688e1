/**
 * Brace expansion for globs: `{a,b}` lists (nested) and `{1..5}` / `{a..e}`
 * ranges. The result is bounded: a pattern written to expand into millions
 * of alternatives is refused rather than expanded.
 */

export const MAX_BRACE_EXPANSIONS = 256

export class BraceLimitError extends Error {}

export function expandBraces(pattern: string): string[] {
  const open = findOpeningBrace(pattern)
  if (open === -1) return [pattern]
  const close = findClosingBrace(pattern, open)
  if (close === -1) return [pattern]
  const body = pattern.slice(open + 1, close)
  const options = splitTopLevel(body)
  const alternatives =
    options.length > 1 ? options : (expandRange(body) ?? undefined)
  const prefix = pattern.slice(0, open)
  const rest = pattern.slice(close + 1)
  if (alternatives === undefined) {
    // `{a}` is not a brace expression: keep it literally, expand the rest.
    return expandBraces(rest).map((tail) => `${prefix}{${body}}${tail}`)
  }
  const tails = expandBraces(rest)
  const results: string[] = []
  for (const alternative of alternatives) {
    for (const head of expandBraces(alternative)) {
      for (const tail of tails) {
        results.push(prefix + head + tail)
        if (results.length > MAX_BRACE_EXPANSIONS) {
          throw new BraceLimitError(
            `its braces expand to more than ${MAX_BRACE_EXPANSIONS} patterns`,
          )
        }
      }
    }
  }
  return results
}

function findOpeningBrace(pattern: string): number {
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]
    if (char === '\\') i++
    else if (char === '{') return i
  }
  return -1
}

function findClosingBrace(pattern: string, open: number): number {
  let depth = 0
  for (let i = open; i < pattern.length; i++) {
    const char = pattern[i]
    if (char === '\\') i++
    else if (char === '{') depth++
    else if (char === '}' && --depth === 0) return i
  }
  return -1
}

function splitTopLevel(body: string): string[] {
  const parts: string[] = []
  let depth = 0
  let start = 0
  for (let i = 0; i < body.length; i++) {
    const char = body[i]
    if (char === '\\') i++
    else if (char === '{') depth++
    else if (char === '}') depth--
    else if (char === ',' && depth === 0) {
      parts.push(body.slice(start, i))
      start = i + 1
    }
  }
  parts.push(body.slice(start))
  return parts
}

const NUMERIC_RANGE = /^(-?\d{1,6})\.\.(-?\d{1,6})$/
const LETTER_RANGE = /^([a-zA-Z])\.\.([a-zA-Z])$/

function expandRange(body: string): string[] | undefined {
  const numeric = NUMERIC_RANGE.exec(body)
  if (numeric) {
    return range(Number(numeric[1]), Number(numeric[2]), String)
  }
  const letters = LETTER_RANGE.exec(body)
  if (letters) {
    return range(
      (letters[1] as string).charCodeAt(0),
      (letters[2] as string).charCodeAt(0),
      (code) => String.fromCharCode(code),
    )
  }
  return undefined
}

function range(
  from: number,
  to: number,
  show: (value: number) => string,
): string[] {
  if (Math.abs(to - from) >= MAX_BRACE_EXPANSIONS) {
    throw new BraceLimitError(
      `its range {${show(from)}..${show(to)}} has more than ${MAX_BRACE_EXPANSIONS} values`,
    )
  }
  const step = from <= to ? 1 : -1
  const values: string[] = []
  for (let value = from; value !== to + step; value += step) {
    values.push(show(value))
  }
  return values
}

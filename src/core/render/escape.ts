/**
 * Text that comes from manifests (names, descriptions, tool names, quoted
 * phrases) is untrusted: in a PR comment it could inject HTML, ping people,
 * add links or break a table. Everything from a manifest passes through here.
 */

const ZWSP = '&#8203;'

/** Control characters, line separators and bidirectional overrides. */
/* eslint-disable no-control-regex -- control characters are what this matches */
const UNPRINTABLE =
  /[\u0000-\u001f\u007f\u2028\u2029\u202a-\u202e\u2066-\u2069]+/g
/* eslint-enable no-control-regex */

/**
 * Collapses whitespace and cuts to `max` characters, marking the cut. Control
 * characters and bidirectional overrides (which can make text read differently
 * from what it is) become spaces.
 */
export function bounded(text: string, max: number): string {
  const flat = text.replace(UNPRINTABLE, ' ').replace(/\s+/g, ' ').trim()
  return flat.length > max
    ? `${flat.slice(0, Math.max(0, max - 1)).trimEnd()}…`
    : flat
}

/** Inert inline markdown: no HTML, mentions, references, links or table breaks. */
export function mdText(text: string, max = 300): string {
  return (
    bounded(text, max)
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
      // A leading block marker would turn the text into a heading or list.
      .replace(/^([#+=-])/, '\\$1')
      .replace(/^(\d+)([.)])/, '$1\\$2')
      // GitHub links mentions, issue references and bare URLs after escapes
      // are resolved, so those are broken with an invisible space instead.
      .replace(/#/g, `#${ZWSP}`)
      .replace(/@/g, `@${ZWSP}`)
      .replace(/:\/\//g, `:${ZWSP}//`)
      .replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}${ZWSP}.`)
  )
}

/**
 * Inert text inside raw HTML (a `<summary>`), where markdown is not parsed
 * but GitHub still links mentions and references in the text.
 */
export function htmlText(text: string, max = 300): string {
  return bounded(text, max)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/#/g, `#${ZWSP}`)
    .replace(/'/g, '&#39;')
    .replace(/@/g, `@${ZWSP}`)
    .replace(/:\/\//g, `:${ZWSP}//`)
    .replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}${ZWSP}.`)
}

/** An inline code span; backticks are dropped since they cannot be escaped inside one. */
export function mdCode(text: string, max = 120): string {
  const inner = bounded(text, max).replace(/`/g, "'").replace(/\|/g, '\\|')
  return `\`${inner || ' '}\``
}

/** Plain-text output for terminals: no control characters, bounded. */
export function plainText(text: string, max = 300): string {
  return bounded(text, max)
}

/**
 * A markdown link whose text is escaped and whose URL was built by
 * `safeHttpUrl`/`urlPath`: without a URL it is just the escaped text.
 */
export function mdLink(
  text: string,
  url: string | undefined,
  max = 300,
): string {
  const label = mdText(text, max) || '(unnamed)'
  return url === undefined ? label : `[${label}](${url})`
}

/**
 * An http(s) URL that came from the environment (server URL, run URL), or
 * undefined when it is anything else: a link target is never taken on trust.
 * Characters that could end a markdown link or open HTML are percent-encoded.
 */
export function safeHttpUrl(url: string | undefined): string | undefined {
  if (url === undefined || url === '') return undefined
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return undefined
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    return undefined
  if (parsed.username !== '' || parsed.password !== '') return undefined
  return parsed.href.replace(/[()<>"'\s`]/g, (c) => percent(c))
}

/**
 * A repository path as a URL path: every character but letters, digits,
 * `-._~` and the `/` separators is percent-encoded, so a file name cannot
 * close the link, add a query or smuggle a scheme.
 */
export function urlPath(path: string): string {
  return path
    .split('/')
    .map((segment) =>
      Array.from(segment)
        .map((c) => (/^[A-Za-z0-9\-._~]$/.test(c) ? c : percent(c)))
        .join(''),
    )
    .join('/')
}

function percent(char: string): string {
  return Array.from(new TextEncoder().encode(char))
    .map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`)
    .join('')
}

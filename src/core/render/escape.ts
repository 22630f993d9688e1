/**
 * Text that comes from manifests (names, descriptions, tool names, quoted
 * phrases, paths) is untrusted: in a PR comment it could inject HTML, ping
 * people, add links or cross-references, break a table, hide text, or, in
 * a workflow log, become a workflow command. Everything from a manifest
 * passes through here, for the channel it goes to.
 */

const ZWSP = '&#8203;'

/** Control characters (C0, DEL, C1) and line separators: they become spaces. */
/* eslint-disable no-control-regex -- control characters are what this matches */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g
/** The same, less the line breaks a log message may hold. */
const LOG_UNPRINTABLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g
/* eslint-enable no-control-regex */

/**
 * Code points that draw nothing or reorder what is drawn: zero-width spaces
 * and joiners, direction marks, embeddings, overrides and isolates, word
 * joiners and invisible operators, the byte order mark, soft hyphens,
 * fillers, and tag characters. Text from a manifest cannot carry them
 * unseen: each is shown as `<U+XXXX>`.
 */
// The class lists joiners on purpose: each is matched alone.
const INVISIBLE =
  // eslint-disable-next-line no-misleading-character-class
  /[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb\u{1bca0}-\u{1bca3}\u{1d173}-\u{1d17a}\u{e0000}-\u{e007f}]/gu

/** A surrogate without its other half (not text; shown as U+FFFD). */
const LONE_SURROGATE =
  /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

/** `<U+200B>` for an invisible code point. */
function visible(char: string): string {
  const code = char.codePointAt(0) ?? 0
  return `<U+${code.toString(16).toUpperCase().padStart(4, '0')}>`
}

/**
 * Whether text holds what `bounded` would replace: control characters,
 * line separators, invisible or direction-changing code points, or a lone
 * surrogate. Such text cannot go anywhere it would be shown unescaped.
 */
export function hasHiddenText(text: string): boolean {
  return [LONE_SURROGATE, UNPRINTABLE, INVISIBLE].some((pattern) => {
    pattern.lastIndex = 0
    const found = pattern.test(text)
    pattern.lastIndex = 0
    return found
  })
}

/**
 * Collapses whitespace and cuts to `max` characters, marking the cut.
 * Control characters become spaces; invisible and direction-changing code
 * points (which make text read differently from what it is) are shown as
 * `<U+XXXX>`.
 */
export function bounded(text: string, max: number): string {
  return cut(flat(text), max)
}

function flat(text: string): string {
  return text
    .replace(LONE_SURROGATE, '\ufffd')
    .replace(UNPRINTABLE, ' ')
    .replace(INVISIBLE, visible)
    .replace(/\s+/g, ' ')
    .trim()
}

function cut(text: string, max: number): string {
  if (text.length <= max) return text
  let end = Math.max(0, max - 1)
  // Never cut a surrogate pair in two.
  if (end > 0 && /[\ud800-\udbff]/.test(text.charAt(end - 1))) end -= 1
  return `${text.slice(0, end).trimEnd()}…`
}

/**
 * GitHub links mentions, issue and commit references and bare URLs in the
 * rendered text, after escapes are resolved, so those are broken with an
 * invisible space (an HTML entity the scanner writes, never a character
 * from the manifest): `#1`, `owner/repo#1`, `GH-1`, `@name`,
 * `owner/repo@sha`, `https://github.com/o/r/issues/1`, `www.`. A bare
 * commit SHA is left: GitHub links it only to a commit of this repository,
 * and the scanner's own messages name base commits that way. The same
 * breaks keep markdown printed to a log (the CLI's `--format markdown`)
 * from holding a workflow command: every `#` of `##[` is broken, and so is
 * a leading `::`. Runs on text whose `&` are already escaped and that
 * holds no entity with a `#` yet.
 */
function unlinked(text: string): string {
  return text
    .replace(/#/g, `#${ZWSP}`)
    .replace(/@/g, `@${ZWSP}`)
    .replace(/:\/\//g, `:${ZWSP}//`)
    .replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}${ZWSP}.`)
    .replace(/gh(?=-\d)/gi, (m) => `${m}${ZWSP}`)
    .replace(/^:(?=:)/, `:${ZWSP}`)
}

/** Inert inline markdown: no HTML, mentions, references, links or table breaks. */
export function mdText(text: string, max = 300): string {
  return unlinked(
    bounded(text, max)
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
      // A leading block marker would turn the text into a heading or list.
      .replace(/^([#+=-])/, '\\$1')
      .replace(/^(\d+)([.)])/, '$1\\$2'),
  )
}

/**
 * Inert text inside raw HTML (a `<summary>`), where markdown is not parsed
 * but GitHub still links mentions and references in the text.
 */
export function htmlText(text: string, max = 300): string {
  return unlinked(
    bounded(text, max)
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;'),
  ).replace(/'/g, '&#39;')
}

/** An inline code span; backticks are dropped since they cannot be escaped inside one. */
export function mdCode(text: string, max = 120): string {
  const inner = bounded(text, max).replace(/`/g, "'").replace(/\|/g, '\\|')
  return `\`${inner || ' '}\``
}

/**
 * Text for a terminal or a workflow log: no control characters or invisible
 * code points, bounded, and no workflow command. The runner takes a line
 * whose first non-blank characters are `::` as a command (`::error::`,
 * `::stop-commands::`), and `##[` anywhere in a line as an old-style one
 * (`##[set-output name=...]`), so a `::` that could begin a line (at the
 * start, or after a space where a line may wrap) is spaced apart, `: :`,
 * and `##[` becomes `# #[`.
 */
export function plainText(text: string, max = 300): string {
  return cut(uncommanded(flat(text)), max)
}

/** One line of flat text that the runner reads no command from, wherever it wraps. */
function uncommanded(line: string): string {
  return line
    .replace(
      /(^|\s)(:{2,})/g,
      (_m, before: string, colons: string) =>
        `${before}${colons.split('').join(' ')}`,
    )
    .replace(/#(?=#\[)/g, '# ')
}

/**
 * A message for the workflow log, kept whole (no bound, lines kept) but
 * never a workflow command: a line that would start with `::` after its
 * blanks gets a space between the colons, `##[` anywhere becomes `# #[`,
 * control characters become spaces and invisible code points are shown.
 * The runner reads commands from every line of the step's output, and
 * `core.info` writes its text as it is.
 */
export function logText(text: string): string {
  return text
    .replace(LONE_SURROGATE, '\ufffd')
    .split(/\r\n|\r|\n/)
    .map((line) =>
      line
        .replace(LOG_UNPRINTABLE, ' ')
        .replace(INVISIBLE, visible)
        .replace(/^(\s*):(?=:)/, '$1: ')
        .replace(/#(?=#\[)/g, '# '),
    )
    .join('\n')
}

/**
 * Plain text that GitHub shows to people (annotation messages, SARIF alert
 * text): `plainText`, and references, mentions and URLs broken visibly with
 * a space, since no invisible break is allowed in plain text: `# 1`,
 * `GH- 1`, `@ name`, `https: //`, `www .`.
 */
export function inertText(text: string, max = 300): string {
  return cut(
    uncommanded(flat(text))
      .replace(/#(?=\d)/g, '# ')
      .replace(/(gh-)(?=\d)/gi, '$1 ')
      .replace(/@(?=[\p{L}\p{N}_-])/gu, '@ ')
      .replace(/:\/\//g, ': //')
      .replace(/\bwww\./gi, (m) => `${m.slice(0, 3)} .`),
    max,
  )
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

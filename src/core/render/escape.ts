/**
 * Text that comes from manifests (names, descriptions, tool names, quoted
 * phrases) is untrusted: in a PR comment it could inject HTML, ping people,
 * add links or break a table. Everything from a manifest passes through here.
 */

const ZWSP = '&#8203;'

/** Collapses whitespace and cuts to `max` characters, marking the cut. */
export function bounded(text: string, max: number): string {
  const flat = text
    // eslint-disable-next-line no-control-regex -- control characters are what this removes
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
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

/** An inline code span; backticks are dropped since they cannot be escaped inside one. */
export function mdCode(text: string, max = 120): string {
  const inner = bounded(text, max).replace(/`/g, "'").replace(/\|/g, '\\|')
  return `\`${inner || ' '}\``
}

/** Plain-text output for terminals: no control characters, bounded. */
export function plainText(text: string, max = 300): string {
  return bounded(text, max)
}

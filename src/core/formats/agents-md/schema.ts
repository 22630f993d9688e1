import { z } from 'zod'

/**
 * The prose of an AGENTS.md as the excerpt reads it: its first heading and
 * its paragraphs. Headings, code fences, comments, tables and rules are
 * left out of the paragraphs, and each list item is a paragraph of its
 * own, so that a rule written as a bullet is a sentence by itself.
 *
 * Markdown has no wrong shape: every text reads as something.
 */

const LIST_ITEM = /^\s*([-*+]|\d+[.)])\s+/

export const AgentsMdBody = z.string().transform((markdown) => {
  const lines = markdown.split(/\r?\n/)
  const title = lines
    .find((line) => /^#{1,6}\s+\S/.test(line))
    ?.replace(/^#+\s+/, '')
    .trim()
  const prose = lines
    .filter((line) => !/^\s*(#|```|<!--|\||---)/.test(line))
    .map((line) =>
      LIST_ITEM.test(line) ? `\n${line.replace(LIST_ITEM, '')}\n` : line,
    )
    .join('\n')
  const paragraphs = prose
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p !== '')
  return { title, paragraphs }
})
export type AgentsMdBody = z.output<typeof AgentsMdBody>

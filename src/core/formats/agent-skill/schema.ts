import { z } from 'zod'
import { maybeObject, raw, text } from '../../manifest/kit.js'

/**
 * The front matter of an Agent Skill (`SKILL.md`), tolerantly: `name`,
 * `description`, and the tools it allows, written as one string
 * (`Bash(git:*) Read Edit`, or comma-separated) or as a list.
 */

export const FORMAT_ID = 'agent-skill'

export const SkillFrontMatter = maybeObject({
  name: text(),
  description: text(),
  'allowed-tools': raw(),
  allowed_tools: raw(),
  tools: raw(),
})
export type SkillFrontMatter = NonNullable<z.output<typeof SkillFrontMatter>>

/** The entries of a tool list: a string split outside brackets, or a list of strings. */
export const ToolList = z.unknown().transform((value): string[] => {
  if (typeof value === 'string') return splitEntries(value)
  if (Array.isArray(value))
    return value.flatMap((v) => (typeof v === 'string' ? splitEntries(v) : []))
  return []
})

/** `Bash(git add:*) Read, Edit`: commas and spaces outside brackets separate. */
function splitEntries(text: string): string[] {
  const items: string[] = []
  let depth = 0
  let current = ''
  for (const char of text) {
    if (char === '(') depth++
    if (char === ')') depth = Math.max(0, depth - 1)
    if ((char === ',' || /\s/.test(char)) && depth === 0) {
      if (current.trim()) items.push(current.trim())
      current = ''
    } else current += char
  }
  if (current.trim()) items.push(current.trim())
  return items
}

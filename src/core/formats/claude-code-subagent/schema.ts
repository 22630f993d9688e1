import { z } from 'zod'
import {
  count,
  type DataPath,
  flag,
  keys,
  looseObject,
  looseRecord,
  maybeObject,
  raw,
  splitToolList,
  text,
  texts,
  type ToolListField,
  toolListField,
} from '../../manifest/kit.js'

/**
 * The front matter of a Claude Code subagent, tolerantly: Claude Code
 * ignores keys it does not know and a field of the wrong type is not
 * stated; only a `tools` of the wrong type is a problem, which the mapping
 * reports.
 */

/**
 * Keys only a subagent has: a page with a name and a description alone is
 * not one. `model` counts only with a Claude model (`sonnet`, `inherit`,
 * `claude-…`), since product pages have models too.
 */
export const AGENT_KEYS = [
  'tools',
  'disallowedTools',
  'permissionMode',
  'maxTurns',
  'mcpServers',
  'isolation',
]
export const CLAUDE_MODEL =
  /^['"]?(sonnet|opus|haiku|inherit|opusplan|claude-[\w.-]+)['"]?\s*$/i
/** Keys of static-site pages (Hugo, Jekyll, Docusaurus), never of subagents. */
export const PAGE_KEYS = [
  'layout',
  'date',
  'permalink',
  'slug',
  'sidebar_position',
  'sidebar_label',
  'draft',
  'weight',
]
/** Keys people write for `tools` that Claude Code ignores. */
export const MISSPELT_TOOLS = [
  'allowedTools',
  'allowed-tools',
  'allowed_tools',
  'tool',
  'Tools',
] as const

/** `tools`: absent, a tool list (kept raw for listEntries), or invalid. */
const Tools = toolListField()
export type Tools = ToolListField

/** `skills`: a comma string or a list of names. */
const Skills = z
  .unknown()
  .transform((value) =>
    typeof value === 'string' ? splitToolList(value) : texts().parse(value),
  )

const ServerEntries = looseRecord(raw())
/** A server's configuration: a mapping, or none (a server the session has). */
const ServerConfig = maybeObject({})

export interface McpServerEntry {
  readonly name: string
  readonly config: Record<string, unknown> | undefined
  /** Where it is written, for its line. */
  readonly path: DataPath
}

/**
 * `mcpServers`: names of servers the session already has, or inline
 * `{name: config}` entries, as a list or a mapping.
 */
const McpServers = z.unknown().transform((value): McpServerEntry[] => {
  const inline = (entry: unknown, path: DataPath): McpServerEntry[] =>
    (ServerEntries.parse(entry) ?? []).map(([name, config]) => ({
      name,
      config: ServerConfig.parse(config),
      path: [...path, name],
    }))
  if (!Array.isArray(value)) return inline(value, ['mcpServers'])
  return value.flatMap((item, i) =>
    typeof item === 'string'
      ? [{ name: item, config: undefined, path: ['mcpServers', i] }]
      : inline(item, ['mcpServers', i]),
  )
})

/**
 * The fields read typed. Those the kit's readers take as they are pass
 * through untouched, like every key not named here, so they cost no check:
 * `disallowedTools` and the misspelt `tools` keys (its tool-list reader,
 * with their lines) and `hooks` (its hook reader, which knows both hook
 * table shapes).
 */
export const SubagentFrontMatter = looseObject({
  name: text(),
  description: text(),
  tools: Tools,
  model: text(),
  permissionMode: text(),
  maxTurns: count(),
  memory: text(),
  skills: Skills,
  mcpServers: McpServers,
  isolation: text(),
  background: flag(),
  effort: text(),
})
export type SubagentFrontMatter = z.output<typeof SubagentFrontMatter>

/** Every key the front matter writes, whatever its value. */
export const WrittenKeys = keys()

import { z } from 'zod'
import {
  count,
  flag,
  keys,
  looseRecord,
  maybeObject,
  raw,
  text,
  texts,
} from '../../manifest/kit.js'

/**
 * The front matter of a GitHub Agentic Workflow (gh-aw), tolerantly: a
 * field of the wrong type is not stated; nothing is reported here, since
 * `gh aw compile` is the place that rejects a workflow. Fields that take
 * several shapes (`on`, `engine`, `permissions`, `network`, each tool) are
 * read into one shape each.
 */

export const FORMAT_ID = 'agentic-workflow'

/** `on`: an event name, a list of them, or a map of event → settings. */
const Events = z.unknown().transform((value): string[] => {
  if (typeof value === 'string') return [value]
  if (Array.isArray(value))
    return value.filter((v): v is string => typeof v === 'string')
  return keys().parse(value)
})

/** `on.slash_command` / `on.command`: its name, however written. */
const Command = z
  .unknown()
  .transform((value) =>
    typeof value === 'string'
      ? value
      : maybeObject({ name: text() }).parse(value)?.name,
  )

const On = z.unknown().transform((value) => ({
  events: Events.parse(value),
  slashCommand:
    Command.parse(
      maybeObject({ slash_command: raw() }).parse(value)?.slash_command,
    ) ?? Command.parse(maybeObject({ command: raw() }).parse(value)?.command),
  manualApproval: maybeObject({ 'manual-approval': text() }).parse(value)?.[
    'manual-approval'
  ],
}))
export type On = z.output<typeof On>

/** `engine`: an id (`copilot`, `claude`, `codex`…) or `{id, model, max-turns}`. */
const Engine = z.unknown().transform((value) => {
  if (typeof value === 'string') return { id: value }
  const engine = maybeObject({
    id: text(),
    model: text(),
    'max-turns': count(),
  }).parse(value)
  return engine
    ? { id: engine.id, model: engine.model, maxTurns: engine['max-turns'] }
    : undefined
})
export type Engine = NonNullable<z.output<typeof Engine>>

/** `permissions`: `read-all` / `write-all`, or scope → read / write / none. */
const Permissions = z.unknown().transform((value) => {
  if (typeof value === 'string') return { all: value, scopes: [] }
  return {
    all: undefined,
    scopes: (looseRecord(text()).parse(value) ?? []).filter(
      (entry): entry is [string, string] => entry[1] !== undefined,
    ),
  }
})
export type Permissions = z.output<typeof Permissions>

/** `network`: `defaults`, or `{allowed: [domains or ecosystems]}`. */
const Network = z.unknown().transform((value) => {
  if (typeof value === 'string') return { allowed: [value] }
  const network = maybeObject({ allowed: texts() }).parse(value)
  return network ? { allowed: network.allowed } : undefined
})

/** `roles`: `all`, or the repository roles that may trigger it. */
const Roles = z
  .unknown()
  .transform((value) =>
    typeof value === 'string' ? [value] : texts().parse(value),
  )

/** `sandbox.agent`: an id (`awf`), `false` to turn it off, or `{id}`. */
const Sandbox = z.unknown().transform((value) => {
  const agent = maybeObject({ agent: raw() }).parse(value)?.agent
  if (agent === false) return false
  if (typeof agent === 'string') return agent
  return maybeObject({ id: text() }).parse(agent)?.id
})

export const FrontMatter = maybeObject({
  name: text(),
  description: text(),
  on: On,
  engine: Engine,
  model: text(),
  permissions: Permissions,
  roles: Roles,
  tools: looseRecord(raw()),
  'mcp-servers': looseRecord(raw()),
  'safe-outputs': keys(),
  network: Network,
  sandbox: Sandbox,
  strict: flag(),
  imports: texts(),
})
export type FrontMatter = NonNullable<z.output<typeof FrontMatter>>

/** `bash`: on with the default commands, every command, or these commands. */
export const BashTool = z.unknown().transform((value) => {
  if (value === false) return undefined
  const commands = typeof value === 'string' ? [value] : texts().parse(value)
  return {
    commands,
    all: commands.some((c) => /^(\*|:\*)$/.test(c.trim())),
  }
})

/** `github`: its toolsets, explicit tools, and whether it is read-only. */
export const GithubTool = z.unknown().transform((value) => {
  const github = maybeObject({
    toolsets: texts(),
    allowed: texts(),
    'read-only': flag(),
  }).parse(value)
  return {
    toolsets: github?.toolsets ?? [],
    allowed: github?.allowed ?? [],
    readOnly: github?.['read-only'],
  }
})

/** The legacy `claude.allowed` map: Claude Code tool names. */
export const ClaudeTools = z
  .unknown()
  .transform((value) =>
    keys().parse(maybeObject({ allowed: raw() }).parse(value)?.allowed),
  )

/** A custom tool written as an MCP server (`command`, `url` or `container`). */
export const ServerLike = z.unknown().transform((value) => {
  const server = maybeObject({
    command: text(),
    url: text(),
    container: text(),
  }).parse(value)
  return server && (server.command ?? server.url ?? server.container)
    ? server
    : undefined
})

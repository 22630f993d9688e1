import { z } from 'zod'
import {
  count,
  flag,
  looseObject,
  looseRecord,
  maybeObject,
  raw,
  text,
  texts,
} from '../../manifest/kit.js'

/**
 * OpenCode's files as OpenCode reads them, tolerantly: `opencode.json(c)`
 * and the front matter of a Markdown agent. A field of the wrong type is
 * not stated and an agent that is not a mapping is left out, silently; only
 * a tool permission of the wrong type is a problem, which the mapping
 * reports on its line.
 */

/** allow, ask or deny; any other value is no action. */
const action = (value: unknown): 'allow' | 'ask' | 'deny' | undefined =>
  value === 'allow' || value === 'ask' || value === 'deny' ? value : undefined
const Action = z.unknown().transform(action)
export type Action = NonNullable<z.output<typeof Action>>

/** Permission patterns in the order they are written; the last match wins. */
export type Rule = ReadonlyArray<readonly [string, Action]>

const PatternMap = looseRecord(Action)

/**
 * One tool's permission: an action for every use (`"bash": "ask"`), or a
 * map of patterns (`"git diff *": "allow"`) whose entries that are no
 * action are left out; undefined for any other value.
 */
const ToolPermission = z.unknown().transform((value): Rule | undefined => {
  const single = action(value)
  if (single) return [['*', single]]
  return PatternMap.parse(value)?.flatMap(([pattern, act]) =>
    act ? [[pattern, act] as const] : [],
  )
})

const ToolPermissions = looseRecord(ToolPermission)

/** `permission`: one action for every tool, or a map of tool permissions. */
const Permission = z.unknown().transform((value) => {
  const all = action(value)
  return { all, tools: all ? [] : (ToolPermissions.parse(value) ?? []) }
})
export type Permission = z.output<typeof Permission>

/** `tools`: on/off toggles by tool name or glob (`server_*`). */
const Toggles = looseRecord(flag()).transform((entries) =>
  (entries ?? []).flatMap(([name, on]) =>
    on === undefined ? [] : [[name, on] as const],
  ),
)

/** A step cap: its number, and whether the key is written at all. */
const Steps = z.unknown().transform((value) => ({
  stated: value !== undefined,
  value: count().parse(value),
}))

/** A server's own keys, all of them kept, with those the mapping reads. */
const ServerFields = maybeObject({
  command: raw(),
  args: raw(),
  environment: raw(),
  env: raw(),
  type: raw(),
  headers: raw(),
})
type ServerFields = Partial<NonNullable<z.output<typeof ServerFields>>>
const ServerValues = looseRecord(text())

/**
 * An MCP server: its entry in the common shape the kit's reader knows
 * (`command` is a list in OpenCode, `environment` its env, `local` and
 * `remote` its types), and the values of its environment and headers.
 */
const McpServer = z.unknown().transform((config) => {
  const record: ServerFields = ServerFields.parse(config) ?? {}
  const { command, args, environment, env, type, headers } = record
  const list = texts().parse(command)
  return {
    entry: {
      ...record,
      command: list[0] ?? text().parse(command),
      args: list.length > 1 ? list.slice(1) : args,
      env: environment ?? env,
      type: type === 'remote' ? 'http' : type === 'local' ? 'stdio' : type,
    },
    values: [
      ...(ServerValues.parse(environment) ?? []),
      ...(ServerValues.parse(headers) ?? []),
    ],
  }
})
export type McpServer = z.output<typeof McpServer>

/** An agent: an entry of `agent`, or a Markdown agent's front matter. */
export const Agent = looseObject({
  name: text(),
  description: text(),
  mode: text(),
  disable: flag(),
  hidden: flag(),
  model: text(),
  temperature: count(),
  prompt: text(),
  maxSteps: Steps,
  steps: count(),
  permission: Permission,
  tools: Toggles,
})
export type Agent = z.output<typeof Agent>

/** The default agent, which a file need not define: no settings of its own. */
export const UNDEFINED_AGENT: Agent = Agent.parse({})

const CONFIG = {
  agent: looseRecord(Agent),
  default_agent: text(),
  permission: Permission,
  tools: Toggles,
  mcp: looseRecord(McpServer),
  model: text(),
  instructions: texts(),
  plugin: z
    .unknown()
    .transform((plugins) => (Array.isArray(plugins) ? plugins.length : 0)),
}

/** `opencode.json(c)`, claimed by its name or head: an object. */
export const OpenCodeConfig = looseObject(CONFIG)
export type OpenCodeConfig = z.output<typeof OpenCodeConfig>

/**
 * What a Markdown agent takes from the project's config, its global
 * settings (its agents are not read): any other value is none.
 */
export const ProjectConfig = maybeObject({
  permission: CONFIG.permission,
  tools: CONFIG.tools,
  mcp: CONFIG.mcp,
  model: CONFIG.model,
})
export type ProjectConfig = NonNullable<z.output<typeof ProjectConfig>>

import { z } from 'zod'
import {
  count,
  flag,
  looseArray,
  looseObject,
  looseRecord,
  maybeObject,
  raw,
  stated,
  text,
  texts,
} from '../../manifest/kit.js'

/**
 * A Google ADK agent config (one agent per YAML file), tolerantly: fields
 * of the wrong type are not stated, and entries that are not mappings are
 * kept in place (as undefined) so that the mapping reports those it cannot
 * use on their own line. Whether the file is an ADK config at all is the
 * mapping's call.
 */

/** The `$schema` comment of ADK's AgentConfig. */
export const ADK_SCHEMA = /config_schemas\/AgentConfig\.json/

/** Callbacks: Python hooks around the agent, the model and tools. */
const CALLBACKS = /^(before|after)_(agent|model|tool)_callbacks?$/

/** A sub-agent: a config file beside this one, or a class in code. */
const SubAgent = maybeObject({ code: text(), config_path: text() })
export type SubAgent = NonNullable<z.output<typeof SubAgent>>

/** Every entry in place, for the lines of those that are not mappings. */
const SubAgents = looseArray(SubAgent)
export type SubAgents = z.output<typeof SubAgents>

// Values stay raw: they go to the shared MCP reader as ADK would pass them.
const Stdio = maybeObject({ command: raw(), args: raw(), env: raw() })
const Remote = maybeObject({ url: raw(), headers: raw() })

const ArgFields = maybeObject({
  stdio_server_params: Stdio,
  stdio_connection_params: maybeObject({ server_params: Stdio }),
  sse_connection_params: Remote,
  streamable_http_connection_params: Remote,
  tool_filter: texts(),
  agent: SubAgent,
})

export interface Connection {
  readonly entry: Record<string, unknown>
  readonly command: string | undefined
  readonly args: string[]
  readonly url: string | undefined
  /** Env entries whose value is text. */
  readonly env: Array<[string, string]>
}

/**
 * An MCPToolset's connection: `entry`, in the shape the shared MCP reader
 * takes (stdio_server_params or stdio_connection_params.server_params give
 * a command; sse_ and streamable_http_connection_params a URL with
 * headers), and the parts of it that name the server.
 */
function connectionOf(args: z.output<typeof ArgFields>): Connection {
  const stdio =
    args?.stdio_server_params ?? args?.stdio_connection_params?.server_params
  const sse = args?.sse_connection_params
  const remote = sse ?? args?.streamable_http_connection_params
  const entry: Record<string, unknown> = stdio
    ? { command: stdio.command, args: stdio.args, env: stdio.env }
    : remote
      ? { url: remote.url, headers: remote.headers, type: sse ? 'sse' : 'http' }
      : {}
  const filter = args?.tool_filter ?? []
  if (filter.length > 0) entry.tools = filter
  return {
    entry,
    command: text().parse(entry.command),
    args: texts().parse(entry.args),
    url: text().parse(entry.url),
    env: (looseRecord(raw()).parse(entry.env) ?? []).filter(
      (pair): pair is [string, string] => typeof pair[1] === 'string',
    ),
  }
}

/** A tool's `args`: an AgentTool's agent, an MCPToolset's connection. */
const Args = ArgFields.transform((args) => ({
  agent: args?.agent,
  connection: connectionOf(args),
}))

/** A tool: a name, or `{name, args}`; without a name it is reported. */
const Tool = z.unknown().transform((entry) => {
  if (typeof entry === 'string') return { name: entry, args: Args.parse({}) }
  const tool = maybeObject({ name: text(), args: Args }).parse(entry)
  return { name: tool?.name, args: tool?.args ?? Args.parse({}) }
})
export type Tool = z.output<typeof Tool>

/**
 * `generate_content_config`: its sampling fields go to the shared reader
 * as they are; safety settings (`safety_settings`, else `safetySettings`)
 * are counted, with the key they were read from.
 */
const ContentConfig = z.unknown().transform((value) => {
  const config = maybeObject({
    safety_settings: raw(),
    safetySettings: raw(),
  }).parse(value)
  if (!config) return undefined
  const rules = config.safety_settings ?? config.safetySettings
  return {
    sampling: value as Record<string, unknown>,
    safetyRules: Array.isArray(rules) ? rules.length : 0,
    safetyKey:
      config.safety_settings === undefined
        ? 'safetySettings'
        : 'safety_settings',
  }
})

/** The callbacks the agent names, in order, with the functions they list. */
function callbacksOf(
  agent: Record<string, unknown>,
): Array<{ readonly key: string; readonly names: string[] }> {
  const named = maybeObject({ name: text() })
  return Object.entries(agent)
    .filter(([key]) => CALLBACKS.test(key))
    .map(([key, value]) => ({
      key,
      names: (Array.isArray(value) ? value : [value])
        .map((item) => named.parse(item)?.name ?? text().parse(item))
        .filter((name): name is string => Boolean(name)),
    }))
}

const AgentFields = maybeObject({
  // Set in resource manifests of other formats, never in an ADK config.
  apiVersion: stated(),
  kind: stated(),
  agent_class: text(),
  name: text(),
  description: text(),
  model: text(),
  generate_content_config: ContentConfig,
  static_instruction: text(),
  instruction: text(),
  tools: looseArray(Tool),
  sub_agents: SubAgents,
  nodes: looseArray(maybeObject({ sub_agents: SubAgents })),
  edges: looseArray(looseObject({ condition: text() })),
  disallow_transfer_to_parent: flag(),
  disallow_transfer_to_peers: flag(),
  max_iterations: count(),
  planner: stated(),
  code_executor: stated(),
  input_schema: stated(),
  output_schema: stated(),
  include_contents: text(),
})

export const AgentConfig = z.unknown().transform((value) => {
  const agent = AgentFields.parse(value)
  return agent && { ...agent, callbacks: callbacksOf(agent) }
})
export type AgentConfig = NonNullable<z.output<typeof AgentConfig>>

/** A sub-agent's own config: only its name is read. */
export const SubAgentConfig = maybeObject({ name: text() })

import { z } from 'zod'
import {
  count,
  flag,
  indexedArray,
  looseArray,
  looseObject,
  looseRecord,
  maybeObject,
  nonBlank,
  raw,
  text,
  texts,
} from '../../manifest/kit.js'

/**
 * The YAML a Dify app exports, tolerantly: Dify wrote it, so nothing in it
 * is reported. Entries of the wrong shape are left out (lists whose
 * positions give lines keep them in place, as undefined) and fields of the
 * wrong type are not stated; whether the file is an agent at all is the
 * mapping's call.
 */

const isMapping = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const own = (record: Record<string, unknown>, key: string): unknown =>
  Object.hasOwn(record, key) ? record[key] : undefined

/** A number, also when kept as a string of digits (`"5"`). */
const numeric = (): z.ZodType<number | undefined> =>
  z.unknown().transform((value) => {
    if (typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value))
      return Number(value)
    return count().parse(value)
  })

const Model = maybeObject({
  name: text(),
  model: text(),
  provider: text(),
  completion_params: maybeObject({ temperature: count(), seed: count() }),
})
export type Model = z.output<typeof Model>

const Moderation = maybeObject({ enabled: flag() })
export type Moderation = z.output<typeof Moderation>

const ToolFields = looseObject({
  tool_name: text(),
  enabled: raw(),
  provider_name: text(),
  provider_id: text(),
  provider: text(),
  provider_type: text(),
  type: text(),
  extra: maybeObject({ description: text() }),
  tool_label: text(),
})

/**
 * A tool of an agent, with its name; undefined when it is not a mapping or
 * names no tool. Early DSL versions keyed a tool by its name
 * (`{ current_datetime: {...} }`), with its settings inside.
 */
const Tool = z.unknown().transform((entry) => {
  if (!isMapping(entry)) return undefined
  const fields = ToolFields.parse(entry)
  const keys = Object.keys(entry)
  const only =
    keys.length === 1 && own(entry, 'tool_name') === undefined
      ? (keys[0] as string)
      : undefined
  const legacy =
    only === undefined
      ? undefined
      : maybeObject({ enabled: raw() }).parse(entry[only])
  const name = fields.tool_name ?? (legacy ? only : undefined)
  if (!name) return undefined
  return {
    name,
    enabled: flag().parse(fields.enabled ?? legacy?.enabled),
    provider: fields.provider_name ?? fields.provider_id ?? fields.provider,
    type: fields.provider_type ?? fields.type,
    description: fields.extra?.description || fields.tool_label,
  }
})
export type Tool = z.output<typeof Tool>

/** Every entry in place, for the lines of those that are left out. */
const Tools = looseArray(Tool)

/** MCP server configurations, by name; entries that are not mappings left out. */
const Servers = looseRecord(z.custom<Record<string, unknown>>(isMapping))

/**
 * An agent node's `mcp_server`: one URL, a list of them, or a map of
 * server configurations (under `mcpServers`, or the map itself), whose
 * entries stay raw for the shared MCP reader.
 */
const McpServer = z.unknown().transform((value) => {
  const config = maybeObject({ mcpServers: Servers }).parse(value)
  return {
    urls: typeof value === 'string' ? [value] : texts().parse(value),
    servers: config ? (config.mcpServers ?? Servers.parse(value) ?? []) : [],
  }
})
export type McpServer = z.output<typeof McpServer>

/** An agent node's parameter: `{type: constant|variable|mixed, value}`, or the value. */
function param<T extends z.ZodType>(schema: T): z.ZodType<z.output<T>> {
  return z
    .unknown()
    .transform((value) =>
      schema.parse(
        isMapping(value) && Object.hasOwn(value, 'value') ? value.value : value,
      ),
    )
}

const NodeData = looseObject({
  // A node without a type is left out.
  type: z.string().min(1),
  title: nonBlank(),
  desc: nonBlank(),
  agent_parameters: maybeObject({
    instruction: param(nonBlank()),
    model: param(Model),
    maximum_iterations: param(numeric()),
    tools: param(Tools),
    mcp_server: param(McpServer),
  }),
  agent_strategy_name: text(),
  agent_strategy_provider_name: text(),
  agent_strategy_label: text(),
  memory: maybeObject({}),
})

/** A node of a workflow's graph; its `id` stays raw, made a label when used. */
const Node = looseObject({ id: raw(), data: NodeData })
export type Node = z.output<typeof Node> & { readonly index: number }

const Workflow = maybeObject({
  graph: maybeObject({ nodes: indexedArray(Node) }),
  features: maybeObject({ sensitive_word_avoidance: Moderation }),
  conversation_variables: looseArray(raw()),
  environment_variables: looseArray(
    looseObject({ name: text(), value_type: text() }),
  ),
})

/** A plugin the app depends on, by one of the names it goes by. */
const Dependency = looseObject({
  value: maybeObject({
    marketplace_plugin_unique_identifier: text(),
    plugin_unique_identifier: text(),
    package: text(),
  }),
})

export const DifyDsl = maybeObject({
  kind: text(),
  app: maybeObject({ mode: text(), name: text(), description: nonBlank() }),
  model_config: maybeObject({
    pre_prompt: nonBlank(),
    model: Model,
    agent_mode: maybeObject({
      enabled: flag(),
      strategy: text(),
      max_iteration: count(),
      tools: Tools,
    }),
    dataset_configs: maybeObject({
      datasets: maybeObject({
        // Every entry in place: one that is not a mapping counts as enabled.
        datasets: looseArray(
          maybeObject({ dataset: maybeObject({ enabled: flag() }) }),
        ),
      }),
    }),
    sensitive_word_avoidance: Moderation,
  }),
  workflow: Workflow,
  dependencies: looseArray(Dependency),
})
export type DifyDsl = NonNullable<z.output<typeof DifyDsl>>
export type ModelConfig = NonNullable<DifyDsl['model_config']>

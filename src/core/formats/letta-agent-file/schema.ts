import { z } from 'zod'
import {
  count,
  flag,
  keys,
  looseArray,
  maybeObject,
  raw,
  text,
  texts,
} from '../../manifest/kit.js'

/**
 * A Letta agent file, tolerantly: nothing is reported by the schema (Letta
 * exports are written by a program, and the mapping warns about the
 * references it cannot follow); entries that are not mappings are kept in
 * place as undefined so that the others keep their lines, and a field of
 * the wrong type is not stated.
 */

/** A list whose entries that are not mappings stay in place as undefined. */
const entries = <T extends z.ZodRawShape>(
  shape: T,
): z.ZodType<Array<z.output<z.ZodObject<T, z.core.$loose>> | undefined>> =>
  looseArray(maybeObject(shape)).transform((list) => list ?? [])

/** `pip_requirements` / `npm_requirements`: names, `name==version` when pinned. */
const Packages = looseArray(
  z.union([z.string(), maybeObject({ name: text(), version: text() })]),
).transform((list) =>
  (list ?? []).flatMap((entry) => {
    if (typeof entry === 'string') return [entry]
    if (!entry?.name) return []
    return [entry.version ? `${entry.name}==${entry.version}` : entry.name]
  }),
)

const TOOL = {
  id: text(),
  name: text(),
  description: text(),
  json_schema: maybeObject({ name: text(), description: text() }),
  tool_type: text(),
  source_code: text(),
  source_type: text(),
  default_requires_approval: flag(),
  pip_requirements: Packages,
  npm_requirements: Packages,
}
const Tool = maybeObject(TOOL)
export type Tool = NonNullable<z.output<typeof Tool>>

/**
 * An agent's own `tools`: a name (a tool of the file, else only that name)
 * or a whole tool; other entries are undefined, in place.
 */
const InlineTool = z
  .unknown()
  .transform((entry) =>
    typeof entry === 'string'
      ? { byName: true, tool: Tool.parse({ name: entry }) as Tool }
      : { byName: false, tool: Tool.parse(entry) },
  )
export type InlineTool = z.output<typeof InlineTool>

/** A memory block as the profile reads it. */
const Block = maybeObject({
  id: text(),
  label: text(),
  name: text(),
  value: text(),
  read_only: flag(),
}).transform(
  (block) =>
    block && {
      id: block.id,
      label: block.label ?? block.name ?? 'block',
      value: block.value ?? '',
      readOnly: block.read_only === true,
    },
)
export type Block = NonNullable<z.output<typeof Block>>

/** An agent's own blocks: those that are not mappings are left out. */
const Blocks = looseArray(Block).transform((list) =>
  (list ?? []).filter((block): block is Block => block !== undefined),
)

/** Names of `tool_exec_environment_variables` or `secrets`: a map, or a list of `{key}` / `{name}`. */
const SecretNames = z
  .unknown()
  .transform((value) => [
    ...keys().parse(value),
    ...(
      looseArray(maybeObject({ key: text(), name: text() })).parse(value) ?? []
    )
      .map((item) => item?.key ?? item?.name)
      .filter((name): name is string => Boolean(name)),
  ])

/** Keys that only Letta's agents carry. */
const LETTA_AGENT_KEYS = [
  'llm_config',
  'tool_ids',
  'block_ids',
  'memory_blocks',
  'core_memory',
  'tool_rules',
  'agent_type',
]

const AgentFields = maybeObject({
  id: text(),
  name: text(),
  description: text(),
  system: text(),
  llm_config: maybeObject({
    model: text(),
    handle: text(),
    provider_name: text(),
    model_endpoint_type: text(),
    model_endpoint: text(),
    temperature: count(),
  }),
  block_ids: texts(),
  memory_blocks: Blocks,
  core_memory: Blocks,
  memory: maybeObject({ blocks: Blocks }),
  tool_ids: texts(),
  tools: looseArray(InlineTool).transform((list) => list ?? []),
  // The type stays raw: rules are matched by it, and it is read as text.
  tool_rules: entries({ type: raw(), tool_name: text() }),
  message_buffer_autoclear: flag(),
  enable_sleeptime: flag(),
  include_multi_agent_tools: flag(),
  tool_exec_environment_variables: SecretNames,
  secrets: SecretNames,
  messages: entries({ role: text() }),
})

/** An agent, and whether it carries a key only Letta's agents do (set to anything). */
const Agent = z.unknown().transform((value) => {
  const agent = AgentFields.parse(value)
  if (!agent) return undefined
  const own = keys().parse(value)
  return { ...agent, letta: LETTA_AGENT_KEYS.some((key) => own.includes(key)) }
})
export type Agent = NonNullable<z.output<typeof Agent>>

/** An MCP server of the file; `stdio_config` and headers stay raw for the shared MCP reader. */
const McpServer = maybeObject({
  server_name: text(),
  name: text(),
  server_url: text(),
  server_type: text(),
  stdio_config: maybeObject({ type: text() }),
  custom_headers: maybeObject({}),
})
export type McpServer = NonNullable<z.output<typeof McpServer>>

const Group = maybeObject({
  manager_type: text(),
  manager_agent_id: text(),
  agent_ids: texts(),
})
export type Group = NonNullable<z.output<typeof Group>>

/**
 * The file: its lists, and the top level read as an agent too, since
 * older exports hold one agent there (and its `tools` both ways).
 */
const FileFields = maybeObject({
  agents: looseArray(Agent),
  // Set when the top level is an older export's agent.
  llm_config: maybeObject({}),
  tools: looseArray(Tool).transform((list) => list ?? []),
  blocks: looseArray(Block).transform((list) => list ?? []),
  mcp_servers: looseArray(McpServer).transform((list) => list ?? []),
  groups: looseArray(Group).transform((list) => list ?? []),
})

export const LettaFile = z.unknown().transform((value) => {
  const file = FileFields.parse(value)
  return file && { ...file, self: Agent.parse(value) as Agent }
})
export type LettaFile = NonNullable<z.output<typeof LettaFile>>

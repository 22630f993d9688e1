import { z } from 'zod'
import {
  count,
  flag,
  looseArray,
  looseRecord,
  maybeObject,
  stated,
  text,
  texts,
} from '../../manifest/kit.js'

/**
 * A Docker cagent configuration as cagent reads it, tolerantly: a field of
 * the wrong type is not stated, and nothing here is reported. Which agents
 * count as agents, and what a file without any means, is the mapping's
 * call.
 */

export const FORMAT_ID = 'docker-cagent'
/** `#!/usr/bin/env cagent run` or `#!/usr/bin/env docker agent run`. */
export const SHEBANG = /^#!.*\b(cagent|docker[ \t]+agent)\b/

/** Env vars and headers: their names, and the value when it is a string. */
const NAMED: z.ZodType<Array<[string, string | undefined]> | undefined> =
  looseRecord(text())
const Named = (): typeof NAMED => NAMED

/** How many entries a list holds (0 for anything else). */
const LIST_LENGTH = z
  .unknown()
  .transform((value) => (Array.isArray(value) ? value.length : 0))
const listLength = (): typeof LIST_LENGTH => LIST_LENGTH

const Remote = maybeObject({
  url: text(),
  transport_type: text(),
  headers: Named(),
})

/** Where an MCP server is: a command to start, or a remote endpoint. */
const McpSourceFields = {
  command: text(),
  args: texts(),
  env: Named(),
  remote: Remote,
}
const McpSource = maybeObject(McpSourceFields)
export type McpSource = NonNullable<z.output<typeof McpSource>>

const ToolsetShape = {
  ...McpSourceFields,
  type: text(),
  sandbox: maybeObject({ paths: texts(), image: text() }),
  post_edit: listLength(),
  path: text(),
  url: text(),
  name: text(),
  ref: text(),
  tools: texts(),
  headers: Named(),
  api_config: maybeObject({
    method: text(),
    name: text(),
    endpoint: text(),
    headers: Named(),
  }),
  shell: looseRecord(maybeObject({ description: text(), env: Named() })),
}
export type Toolset = z.output<z.ZodObject<typeof ToolsetShape, z.core.$loose>>
type ToolsetKey = keyof typeof ToolsetShape

/**
 * A toolset is read in two steps: its type and env (which every type
 * uses), then only the fields the mapping reads for that type; the others
 * stay unstated, so a toolset costs a few field reads instead of all.
 */
const ToolsetBase = maybeObject({ type: text(), env: Named() })
const FIELDS_BY_TYPE: ReadonlyMap<string, readonly ToolsetKey[]> = new Map<
  string,
  readonly ToolsetKey[]
>([
  ['shell', ['sandbox']],
  ['filesystem', ['post_edit']],
  ['memory', ['path']],
  ['mcp', ['command', 'args', 'remote', 'ref', 'tools']],
  ['a2a', ['url', 'name', 'headers']],
  ['api', ['api_config']],
  ['openapi', ['url']],
  ['script', ['shell']],
  ['lsp', ['command']],
])

/** A toolset with nothing stated, as the schema reads an empty mapping. */
const emptyToolset = (): Toolset =>
  ({ args: [], post_edit: 0, tools: [] }) as unknown as Toolset

/** A toolset that is not a mapping reads as an empty one, in its place. */
function toolsetAt(value: unknown): Toolset {
  const base = ToolsetBase.parse(value)
  if (!base) return emptyToolset()
  const toolset: Record<string, unknown> = emptyToolset()
  if (base.type !== undefined) toolset.type = base.type
  if (base.env !== undefined) toolset.env = base.env
  // The base keeps the toolset's other keys as they were (own keys only).
  const given = base as Readonly<Record<string, unknown>>
  for (const key of FIELDS_BY_TYPE.get(base.type ?? '') ?? []) {
    const read: unknown = ToolsetShape[key].parse(given[key])
    if (read !== undefined) toolset[key] = read
  }
  return toolset as Toolset
}

/**
 * `toolsets:` each in its place (for lines), or none when it is not a
 * list; undefined only when absent.
 */
const Toolsets = z
  .unknown()
  .transform((value): Toolset[] | undefined =>
    value === undefined
      ? undefined
      : Array.isArray(value)
        ? value.map(toolsetAt)
        : [],
  )

/** The command of a hook, when it has one. */
const HookCommand = maybeObject({ command: text() }).transform(
  (hook) => hook?.command,
)

/** A hook, or a group of them (`{matcher, hooks: [...]}`): its commands. */
const NestedHooks = maybeObject({ hooks: looseArray(HookCommand) })
const HookGroup = z.unknown().transform((hook) => {
  const nested = NestedHooks.parse(hook)?.hooks
  return nested ?? [HookCommand.parse(hook)]
})

/** The commands of one hook event, those given. */
const HookEvent = looseArray(HookGroup).transform((groups) =>
  (groups ?? [])
    .flat()
    .filter((command): command is string => Boolean(command)),
)

const AgentFields = maybeObject({
  description: text(),
  instruction: text(),
  model: text(),
  fallback: maybeObject({ models: texts() }),
  toolsets: Toolsets,
  sub_agents: texts(),
  handoffs: texts(),
  max_iterations: count(),
  code_mode_tools: flag(),
  add_environment_info: flag(),
  add_prompt_files: texts(),
  skills: flag(),
  structured_output: stated(),
  hooks: looseRecord(HookEvent),
  rag: texts(),
})
export type Agent = NonNullable<z.output<typeof AgentFields>>

/** The keys of which an agent has at least one. */
const AGENT_KEYS = [
  'model',
  'instruction',
  'toolsets',
  'description',
  'sub_agents',
]

/** An entry of `agents:` that is an agent; undefined for anything else. */
const AgentEntry = z.unknown().transform((value): Agent | undefined => {
  const agent = AgentFields.parse(value)
  if (!agent) return undefined
  const record = value as Record<string, unknown>
  return AGENT_KEYS.some((key) => Object.hasOwn(record, key))
    ? agent
    : undefined
})

const ModelDefinition = maybeObject({
  model: text(),
  provider: text(),
  base_url: text(),
  temperature: count(),
  token_key: text(),
  routing: z.unknown().transform((value) => Array.isArray(value)),
})
export type ModelDefinition = NonNullable<z.output<typeof ModelDefinition>>

const RagSource = maybeObject({
  tool: maybeObject({ name: text(), description: text() }),
  docs: texts(),
})
export type RagSource = NonNullable<z.output<typeof RagSource>>

export const CagentConfig = maybeObject({
  agents: looseRecord(AgentEntry),
  apiVersion: stated(),
  services: stated(),
  models: looseRecord(ModelDefinition),
  providers: looseRecord(maybeObject({ token_key: text() })),
  mcps: looseRecord(McpSource),
  rag: looseRecord(RagSource),
  permissions: maybeObject({ allow: texts(), ask: texts(), deny: texts() }),
})
export type CagentConfig = NonNullable<z.output<typeof CagentConfig>>
export type Permissions = CagentConfig['permissions']

import { z } from 'zod'
import {
  count,
  flag,
  indexedArray,
  looseArray,
  looseObject,
  looseRecord,
  maybeObject,
  stated,
  text,
  texts,
  type DataPath,
} from '../../manifest/kit.js'

/**
 * The files of a CrewAI crew, tolerantly: a field of the wrong type is not
 * stated, and entries that are not mappings are left out without a word
 * (CrewAI would refuse them; the gate reads what it can trust). Nothing
 * here is reported. Whether a file holds agents, tasks or a crew is the
 * mapping's call.
 */

export const FORMAT_ID = 'crewai'

/** Set to anything but null. */
const isSet = (): z.ZodType<boolean> =>
  z.unknown().transform((value) => value !== undefined && value !== null)

/** A list with something in it. */
const nonEmptyList = (): z.ZodType<boolean> =>
  z.unknown().transform((value) => Array.isArray(value) && value.length > 0)

/**
 * An `llm`: absent (or null), a model name (`provider/model`), or a mapping
 * (`{model, provider, temperature}`); any other value is a mapping that
 * says nothing.
 */
const LlmFields = maybeObject({
  model: text(),
  deployment_name: text(),
  provider: text(),
  base_url: text(),
  api_key: text(),
  temperature: count(),
  seed: count(),
})
type LlmFields = NonNullable<z.output<typeof LlmFields>>
export const Llm = z.union([
  z.undefined(),
  z.null().transform(() => undefined),
  z.string().transform((name) => ({ kind: 'name' as const, name })),
  LlmFields.transform((fields) => ({
    kind: 'fields' as const,
    fields: fields ?? (LlmFields.parse({}) as LlmFields),
  })),
])
export type Llm = NonNullable<z.output<typeof Llm>>

/** `tools: [...]`: the names in it, trimmed, each at its index. */
const ToolNames = z.unknown().transform((value) => {
  if (value === undefined) return undefined
  if (!Array.isArray(value)) return []
  return value.flatMap((entry: unknown, index) =>
    typeof entry === 'string' && entry.trim()
      ? [{ name: entry.trim(), index }]
      : [],
  )
})

/** The fields CrewAI reads on an agent. */
const AGENT_FIELDS = {
  role: text(),
  goal: text(),
  backstory: text(),
  llm: Llm,
  tools: ToolNames,
  allow_delegation: flag(),
  allow_code_execution: flag(),
  code_execution_mode: text(),
  max_iter: count(),
  reasoning: flag(),
  planning: flag(),
  planning_config: maybeObject({}),
  memory: flag(),
  guardrail: isSet(),
  max_rpm: count(),
  knowledge_sources: nonEmptyList(),
  step_callback: stated(),
}
export type AgentKey = keyof typeof AGENT_FIELDS
const AGENT_KEYS = Object.keys(AGENT_FIELDS) as AgentKey[]
const AgentFields = looseObject(AGENT_FIELDS)

/** What the entry itself says, before any `settings`. */
const Entry = maybeObject({
  name: text(),
  role: text(),
  goal: text(),
  backstory: text(),
  description: stated(),
  expected_output: stated(),
  settings: maybeObject({}),
})

/**
 * A mapping in an agents file, as the entry itself says it, with the
 * mapping as written: its agent fields are read (`agentOf`) only for the
 * entries the mapping takes for agents, so a tasks.yaml read as agents
 * costs only this.
 */
export const AgentEntry = z.unknown().transform((value) => {
  const entry = Entry.parse(value)
  return entry && { entry, record: value as Record<string, unknown> }
})
export type AgentEntry = NonNullable<z.output<typeof AgentEntry>>

/**
 * An agent: each field is read on the entry, or else under its `settings`
 * (JSON-first); a field set on the entry, to any value, hides the one
 * under settings. `at` says where each field was read, for its line.
 */
export function agentOf(agentEntry: AgentEntry): Agent {
  const known = AGENTS.get(agentEntry)
  if (known) return known
  const { entry, record } = agentEntry
  const { settings } = entry
  const merged: Record<string, unknown> = {}
  const at: Partial<Record<AgentKey, DataPath>> = {}
  for (const key of AGENT_KEYS) {
    const own = Object.hasOwn(record, key) ? record[key] : undefined
    const nested =
      settings && Object.hasOwn(settings, key) ? settings[key] : undefined
    if (own !== undefined) {
      merged[key] = own
      at[key] = [key]
    } else if (nested !== undefined) {
      merged[key] = nested
      at[key] = ['settings', key]
    }
  }
  const agent = { entry, fields: AgentFields.parse(merged), at }
  AGENTS.set(agentEntry, agent)
  return agent
}
const AGENTS = new WeakMap<AgentEntry, Agent>()
export interface Agent {
  readonly entry: AgentEntry['entry']
  readonly fields: z.output<typeof AgentFields>
  readonly at: Partial<Record<AgentKey, DataPath>>
}

/**
 * A schema read once per parsed document: the YAML reader hands out the
 * same parsed document for the same text (copies of one file across a
 * monorepo), and these schemas report nothing and their readings are
 * never changed, so a kept reading is the reading of every copy.
 */
function oncePerDocument<T>(schema: z.ZodType<T>): z.ZodType<T> {
  const kept = new WeakMap<object, T>()
  return z.unknown().transform((value) => {
    if (typeof value !== 'object' || value === null) return schema.parse(value)
    if (kept.has(value)) return kept.get(value) as T
    const read = schema.parse(value)
    kept.set(value, read)
    return read
  })
}

/** `config/agents.yaml`: agent key → entry. */
export const AgentsFile = oncePerDocument(looseRecord(AgentEntry))

/** A task, in tasks.yaml or in crew.jsonc's `tasks`. */
const TaskFields = looseObject({
  name: text(),
  agent: text(),
  human_input: flag(),
  guardrail: z
    .unknown()
    .transform(
      (value) => value !== undefined && value !== null && value !== '',
    ),
  guardrails: nonEmptyList(),
  tools: texts(),
  output_file: text(),
  async_execution: flag(),
})
export type TaskFields = z.output<typeof TaskFields>

/** `config/tasks.yaml`: task key → task. */
export const TasksFile = oncePerDocument(looseRecord(TaskFields))

/** `crew.jsonc`: the crew settings, its agents' names and its tasks. */
export const CrewFile = maybeObject({
  name: text(),
  agents: looseArray(z.string()),
  tasks: indexedArray(TaskFields),
  /** Its name when a string, and whether it is set at all. */
  process: z.unknown().transform((value) => ({
    name: text().parse(value),
    stated: value !== undefined,
  })),
  manager_llm: Llm,
  manager_agent: text(),
  memory: flag(),
  planning: flag(),
  output_log_file: z
    .unknown()
    .transform((value) => typeof value === 'string' || value === true),
  tracing: flag(),
  max_rpm: count(),
})
export type CrewFile = NonNullable<z.output<typeof CrewFile>>

/** A JSON-first file: a crew (agents and tasks lists) or one agent. */
export const JsonFile = z.unknown().transform((value) => ({
  crew: CrewFile.parse(value),
  agent: AgentEntry.parse(value),
}))

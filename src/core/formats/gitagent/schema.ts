import { z } from 'zod'
import {
  count,
  flag,
  keys,
  looseArray,
  looseRecord,
  maybeObject,
  raw,
  text,
  texts,
} from '../../manifest/kit.js'

/**
 * The files of a gitagent directory, tolerantly: `agent.yaml` (and the
 * front matter of a lightweight `agents/<name>.md`, which has the same
 * fields), `tools/<name>.yaml`, `hooks/hooks.yaml` and a skill's `SKILL.md`
 * front matter. A field of the wrong type is not stated. Nothing is
 * reported here: a `tools` list that is not a list of names is reported by
 * the mapping, in the order the runtime would meet it.
 */

export const FORMAT_ID = 'gitagent'

/** A `tools` entry: its name when it is one, and how it reads as text. */
export interface ToolEntry {
  readonly name: string | undefined
  /** `String(entry)`, as the runtime compares listed names. */
  readonly label: string
}

/**
 * `String(value)` without the throw of a mapping whose own `toString` and
 * `valueOf` keys are data, not functions.
 */
function label(value: unknown): string {
  try {
    return String(value)
  } catch {
    return '[object Object]'
  }
}

/** `tools`: a list (entries in place), or any other value (`list` unset). */
const Tools = z.unknown().transform((value) => ({
  stated: value !== undefined,
  list: Array.isArray(value)
    ? value.map((entry): ToolEntry => ({
        name: typeof entry === 'string' ? entry : undefined,
        label: label(entry),
      }))
    : undefined,
}))

const Model = maybeObject({
  preferred: text(),
  fallback: texts(),
  constraints: maybeObject({ temperature: count() }),
})

const Compliance = maybeObject({
  risk_tier: text(),
  supervision: maybeObject({ human_in_the_loop: text(), kill_switch: flag() }),
  recordkeeping: maybeObject({ audit_logging: flag() }),
  data_governance: maybeObject({ pii_handling: text() }),
})
export type Compliance = NonNullable<z.output<typeof Compliance>>

const Dependency = maybeObject({
  name: text(),
  version: text(),
  source: text(),
})

const RegistryFields = maybeObject({ url: text(), name: text() })
const Registry = RegistryFields.transform(
  (registry) => registry?.url ?? registry?.name,
)

const AgentFields = maybeObject({
  name: text(),
  description: text(),
  spec_version: text(),
  extends: text(),
  model: Model,
  runtime: maybeObject({ temperature: count(), max_turns: count() }),
  tools: Tools,
  mcp_servers: looseRecord(raw()),
  skills: texts(),
  agents: looseRecord(
    maybeObject({ delegation: maybeObject({ mode: text() }) }),
  ),
  dependencies: looseArray(Dependency),
  delegation: maybeObject({ mode: text() }),
  a2a_agents: keys(),
  a2a: maybeObject({
    url: text(),
    authentication: maybeObject({ type: text(), credentials_ref: text() }),
  }),
  compliance: Compliance,
  registries: looseArray(Registry),
  plugins: keys(),
})

/**
 * Whether a field is there at all, whatever its type, in a mapping the
 * schema read: an own key with a value (null included).
 */
function isStated(input: unknown, key: string): boolean {
  const record = input as Readonly<Record<string, unknown>>
  return Object.hasOwn(record, key) && record[key] !== undefined
}

/** `agent.yaml`, or a lightweight sub-agent's front matter. */
export const Agent = z.unknown().transform((value) => {
  const fields = AgentFields.parse(value)
  if (!fields) return undefined
  return {
    ...fields,
    // Stated once the key is there, whatever the schema made of it.
    tools: fields.tools ?? { stated: false, list: undefined },
    versionStated: isStated(value, 'version'),
    descriptionStated: isStated(value, 'description'),
  }
})
export type Agent = NonNullable<z.output<typeof Agent>>

/**
 * What tells an agent.yaml above a sub-agent for a gitagent one: only the
 * markers, not the whole agent.
 */
const MarkerFields = maybeObject({ name: text(), spec_version: text() })
export const AgentMarkers = z.unknown().transform((value) => {
  const fields = MarkerFields.parse(value)
  if (!fields) return undefined
  return {
    name: fields.name,
    spec_version: fields.spec_version,
    versionStated: isStated(value, 'version'),
    descriptionStated: isStated(value, 'description'),
  }
})
export type AgentMarkers = NonNullable<z.output<typeof AgentMarkers>>

/** `tools/<name>.yaml`. */
export const ToolFile = maybeObject({
  description: text(),
  annotations: maybeObject({
    requires_confirmation: flag(),
    read_only: flag(),
  }),
  implementation: maybeObject({ path: text(), runtime: text(), type: text() }),
})
export type ToolFile = NonNullable<z.output<typeof ToolFile>>

/** How many hooks an event of `hooks/hooks.yaml` lists. */
const HookCount = z
  .unknown()
  .transform((value) => (Array.isArray(value) ? value.length : 0))

export const HooksFile = maybeObject({
  hooks: maybeObject({ pre_tool_use: HookCount, pre_query: HookCount }),
})

/** A skill's `SKILL.md` front matter. */
export const SkillFront = maybeObject({ description: text() })

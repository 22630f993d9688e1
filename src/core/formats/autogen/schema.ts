import { z } from 'zod'
import { count, looseArray, raw, text } from '../../manifest/kit.js'
import {
  Handoff,
  ModelClient,
  Provided,
  ServerParams,
  Termination,
  mapping,
  TRUTHY,
} from './schema-parts.js'

export {
  className,
  type ModelClient,
  type Provided,
  type ServerParams,
  type Termination,
} from './schema-parts.js'

/**
 * AutoGen component JSON (or YAML), tolerantly. Every object is
 * `{provider, component_type, config}` and components nest inside each
 * other (teams, participants, tools that wrap agents, workbenches); each
 * kind of object has its schema, which reads the fields the mapping uses of
 * it and nothing else. A field of the wrong type is not stated, and list
 * entries that are not mappings stay in place (as undefined) so that lines
 * follow the list's indices. Nothing is reported here: which entries are
 * problems is the mapping's call. Every schema is built once, here.
 */

export const FORMAT_ID = 'autogen'

/** A team or agent component: `{provider, component_type, config}`. */
export interface Component {
  readonly provider?: string | undefined
  readonly component_type?: string | undefined
  readonly name?: string | undefined
  readonly description?: string | undefined
  readonly config?: Config | undefined
}

/** A team's or an agent's `config` (the legacy format's entries too). */
export interface Config {
  readonly name?: string | undefined
  readonly description?: string | undefined
  readonly system_message?: string | undefined
  readonly selector_prompt?: string | undefined
  readonly max_turns?: number | undefined
  readonly max_tool_iterations?: number | undefined
  readonly model_client?: ModelClient | undefined
  readonly termination_condition?: Termination | undefined
  readonly participants?: ReadonlyArray<Component | undefined> | undefined
  readonly tools?: ReadonlyArray<Tool | undefined> | undefined
  readonly workbench?: Workbench | undefined
  readonly handoffs?: ReadonlyArray<string | undefined> | undefined
  readonly memory?: ReadonlyArray<Provided | undefined> | undefined
  readonly model_context?: Provided | undefined
  readonly code_executor?: Provided | undefined
  readonly team?: Component | undefined
}

/** A tool component: a FunctionTool, an MCP adapter, an agent as a tool. */
export interface Tool {
  readonly provider?: string | undefined
  readonly name?: string | undefined
  readonly description?: string | undefined
  readonly content?: string | undefined
  /** Its `config`, or the tool itself. */
  readonly settings: ToolSettings
}

export interface ToolSettings {
  readonly name?: string | undefined
  readonly description?: string | undefined
  readonly source_code?: string | undefined
  readonly tool?: { readonly name?: string | undefined } | undefined
  readonly server_params?: ServerParams | undefined
  readonly agent?: Component | undefined
  readonly team?: Component | undefined
  /** Whether `agent` is set (to anything truthy): it names the path. */
  readonly agentStated: boolean
}

/** A workbench entry: MCP, or a list of tools. */
export interface WorkbenchEntry {
  readonly provider?: string | undefined
  readonly label?: string | undefined
  readonly config?:
    | {
        readonly server_params?: ServerParams | undefined
        readonly tools?: ReadonlyArray<Tool | undefined> | undefined
      }
    | undefined
}

/** A workbench: one, or a list (`single` says which, for its path). */
export interface Workbench {
  readonly single: boolean
  readonly list: ReadonlyArray<WorkbenchEntry | undefined>
}

const component = z.lazy(() => Component)

const ToolName = mapping({ name: text() })

const ToolSettingFields = mapping({
  name: text(),
  description: text(),
  source_code: text(),
  tool: ToolName,
  server_params: ServerParams,
  agent: component,
  team: component,
})
const AgentStated = mapping({ agent: TRUTHY })

const ToolSettings = z
  .unknown()
  .transform((value): ToolSettings | undefined => {
    const fields = ToolSettingFields.parse(value)
    const facts = AgentStated.parse(value)
    if (!fields || !facts) return undefined
    return { ...fields, agentStated: facts.agent ?? false }
  })

const ToolFields = mapping({
  provider: text(),
  name: text(),
  description: text(),
  content: text(),
  config: ToolSettings,
})

const Tool = z.unknown().transform((value): Tool | undefined => {
  const tool = ToolFields.parse(value)
  if (!tool) return undefined
  const settings = tool.config ?? ToolSettings.parse(value)
  if (!settings) return undefined
  const { provider, name, description, content } = tool
  return { provider, name, description, content, settings }
})
const Tools = looseArray(Tool)

const WorkbenchEntry: z.ZodType<WorkbenchEntry | undefined> = mapping({
  provider: text(),
  label: text(),
  config: mapping({ server_params: ServerParams, tools: Tools }),
})

const Workbench = z.unknown().transform((value): Workbench | undefined => {
  if (Array.isArray(value))
    return {
      single: false,
      list: value.map((entry) => WorkbenchEntry.parse(entry)),
    }
  return value
    ? { single: true, list: [WorkbenchEntry.parse(value)] }
    : undefined
})

/** What a legacy entry and a current config have in common. */
const AGENT_FIELDS = {
  name: text(),
  description: text(),
  system_message: text(),
  model_client: ModelClient,
  tools: Tools,
  workbench: Workbench,
  handoffs: looseArray(Handoff),
  code_executor: Provided,
}

const Config: z.ZodType<Config | undefined> = mapping({
  ...AGENT_FIELDS,
  selector_prompt: text(),
  max_turns: count(),
  max_tool_iterations: count(),
  termination_condition: Termination,
  participants: looseArray(component),
  memory: looseArray(Provided),
  model_context: Provided,
  team: component,
})

const Component: z.ZodType<Component | undefined> = mapping({
  provider: text(),
  component_type: text(),
  name: text(),
  description: text(),
  config: Config,
})

/** A component as the document's top holds it: its type says what it is. */
export interface Headed extends Component {
  /** `component_type` as the rejection names it ('component' if unset). */
  readonly typeLabel: string
  /** Whether `component_type` is set, to anything. */
  readonly typeStated: boolean
}

const TypeFact = mapping({ component_type: raw() })

/**
 * `String(value ?? 'component')` without the throw of a mapping whose own
 * `toString` and `valueOf` keys are data, not functions.
 */
function label(value: unknown): string {
  try {
    return String(value ?? 'component')
  } catch {
    return 'component'
  }
}

const Headed = z.unknown().transform((value): Headed | undefined => {
  const fields = Component.parse(value)
  const facts = TypeFact.parse(value)
  if (!fields || !facts) return undefined
  return {
    ...fields,
    typeLabel: label(facts.component_type),
    typeStated: facts.component_type !== undefined,
  }
})

/** A participant of the legacy format: `agent_type` and its fields. */
export interface LegacyEntry extends Config {
  readonly agent_type?: string | undefined
  readonly config?: { readonly name?: string | undefined } | undefined
}

const LegacyEntry: z.ZodType<LegacyEntry | undefined> = mapping({
  ...AGENT_FIELDS,
  agent_type: text(),
  config: ToolName,
})

/** An AutoGen Studio gallery's `components`. */
const GalleryFields = mapping({
  teams: looseArray(component),
  agents: looseArray(component),
})
const GalleryFacts = mapping({ teams: TRUTHY, agents: TRUTHY })

const Gallery = z.unknown().transform((value) => {
  const gallery = GalleryFields.parse(value)
  const stated = GalleryFacts.parse(value)
  if (!gallery || !stated) return undefined
  return { ...gallery, stated: Boolean(stated.teams || stated.agents) }
})
export type Gallery = NonNullable<z.output<typeof Gallery>>

const RootFields = mapping({ component: Headed, components: Gallery })

/** The document: a component, a wrapped one or a gallery. */
export const Root = z.unknown().transform((value) => {
  const head = Headed.parse(value)
  const fields = RootFields.parse(value)
  if (!head || !fields) return undefined
  return { ...head, component: fields.component, gallery: fields.components }
})
export type Root = NonNullable<z.output<typeof Root>>

const LegacyFields = mapping({
  ...AGENT_FIELDS,
  agent_type: text(),
  team_type: text(),
  max_turns: count(),
  termination_condition: Termination,
  participants: looseArray(LegacyEntry),
})
const LegacyFacts = mapping({ participants: TRUTHY })

/**
 * The document as a legacy team or agent: read only when it is neither a
 * component nor a gallery (the document is a mapping by then).
 */
export const LegacyRoot = z.unknown().transform((value) => {
  const fields = LegacyFields.parse(value)
  const facts = LegacyFacts.parse(value)
  return {
    ...fields,
    participantsStated: facts?.participants ?? false,
  }
})
export type LegacyRoot = z.output<typeof LegacyRoot>

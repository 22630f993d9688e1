import { z } from 'zod'
import {
  count,
  isPlaceholder,
  looseArray,
  maybeObject,
  text,
} from '../../manifest/kit.js'

/**
 * AutoGen component JSON (or YAML), tolerantly. Every object is
 * `{provider, component_type, config}` and components nest inside each
 * other (teams, participants, tools that wrap agents, workbenches), so one
 * recursive `Node` reads them all: a field of the wrong type is not stated,
 * and list entries that are not mappings stay in place (as undefined) so
 * that lines follow the list's indices. Nothing is reported here: which
 * entries are problems is the mapping's call.
 */

export const FORMAT_ID = 'autogen'

/** The class name at the end of a provider path. */
export function className(provider: string | undefined): string {
  if (!provider) return ''
  return provider.slice(provider.lastIndexOf('.') + 1)
}

/** An MCP adapter's `server_params`: the entry handed to the MCP reader. */
export interface ServerParams {
  /** `config` (or the params themselves): the server's own settings. */
  readonly config: Record<string, unknown>
  /** The params' class, else `config.type`. */
  readonly type: string | undefined
  /** Whether `config.command` is set (to anything truthy). */
  readonly command: boolean
}

const truthy = (): z.ZodType<boolean> => z.unknown().transform(Boolean)

/** Own keys as they are: the MCP reader checks them itself. */
const Entries = maybeObject({})

const ServerParams = z.unknown().transform((value): ServerParams => {
  const server = maybeObject({ provider: text(), config: Entries }).parse(value)
  const config = server?.config ?? Entries.parse(value) ?? {}
  const fields = maybeObject({ type: text(), command: truthy() }).parse(config)
  return {
    config,
    type: className(server?.provider) || fields?.type,
    command: fields?.command ?? false,
  }
})

/** A workbench: one, or a list (`single` says which, for its path). */
export interface Workbench {
  readonly single: boolean
  readonly list: ReadonlyArray<Node | undefined>
}

/** A handoff: its target's name (a string, or `{target}` / `{name}`). */
const Handoff = z.unknown().transform((value) => {
  if (typeof value === 'string') return value
  const handoff = maybeObject({ target: text(), name: text() }).parse(value)
  return handoff?.target ?? handoff?.name
})

/** Any AutoGen object: a component, its config, a model client, a tool. */
export interface Node {
  readonly provider?: string
  readonly component_type?: string
  /** `component_type` as the rejection names it ('component' if unset). */
  readonly typeLabel: string
  /** Whether `component_type` is set, to anything. */
  readonly typeStated: boolean
  readonly config?: Node
  readonly component?: Node
  readonly name?: string
  readonly description?: string
  readonly label?: string
  readonly content?: string
  readonly source_code?: string
  readonly system_message?: string
  readonly selector_prompt?: string
  readonly agent_type?: string
  readonly team_type?: string
  readonly termination_type?: string
  readonly operator?: string
  readonly text?: string
  readonly target?: string
  readonly model?: string
  readonly azure_deployment?: string
  readonly model_name?: string
  readonly model_type?: string
  readonly api_key?: string
  readonly max_turns?: number
  readonly max_messages?: number
  readonly max_total_token?: number
  readonly timeout_seconds?: number
  readonly max_tool_iterations?: number
  readonly temperature?: number
  readonly seed?: number
  /** `temperature` or `base_url` is a placeholder resolved at run time. */
  readonly placeholderSettings: boolean
  readonly model_client?: Node
  readonly termination_condition?: Node
  readonly model_context?: Node
  readonly code_executor?: Node
  readonly team?: Node
  readonly agent?: Node
  /** Whether `agent` is set (to anything truthy): it names the path. */
  readonly agentStated: boolean
  readonly tool?: Node
  readonly participants?: ReadonlyArray<Node | undefined>
  readonly conditions?: ReadonlyArray<Node | undefined>
  readonly tools?: ReadonlyArray<Node | undefined>
  readonly memory?: ReadonlyArray<Node | undefined>
  readonly handoffs?: ReadonlyArray<string | undefined>
  readonly workbench?: Workbench
  readonly server_params?: ServerParams
}

const node = (): z.ZodType<Node | undefined> => z.lazy(() => Node)
const nodes = (): z.ZodType<Array<Node | undefined> | undefined> =>
  looseArray(node())

const Workbench = z.unknown().transform((value): Workbench | undefined => {
  if (Array.isArray(value))
    return { single: false, list: value.map((entry) => Node.parse(entry)) }
  return value ? { single: true, list: [Node.parse(value)] } : undefined
})

const NodeFields = maybeObject({
  provider: text(),
  component_type: text(),
  config: node(),
  component: node(),
  ...Object.fromEntries(
    [
      'name',
      'description',
      'label',
      'content',
      'source_code',
      'system_message',
      'selector_prompt',
      'agent_type',
      'team_type',
      'termination_type',
      'operator',
      'text',
      'target',
      'model',
      'azure_deployment',
      'model_name',
      'model_type',
      'api_key',
    ].map((key) => [key, text()]),
  ),
  ...Object.fromEntries(
    [
      'max_turns',
      'max_messages',
      'max_total_token',
      'timeout_seconds',
      'max_tool_iterations',
      'temperature',
      'seed',
    ].map((key) => [key, count()]),
  ),
  model_client: node(),
  termination_condition: node(),
  model_context: node(),
  code_executor: node(),
  team: node(),
  agent: node(),
  tool: node(),
  participants: nodes(),
  conditions: nodes(),
  tools: nodes(),
  memory: nodes(),
  handoffs: looseArray(Handoff),
  workbench: Workbench,
  server_params: ServerParams,
})

/** What is read of the raw values themselves, not of their type. */
const Facts = maybeObject({
  component_type: z.unknown(),
  temperature: z.unknown(),
  base_url: z.unknown(),
  agent: truthy(),
})

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

export const Node: z.ZodType<Node | undefined> = z
  .unknown()
  .transform((value): Node | undefined => {
    const fields = NodeFields.parse(value)
    const facts = Facts.parse(value)
    if (!fields || !facts) return undefined
    return {
      ...(fields as unknown as Node),
      typeLabel: label(facts.component_type),
      typeStated: facts.component_type !== undefined,
      placeholderSettings:
        isPlaceholder(facts.temperature) || isPlaceholder(facts.base_url),
      agentStated: facts.agent ?? false,
    }
  })

/** An AutoGen Studio gallery's `components`. */
const Gallery = z.unknown().transform((value) => {
  const gallery = maybeObject({ teams: nodes(), agents: nodes() }).parse(value)
  const stated = maybeObject({ teams: truthy(), agents: truthy() }).parse(value)
  if (!gallery || !stated) return undefined
  return { ...gallery, stated: Boolean(stated.teams || stated.agents) }
})
export type Gallery = NonNullable<z.output<typeof Gallery>>

/** The document: a component, a wrapped one, a gallery or a legacy team. */
export const Root = z.unknown().transform((value) => {
  const root = Node.parse(value)
  const extra = maybeObject({
    components: Gallery,
    participants: truthy(),
  }).parse(value)
  if (!root || !extra) return undefined
  return {
    ...root,
    gallery: extra.components,
    participantsStated: extra.participants ?? false,
  }
})
export type Root = NonNullable<z.output<typeof Root>>

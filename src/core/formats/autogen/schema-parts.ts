import { z } from 'zod'
import {
  count,
  isPlaceholder,
  looseArray,
  maybeObject,
  raw,
  text,
} from '../../manifest/kit.js'

/**
 * The leaves of an AutoGen component tree, each read only for what the
 * mapping uses of it: model clients, termination conditions, MCP server
 * params, handoffs and the components of which only the class counts. Every
 * schema is built once, here: none is built while a document is read.
 */

/** The class name at the end of a provider path. */
export function className(provider: string | undefined): string {
  if (!provider) return ''
  return provider.slice(provider.lastIndexOf('.') + 1)
}

/**
 * The fields of a mapping, each read by its tolerant schema; anything but
 * a mapping is undefined, and keys not named are dropped. A zod object, not
 * the kit's looseObject: a component tree has many mappings and is read
 * whole, and a zod object neither copies the keys it does not read nor runs
 * the schema of a key that is absent, which keeps the reading as cheap as
 * the walk it replaces. It reads keys through the prototype, which none of
 * the keys named here (all AutoGen field names) can reach.
 */
export function mapping<T extends z.ZodRawShape>(
  shape: T,
): z.ZodType<Fields<T> | undefined> {
  const optional = Object.fromEntries(
    Object.entries(shape).map(([key, field]) => [key, z.optional(field)]),
  )
  return z.object(optional).optional().catch(undefined) as never
}

/** What a mapping's fields read: any of them may be absent. */
export type Fields<T extends z.ZodRawShape> = {
  readonly [K in keyof T]?: z.output<T[K]> | undefined
}

/** Whether a field is set to anything truthy. */
export const TRUTHY = z.unknown().transform(Boolean)

/** `{provider}` alone: a model context, a memory store, a code executor. */
export interface Provided {
  readonly provider?: string | undefined
}
export const Provided: z.ZodType<Provided | undefined> = mapping({
  provider: text(),
})

/** A model client's settings: its `config`, or the client itself. */
export interface ModelSettings {
  readonly model?: string | undefined
  readonly azure_deployment?: string | undefined
  readonly model_name?: string | undefined
  readonly api_key?: string | undefined
  readonly temperature?: number | undefined
  readonly seed?: number | undefined
  /** `temperature` or `base_url` is a placeholder resolved at run time. */
  readonly placeholderSettings: boolean
}

const SettingFields = mapping({
  model: text(),
  azure_deployment: text(),
  model_name: text(),
  api_key: text(),
  temperature: count(),
  seed: count(),
})

/** What is read of the raw values themselves, not of their type. */
const Placeholders = mapping({ temperature: raw(), base_url: raw() })

const ModelSettings = z
  .unknown()
  .transform((value): ModelSettings | undefined => {
    const fields = SettingFields.parse(value)
    const facts = Placeholders.parse(value)
    if (!fields || !facts) return undefined
    return {
      ...fields,
      placeholderSettings:
        isPlaceholder(facts.temperature) || isPlaceholder(facts.base_url),
    }
  })

/** A model client: `{provider, config: {model, temperature, ...}}`. */
export interface ModelClient {
  readonly provider?: string | undefined
  readonly model_type?: string | undefined
  readonly settings: ModelSettings
}

const ClientFields = mapping({
  provider: text(),
  model_type: text(),
  config: ModelSettings,
})

export const ModelClient = z
  .unknown()
  .transform((value): ModelClient | undefined => {
    const client = ClientFields.parse(value)
    if (!client) return undefined
    const settings = client.config ?? ModelSettings.parse(value)
    if (!settings) return undefined
    const { provider, model_type } = client
    return { provider, model_type, settings }
  })

/** A termination condition's own settings: its `config`, or itself. */
export interface TerminationSettings {
  readonly conditions?: ReadonlyArray<Termination | undefined> | undefined
  readonly operator?: string | undefined
  readonly max_messages?: number | undefined
  readonly text?: string | undefined
  readonly target?: string | undefined
  readonly max_total_token?: number | undefined
  readonly timeout_seconds?: number | undefined
}

/** A termination condition, nested in And / Or conditions. */
export interface Termination {
  readonly provider?: string | undefined
  readonly termination_type?: string | undefined
  readonly settings: TerminationSettings
}

const TerminationSettings: z.ZodType<TerminationSettings | undefined> = mapping(
  {
    conditions: looseArray(z.lazy(() => Termination)),
    operator: text(),
    max_messages: count(),
    text: text(),
    target: text(),
    max_total_token: count(),
    timeout_seconds: count(),
  },
)

const TerminationFields = mapping({
  provider: text(),
  termination_type: text(),
  config: TerminationSettings,
})

export const Termination: z.ZodType<Termination | undefined> = z
  .unknown()
  .transform((value): Termination | undefined => {
    const node = TerminationFields.parse(value)
    if (!node) return undefined
    const settings = node.config ?? TerminationSettings.parse(value)
    if (!settings) return undefined
    const { provider, termination_type } = node
    return { provider, termination_type, settings }
  })

/** An MCP adapter's `server_params`: the entry handed to the MCP reader. */
export interface ServerParams {
  /** `config` (or the params themselves): the server's own settings. */
  readonly config: Record<string, unknown>
  /** The params' class, else `config.type`. */
  readonly type: string | undefined
  /** Whether `config.command` is set (to anything truthy). */
  readonly command: boolean
}

/** Own keys as they are: the MCP reader checks them itself. */
const Entries = maybeObject({})
const ServerFields = maybeObject({ provider: text(), config: Entries })
const ServerFacts = mapping({ type: text(), command: TRUTHY })

export const ServerParams = z.unknown().transform((value): ServerParams => {
  const server = ServerFields.parse(value)
  const config = server?.config ?? Entries.parse(value) ?? {}
  const fields = ServerFacts.parse(config)
  return {
    config,
    type: className(server?.provider) || fields?.type,
    command: fields?.command ?? false,
  }
})

/** A handoff: its target's name (a string, or `{target}` / `{name}`). */
const HandoffFields = mapping({ target: text(), name: text() })

export const Handoff = z.unknown().transform((value) => {
  if (typeof value === 'string') return value
  const handoff = HandoffFields.parse(value)
  return handoff?.target ?? handoff?.name
})

import { z } from 'zod'
import {
  flag,
  looseArray,
  maybeObject,
  stated,
  text,
  texts,
} from '../../manifest/kit.js'

/**
 * The files of a Microsoft 365 declarative agent, tolerantly: a field of
 * the wrong type is not stated, and list entries that are not mappings stay
 * in place (as undefined) so that lines follow the list's indices. Nothing
 * here is reported: the host skips what it cannot use, and so does the
 * mapping. Whether a file is an agent or an API plugin is the mapping's
 * call.
 */

export const FORMAT_ID = 'm365-declarative-agent'
export const AGENT_SCHEMA = /json-schemas\/copilot\/declarative-agent/
export const PLUGIN_SCHEMA = /json-schemas\/copilot\/plugin/

/** Whether the field is a list, of anything. */
const isList = (): z.ZodType<boolean> =>
  z.unknown().transform((value) => Array.isArray(value))

/** Keys that narrow a knowledge capability to named sources. */
export const SCOPE_KEYS = [
  'sites',
  'items_by_url',
  'items_by_sharepoint_ids',
  'connections',
  'folders',
  'group_mailboxes',
  'knowledge_sources',
  'files',
  'urls',
] as const

/** A capability: its name and which of its scope lists hold something. */
const Capability = z.unknown().transform((value) => {
  const capability = maybeObject({ name: text() }).parse(value)
  if (!capability) return undefined
  const record = value as Record<string, unknown>
  return {
    name: capability.name,
    scopedBy: SCOPE_KEYS.filter((key) => {
      const list = Object.hasOwn(record, key) ? record[key] : undefined
      return Array.isArray(list) && list.length > 0
    }),
  }
})
export type Capability = NonNullable<z.output<typeof Capability>>

/** A worker agent: its id (a string, or `{id}` / `{name}`). */
const Worker = z.unknown().transform((value) => {
  if (typeof value === 'string') return value
  const worker = maybeObject({ id: text(), name: text() }).parse(value)
  return worker?.id ?? worker?.name
})

/** A user override: its path (`{path}` or the string itself). */
const Override = z
  .unknown()
  .transform(
    (value) =>
      maybeObject({ path: text() }).parse(value)?.path ?? text().parse(value),
  )

const Action = maybeObject({ id: text(), file: text() })
export type Action = NonNullable<z.output<typeof Action>>

const Runtime = maybeObject({
  type: text(),
  run_for_functions: texts(),
  auth: maybeObject({ type: text(), reference_id: text() }),
  spec: maybeObject({ url: text(), enable_dynamic_discovery: flag() }),
})
export type Runtime = NonNullable<z.output<typeof Runtime>>

const PluginFunction = maybeObject({
  name: text(),
  description: text(),
  capabilities: maybeObject({
    confirmation: maybeObject({ type: text() }),
  }),
})
export type PluginFunction = NonNullable<z.output<typeof PluginFunction>>

const PluginFields = {
  $schema: text(),
  schema_version: text(),
  namespace: text(),
  name_for_human: text(),
  description_for_human: text(),
  description_for_model: text(),
  runtimes: looseArray(Runtime),
  functions: looseArray(PluginFunction),
}

const PluginObject = maybeObject(PluginFields)
export type Plugin = NonNullable<z.output<typeof PluginObject>>

/** An API plugin (`ai-plugin.json`), as its agent's actions point to it. */
export const Plugin = z
  .unknown()
  .transform(
    (value): Plugin =>
      PluginObject.parse(value) ?? (PluginObject.parse({}) as Plugin),
  )

/** A file of this format: a declarative agent or an API plugin. */
export const Manifest = maybeObject({
  ...PluginFields,
  name: text(),
  description: text(),
  instructions: text(),
  capabilities: looseArray(Capability),
  actions: looseArray(Action),
  conversation_starters: isList(),
  worker_agents: looseArray(Worker),
  behavior_overrides: maybeObject({
    special_instructions: maybeObject({ discourage_model_knowledge: flag() }),
  }),
  sensitivity_label: stated(),
  user_overrides: looseArray(Override),
  // A ChatGPT plugin manifest (schema v1) has both.
  api: stated(),
  name_for_model: stated(),
})
export type Manifest = NonNullable<z.output<typeof Manifest>>

/** The Teams app manifest beside it: the declarative agents it ships. */
export const AppManifest = maybeObject({
  copilotAgents: maybeObject({
    declarativeAgents: looseArray(maybeObject({ file: text() })),
  }),
})

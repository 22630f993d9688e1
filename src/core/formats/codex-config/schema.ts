import { z } from 'zod'
import {
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
 * The TOML files of OpenAI Codex (`.codex/config.toml`, `.codex/agents/*.toml`
 * and the role files `[agents]` points to), tolerantly. Settings are read
 * through layers (the config, a profile, an agent file), the last layer that
 * states a key winning even when its value is of the wrong type: so each
 * setting says that it is stated, and its value is undefined when the type
 * is wrong. Nothing here is reported.
 */

export const FORMAT_ID = 'codex-config'

/** A setting written in a layer, its value read by `schema`. */
export interface Stated<T> {
  readonly value: T
}

const setting = <T>(schema: z.ZodType<T>): z.ZodType<Stated<T> | undefined> =>
  z
    .unknown()
    .transform((value) =>
      value === undefined ? undefined : { value: schema.parse(value) },
    )

/** `web_search = "live"` or `true`. */
const STRING_OR_FLAG: z.ZodType<string | boolean | undefined> = z
  .unknown()
  .transform((value) =>
    typeof value === 'string' || typeof value === 'boolean' ? value : undefined,
  )

/** An `[mcp_servers.<name>]` entry; keys not named here pass through. */
const ServerFields = maybeObject({
  http_headers: keys(),
  env_http_headers: looseRecord(text()),
  bearer_token_env_var: text(),
  enabled_tools: looseArray(raw()),
  env_vars: texts(),
  enabled: flag(),
})
export type Server = NonNullable<z.output<typeof ServerFields>>

/** A server entry that is not a table reads as an empty one. */
const Server = z
  .unknown()
  .transform(
    (value): Server =>
      ServerFields.parse(value) ?? (ServerFields.parse({}) as Server),
  )

/** What one layer (the config, a profile, an agent file) can set. */
const SettingFields = {
  model: setting(text()),
  model_provider: setting(text()),
  model_reasoning_effort: setting(text()),
  developer_instructions: setting(text()),
  instructions: setting(text()),
  base_instructions: setting(text()),
  model_instructions_file: setting(text()),
  experimental_instructions_file: setting(text()),
  web_search: setting(STRING_OR_FLAG),
  tools: maybeObject({ web_search: setting(flag()) }),
  features: maybeObject({
    multi_agent: setting(flag()),
    web_search_request: setting(flag()),
  }),
  sandbox_mode: setting(text()),
  sandbox_workspace_write: maybeObject({
    network_access: setting(flag()),
    writable_roots: setting(texts()),
  }),
  approval_policy: setting(text()),
  mcp_servers: looseRecord(Server),
  shell_environment_policy: maybeObject({
    inherit: setting(text()),
    ignore_default_excludes: setting(flag()),
  }),
}
const SettingsTable = maybeObject(SettingFields)
export type SettingsTable = NonNullable<z.output<typeof SettingsTable>>

/** An `[agents.<name>]` entry (a table; anything else is not an agent). */
const AgentEntry = maybeObject({ config_file: text(), description: text() })
export type AgentEntry = NonNullable<z.output<typeof AgentEntry>>

const AgentEntries = looseRecord(AgentEntry)
const MaxDepth = maybeObject({ max_depth: raw() })

/** `[agents]`: its entries, and `max_depth` (any number, inf included). */
const Agents = z.unknown().transform((value) => {
  const entries = AgentEntries.parse(value)
  if (entries === undefined) return undefined
  const depth = MaxDepth.parse(value)?.max_depth
  return {
    entries,
    maxDepth: typeof depth === 'number' ? depth : undefined,
  }
})

const CodexFileFields = maybeObject({
  ...SettingFields,
  name: text(),
  description: text(),
  profile: text(),
  profiles: looseRecord(SettingsTable),
  agents: Agents,
  model_providers: looseRecord(maybeObject({ env_key: text() })),
  projects: looseRecord(maybeObject({ trust_level: text() })),
})
export type CodexFile = NonNullable<z.output<typeof CodexFileFields>>

/** A Codex TOML file; a root that is not a table reads as an empty one. */
export const CodexFile = z
  .unknown()
  .transform(
    (value): CodexFile =>
      CodexFileFields.parse(value) ?? (CodexFileFields.parse({}) as CodexFile),
  )

import { z } from 'zod'
import {
  flag,
  keys,
  looseObject,
  looseRecord,
  maybeObject,
  raw,
  text,
  texts,
} from '../../manifest/kit.js'

/**
 * `.claude/settings.json` as Claude Code reads it, tolerantly: past the top
 * level (an object, or the file is reported), nothing in it is reported,
 * since the host ignores what it does not understand; a field of the wrong
 * type is not stated.
 */

/**
 * A list of rules: its strings, other entries left out; undefined when it
 * is not a list, since a list (even an empty one) marks a settings file.
 */
const Rules = z
  .unknown()
  .transform((value) =>
    Array.isArray(value) ? texts().parse(value) : undefined,
  )

const Permissions = maybeObject({
  allow: Rules,
  ask: Rules,
  deny: Rules,
  additionalDirectories: Rules,
  defaultMode: text(),
  disableBypassPermissionsMode: text(),
})
export type Permissions = NonNullable<z.output<typeof Permissions>>

/** The hook table stays raw for the shared hook reader; its events too. */
const Hooks = raw().transform((table) => ({
  table,
  events: keys().parse(table),
}))

const Sandbox = maybeObject({
  enabled: flag(),
  autoAllowBashIfSandboxed: flag(),
  network: maybeObject({
    allowedDomains: texts(),
    allowAllUnixSockets: flag(),
  }),
  excludedCommands: texts(),
  allowUnsandboxedCommands: flag(),
})
export type Sandbox = NonNullable<z.output<typeof Sandbox>>

export const ClaudeSettings = looseObject({
  permissions: Permissions,
  hooks: Hooks,
  enableAllProjectMcpServers: flag(),
  enabledMcpjsonServers: texts(),
  disabledMcpjsonServers: texts(),
  env: keys(),
  sandbox: Sandbox,
  model: text(),
  apiKeyHelper: text(),
})
export type ClaudeSettings = z.output<typeof ClaudeSettings>

/**
 * The project's `.mcp.json`, as its server entries; those stay raw for the
 * shared MCP reader. Anything else holds no servers.
 */
export const ProjectMcpFile = maybeObject({
  mcpServers: looseRecord(raw()),
}).transform((file) => file?.mcpServers ?? [])

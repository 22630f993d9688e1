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
  type DataPath,
} from '../../manifest/kit.js'

/**
 * An MCP client configuration as its host reads it, tolerantly: server
 * entries stay raw, for the shared MCP reader reports those that are not
 * objects, as it does for every host; every other field of the wrong type
 * is not stated. Whether an `mcpServers` that is not a map is a problem is
 * the mapping's call (it is, in a file of the host's own name).
 */

export const FORMAT_ID = 'mcp-client-config'

const ServerEntry = maybeObject({ command: text(), url: text(), type: text() })

/**
 * A bare `servers` key is common in unrelated files: its entries look like
 * MCP servers when all are objects and one has a command, or a URL with a
 * transport type.
 */
function looksLikeMcpServers(
  entries: ReadonlyArray<readonly [string, unknown]>,
): boolean {
  const servers = entries.map(([, entry]) => ServerEntry.parse(entry))
  return (
    servers.length > 0 &&
    servers.every((server) => server !== undefined) &&
    servers.some(
      (server) =>
        server?.command !== undefined ||
        (server?.url !== undefined &&
          /^(stdio|http|sse|streamable-?http)$/i.test(server.type ?? '')),
    )
  )
}

const RawEntries = looseRecord(raw())

/** A map of servers by name; undefined for anything but a map. */
const ServerMap = z.unknown().transform((value) => {
  const entries = RawEntries.parse(value)
  if (!entries) return undefined
  return { entries, mcpShaped: looksLikeMcpServers(entries) }
})
export type ServerMap = NonNullable<z.output<typeof ServerMap>>

/**
 * Gemini CLI settings that matter for controls, by their flat (v1) and
 * nested (v2) paths; the first one present wins.
 */
export const GEMINI_KEYS = {
  coreTools: [['coreTools'], ['tools', 'core']],
  excludeTools: [['excludeTools'], ['tools', 'exclude']],
  allowedTools: [['allowedTools'], ['tools', 'allowed']],
  autoAccept: [['autoAccept'], ['tools', 'autoAccept']],
  sandbox: [['sandbox'], ['tools', 'sandbox']],
  allowMcp: [['allowMCPServers'], ['mcp', 'allowed']],
  excludeMcp: [['excludeMCPServers'], ['mcp', 'excluded']],
  discovery: [['toolDiscoveryCommand'], ['tools', 'discoveryCommand']],
  maxTurns: [['maxSessionTurns'], ['model', 'maxSessionTurns']],
  approvalMode: [['general', 'defaultApprovalMode']],
  toolSandboxing: [['security', 'toolSandboxing']],
  hooks: [['hooks']],
  telemetry: [['telemetry', 'enabled']],
} as const satisfies Record<string, ReadonlyArray<readonly string[]>>

export type GeminiKey = keyof typeof GEMINI_KEYS

/** A setting's value, read each way a reader of it needs. */
const SettingValue = z.unknown().transform((value) => ({
  list: Array.isArray(value),
  strings: texts().parse(value),
  text: text().parse(value),
  flag: flag().parse(value),
  count: count().parse(value),
  keys: keys().parse(value),
}))

/** A setting that is present (null included), and where it was found. */
export type Setting = z.output<typeof SettingValue> & {
  readonly path: DataPath
}

/** Every key GEMINI_KEYS names, each level read once. */
const GeminiRoot = maybeObject({
  coreTools: raw(),
  excludeTools: raw(),
  allowedTools: raw(),
  autoAccept: raw(),
  sandbox: raw(),
  allowMCPServers: raw(),
  excludeMCPServers: raw(),
  toolDiscoveryCommand: raw(),
  maxSessionTurns: raw(),
  hooks: raw(),
  tools: maybeObject({
    core: raw(),
    exclude: raw(),
    allowed: raw(),
    autoAccept: raw(),
    sandbox: raw(),
    discoveryCommand: raw(),
  }),
  mcp: maybeObject({ allowed: raw(), excluded: raw() }),
  model: maybeObject({ maxSessionTurns: raw() }),
  general: maybeObject({ defaultApprovalMode: raw() }),
  security: maybeObject({ toolSandboxing: raw() }),
  telemetry: maybeObject({ enabled: raw() }),
})

/** The value at a path of GEMINI_KEYS in the read root. */
function valueAt(
  root: z.output<typeof GeminiRoot>,
  path: readonly string[],
): unknown {
  let value: unknown = root
  for (const segment of path)
    value = (value as Readonly<Record<string, unknown>> | undefined)?.[segment]
  return value
}

/**
 * Gemini CLI's settings, read from the file's root (only for files of
 * Gemini CLI: the mapping parses them then).
 */
export const GeminiSettings = z.unknown().transform((value) => {
  const root = GeminiRoot.parse(value)
  const settings: Partial<Record<GeminiKey, Setting>> = {}
  for (const key of Object.keys(GEMINI_KEYS) as GeminiKey[]) {
    for (const path of GEMINI_KEYS[key]) {
      const found = valueAt(root, path)
      if (found === undefined) continue
      settings[key] = { ...SettingValue.parse(found), path: [...path] }
      break
    }
  }
  return settings
})
export type GeminiSettings = z.output<typeof GeminiSettings>

const ModelName = maybeObject({ name: text() })

const Fields = maybeObject({
  // Stated at all, and its servers when it is a map.
  mcpServers: z.unknown().transform((value) => ({
    stated: value !== undefined,
    servers: ServerMap.parse(value),
  })),
  servers: ServerMap,
  mcp: maybeObject({ servers: ServerMap }),
  /** VS Code `inputs`: secrets the editor prompts for (`${input:id}`). */
  inputs: looseArray(maybeObject({ id: text(), password: flag() })),
  /** Gemini CLI's model: a name, or `{name}` in settings v2. */
  model: z.unknown().transform((value) => ({
    flat: text().parse(value),
    nested: ModelName.parse(value)?.name,
  })),
})

/** The file's top-level mapping; undefined for anything else. */
export const ClientConfig = Fields
export type ClientConfig = NonNullable<z.output<typeof ClientConfig>>

import type { z } from 'zod'
import {
  flag,
  looseArray,
  looseObject,
  looseRecord,
  maybeObject,
  raw,
  text,
  texts,
} from '../../manifest/kit.js'

/**
 * An Amazon Q Developer or Kiro CLI agent file, tolerantly: a `tools` that
 * is not a list is reported; every other field of the wrong type is not
 * stated and entries of the wrong type are left out, never an error, so
 * that the rest of the agent is still read.
 */

/**
 * `tools`: the names listed (trimmed, blanks left out), each with its
 * place in the list for its line.
 */
const ToolNames = looseArray(raw(), {
  notList: { message: 'tools must be a list of tool names' },
}).transform((list) =>
  list?.flatMap((item, index) => {
    const entry = typeof item === 'string' ? item.trim() : ''
    return entry ? [{ entry, index }] : []
  }),
)
export type ToolNames = z.output<typeof ToolNames>

/** `toolsSettings.<tool>`: what the tool may do without asking. */
const ToolSettings = looseObject({
  allowedCommands: texts(),
  deniedCommands: texts(),
  denyByDefault: flag(),
  autoAllowReadonly: flag(),
  allowedPaths: texts(),
  deniedPaths: texts(),
  allowedServices: texts(),
  deniedServices: texts(),
})
export type ToolSettings = z.output<typeof ToolSettings>

/** MCP servers by name; each entry is read by the kit's MCP server reader. */
const Servers = looseRecord(raw())

export const AgentFile = maybeObject({
  name: text(),
  description: text(),
  prompt: text(),
  model: text(),
  useLegacyMcpJson: flag(),
  includeMcpJson: flag(),
  mcpServers: Servers,
  tools: ToolNames,
  allowedTools: texts(),
  toolsSettings: looseRecord(ToolSettings),
  resources: texts(),
  // Read by the kit's hook reader, which knows both hook table shapes.
  hooks: raw(),
})
export type AgentFile = NonNullable<z.output<typeof AgentFile>>

/** The workspace's legacy MCP file, which an agent may include. */
export const LegacyMcpFile = maybeObject({ mcpServers: Servers })

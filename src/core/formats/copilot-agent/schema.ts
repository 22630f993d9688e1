import { z } from 'zod'
import {
  flag,
  indexedArray,
  looseArray,
  looseObject,
  looseRecord,
  maybeObject,
  raw,
  text,
  texts,
  type ToolListField,
  toolListField,
} from '../../manifest/kit.js'

/**
 * The front matter of a Copilot custom agent or chat mode, tolerantly:
 * every field of the wrong type is not stated and entries of the wrong
 * type are left out, never an error, so that the rest of the agent is
 * still read. Only a `tools` of the wrong type is a problem, which the
 * mapping reports.
 */

/** `tools`: absent, a tool list (kept raw for listEntries), or invalid. */
const Tools = toolListField()
export type Tools = ToolListField

/** `model`: one name (blank is none), or a list tried in order. */
const ModelNames = z.union([
  z.string().transform((name) => (name ? [name] : [])),
  texts(),
])

/** The env and header values of an MCP server, for the names they refer to. */
const ServerValues = maybeObject({
  env: looseRecord(text()),
  headers: looseRecord(text()),
})

/** An MCP server: its entry, raw for the kit's reader, and its values. */
const McpServer = z.unknown().transform((config) => {
  const values = ServerValues.parse(config)
  return {
    config,
    values: [...(values?.env ?? []), ...(values?.headers ?? [])]
      .map(([, value]) => value ?? '')
      .filter((value) => value.length > 0),
  }
})
export type McpServer = z.output<typeof McpServer>

const Handoff = looseObject({ agent: text(), send: flag() })
export type Handoff = z.output<typeof Handoff> & { readonly index: number }

export const AgentFrontMatter = looseObject({
  name: text(),
  description: text(),
  tools: Tools,
  model: ModelNames,
  target: text(),
  'mcp-servers': looseRecord(McpServer),
  handoffs: indexedArray(Handoff),
  agents: looseArray(z.string()),
  'disable-model-invocation': flag(),
  infer: flag(),
  'user-invocable': flag(),
  // Read by the kit's hook reader, which knows both hook table shapes.
  hooks: raw(),
})
export type AgentFrontMatter = z.output<typeof AgentFrontMatter>

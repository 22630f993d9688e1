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
} from '../../manifest/kit.js'

/**
 * The front matter of a Copilot custom agent or chat mode, tolerantly:
 * every field of the wrong type is not stated and entries of the wrong
 * type are left out, never an error, so that the rest of the agent is
 * still read. Only a `tools` of the wrong type is a problem, which the
 * mapping reports.
 */

/**
 * `tools`: absent (or null), which gives every tool; a list or a comma
 * string, kept raw for the kit's tool-list reader, which knows both and
 * their lines; or a value of another type, which is not a tool list.
 */
const Tools = z
  .unknown()
  .transform(
    (
      value,
    ):
      | { readonly kind: 'absent' }
      | { readonly kind: 'list'; readonly value: string | unknown[] }
      | { readonly kind: 'invalid' } =>
      value === undefined || value === null
        ? { kind: 'absent' }
        : typeof value === 'string' || Array.isArray(value)
          ? { kind: 'list', value }
          : { kind: 'invalid' },
  )
export type Tools = z.output<typeof Tools>

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

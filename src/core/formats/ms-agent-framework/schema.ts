import { z } from 'zod'
import {
  flag,
  indexedArray,
  looseArray,
  looseObject,
  maybeObject,
  raw,
  text,
  texts,
} from '../../manifest/kit.js'

/**
 * A Microsoft Agent Framework declarative agent, tolerantly: a `tools`
 * that is not a list, and tool entries that are not mappings, are reported
 * on their line; every other field of the wrong type is not stated, never
 * an error, so that the rest of the agent is still read.
 */

/**
 * A field whose presence counts whatever its value (`aISettings: null`
 * still marks a Copilot Studio agent): `{ value }` when it is set.
 */
function present<T extends z.ZodType>(
  schema: T,
): z.ZodType<{ readonly value: z.output<T> } | undefined> {
  return z
    .unknown()
    .transform((value) =>
      value === undefined
        ? undefined
        : { value: schema.parse(value) as z.output<T> },
    )
}

/** Where a model or a tool connects, and with which key. */
const Connection = maybeObject({
  kind: text(),
  key: text(),
  apiKey: text(),
  endpoint: text(),
})
export type Connection = z.output<typeof Connection>

const ModelBlock = maybeObject({
  id: text(),
  provider: text(),
  publisher: text(),
  // Temperature and seed stay raw: the kit's sampling reader checks them.
  options: maybeObject({
    temperature: raw(),
    seed: raw(),
    allowMultipleToolCalls: flag(),
  }),
  connection: Connection,
})

/** `model`: an id, a block, or (any other value) stated but unreadable. */
const Model = present(z.union([z.string(), ModelBlock]))
export type Model = NonNullable<z.output<typeof Model>>

/** The tools an approval block names, in either spelling. */
const ToolNames = maybeObject({ toolNames: texts() })
const ApprovalBlock = maybeObject({
  kind: text(),
  alwaysRequireApprovalTools: texts(),
  neverRequireApprovalTools: texts(),
  always: ToolNames,
  never: ToolNames,
})

/**
 * An approval mode (`always`, `{kind: specify, …}`, Foundry's
 * `requireApproval`) as the mode it names and the tools it lists. Null
 * stays null: the mapping reads `approvalMode ?? requireApproval`, so a
 * null approvalMode gives way while a null requireApproval is a mode that
 * names nothing.
 */
const ApprovalMode = z.unknown().transform((value) => {
  if (value === undefined || value === null) return value
  const block = ApprovalBlock.parse(value)
  return {
    mode: (typeof value === 'string' ? value : block?.kind) ?? '',
    always: [
      ...(block?.alwaysRequireApprovalTools ?? []),
      ...(block?.always?.toolNames ?? []),
    ],
    never: [
      ...(block?.neverRequireApprovalTools ?? []),
      ...(block?.never?.toolNames ?? []),
    ],
  }
})
export type ApprovalMode = z.output<typeof ApprovalMode>

const Tool = looseObject({
  kind: text(),
  type: text(),
  name: text(),
  serverName: text(),
  description: text(),
  connection: Connection,
  url: text(),
  serverUrl: text(),
  // Handed as they are to the kit's MCP server reader.
  headers: raw(),
  allowedTools: texts(),
  approvalMode: ApprovalMode,
  requireApproval: ApprovalMode,
})
export type Tool = z.output<typeof Tool> & { readonly index: number }

const ToolList = indexedArray(Tool, {
  entry: {
    message: 'tool entry must be a mapping with a kind',
    level: 'warning',
  },
  notList: { message: 'tools must be a list' },
})

/**
 * `tools`: the entries that are mappings, and whether the list held any
 * entry at all (one that is not a mapping still makes the field cited).
 */
const Tools = z.unknown().transform((value) => ({
  listed: Array.isArray(value) && value.length > 0,
  entries: ToolList.parse(value),
}))
export type Tools = z.output<typeof Tools>

export const AgentFile = maybeObject({
  kind: text(),
  /** Set in Kubernetes-style resources, which are not agents. */
  apiVersion: raw(),
  spec: raw(),
  name: text(),
  displayName: text(),
  description: text(),
  instructions: text(),
  additionalInstructions: text(),
  outputSchema: raw(),
  template: maybeObject({ format: maybeObject({ kind: text() }) }),
  model: Model,
  // Copilot Studio's GptComponentMetadata.
  aISettings: present(
    maybeObject({ model: maybeObject({ modelNameHint: text() }) }),
  ),
  gptCapabilities: maybeObject({
    webBrowsing: flag(),
    codeInterpreter: flag(),
  }),
  conversationStarters: looseArray(raw()),
  tools: Tools,
})
export type AgentFile = NonNullable<z.output<typeof AgentFile>>

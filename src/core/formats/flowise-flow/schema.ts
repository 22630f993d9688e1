import { z } from 'zod'
import {
  count,
  flag,
  keys,
  looseArray,
  looseObject,
  maybeObject,
  raw,
  text,
} from '../../manifest/kit.js'

/**
 * A Flowise export as Flowise writes it, tolerantly: Flowise wrote it, so
 * nothing here is reported. A field of the wrong type is not stated, list
 * entries that are not mappings stay in place (as undefined) so that lines
 * follow the list's indices, and whether the file holds an agent at all is
 * the mapping's call.
 */

export const FORMAT_ID = 'flowise-flow'

const isMapping = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** A number, also when kept as a string of digits (`"5"`). */
const NUMERIC = z.unknown().transform((value) => {
  if (typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value))
    return Number(value)
  return count().parse(value)
})

/** The fields given, read from a mapping or, for anything else, from `{}`. */
function fieldsOf<T extends z.ZodRawShape>(
  shape: T,
): z.ZodType<z.output<z.ZodObject<T, z.core.$loose>>> {
  const object = looseObject(shape)
  return z
    .unknown()
    .transform((value) => object.parse(isMapping(value) ? value : {}))
}

const REFERENCE = /\{\{\s*([\w-]+)\.data\.instance\s*\}\}/g

/** Node ids an agent's inputs refer to (`{{id.data.instance}}`), in order. */
function referencesIn(inputs: unknown): string[] {
  const ids: string[] = []
  const scan = (value: unknown): void => {
    if (typeof value === 'string') {
      for (const match of value.matchAll(REFERENCE))
        ids.push(match[1] as string)
    } else if (Array.isArray(value)) {
      value.forEach(scan)
    }
  }
  if (isMapping(inputs)) Object.values(inputs).forEach(scan)
  return ids
}

/**
 * An MCP tool's server configuration: a mapping, or the same as JSON text
 * (`{}` with `invalid` when that text is not JSON), kept raw for the
 * shared MCP reader.
 */
const McpConfig = z.unknown().transform((value) => {
  if (typeof value !== 'string') return { server: value, invalid: false }
  try {
    return { server: JSON.parse(value) as unknown, invalid: false }
  } catch {
    return { server: {}, invalid: true }
  }
})

/** What a model node's inputs, or an agent's model config, say of the model. */
const ModelFields = {
  modelName: text(),
  model: text(),
  customModelName: text(),
  temperature: NUMERIC,
  seed: NUMERIC,
}

/** A tool node's inputs, or the config of a tool an agent selects. */
const ToolFields = {
  customToolName: text(),
  customToolDesc: text(),
  description: text(),
  customToolFunc: text(),
  mcpServerConfig: McpConfig,
}
const ToolConfig = fieldsOf(ToolFields)
export type ToolConfig = z.output<typeof ToolConfig>

const ModelConfigFields = fieldsOf({
  ...ModelFields,
  agentModel: text(),
  credential: text(),
})

/** An agentflow agent's model config, and whether it has any key at all. */
const ModelConfig = z.unknown().transform((value) => ({
  ...ModelConfigFields.parse(value),
  stated: keys().parse(value).length > 0,
}))

/** A knowledge store of an agentflow agent. */
const Store = maybeObject({
  knowledgeName: text(),
  documentStore: text(),
  vectorStore: text(),
  docStoreDescription: raw(),
  knowledgeDescription: raw(),
}).transform((store) =>
  store
    ? {
        name: store.knowledgeName ?? store.documentStore ?? store.vectorStore,
        description: text().parse(
          store.docStoreDescription ?? store.knowledgeDescription,
        ),
      }
    : undefined,
)

/**
 * A node's `data.inputs`, read for the part the node plays: most nodes of
 * a flow are never looked at, and each part reads only its own inputs.
 */
const NAME_FIELDS = {
  workerName: text(),
  supervisorName: text(),
  agentName: text(),
}

/** A chatflow agent (and any agent's name), with the nodes it refers to. */
const AgentFields = fieldsOf({
  ...NAME_FIELDS,
  systemMessage: text(),
  systemMessagePrompt: text(),
  workerPrompt: text(),
  supervisorPrompt: text(),
  prefix: text(),
  maxIterations: NUMERIC,
  interrupt: flag(),
})
export const AgentInputs = z.unknown().transform((value) => ({
  ...AgentFields.parse(value),
  references: referencesIn(value),
}))
export type AgentInputs = z.output<typeof AgentInputs>

/** An agentflow (v2) agent: its model, messages, tools, knowledge, memory. */
export const AgentflowInputs = fieldsOf({
  agentModel: text(),
  agentModelConfig: ModelConfig,
  agentMessages: looseArray(maybeObject({ role: text(), content: text() })),
  agentTools: looseArray(
    maybeObject({
      agentSelectedTool: text(),
      agentSelectedToolRequiresHumanInput: flag(),
      agentSelectedToolConfig: ToolConfig,
    }),
  ),
  agentKnowledgeDocumentStores: looseArray(Store),
  agentKnowledgeVSEmbeddings: looseArray(Store),
  agentEnableMemory: flag(),
  agentMemoryType: text(),
})
export type AgentflowInputs = z.output<typeof AgentflowInputs>

/** A node an agent uses: a model, a tool, or its credential. */
export const UsedInputs = fieldsOf({
  ...ModelFields,
  ...ToolFields,
  credential: text(),
})
export type UsedInputs = z.output<typeof UsedInputs>
export type ModelInputs = Pick<UsedInputs, keyof typeof ModelFields>

/** The agentflow steps read around an agent: loops and the start node. */
export const StepInputs = fieldsOf({
  maxLoopCount: NUMERIC,
  startInputType: text(),
  startEphemeralMemory: flag(),
})
export type StepInputs = z.output<typeof StepInputs>

/**
 * Only the fields read, or undefined for anything but a mapping. A node
 * and its data are large, and the mapping reads few of their keys, so
 * these are zod's own objects, which keep nothing else (a loose object
 * copies every key it does not know).
 */
function fieldsRead<T extends Record<string, z.ZodType>>(
  shape: T,
): z.ZodType<{ [K in keyof T]?: z.output<T[K]> } | undefined> {
  const optional = Object.fromEntries(
    Object.entries(shape).map(([key, field]) => [key, field.optional()]),
  ) as { [K in keyof T]: z.ZodOptional<T[K]> }
  return z.object(optional).optional().catch(undefined) as unknown as z.ZodType<
    { [K in keyof T]?: z.output<T[K]> } | undefined
  >
}

const Node = fieldsRead({
  id: text(),
  data: fieldsRead({
    id: text(),
    name: text(),
    label: text(),
    category: text(),
    description: text(),
    credential: text(),
    // Read when the node's part is known: see the inputs schemas above.
    inputs: raw(),
  }),
})
export type Node = z.output<typeof Node>

const FlowFields = {
  nodes: looseArray(Node),
  edges: looseArray(fieldsRead({ source: text(), target: text() })),
  description: text(),
  name: text(),
}

/** A flow: `{nodes, edges}`, as a file or as a saved chatflow's flowData. */
export const FlowData = maybeObject(FlowFields)
export type FlowData = NonNullable<z.output<typeof FlowData>>

/** A saved chatflow: its flow kept as a JSON string in `flowData`. */
const SavedFields = {
  flowData: text(),
  name: text(),
  description: text(),
  isPublic: flag(),
}
const Saved = maybeObject(SavedFields)
export type Saved = NonNullable<z.output<typeof Saved>>

/** A Flowise export: a flow, a saved chatflow, or an "export all" file. */
export const FlowiseExport = maybeObject({
  ...FlowFields,
  ...SavedFields,
  ChatFlow: looseArray(Saved),
  AgentFlow: looseArray(Saved),
  AgentFlowV2: looseArray(Saved),
})
export type FlowiseExport = NonNullable<z.output<typeof FlowiseExport>>

export const EXPORT_ALL_KEYS = ['ChatFlow', 'AgentFlow', 'AgentFlowV2'] as const

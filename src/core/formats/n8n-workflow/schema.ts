import { z } from 'zod'
import {
  count,
  flag,
  keys,
  looseArray,
  looseObject,
  looseRecord,
  maybeObject,
  raw,
  text,
  texts,
  type DataPath,
} from '../../manifest/kit.js'

/**
 * An n8n workflow export, tolerantly: n8n wrote it, so nothing here is
 * reported. A node that is not a mapping stays in place (as undefined) so
 * that lines follow the list's indices, and the mapping reports nodes
 * without a name or type; a parameter of the wrong type is not stated.
 */

export const FORMAT_ID = 'n8n-workflow'

const LocatorParts = maybeObject({ value: text(), cachedResultName: text() })

/** A string, or n8n's resource locator `{value, cachedResultName}`. */
const Locator = z.unknown().transform((value) => {
  const parts = LocatorParts.parse(value)
  return {
    // null counts as absent, as `??` reads it.
    stated: value !== undefined && value !== null,
    text: text().parse(value),
    value: parts?.value,
    cachedResultName: parts?.cachedResultName,
  }
})
export type Locator = z.output<typeof Locator>

/** A number, or the expression that gives it at run time. */
const Numeric = z.unknown().transform((value) => ({
  value: count().parse(value),
  text: text().parse(value),
}))

const Options = maybeObject({
  systemMessage: text(),
  maxIterations: count(),
  returnIntermediateSteps: flag(),
  temperature: Numeric,
})
export type Options = z.output<typeof Options>

/**
 * Node parameters, read for the part a node plays: each part reads only
 * its own parameters, and parameters that are not a mapping are read as
 * none set.
 */
function paramsOf<T extends z.ZodRawShape>(
  shape: T,
): z.ZodType<z.output<z.ZodObject<T, z.core.$loose>>> {
  const object = looseObject(shape)
  return z.unknown().transform((value) => {
    const parsed = object.safeParse(value)
    return parsed.success ? parsed.data : object.parse({})
  })
}

/** An AI Agent node (or an OpenAI node, which may be an assistant). */
export const AgentParams = paramsOf({
  options: Options,
  systemMessage: text(),
  agent: text(),
  resource: text(),
  operation: text(),
})
export type AgentParams = z.output<typeof AgentParams>

/** A model node plugged into an agent. */
export const ModelParams = paramsOf({
  model: Locator,
  modelName: Locator,
  options: Options,
})
export type ModelParams = z.output<typeof ModelParams>

/** A tool node plugged into an agent (an MCP client among them). */
export const ToolParams = paramsOf({
  language: text(),
  jsCode: text(),
  pythonCode: text(),
  workflowId: Locator,
  source: text(),
  url: text(),
  toolDescription: text(),
  description: text(),
  method: text(),
  operation: text(),
  endpointUrl: text(),
  sseEndpoint: text(),
  serverTransport: text(),
  authentication: text(),
  include: text(),
  includeTools: texts(),
  excludeTools: texts(),
})
export type ToolParams = z.output<typeof ToolParams>

/** A trigger of the agent's workflow. */
export const TriggerParams = paramsOf({
  public: flag(),
  path: text(),
  authentication: text(),
})
export type TriggerParams = z.output<typeof TriggerParams>

/** A node that may wait for a person (`sendAndWait`). */
export const ReviewParams = paramsOf({
  operation: text(),
  responseType: text(),
})
export type ReviewParams = z.output<typeof ReviewParams>

const Node = maybeObject({
  name: text(),
  type: text(),
  // Read when the node's part is known: see the parameter schemas above.
  parameters: raw(),
  notes: text(),
  credentials: keys(),
  disabled: flag(),
})
export type Node = NonNullable<z.output<typeof Node>>

export interface Edge {
  readonly from: string
  readonly to: string
  readonly type: string
}

/**
 * `connections`: for each source node, its outputs by connection type
 * (`main`, `ai_tool`...), each a list of lists of `{node}` targets.
 */
const Edges = looseRecord(
  looseRecord(looseArray(looseArray(maybeObject({ node: text() })))),
).transform((sources): Edge[] =>
  (sources ?? []).flatMap(([from, outputs]) =>
    (outputs ?? []).flatMap(([type, lists]) =>
      (lists ?? []).flatMap((list) =>
        (list ?? []).flatMap((target) =>
          target?.node ? [{ from, to: target.node, type }] : [],
        ),
      ),
    ),
  ),
)

/** A workflow: a mapping whose `nodes` is a list. */
const Workflow = looseObject({
  name: text(),
  nodes: z.array(Node),
  connections: Edges,
  pinData: keys(),
})
export type Workflow = z.output<typeof Workflow>

export interface Found {
  readonly workflow: Workflow
  readonly base: DataPath
}

/**
 * The workflows of a file: one workflow, the template API's
 * `{workflow: {...}}`, or the list `n8n export:workflow --all` writes;
 * none for anything else.
 */
export const N8nExport = z.union([
  Workflow.transform((workflow): Found[] => [{ workflow, base: [] }]),
  looseObject({ workflow: Workflow }).transform(({ workflow }): Found[] => [
    { workflow, base: ['workflow'] },
  ]),
  z.array(z.unknown()).transform((items): Found[] =>
    items.flatMap((item, index) => {
      const parsed = Workflow.safeParse(item)
      return parsed.success ? [{ workflow: parsed.data, base: [index] }] : []
    }),
  ),
  z.unknown().transform((): Found[] => []),
])

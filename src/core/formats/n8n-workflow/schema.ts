import { z } from 'zod'
import {
  count,
  flag,
  keys,
  looseArray,
  looseObject,
  looseRecord,
  maybeObject,
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

/** A string, or n8n's resource locator `{value, cachedResultName}`. */
const Locator = z.unknown().transform((value) => {
  const locator = maybeObject({ value: text(), cachedResultName: text() })
  const parts = locator.parse(value)
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

/** The node parameters the mapping reads, of every node type. */
const ParamFields = looseObject({
  options: Options,
  systemMessage: text(),
  agent: text(),
  resource: text(),
  model: Locator,
  modelName: Locator,
  language: text(),
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
  public: flag(),
  path: text(),
  responseType: text(),
})
export type Params = z.output<typeof ParamFields>

/** Parameters that are not a mapping are read as none set. */
const Params = z.unknown().transform((value): Params => {
  const parsed = ParamFields.safeParse(value)
  return parsed.success ? parsed.data : ParamFields.parse({})
})

const Node = maybeObject({
  name: text(),
  type: text(),
  parameters: Params,
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

import { z } from 'zod'
import {
  count,
  keys,
  looseArray,
  looseObject,
  looseRecord,
  maybeObject,
  raw,
  text,
  texts,
} from '../../manifest/kit.js'

/**
 * A Semantic Kernel declarative agent (`KernelAgentYaml`), tolerantly: a
 * `tools` that is not a list is reported, and so are tool entries without
 * a type or an id (by the mapping); every other field of the wrong type is
 * not stated.
 */

/** A string, in lower case: types and modes are matched without case. */
const lower = (): z.ZodType<string | undefined> =>
  text().transform((value) => value?.toLowerCase())

/** `inputs`: a list of `{name}`, or a map keyed by name. */
const InputNames = z.union([
  z
    .array(maybeObject({ name: text() }))
    .transform((inputs) =>
      inputs.flatMap((input) =>
        input?.name === undefined ? [] : [input.name],
      ),
    ),
  keys(),
])

/**
 * The string values of a (possibly nested) connection block, with their
 * own keys, four levels deep at most: whatever else it holds is not read.
 */
function connectionLeaves(depth = 0): z.ZodType<Array<[string, string]>> {
  return looseRecord(raw()).transform((entries) =>
    (entries ?? []).flatMap(([key, value]): Array<[string, string]> => {
      if (typeof value === 'string') return [[key, value]]
      return depth < 3 ? connectionLeaves(depth + 1).parse(value) : []
    }),
  )
}

const FunctionChoice = maybeObject({
  type: lower(),
  functions: texts(),
  maximum_auto_invoke_attempts: count(),
})
export type FunctionChoice = NonNullable<z.output<typeof FunctionChoice>>

/** Model options; `temperature` and `seed` pass through for the sampling reader. */
const Options = maybeObject({ function_choice_behavior: FunctionChoice })

const Model = maybeObject({
  id: text(),
  options: Options,
  configuration: Options,
  connection: connectionLeaves(),
})
export type Model = NonNullable<z.output<typeof Model>>

const Auth = maybeObject({ type: lower(), connection_id: text() })

const ToolOptions = maybeObject({
  server_url: text(),
  url: text(),
  server_label: text(),
  // Raw for the shared MCP reader.
  headers: raw(),
  allowed_tools: raw(),
  require_approval: lower(),
  authentication: Auth,
  auth: Auth,
})

/** A tool entry with a type or an id (or a name). */
const Tool = looseObject({
  type: lower(),
  id: text(),
  name: text(),
  description: text(),
  server_url: text(),
  allowed_tools: raw(),
  options: ToolOptions,
})
  .refine(
    (tool) => tool.type !== undefined || (tool.id ?? tool.name) !== undefined,
  )
  .transform(({ options, allowed_tools, ...tool }) => ({
    ...tool,
    id: tool.id ?? tool.name,
    options: {
      ...options,
      auth: options?.authentication ?? options?.auth,
      // The options' list when they have one, of whatever shape; else the entry's.
      allowed: texts().parse(options?.allowed_tools ?? allowed_tools),
    },
  }))
export type ToolEntry = z.output<typeof Tool>

/**
 * The tools, each in its place: an entry that is not a tool is undefined,
 * and the mapping reports it at `tools[i]`. (A list reached through a YAML
 * alias has the anchor's place as its path, so a report from the schema
 * would name the anchor, not `tools`.)
 */
const Tools = looseArray(
  z.union([Tool, z.unknown().transform(() => undefined)]),
  { notList: { message: 'tools must be a list' } },
)

export const SemanticKernelAgent = maybeObject({
  type: lower(),
  kind: raw(),
  name: text(),
  description: text(),
  instructions: text(),
  template: maybeObject({ format: text() }),
  inputs: InputNames,
  model: Model,
  tools: Tools,
})
export type SemanticKernelAgent = NonNullable<
  z.output<typeof SemanticKernelAgent>
>

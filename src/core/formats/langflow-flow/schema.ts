import { z } from 'zod'
import {
  count,
  flag,
  looseArray,
  looseObject,
  looseRecord,
  maybeObject,
  nonBlank,
  text,
} from '../../manifest/kit.js'

/**
 * A Langflow flow export as Langflow writes it, tolerantly: Langflow wrote
 * it, so nothing here is reported. A field of the wrong type is not
 * stated, list entries that are not mappings stay in place (as undefined)
 * so that lines follow the list's indices, and whether the file holds an
 * agent at all is the mapping's call.
 */

export const FORMAT_ID = 'langflow-flow'

const isMapping = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** A number, also when kept as a string of digits (`"5"`). */
const numeric = (): z.ZodType<number | undefined> =>
  z.unknown().transform((value) => {
    if (typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value))
      return Number(value)
    return count().parse(value)
  })

/** A mapping kept raw for the shared MCP reader; undefined for anything else. */
const mapping = (): z.ZodType<Record<string, unknown> | undefined> =>
  z.unknown().transform((value) => (isMapping(value) ? value : undefined))

/** A template field, `{value: …}`: its value read by the schema given. */
function field<T extends z.ZodType>(schema: T): z.ZodType<z.output<T>> {
  return z
    .unknown()
    .transform((entry) =>
      schema.parse(
        isMapping(entry) && Object.hasOwn(entry, 'value')
          ? entry.value
          : undefined,
      ),
    )
}

/** A `model` field: its name, or a list whose first entry names it. */
const Model = z.unknown().transform((value) => ({
  name: nonBlank().parse(value),
  first: maybeObject({ name: text(), provider: text() }).parse(
    Array.isArray(value) ? value[0] : undefined,
  ),
}))

/** The template fields any component of the mapping reads. */
const TemplateFields = looseObject({
  system_prompt: field(nonBlank()),
  system_message: field(nonBlank()),
  agent_llm: field(nonBlank()),
  provider: field(nonBlank()),
  model: field(Model),
  model_name: field(nonBlank()),
  model_id: field(nonBlank()),
  temperature: field(numeric()),
  seed: field(numeric()),
  max_iterations: field(numeric()),
  add_current_date_tool: field(flag()),
  n_messages: field(numeric()),
  template: field(nonBlank()),
  tools_metadata: field(
    looseArray(maybeObject({ status: flag(), name: text() })),
  ),
  mcp_server: field(
    maybeObject({
      name: text(),
      config: z.unknown().transform((value) => mapping().parse(value) ?? {}),
    }),
  ),
  command: field(nonBlank()),
  url: field(nonBlank()),
  sse_url: field(nonBlank()),
  env: field(mapping()),
  tool: field(nonBlank()),
})

/** A template field that holds a secret (`password: true`) with a value. */
const Secret = maybeObject({
  password: flag(),
  value: text(),
  load_from_db: flag(),
})

/** The secrets of a template, by field, in the template's order. */
const Secrets = z
  .unknown()
  .transform((template) =>
    (looseRecord(Secret).parse(template) ?? []).flatMap(([key, input]) =>
      input?.password === true && input.value
        ? [{ key, value: input.value, fromDb: input.load_from_db === true }]
        : [],
    ),
  )

/** A component's `template`, or undefined when it is not a mapping. */
const Template = z
  .unknown()
  .transform((template) =>
    isMapping(template)
      ? { ...TemplateFields.parse(template), secrets: Secrets.parse(template) }
      : undefined,
  )
export type Template = NonNullable<z.output<typeof Template>>

const Node = maybeObject({
  id: text(),
  data: maybeObject({
    id: text(),
    type: text(),
    node: maybeObject({
      display_name: text(),
      description: nonBlank(),
      edited: flag(),
      template: Template,
    }),
  }),
})

/**
 * Older exports keep an edge's target handle only as text: `{œfieldNameœ:
 * œtoolsœ, …}`. Any other value is read as its text, as before; one that
 * has none (a mapping whose `toString` is not a function) is read as ''.
 */
const HandleText = z.unknown().transform((handle) => {
  try {
    return String(handle ?? '')
  } catch {
    return ''
  }
})

const Edge = maybeObject({
  source: text(),
  target: text(),
  data: maybeObject({ targetHandle: maybeObject({ fieldName: text() }) }),
  targetHandle: HandleText,
})

const Graph = {
  nodes: looseArray(Node),
  edges: looseArray(Edge),
}
export type Graph = z.output<ReturnType<typeof maybeObject<typeof Graph>>>

export const LangflowExport = maybeObject({
  ...Graph,
  data: maybeObject(Graph),
  name: text(),
  description: nonBlank(),
  endpoint_name: nonBlank(),
  id: text(),
  access_type: text(),
  mcp_enabled: flag(),
})
export type LangflowExport = NonNullable<z.output<typeof LangflowExport>>

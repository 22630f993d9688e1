import { z } from 'zod'
import {
  count,
  indexedArray,
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
 * An OASF record as the AGNTCY Directory publishes it, tolerantly: it is
 * catalogue metadata that other tools wrote, so nothing in it is reported.
 * Entries of the wrong shape are left out and fields of the wrong type are
 * not stated; whether the file is a record at all is the mapping's call.
 */

/** A taxonomy skill: by name, or by category and class. */
const Skill = looseObject({
  name: text(),
  category_name: text(),
  class_name: text(),
  id: z.union([z.number(), text()]),
})
export type Skill = z.output<typeof Skill>

/** `env_vars`: a list of names (or `{name}`), or a map keyed by name. */
const EnvVars = z.union([
  z.array(
    z.union([
      looseObject({ name: text() }).transform(({ name }) => name),
      text(),
    ]),
  ),
  keys(),
])

/** How a client reaches an MCP server. */
const connection = {
  type: text(),
  command: text(),
  args: texts(),
  url: text(),
  env_vars: EnvVars,
  headers: maybeObject({}),
}
const Connection = looseObject(connection)
export type Connection = z.output<typeof Connection>

/** An MCP server; without `connections`, it holds its connection itself. */
const server = {
  ...connection,
  name: text(),
  connections: looseArray(Connection),
}
const Server = looseObject(server)
export type Server = z.output<typeof Server>

/** A module's `data` with the fields given; anything else reads as `{}`. */
function dataOf<T extends z.ZodRawShape>(
  shape: T,
): z.ZodType<z.output<z.ZodObject<T, z.core.$loose>>> {
  const empty = looseObject(shape)
  return maybeObject(shape).transform((data) => data ?? empty.parse({}))
}

/** MCP data: a list of servers, or one server in place. */
const McpData = dataOf({ ...server, servers: looseArray(Server) }).transform(
  ({ servers, ...data }) => ({
    kind: 'mcp' as const,
    servers: servers ?? [data],
  }),
)

/** The A2A card: embedded, or as a JSON string. */
const Card = looseObject({
  url: text(),
  supportedInterfaces: looseArray(looseObject({ url: text() })),
  securitySchemes: raw(),
})
export type Card = z.output<typeof Card>
/** A card, or undefined for anything else (a card is not required). */
const MaybeCard = z.union([Card, z.unknown().transform(() => undefined)])
const CardData = z.union([
  z
    .string()
    .transform((json): unknown => {
      try {
        return JSON.parse(json)
      } catch {
        return undefined
      }
    })
    .pipe(MaybeCard),
  MaybeCard,
])

const A2aData = dataOf({
  card_data: CardData,
  security_schemes: raw(),
}).transform(({ card_data: card, security_schemes }) => ({
  kind: 'a2a' as const,
  card,
  // The card's schemes, else the module's own (`??`: a card that states
  // schemes of the wrong shape states none).
  schemes:
    looseRecord(raw()).parse(card?.securitySchemes ?? security_schemes) ?? [],
}))

// Explicit fields, not a spread: the data's own keys (a `kind`, say) pass
// through the schema and must not overwrite the module's kind.
const FrameworkData = dataOf({ name: text(), version: text() }).transform(
  ({ name, version }) => ({ kind: 'framework' as const, name, version }),
)

/** A language model: the first of `models` when it is a mapping, else the data. */
const model = {
  model: text(),
  name: text(),
  provider: text(),
  temperature: count(),
}
const ModelData = dataOf({
  ...model,
  models: looseArray(raw()).transform((models) =>
    maybeObject(model).parse(models?.[0]),
  ),
}).transform(({ models, ...data }) => ({
  kind: 'model' as const,
  model: models ?? data,
}))

type ModuleData =
  | z.output<typeof McpData>
  | z.output<typeof A2aData>
  | z.output<typeof FrameworkData>
  | z.output<typeof ModelData>
  | { readonly kind: 'other' }

/** What a module's name says it is, and its data read accordingly. */
function moduleData(name: string, data: unknown): ModuleData {
  const key = name.toLowerCase()
  if (/(^|\/)mcp$/.test(key)) return McpData.parse(data)
  if (/(^|\/)a2a$/.test(key)) return A2aData.parse(data)
  if (key === 'runtime/framework') return FrameworkData.parse(data)
  if (key.startsWith('core/language_model') || key.startsWith('core/llm'))
    return ModelData.parse(data)
  return { kind: 'other' as const }
}

/** A module (`extensions[]` before 0.8); one without a name is left out. */
const Module = looseObject({ name: z.string().min(1), data: raw() }).transform(
  ({ name, data }) => moduleData(name, data),
)
export type Module = z.output<typeof Module> & { readonly index: number }
export type ModuleOf<K extends Module['kind']> = Extract<Module, { kind: K }>

const Locator = looseObject({ type: text(), url: text() })

export const OasfRecord = maybeObject({
  schema_version: text(),
  name: text(),
  description: text(),
  skills: looseArray(Skill),
  domains: looseArray(raw()),
  locators: looseArray(Locator),
  modules: indexedArray(Module),
  extensions: indexedArray(Module),
  signature: raw(),
})
export type OasfRecord = NonNullable<z.output<typeof OasfRecord>>

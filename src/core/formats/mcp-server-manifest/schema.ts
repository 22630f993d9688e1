import type { z } from 'zod'
import { flag, looseArray, maybeObject, raw, text } from '../../manifest/kit.js'

/**
 * The MCP registry's `server.json`, tolerantly: entries of `packages` and
 * `remotes` are kept in place (undefined when they are not mappings), so
 * that the mapping reports each one it cannot use on its own line; every
 * other field of the wrong type is not stated.
 */

/** The `$schema` of the registry's server.json, in any of its versions. */
export const REGISTRY_SCHEMA =
  /modelcontextprotocol\.io\/schemas\/[^"]*server[^"]*\.json/i

/**
 * A mapping whose fields may go by older names: drafts of server.json
 * spelled them in snake_case, and a package's `identifier` as `name`. A
 * field reads the first of its names that is set, even to a value of the
 * wrong type, so an older name never overrides a newer one that is there.
 */
function spelled<T extends z.ZodRawShape>(
  shape: T,
  names: { readonly [K in keyof T]?: readonly string[] },
): z.ZodType<z.output<z.ZodObject<T, z.core.$loose>> | undefined> {
  const object = maybeObject(shape)
  return maybeObject({}).transform((record) => {
    if (!record) return undefined
    const named: Record<string, unknown> = { ...record }
    for (const [field, older] of Object.entries(names) as Array<
      [string, readonly string[]]
    >)
      named[field] = [field, ...older]
        .map((name) => record[name])
        .find((value) => value !== undefined && value !== null)
    return object.parse(named)
  })
}

/** An environment variable or a header, kept when it has a name. */
const Variable = spelled(
  { name: text(), isSecret: flag(), isRequired: flag() },
  { isSecret: ['is_secret'], isRequired: ['is_required'] },
)
export type Variable = NonNullable<z.output<typeof Variable>> & {
  readonly name: string
}

const Variables = looseArray(Variable).transform((list) =>
  (list ?? []).filter((variable): variable is Variable =>
    Boolean(variable?.name),
  ),
)

const Package = spelled(
  {
    identifier: text(),
    // Registry types are compared in lower case: `NPM` is npm.
    registryType: text().transform((type) => type?.toLowerCase()),
    version: text(),
    transport: maybeObject({ type: text(), url: text(), headers: Variables }),
    transport_type: text(),
    runtimeHint: text(),
    environmentVariables: Variables,
    fileSha256: text(),
  },
  {
    identifier: ['name'],
    registryType: ['registry_type', 'registry_name'],
    runtimeHint: ['runtime_hint'],
    environmentVariables: ['environment_variables'],
    fileSha256: ['file_sha256'],
  },
)
export type Package = z.output<typeof Package>

const Remote = maybeObject({
  url: text(),
  type: text(),
  transport_type: text(),
  headers: Variables,
})
export type Remote = z.output<typeof Remote>

export const ServerJson = maybeObject({
  $schema: text(),
  /** Set in a JSON Schema document, which is not a server description. */
  properties: raw(),
  name: text(),
  title: text(),
  description: text(),
  packages: looseArray(Package),
  remotes: looseArray(Remote),
})
export type ServerJson = NonNullable<z.output<typeof ServerJson>>

import { createRequire } from 'node:module'
import { Ajv, type ValidateFunction } from 'ajv'

/**
 * GitHub's published OpenAPI description of api.github.com (from
 * @octokit/openapi), used to check that every request the fake server gets
 * is one GitHub knows: the method and path of an operation, path and query
 * parameters of the right types, and a JSON body that fits the operation's
 * schema. Responses the fake server sends are checked against the schema of
 * their status, where the description has one.
 */

interface Schema {
  readonly [key: string]: unknown
}
interface Parameter {
  readonly name: string
  readonly in: 'path' | 'query' | 'header' | 'cookie'
  readonly required?: boolean
  readonly schema?: Schema
}
interface Operation {
  readonly operationId: string
  readonly parameters?: ReadonlyArray<Parameter | { $ref: string }>
  readonly requestBody?: {
    readonly required?: boolean
    readonly content?: Record<string, { schema?: Schema }>
  }
  readonly responses: Record<
    string,
    { $ref?: string; content?: Record<string, { schema?: Schema }> }
  >
}
interface Description {
  readonly paths: Record<string, Record<string, Operation>>
  readonly components: Schema
}

const require = createRequire(import.meta.url)
const description =
  require('@octokit/openapi/generated/api.github.com.json') as Description

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head']

/** Every path template as a regular expression, most literal segments first. */
const routes = Object.keys(description.paths)
  .map((template) => {
    const names: string[] = []
    const pattern = template
      .split('/')
      .map((segment) =>
        segment.replace(
          /\{([^}]+)\}|[^{]+/g,
          (part, name: string | undefined) => {
            if (name === undefined)
              return part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')
            names.push(name)
            return '([^/]+)'
          },
        ),
      )
      .join('/')
    const literal = template
      .split('/')
      .filter((s) => s && !s.includes('{')).length
    return { template, names, regex: new RegExp(`^${pattern}$`), literal }
  })
  .sort((a, b) => b.literal - a.literal)

const bodies = new Ajv({
  strict: false,
  allErrors: true,
  validateFormats: false,
})
const params = new Ajv({
  strict: false,
  allErrors: true,
  validateFormats: false,
  coerceTypes: true,
})
for (const ajv of [bodies, params])
  ajv.addSchema({ components: description.components }, 'github')
const compiled = new Map<string, ValidateFunction>()

/** Local references point into the description registered as "github". */
function rebase(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(rebase)
  if (typeof schema !== 'object' || schema === null) return schema
  return Object.fromEntries(
    Object.entries(schema).map(([key, value]) => [
      key,
      key === '$ref' && typeof value === 'string' && value.startsWith('#/')
        ? `github${value}`
        : rebase(value),
    ]),
  )
}

function resolve<T>(value: T | { $ref: string }): T {
  if (typeof value === 'object' && value !== null && '$ref' in value) {
    const path = value.$ref.replace(/^#\//, '').split('/')
    let node: unknown = description
    for (const key of path)
      node = (node as Record<string, unknown>)[
        key.replace(/~1/g, '/').replace(/~0/g, '~')
      ]
    return node as T
  }
  return value
}

function validator(key: string, ajv: Ajv, schema: Schema): ValidateFunction {
  let validate = compiled.get(key)
  if (!validate) {
    validate = ajv.compile(rebase(schema) as Schema)
    compiled.set(key, validate)
  }
  return validate
}

function errorsOf(validate: ValidateFunction, data: unknown): string[] {
  return validate(data)
    ? []
    : (validate.errors ?? []).map(
        (e) => `${e.instancePath || '/'} ${e.message ?? ''}`,
      )
}

export interface MatchedOperation {
  readonly operationId: string
  readonly template: string
  readonly operation: Operation
  readonly pathParams: Record<string, string>
}

/** The operation for a method and path, or undefined when GitHub has none. */
export function findOperation(
  method: string,
  path: string,
): MatchedOperation | undefined {
  const verb = method.toLowerCase()
  if (!METHODS.includes(verb)) return undefined
  for (const route of routes) {
    const match = route.regex.exec(path)
    const operation = match
      ? description.paths[route.template]?.[verb]
      : undefined
    if (!match || !operation) continue
    const pathParams = Object.fromEntries(
      route.names.map((name, i) => [
        name,
        decodeURIComponent(match[i + 1] ?? ''),
      ]),
    )
    return {
      operationId: operation.operationId,
      template: route.template,
      operation,
      pathParams,
    }
  }
  return undefined
}

/** What is wrong with a request, as GitHub's description sees it; [] when nothing. */
export function requestProblems(
  method: string,
  url: URL,
  body: unknown,
  contentType: string | undefined,
): string[] {
  const found = findOperation(method, url.pathname)
  if (!found)
    return [`${method} ${url.pathname}: no such operation in GitHub's REST API`]
  const where = `${method} ${found.template} (${found.operationId})`
  const problems: string[] = []
  const parameters = (found.operation.parameters ?? []).map((p) =>
    resolve<Parameter>(p),
  )
  for (const p of parameters.filter((p) => p.in === 'path' && p.schema)) {
    const value = found.pathParams[p.name]
    const v = validator(`${found.operationId}:path:${p.name}`, params, {
      type: 'object',
      properties: { value: p.schema },
    })
    problems.push(
      ...errorsOf(v, { value }).map(
        (e) => `${where}: path parameter ${p.name}${e}`,
      ),
    )
  }
  const query = parameters.filter((p) => p.in === 'query')
  for (const [name, value] of url.searchParams) {
    const p = query.find((q) => q.name === name)
    if (!p) {
      problems.push(`${where}: unknown query parameter ${name}`)
      continue
    }
    if (!p.schema) continue
    const v = validator(`${found.operationId}:query:${name}`, params, {
      type: 'object',
      properties: { value: p.schema },
    })
    problems.push(
      ...errorsOf(v, { value }).map(
        (e) => `${where}: query parameter ${name}${e}`,
      ),
    )
  }
  const requestBody = found.operation.requestBody
  const schema = requestBody?.content?.['application/json']?.schema
  if (body === undefined) {
    if (requestBody?.required)
      problems.push(`${where}: the request body is required`)
  } else if (!schema) {
    problems.push(`${where}: takes no request body`)
  } else {
    if (!contentType?.startsWith('application/json'))
      problems.push(
        `${where}: content-type ${contentType ?? '(none)'} is not application/json`,
      )
    const v = validator(`${found.operationId}:body`, bodies, schema)
    problems.push(...errorsOf(v, body).map((e) => `${where}: body${e}`))
  }
  return problems
}

/** What is wrong with a response the fake sends, where the description has a schema for its status. */
export function responseProblems(
  method: string,
  url: URL,
  status: number,
  body: unknown,
): string[] {
  const found = findOperation(method, url.pathname)
  const response = found?.operation.responses[String(status)]
  if (!found || !response) return []
  const schema = resolve<{ content?: Record<string, { schema?: Schema }> }>(
    response as { $ref: string },
  ).content?.['application/json']?.schema
  if (!schema) return []
  const v = validator(`${found.operationId}:response:${status}`, bodies, schema)
  return errorsOf(v, body).map(
    (e) => `${method} ${found.template} → ${status}: response${e}`,
  )
}

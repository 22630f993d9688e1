import {
  checkWith,
  parseYamlDocument,
  type ParsedDocument,
} from '../../manifest/kit.js'
import { OpenApiPayload } from './schema-openapi.js'
import type { FunctionSpec } from './spec.js'

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const

/**
 * The operations of an inline OpenAPI schema (an action group's API
 * schema, as text), or undefined if it cannot be read. Each operation is
 * cited at the line of the payload; `x-requireConfirmation` is its
 * confirmation, and a GET is read-only.
 */
export function openApiFunctions(
  payload: string,
  file: string,
  line: number | undefined,
): FunctionSpec[] | undefined {
  let doc: ParsedDocument
  try {
    doc = parseYamlDocument(payload, file)
  } catch {
    return undefined
  }
  const read = checkWith(file, doc, OpenApiPayload)
  const paths = read.ok ? read.data?.paths : undefined
  if (!paths) return undefined
  const functions: FunctionSpec[] = []
  for (const [route, item] of paths) {
    for (const method of METHODS) {
      const operation = item?.[method]
      if (!operation) continue
      const confirmation = operation['x-requireConfirmation']
      functions.push({
        name: operation.operationId ?? `${method.toUpperCase()} ${route}`,
        description: operation.description ?? operation.summary,
        line,
        confirmation: { value: confirmation, line },
        readOnly: method === 'get' ? true : undefined,
        source: 'openapi',
      })
    }
  }
  return functions
}

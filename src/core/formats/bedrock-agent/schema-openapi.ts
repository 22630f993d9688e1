import { looseRecord, maybeObject, text } from '../../manifest/kit.js'

/** An inline OpenAPI schema (`ApiSchema.Payload`, `api_schema.payload`). */
const Operation = maybeObject({
  operationId: text(),
  description: text(),
  summary: text(),
  'x-requireConfirmation': text(),
})
export const OpenApiPayload = maybeObject({
  paths: looseRecord(
    maybeObject({
      get: Operation,
      post: Operation,
      put: Operation,
      patch: Operation,
      delete: Operation,
    }),
  ),
})

import { createRequire } from 'node:module'
import ajvDraft04 from 'ajv-draft-04'
import ajvFormats from 'ajv-formats'

/**
 * A validator for SARIF 2.1.0 logs. The schema is the one Microsoft's SARIF
 * SDK ships in @microsoft/jest-sarif (2.1.0-rtm.5, JSON Schema draft-04),
 * with formats (uri, uri-reference, date-time) checked too.
 */
const require = createRequire(import.meta.url)
// CommonJS modules whose default export is also their `default` property.
const Ajv04 = ajvDraft04.default
const addFormats = ajvFormats.default
const schema =
  require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json') as object

// The schema's language-tag pattern is not a valid unicode-mode RegExp.
const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false })
addFormats(ajv)
const validate = ajv.compile(schema)

/** The schema errors of a document, as readable lines; [] when it is valid. */
export function sarifErrors(document: unknown): string[] {
  if (validate(document)) return []
  return (validate.errors ?? []).map(
    (e) => `${e.instancePath || '/'} ${e.message ?? ''}`,
  )
}

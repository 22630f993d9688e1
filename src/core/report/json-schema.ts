import { z } from 'zod'
import {
  BASELINE_SCHEMA_ID,
  BaselineFileSchema,
} from '../diff/baseline-file.js'
import { POLICY_SCHEMA_ID, PolicySchema } from '../policy/schema.js'
import { REPORT_SCHEMA_ID, ReportSchema } from './schema.js'

/**
 * A published JSON Schema document for a zod schema. Input-side output keeps
 * objects open to added fields, which a schema version allows.
 */
export function jsonSchemaDocument(
  schema: z.ZodType,
  id: string,
  title: string,
): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' })
  return { $schema: json.$schema, $id: id, title, ...json }
}

export function reportJsonSchema(): Record<string, unknown> {
  return jsonSchemaDocument(
    ReportSchema,
    REPORT_SCHEMA_ID,
    'aivss-gate JSON report',
  )
}

export function policyJsonSchema(): Record<string, unknown> {
  return jsonSchemaDocument(
    PolicySchema,
    POLICY_SCHEMA_ID,
    'aivss-gate policy file',
  )
}

export function baselineJsonSchema(): Record<string, unknown> {
  return jsonSchemaDocument(
    BaselineFileSchema,
    BASELINE_SCHEMA_ID,
    'aivss-gate baseline file',
  )
}

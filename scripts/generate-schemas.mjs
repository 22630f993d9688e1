// Writes the published JSON Schemas from the zod schemas they document, so the
// two can never drift apart. Runs on the compiled core in lib/.
import { mkdirSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const { baselineJsonSchema, policyJsonSchema, reportJsonSchema } = await import(
  new URL('../lib/core/report/json-schema.js', import.meta.url)
)

mkdirSync(`${root}schema`, { recursive: true })
writeFileSync(
  `${root}schema/report.schema.json`,
  `${JSON.stringify(reportJsonSchema(), null, 2)}\n`,
)
writeFileSync(
  `${root}schema/policy.schema.json`,
  `${JSON.stringify(policyJsonSchema(), null, 2)}\n`,
)
writeFileSync(
  `${root}schema/baseline.schema.json`,
  `${JSON.stringify(baselineJsonSchema(), null, 2)}\n`,
)

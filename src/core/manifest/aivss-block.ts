import { z } from 'zod'
import { scoreCvssVector } from '../aivss/cvss.js'
import { FACTOR_IDS, type FactorId } from '../aivss/factors.js'
import { MITIGATION_LEVELS, THREAT_LEVELS } from '../aivss/multipliers.js'
import { errorMessage } from '../errors.js'
import type { DataPath, ParsedDocument } from '../parse/document.js'
import { validate } from '../parse/validate.js'
import type { Problem } from '../problems.js'
import type { DeclaredAivss } from '../profile/schema.js'

/**
 * The `aivss:` block: AIVSS data a team declares for an agent, in our own
 * descriptor, inside any other manifest, or in a `<manifest>.aivss.yml`
 * sidecar. Declared factor values replace estimates.
 */

const cvssVector = z.string().superRefine((vector, ctx) => {
  try {
    scoreCvssVector(vector)
  } catch (error) {
    ctx.addIssue({
      code: 'custom',
      message: `invalid CVSS v4.0 vector: ${errorMessage(error)}`,
    })
  }
})

const factorValue = z.number().min(0).max(1)

export const AivssBlockSchema = z
  .strictObject({
    factors: z.strictObject(
      Object.fromEntries(
        FACTOR_IDS.map((id) => [id, factorValue.optional()]),
      ) as Record<FactorId, z.ZodOptional<typeof factorValue>>,
    ),
    vulnerabilities: z.array(
      z.strictObject({ title: z.string().min(1), vector: cvssVector }),
    ),
    threatMultiplier: z.union([
      z.number().min(0).max(1),
      z.enum(THREAT_LEVELS),
    ]),
    mitigation: z.enum(MITIGATION_LEVELS),
    mitigationReason: z.string().min(1),
    baseline: z.union([z.literal('none'), cvssVector]),
  })
  .partial()
  .superRefine((block, ctx) => {
    if (
      block.mitigation &&
      block.mitigation !== 'none' &&
      !block.mitigationReason
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['mitigationReason'],
        message: `is required when mitigation is "${block.mitigation}": say which validated controls justify it`,
      })
    }
  })

export type AivssBlock = z.infer<typeof AivssBlockSchema>

const BLOCK_HELP =
  'The aivss block takes factors (ids: ' +
  FACTOR_IDS.join(', ') +
  '; values 0-1), vulnerabilities ({ title, vector } with CVSS v4.0 vectors), threatMultiplier (0-1 or attacked|poc|unreported), mitigation (none|partial|strong) with mitigationReason, and baseline (a CVSS v4.0 vector or none).'

/**
 * Reads the block at `path` of a document, if present. Problems name the
 * offending field; an invalid block declares nothing.
 */
export function readAivssBlock(
  doc: ParsedDocument,
  value: unknown,
  path: DataPath,
  file: string,
): { declared?: DeclaredAivss; problems: Problem[] } {
  if (value === undefined) return { problems: [] }
  const result = validate(AivssBlockSchema, value, {
    doc,
    file,
    basePath: path,
    help: BLOCK_HELP,
  })
  if (!result.ok) return { problems: result.problems }
  const block = result.data
  const factorSources: DeclaredAivss['factorSources'] = {}
  for (const id of Object.keys(block.factors ?? {}) as FactorId[]) {
    factorSources[id] = { file, line: doc.lineOf([...path, 'factors', id]) }
  }
  const declared: DeclaredAivss = {
    factors: { ...block.factors },
    factorSources,
    vulnerabilities: block.vulnerabilities ?? [],
    threatMultiplier: block.threatMultiplier,
    mitigation: block.mitigation,
    mitigationReason: block.mitigationReason,
    baseline: block.baseline,
    from: [file],
  }
  return { declared, problems: [] }
}

/**
 * Lays `extra` (a sidecar) over `base` (the manifest's own block): factors
 * and scalar settings from `extra` win, vulnerabilities accumulate.
 */
export function mergeDeclared(
  base: DeclaredAivss | undefined,
  extra: DeclaredAivss | undefined,
): DeclaredAivss | undefined {
  if (!base) return extra
  if (!extra) return base
  return {
    factors: { ...base.factors, ...extra.factors },
    factorSources: { ...base.factorSources, ...extra.factorSources },
    vulnerabilities: [...base.vulnerabilities, ...extra.vulnerabilities],
    threatMultiplier: extra.threatMultiplier ?? base.threatMultiplier,
    mitigation: extra.mitigation ?? base.mitigation,
    mitigationReason: extra.mitigation
      ? extra.mitigationReason
      : base.mitigationReason,
    baseline: extra.baseline ?? base.baseline,
    from: [...base.from, ...extra.from.filter((f) => !base.from.includes(f))],
  }
}

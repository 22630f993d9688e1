import { z } from 'zod'
import { scoreCvssVector } from '../aivss/cvss.js'
import { FACTOR_IDS, type FactorId } from '../aivss/factors.js'
import { MITIGATION_LEVELS, THREAT_LEVELS } from '../aivss/multipliers.js'
import { errorMessage } from '../errors.js'
import type { DataPath, ParsedDocument } from '../parse/document.js'
import { validate } from '../parse/validate.js'
import type { Problem } from '../problems.js'
import {
  CONTROLS,
  type AgentProfile,
  type Control,
  type DeclaredAivss,
} from '../profile/schema.js'

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
  const settingSources: NonNullable<DeclaredAivss['settingSources']> = {}
  for (const key of ['threatMultiplier', 'mitigation', 'baseline'] as const) {
    if (block[key] !== undefined)
      settingSources[key] = { file, line: doc.lineOf([...path, key]) }
  }
  const declared: DeclaredAivss = {
    factors: { ...block.factors },
    factorSources,
    vulnerabilities: block.vulnerabilities ?? [],
    threatMultiplier: block.threatMultiplier,
    mitigation: block.mitigation,
    mitigationReason: block.mitigationReason,
    baseline: block.baseline,
    settingSources,
    from: [file],
  }
  return { declared, problems: [] }
}

/**
 * Sets a control from the aivss layer (a sidecar's `controls`) and records
 * it as declared, with what the manifest itself said the first time a
 * declaration overrode it: the agent can then be scored from its manifest
 * alone, and a declaration the pull request adds can be told apart.
 */
export function declareControl(
  agent: AgentProfile,
  control: Control,
  value: boolean,
  file: string,
  line?: number,
): void {
  const earlier = agent.aivss?.controls?.[control]
  const native = earlier ? earlier.native : agent.controls[control]
  agent.controls[control] = value
  agent.aivss = mergeDeclared(agent.aivss, {
    ...emptyDeclaration(file),
    controls: { [control]: { value, native, file, line } },
  })
}

/**
 * A descriptor is the only description of its agent, so the safeguards it
 * states are all the author's claims: its `controls`, a tool's
 * `requiresApproval: true` or `readOnly: true`, `exposure.inputFiltering:
 * true`. What it says the agent can do (tools, memory, reach) is what the
 * agent is estimated from.
 */
export function declareDescriptorClaims(
  agent: AgentProfile,
  file: string,
  lineOf: (control: Control) => number | undefined = () => undefined,
): void {
  const stated = agent.controls
  agent.controls = {}
  for (const control of CONTROLS) {
    const value = stated[control]
    if (value !== undefined)
      declareControl(agent, control, value, file, lineOf(control))
  }
  const safeguards: Record<string, { file: string; line?: number }> = {}
  for (const tool of agent.tools) {
    const at = { file, line: tool.line }
    if (tool.requiresApproval === true)
      safeguards[toolSafeguardKey(tool.name, 'requiresApproval')] = at
    if (tool.readOnly === true)
      safeguards[toolSafeguardKey(tool.name, 'readOnly')] = at
  }
  if (agent.exposure.inputFiltering === true)
    safeguards[INPUT_FILTERING] = { file, line: agent.evidence.exposure }
  if (Object.keys(safeguards).length > 0)
    agent.aivss = mergeDeclared(agent.aivss, {
      ...emptyDeclaration(file),
      safeguards,
    })
}

/** The declaration key of a tool's safeguard: `tool.<name>.<flag>`. */
export function toolSafeguardKey(
  name: string,
  flag: 'requiresApproval' | 'readOnly',
): string {
  return `tool.${name}.${flag}`
}

export const INPUT_FILTERING = 'exposure.inputFiltering'

function emptyDeclaration(file: string): DeclaredAivss {
  return { factors: {}, factorSources: {}, vulnerabilities: [], from: [file] }
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
    settingSources: { ...base.settingSources, ...extra.settingSources },
    controls: mergeControls(base.controls, extra.controls),
    safeguards:
      base.safeguards || extra.safeguards
        ? { ...base.safeguards, ...extra.safeguards }
        : undefined,
    from: [...base.from, ...extra.from.filter((f) => !base.from.includes(f))],
  }
}

/** The later declaration of a control wins; what the manifest said stays the first one's. */
function mergeControls(
  base: DeclaredAivss['controls'],
  extra: DeclaredAivss['controls'],
): DeclaredAivss['controls'] {
  if (!base) return extra
  if (!extra) return base
  const merged = { ...base }
  for (const control of CONTROLS) {
    const later = extra[control]
    if (!later) continue
    const earlier = base[control]
    merged[control] = earlier ? { ...later, native: earlier.native } : later
  }
  return merged
}

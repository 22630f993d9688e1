import { z } from 'zod'
import { AIVSS_VERSIONS, FACTOR_IDS } from '../aivss/factors.js'
import { FACTOR_SCALES, type ScoringSettings } from '../aivss/settings.js'
import { resolveThreatMultiplier } from '../aivss/multipliers.js'
import { SEVERITIES } from '../aivss/severity.js'
import { ConfigurationError, ManifestError, errorMessage } from '../errors.js'
import { parseJsonDocument } from '../parse/document.js'
import { validate } from '../parse/validate.js'
import { CONTROLS, TOOL_KINDS } from '../profile/schema.js'
import { MAX_BASELINE_BYTES, readConfigFile } from '../policy/config-file.js'
import { byLocation, compareText, type AgentSnapshot } from './snapshot.js'

/**
 * The baseline file: the results of a revision, recorded to compare later
 * pull requests against when no git base is at hand. Small and
 * deterministic (agents in path order, keys in a fixed order, no dates or
 * lines), so it only changes in review when results do.
 */

export const BASELINE_SCHEMA_ID = 'urn:aivss-gate:schema:baseline:v1'
export const DEFAULT_BASELINE_FILE = '.github/aivss-baseline.json'

const score = z.number().min(0).max(10)

export const BaselineAgentSchema = z.strictObject({
  file: z.string().min(1).describe('Path relative to the scan root.'),
  name: z.string(),
  format: z.string().min(1),
  score,
  severity: z.enum(SEVERITIES),
  factors: z
    .partialRecord(z.enum(FACTOR_IDS), z.number().min(0).max(1))
    .describe('The ten factors of the recorded AIVSS version.'),
  tools: z.array(
    z.strictObject({ name: z.string(), kind: z.enum(TOOL_KINDS) }),
  ),
  allTools: z.boolean().optional(),
  controls: z.array(z.enum(CONTROLS)).describe('Controls in effect.'),
  declarations: z
    .record(z.string(), z.string())
    .optional()
    .describe(
      'Its aivss declarations (factor.<id>, control.<name>, threatMultiplier, mitigation, baseline) and their values; absent when none. Declarations a pull request adds or changes are claims under review.',
    ),
})

export const BaselineFileSchema = z.strictObject({
  $schema: z.string().optional(),
  version: z.literal(1),
  aivss: z.strictObject({
    version: z.enum(AIVSS_VERSIONS),
    scale: z.enum(FACTOR_SCALES),
    threatMultiplier: z.number().min(0).max(1),
    mitigationFromControls: z.boolean(),
  }),
  agents: z.array(BaselineAgentSchema),
})
export type BaselineFile = z.infer<typeof BaselineFileSchema>

export interface RecordedBaseline {
  readonly agents: readonly AgentSnapshot[]
  /** Why its scores may not compare with this run's, if they may not. */
  readonly notes: readonly string[]
}

/** The baseline file's text for these results. */
export function baselineFileText(
  agents: readonly AgentSnapshot[],
  settings: ScoringSettings,
): string {
  const file: BaselineFile = {
    $schema: BASELINE_SCHEMA_ID,
    version: 1,
    aivss: recordedSettings(settings),
    agents: [...agents]
      .sort((a, b) => byLocation({ ...a, line: 0 }, { ...b, line: 0 }))
      .map((a) => ({
        file: a.file,
        name: a.name,
        format: a.format,
        score: a.score,
        severity: a.severity,
        factors: Object.fromEntries(
          FACTOR_IDS.filter((id) => a.factors[id] !== undefined).map((id) => [
            id,
            a.factors[id],
          ]),
        ),
        tools: [
          ...new Map(
            a.tools.map((t) => [`${t.kind}\0${t.name}`, t] as const),
          ).values(),
        ]
          .map(({ name, kind }) => ({ name, kind }))
          .sort(
            (x, y) =>
              compareText(x.kind, y.kind) || compareText(x.name, y.name),
          ),
        ...(a.allTools ? { allTools: true } : {}),
        controls: [...a.controls],
        ...(a.declarations && Object.keys(a.declarations).length > 0
          ? { declarations: { ...a.declarations } }
          : {}),
      })),
  }
  return `${JSON.stringify(file, null, 2)}\n`
}

/**
 * Reads and validates a baseline file named by the caller: only a regular
 * file, within MAX_BASELINE_BYTES; a bad one is a configuration error.
 */
export function readBaselineFile(
  path: string,
  label: string,
  settings: ScoringSettings,
): RecordedBaseline {
  const read = readConfigFile(path, MAX_BASELINE_BYTES)
  if (!read.ok) throw unreadableBaseline(label, read.reason)
  return parseBaselineFile(read.text, label, settings)
}

export function unreadableBaseline(
  label: string,
  reason: string,
): ConfigurationError {
  return new ConfigurationError(
    `baseline file ${label} cannot be read: ${reason}`,
    {
      help: 'Record one with `aivss-gate baseline write [DIR]`, or give the path of an existing one.',
    },
  )
}

/** Validates a baseline file's text. Errors give positions, never its content. */
export function parseBaselineFile(
  text: string,
  label: string,
  settings: ScoringSettings,
): RecordedBaseline {
  let doc
  try {
    doc = parseJsonDocument(text, label)
  } catch (error) {
    const line = error instanceof ManifestError ? error.position.line : 1
    throw new ConfigurationError(
      `invalid baseline file ${label}:${line ?? 1}: ${errorMessage(error)}`,
    )
  }
  const result = validate(BaselineFileSchema, doc.value, {
    doc,
    file: label,
    quote: false,
  })
  if (!result.ok)
    throw new ConfigurationError(
      `invalid baseline file ${label}:\n  ${result.problems
        .map(
          (p) =>
            `${label}:${p.line ?? 1}: ${p.field ? `${p.field}: ` : ''}${p.message}`,
        )
        .join('\n  ')}`,
      {
        help: 'Record it again with `aivss-gate baseline write [DIR]`.',
      },
    )
  const data = result.data
  const now = recordedSettings(settings)
  const notes: string[] = []
  if (
    data.aivss.version !== now.version ||
    data.aivss.scale !== now.scale ||
    data.aivss.threatMultiplier !== now.threatMultiplier ||
    data.aivss.mitigationFromControls !== now.mitigationFromControls
  )
    notes.push(
      `the baseline was recorded with other scoring settings (${describeSettings(data.aivss)}) than this run's (${describeSettings(now)}): scores may differ for that reason alone`,
    )
  return {
    agents: data.agents.map((a) => ({
      file: a.file,
      name: a.name,
      format: a.format,
      score: a.score,
      severity: a.severity,
      factors: a.factors,
      tools: a.tools,
      allTools: a.allTools ?? false,
      controls: a.controls,
      // A file that records none says the agent declared nothing.
      declarations: a.declarations ?? {},
    })),
    notes,
  }
}

function recordedSettings(settings: ScoringSettings): BaselineFile['aivss'] {
  return {
    version: settings.version,
    scale: settings.scale,
    threatMultiplier: resolveThreatMultiplier(
      settings.threatMultiplier,
      settings.version,
    ),
    mitigationFromControls: settings.mitigationFromControls ?? false,
  }
}

function describeSettings(s: BaselineFile['aivss']): string {
  return `AIVSS v${s.version}, ${s.scale} factors, ThM ${s.threatMultiplier}, mitigation from controls ${s.mitigationFromControls ? 'on' : 'off'}`
}

import { z } from 'zod'
import { AIVSS_VERSIONS, FACTOR_IDS } from '../aivss/factors.js'
import { MITIGATION_LEVELS } from '../aivss/multipliers.js'
import { BASIS_KINDS } from '../assess/basis.js'
import { FACTOR_SCALES } from '../aivss/settings.js'
import { SEVERITIES } from '../aivss/severity.js'
import { CONTROLS, TOOL_KINDS } from '../profile/schema.js'

/**
 * The JSON report, versioned. `schema/report.schema.json` is generated from
 * this schema; consumers can rely on every field documented here. Fields are
 * only ever added within a schema version.
 */
export const REPORT_SCHEMA_VERSION = 1
export const REPORT_SCHEMA_ID = 'urn:aivss-gate:schema:report:v1'

const FactorMap = z
  .partialRecord(z.enum(FACTOR_IDS), z.number().min(0).max(1))
  .describe(
    'Factor id → value in [0, 1], for the ten factors of the pinned version.',
  )

const score = z.number().min(0).max(10)

function partialFields<T extends Record<string, z.ZodType>>(
  fields: T,
): { [K in keyof T]: z.ZodOptional<T[K]> } {
  return Object.fromEntries(
    Object.entries(fields).map(([key, field]) => [key, field.optional()]),
  ) as { [K in keyof T]: z.ZodOptional<T[K]> }
}
const severity = z.enum(SEVERITIES)

export const ReportProblemSchema = z.object({
  file: z.string(),
  line: z.number().int().optional(),
  column: z.number().int().optional(),
  field: z.string().optional().describe('Dotted path of the offending field.'),
  message: z.string(),
  help: z.string().optional().describe('What to do about it.'),
  level: z.enum(['error', 'warning']),
  unreadable: z
    .enum(['claimed', 'possible'])
    .optional()
    .describe(
      'An unreadable manifest: claimed (a format claims its path or recognised its content; manifest-errors counts it) or possible (a generic name; it counts where the base held agents in it).',
    ),
})

const THREAT_MULTIPLIER_SOURCES = [
  'declared',
  'vector',
  'settings',
  'default',
] as const

/** How one result was computed: what a reader needs to recompute it. */
const ResultInputsFields = {
  threatMultiplier: z
    .number()
    .describe('The threat multiplier this result used (ThM).'),
  threatMultiplierSource: z
    .enum(THREAT_MULTIPLIER_SOURCES)
    .describe(
      "declared by the agent (wins); vector: the vector's Exploit Maturity (E:A/P/U); settings: the policy or command line; default: PoC.",
    ),
  threatMultiplierReason: z
    .string()
    .describe('The same in words, e.g. "E:U in the vector (Unreported)".'),
  unusedMetrics: z
    .array(z.string())
    .describe(
      'Metrics the vector sets (not X) that the score does not use: C is the CVSS v4.0 base score.',
    ),
  unused: z
    .string()
    .optional()
    .describe(
      'The same in words, e.g. "CR, MSI not used: C is the base score".',
    ),
  inputs: z
    .string()
    .describe(
      "One line with C, F, ThM, MF (v0.8), where each came from, the version's formula with them, the exact value and the score.",
    ),
  aivssVector: z
    .string()
    .optional()
    .describe("v0.5: the result in the spec's notation, (CVSS:<C>/AARS:<F>)."),
}

export const ReportVulnerabilitySchema = z.object({
  title: z.string(),
  vector: z.string(),
  cvss: score,
  score,
  severity,
  ...ResultInputsFields,
})

export const ReportThreatSchema = z.object({
  label: z
    .string()
    .describe(
      'The published MAESTRO threat label (or a governance item on layer 6).',
    ),
  ids: z
    .array(z.string())
    .describe(
      'OWASP Agentic T&M ids with their version, and OWASP Agentic Top 10 2026 ids.',
    ),
  text: z
    .string()
    .describe('The evidence that fired and what it means for this agent.'),
  mitigations: z
    .array(z.string())
    .describe('Each marked (declared) or (missing).'),
  rule: z.string(),
})

export const ReportMaestroLayerSchema = z.object({
  layer: z.number().int().min(1).max(7),
  name: z.string(),
  pinned: z.boolean().describe('False: not certain from the manifest.'),
  pinnedBy: z
    .array(z.string())
    .describe('Manifest fields (with values and lines) that pinned the layer.'),
  summary: z.string(),
  threats: z.array(ReportThreatSchema),
  mitigationsPresent: z.array(z.string()),
  mitigationsMissing: z.array(z.string()),
})

export const ReportDeclarationsSchema = z
  .object({
    underReview: z
      .boolean()
      .describe(
        'Some claim was added or changed by the pull request (or the base could not be read) and does not count.',
      ),
    declaredScore: score.describe(
      'The headline score with every declaration (the agent score).',
    ),
    declaredSeverity: severity,
    estimatedScore: score.describe(
      'The headline score estimated from the manifest: every claim removed.',
    ),
    estimatedSeverity: severity,
    reviewedScore: score.describe(
      'The headline score without the claims under review (those on the base or in trusted files kept); the declared score when none is under review.',
    ),
    reviewedSeverity: severity,
    judgedOn: z
      .enum(['declared', 'estimate'])
      .optional()
      .describe(
        'What the policy rules were tested on: as declared, or without the claims under review.',
      ),
    reason: z
      .string()
      .optional()
      .describe(
        'Why every claim is under review, when the base could not be read.',
      ),
    claims: z
      .array(
        z.object({
          declaration: z
            .string()
            .describe(
              'factor.<id>, control.<name>, threatMultiplier, mitigation, baseline, or a descriptor safeguard: tool.<name>.requiresApproval, tool.<name>.readOnly, exposure.inputFiltering.',
            ),
          value: z.string().describe('The declared value.'),
          estimate: z
            .string()
            .describe('What the manifest alone gives instead.'),
          file: z.string().describe('Where it is declared.'),
          line: z.number().int().optional(),
          status: z
            .enum(['under-review', 'on-base', 'trusted', 'no-comparison'])
            .describe(
              'under-review: added or changed by the pull request, does not count; on-base: the base declares the same; trusted: in a trusted-declarations file; no-comparison: no base to compare with, taken as declared.',
            ),
        }),
      )
      .describe(
        'Declarations that lower a factor or the score below the estimate from the manifest.',
      ),
  })
  .describe(
    'Present when aivss declarations make the agent look safer than its manifest: both scores and the claims.',
  )

export const ReportAgentSchema = z.object({
  id: z.string().describe('Stable key: file#name.'),
  name: z.string(),
  description: z.string().optional(),
  file: z.string().describe('Path relative to the scan root.'),
  line: z.number().int().positive(),
  format: z.string(),
  parent: z
    .string()
    .optional()
    .describe('The agent that delegates to this one.'),
  model: z.string().optional(),
  factors: FactorMap,
  levels: z
    .partialRecord(
      z.enum(FACTOR_IDS),
      z.union([z.literal(0), z.literal(0.5), z.literal(1)]),
    )
    .describe('The rubric level (0, 0.5, 1) of each factor value.'),
  rationale: z
    .partialRecord(z.enum(FACTOR_IDS), z.string())
    .describe('Factor id → evidence for its value.'),
  declared: z
    .array(z.enum(FACTOR_IDS))
    .describe('Factors whose values were declared, not estimated.'),
  textDerived: z
    .array(z.enum(FACTOR_IDS))
    .describe(
      "Factors whose estimates the agent's own prose moved (description, instructions, skills), where no structured field spoke to them.",
    ),
  factorSum: z.number().min(0).max(10),
  threatMultiplier: z
    .number()
    .describe(
      "The agent's threat multiplier: the agent-only score's, and that of any vector without Exploit Maturity.",
    ),
  threatMultiplierSource: ResultInputsFields.threatMultiplierSource,
  threatMultiplierReason: ResultInputsFields.threatMultiplierReason,
  mitigation: z.object({
    level: z.enum(MITIGATION_LEVELS),
    factor: z.number(),
    reason: z.string(),
    source: z
      .enum(['declared', 'controls', 'default'])
      .describe(
        'Declared in aivss.mitigation, derived from declared controls, or the spec default.',
      ),
  }),
  score: score.describe('Headline AIVSS score.'),
  severity,
  basis: z
    .string()
    .describe(
      'What the headline score is, in words: AIVSS of a declared vulnerability, estimated from the manifest (baseline vector derived by aivss-gate), or agent-only (no vulnerability).',
    ),
  basisKind: z
    .enum(BASIS_KINDS)
    .describe(
      "declared-vulnerability: the spec's score of a vulnerability the agent declares; derived-baseline: aivss-gate's reference vulnerability with a vector derived from the manifest (the spec defines none); declared-baseline: that vector declared instead; agent-only: the formula with no vulnerability (C = 0; v0.5: the AARS), which the spec does not define as a score either.",
    ),
  inputs: ResultInputsFields.inputs.describe(
    "The headline's inputs in one line, to recompute it.",
  ),
  aivssVector: ResultInputsFields.aivssVector,
  agenticScore: score.describe('Agent-only score (no vulnerability, C = 0).'),
  agenticSeverity: severity,
  agenticInputs: ResultInputsFields.inputs.describe(
    "The agent-only score's inputs in one line.",
  ),
  baseline: z.object({
    vector: z.string().nullable(),
    cvss: score.nullable(),
    derived: z.boolean(),
    rationale: z.record(z.string(), z.string()),
    score: score
      .optional()
      .describe('The AIVSS of the baseline vector (absent with none).'),
    ...partialFields(ResultInputsFields),
  }),
  vulnerabilities: z.array(ReportVulnerabilitySchema),
  tools: z.array(z.object({ name: z.string(), kind: z.enum(TOOL_KINDS) })),
  allTools: z.boolean().describe('The manifest leaves the tool list open.'),
  subAgents: z.array(z.string()),
  memory: z.enum(['none', 'session', 'persistent', 'not stated']),
  controls: z
    .partialRecord(z.enum(CONTROLS), z.boolean())
    .describe('Control → declared true/false.'),
  controlsNotStated: z.array(z.enum(CONTROLS)),
  notes: z.array(z.string()),
  context: z
    .array(z.string())
    .describe('Prose files (AGENTS.md) that cover this agent.'),
  summary: z.string().describe('One-paragraph risk summary.'),
  maestro: z
    .array(ReportMaestroLayerSchema)
    .describe('MAESTRO layers 1–7, in order.'),
  maestroCrossLayer: z.array(
    ReportThreatSchema.extend({
      layers: z.array(z.number().int().min(1).max(7)),
    }),
  ),
  declarations: ReportDeclarationsSchema.optional(),
  policy: z
    .object({
      result: z.enum(['pass', 'warn', 'fail']),
      rules: z.array(
        z.object({
          rule: z.string(),
          outcome: z.enum(['pass', 'warn', 'fail', 'excepted']),
          message: z.string(),
          preExisting: z
            .literal(true)
            .optional()
            .describe(
              'The finding held on the base already and the change did not make the agent worse: reported, not judged (scope change).',
            ),
        }),
      ),
      unlisted: z
        .number()
        .int()
        .optional()
        .describe(
          'Rule outcomes left out of rules (findings first, then passes, at most 50 listed); the verdict counts them all.',
        ),
    })
    .optional()
    .describe('Each rule of the policy against this agent.'),
})

const verdict = z.enum(['pass', 'warn', 'fail'])

export const ReportViolationSchema = z.object({
  rule: z.string(),
  agent: z.string().optional(),
  file: z.string(),
  line: z.number().int().optional(),
  action: z.enum(['fail', 'warn']),
  message: z.string().describe('What was measured against what.'),
  description: z.string().optional(),
  preExisting: z
    .literal(true)
    .optional()
    .describe(
      'It held on the base already and the change did not make the agent worse: reported and counted, never failing (scope change).',
    ),
})

const ExceptionNoticeSchema = z.object({
  rule: z.string(),
  scope: z.string(),
  reason: z.string(),
  expires: z.string().optional(),
  source: z.string(),
  line: z.number().int().optional(),
  message: z.string(),
})

export const ReportPolicySchema = z.object({
  result: verdict,
  warnOnly: z
    .boolean()
    .describe('Failures are reported but do not fail the run.'),
  chain: z
    .array(z.string())
    .describe(
      'The policy file and the policies it extends, most derived first.',
    ),
  rules: z.array(
    z.object({
      id: z.string(),
      action: z.enum(['fail', 'warn']),
      description: z.string().optional(),
      source: z.string(),
    }),
  ),
  scope: z
    .enum(['change', 'all'])
    .describe(
      'change: only what the change introduced or made worse was judged (a change-scoped policy with a base); all: the whole inventory.',
    ),
  preExisting: z
    .object({ fail: z.number().int(), warn: z.number().int() })
    .describe(
      'Open findings that held on the base already, by the action of their rule: counted, not judged.',
    ),
  violations: z.array(ReportViolationSchema),
  excepted: z.array(
    ReportViolationSchema.extend({
      exception: z.object({
        reason: z.string(),
        expires: z.string().optional(),
        source: z.string(),
      }),
    }),
  ),
  expiredExceptions: z.array(ExceptionNoticeSchema),
  unusedExceptions: z.array(ExceptionNoticeSchema),
  unlisted: z
    .object({
      fail: z.number().int(),
      warn: z.number().int(),
      excepted: z.number().int(),
    })
    .optional()
    .describe(
      'Findings not listed in violations and excepted: at most 50 of each agent are; the verdict counts them all.',
    ),
  source: z
    .object({
      from: z
        .enum(['base', 'workspace', 'fallback'])
        .describe(
          "base: the policy, what it extends and the baseline file were read from the base commit; workspace: from the checkout (no pull request, or trust-pr-policy); fallback: the base could not be read, and the stricter of the head's policy (without its scan and scoring settings) and the default preset judged.",
        ),
      commit: z.string().optional().describe('The base commit read.'),
      reason: z.string().optional().describe('Why the base could not be read.'),
    })
    .optional()
    .describe('Where the configuration that judged the run came from.'),
  pending: z
    .object({
      files: z
        .array(
          z.object({
            path: z.string(),
            change: z.enum(['added', 'changed', 'removed']),
          }),
        )
        .describe(
          'Policy, extended and baseline files the pull request changes; they take effect after merge.',
        ),
      result: verdict
        .optional()
        .describe("What the head's version would decide, for information."),
      failures: z.number().int().optional(),
      warnings: z.number().int().optional(),
      error: z
        .string()
        .optional()
        .describe("Why the head's version does not load."),
    })
    .optional()
    .describe(
      "The pull request changes the configuration that judges it: the base's version judged, and this is what the head's would decide.",
    ),
})

const DeltaToolSchema = z.object({
  name: z.string(),
  kind: z.enum(TOOL_KINDS),
})

const UnapprovedTools = z
  .array(z.string())
  .optional()
  .describe(
    'Names of the new tools that change things with no human approving their calls (neither the tool nor the agent requires approval); absent when none.',
  )

const DeltaAgentRefSchema = z.object({
  id: z.string().describe('file#name, as in agents[].id.'),
  name: z.string(),
  file: z.string(),
  line: z
    .number()
    .int()
    .positive()
    .optional()
    .describe(
      'Absent for agents from a baseline file, which records no lines.',
    ),
})

const DeltaAgentSchema = DeltaAgentRefSchema.extend({
  format: z.string(),
  score,
  severity,
  tools: z.array(DeltaToolSchema),
  unapprovedTools: UnapprovedTools,
  allTools: z.boolean(),
  controls: z.array(z.enum(CONTROLS)).describe('Controls in effect.'),
})

function beforeAfter<T extends z.ZodType>(
  value: T,
): z.ZodObject<{ before: T; after: T }> {
  return z.object({ before: value, after: value })
}

export const ReportDeltaChangeSchema = DeltaAgentRefSchema.extend({
  format: z.string(),
  from: DeltaAgentRefSchema.optional().describe(
    'Where the agent was in the base, when it moved to another file.',
  ),
  score: z.object({
    before: score,
    after: score,
    change: z.number().describe('after − before, rounded to one decimal.'),
  }),
  severity: beforeAfter(severity),
  factors: z
    .array(
      z.object({
        id: z.enum(FACTOR_IDS),
        before: z.number().min(0).max(1),
        after: z.number().min(0).max(1),
        change: z.number(),
      }),
    )
    .describe('The factors whose value moved, in the canonical factor order.'),
  tools: z.object({
    added: z.array(DeltaToolSchema),
    removed: z.array(DeltaToolSchema),
  }),
  unapprovedTools: UnapprovedTools,
  controls: z.object({
    added: z.array(z.enum(CONTROLS)),
    removed: z
      .array(z.enum(CONTROLS))
      .describe('In effect in the base, not any more.'),
  }),
  allTools: beforeAfter(z.boolean())
    .optional()
    .describe('Set when the tool list was opened or closed.'),
  declarations: z
    .array(z.string())
    .optional()
    .describe(
      'aivss declarations (factor.<id>, control.<name>, threatMultiplier, mitigation, baseline) the pull request added, changed or removed.',
    ),
})

export const ReportDeltaSchema = z
  .object({
    available: z
      .boolean()
      .describe(
        'False: no base could be compared with (see reason); the lists are empty and ratchet conditions did not match.',
      ),
    base: z
      .object({
        kind: z.enum(['git', 'file']),
        ref: z.string().optional().describe('The ref as given, e.g. main.'),
        sha: z.string().optional().describe('The base commit.'),
        file: z.string().optional().describe('The baseline file.'),
      })
      .optional()
      .describe('What the head was compared with.'),
    reason: z
      .string()
      .optional()
      .describe('Why the comparison was not available.'),
    summary: z
      .string()
      .describe('One line, e.g. "2 agents changed, 1 added; 3 unchanged".'),
    added: z.array(DeltaAgentSchema).describe('Agents not in the base.'),
    removed: z
      .array(DeltaAgentSchema)
      .describe('Agents of the base that are gone.'),
    unreadable: z
      .array(
        DeltaAgentSchema.extend({
          reason: z.string().describe("Why the head's file could not be read."),
        }),
      )
      .optional()
      .describe(
        'Agents of the base whose file the head still has but cannot read (now unreadable, not removed); absent when none.',
      ),
    changed: z
      .array(ReportDeltaChangeSchema)
      .describe(
        'Agents whose score, band, factors, tools or controls changed (renamed ones included, with from).',
      ),
    renamed: z
      .array(
        z.object({
          from: DeltaAgentRefSchema,
          to: DeltaAgentRefSchema,
          detectedBy: z
            .enum(['git', 'profile'])
            .describe(
              "git: git's rename detection; profile: same name and format, closely matching profile.",
            ),
          changed: z.boolean().describe('Also listed in changed.'),
        }),
      )
      .describe('Agents that moved to another file.'),
    unchanged: z.number().int().describe('Agents with the same results.'),
    unchangedAgents: z.array(z.string()).describe('Their ids (file#name).'),
    notes: z
      .array(z.string())
      .describe('What to bear in mind, e.g. other scoring settings.'),
  })
  .describe(
    "What the pull request changed: the head's agents against the base's.",
  )

export const ReportSkillSchema = z.object({
  name: z.string(),
  description: z.string().optional(),
  file: z.string(),
  line: z.number().int().positive(),
  tools: z
    .array(z.object({ name: z.string(), kind: z.enum(TOOL_KINDS) }))
    .describe('What it allows, and its bundled scripts as code execution.'),
  scripts: z.array(z.object({ path: z.string(), language: z.string() })),
  loadedBy: z
    .array(z.string())
    .describe('The agents it is folded into (they gain its tools).'),
  risk: z
    .enum(['low', 'medium', 'high'])
    .describe(
      "aivss-gate's own rating of what the skill grants, not an AIVSS score: high for a shell, code execution or a bundled script; medium for writes, network, browser, database, email, payments or cloud administration; low otherwise.",
    ),
  riskReason: z.string(),
})

export const ReportSchema = z.object({
  $schema: z.string().optional(),
  schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
  tool: z.object({ name: z.literal('aivss-gate'), version: z.string() }),
  aivss: z.object({
    version: z.enum(AIVSS_VERSIONS),
    threatMultiplier: z
      .number()
      .describe(
        "Default threat multiplier of the run: an agent's declared one, or a vector's Exploit Maturity, takes its place (see each agent and vulnerability).",
      ),
    scale: z.enum(FACTOR_SCALES),
  }),
  summary: z.object({
    agents: z.number().int(),
    maxScore: score.nullable(),
    bySeverity: z.partialRecord(severity, z.number().int()),
    filesConsidered: z.number().int(),
    filesParsed: z.number().int(),
  }),
  policy: ReportPolicySchema.optional().describe(
    'The verdict of the policy, when one was applied.',
  ),
  delta: ReportDeltaSchema.optional().describe(
    'Present when the run compared with a base (or a policy needed one).',
  ),
  agents: z.array(ReportAgentSchema),
  skills: z
    .array(ReportSkillSchema)
    .default([])
    .describe(
      'Agent Skills (SKILL.md): never agents themselves, folded into the agents that load them.',
    ),
  errors: z
    .array(ReportProblemSchema)
    .describe('Manifests that could not be read, and files skipped.'),
})

export type Report = z.infer<typeof ReportSchema>
export type ReportAgent = z.infer<typeof ReportAgentSchema>
export type ReportSkill = z.infer<typeof ReportSkillSchema>
export type ReportDeclarations = z.infer<typeof ReportDeclarationsSchema>
export type ReportProblem = z.infer<typeof ReportProblemSchema>
export type ReportThreat = z.infer<typeof ReportThreatSchema>
export type ReportPolicy = z.infer<typeof ReportPolicySchema>
export type ReportMaestroLayer = z.infer<typeof ReportMaestroLayerSchema>
export type ReportDelta = z.infer<typeof ReportDeltaSchema>
export type ReportDeltaChange = z.infer<typeof ReportDeltaChangeSchema>

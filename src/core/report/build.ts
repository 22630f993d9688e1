import type { AgentAssessment, ResultInputs } from '../assess/assess-agent.js'
import {
  declarationReviewer,
  type DeclarationReview,
} from '../assess/review.js'
import { resolveThreatMultiplier } from '../aivss/multipliers.js'
import type { ScoringSettings } from '../aivss/settings.js'
import { SEVERITIES, type Severity } from '../aivss/severity.js'
import { CONTROLS, type Control } from '../profile/schema.js'
import type { ScanResult } from '../scan.js'
import { VERSION } from '../version.js'
import type { MaestroThreat } from '../maestro/threat-model.js'
import type { PolicyEvaluation } from '../policy/evaluate.js'
import type { ConfigSource, PendingFile } from '../policy/trust.js'
import type { BaseComparison } from '../diff/comparison.js'
import { reportDelta } from './delta.js'
import {
  REPORT_SCHEMA_ID,
  REPORT_SCHEMA_VERSION,
  type Report,
  type ReportAgent,
  type ReportDeclarations,
  type ReportPolicy,
  type ReportSkill,
  type ReportThreat,
} from './schema.js'

export interface PolicyInput {
  readonly evaluation: PolicyEvaluation
  readonly warnOnly: boolean
  /** Where the policy came from (see ReportPolicySchema.source). */
  readonly source?: ConfigSource | undefined
  /** Configuration the pull request changes, and what its version would decide. */
  readonly pending?:
    | {
        readonly files: readonly PendingFile[]
        readonly evaluation?: PolicyEvaluation | undefined
        readonly error?: string | undefined
      }
    | undefined
}

export interface ReportExtras {
  /** The comparison with the base, when the run made one. */
  readonly comparison?: BaseComparison | undefined
}

/** Turns a scan (and its policy verdict) into the report every renderer and the Action read. */
export function buildReport(
  result: ScanResult,
  settings: ScoringSettings,
  policy?: PolicyInput,
  extras: ReportExtras = {},
): Report {
  const verdicts = new Map(
    policy?.evaluation.agents.map((a) => [`${a.file}#${a.agent}#${a.line}`, a]),
  )
  const review = declarationReviewer(extras.comparison, [])
  const agents = result.assessments.map((assessment) => {
    const p = assessment.profile
    const verdict = verdicts.get(`${p.source.file}#${p.name}#${p.source.line}`)
    const declarations = verdict ? verdict.declarations : review(assessment)
    const agent = {
      ...reportAgent(assessment),
      ...(declarations
        ? {
            declarations: reportDeclarations(
              assessment,
              declarations,
              verdict?.judgedOn,
            ),
          }
        : {}),
    }
    return verdict
      ? {
          ...agent,
          policy: {
            result: verdict.result,
            rules: verdict.rules.map((r) => stripUndefined({ ...r })),
            ...(verdict.unlisted > 0 ? { unlisted: verdict.unlisted } : {}),
          },
        }
      : agent
  })
  const bySeverity: Partial<Record<Severity, number>> = {}
  for (const severity of SEVERITIES) {
    const count = agents.filter((a) => a.severity === severity).length
    if (count > 0) bySeverity[severity] = count
  }
  return {
    $schema: REPORT_SCHEMA_ID,
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'aivss-gate', version: VERSION },
    aivss: {
      version: settings.version,
      threatMultiplier: resolveThreatMultiplier(
        settings.threatMultiplier,
        settings.version,
      ),
      scale: settings.scale,
    },
    summary: {
      agents: agents.length,
      maxScore:
        // A loop, not Math.max(...scores): spreading a huge list overflows.
        agents.reduce<number | null>(
          (max, a) => (max === null || a.score > max ? a.score : max),
          null,
        ),
      bySeverity,
      filesConsidered: result.discovery.considered,
      filesParsed: result.parsed,
    },
    policy: policy ? reportPolicy(policy) : undefined,
    ...(extras.comparison ? { delta: reportDelta(extras.comparison) } : {}),
    agents,
    skills: result.skills.map(reportSkill),
    errors: result.problems.map((p) => stripUndefined({ ...p })),
  }
}

const HIGH_SKILL_KINDS = new Set(['shell', 'code-exec'])
const MEDIUM_SKILL_KINDS = new Set([
  'file-write',
  'network',
  'browser',
  'database',
  'email',
  'payments',
  'cloud-admin',
  'mcp-server',
])

function reportSkill(skill: ScanResult['skills'][number]): ReportSkill {
  const kinds = [...new Set(skill.tools.map((t) => t.kind))]
  const high = kinds.filter((k) => HIGH_SKILL_KINDS.has(k))
  const medium = kinds.filter((k) => MEDIUM_SKILL_KINDS.has(k))
  const risk = high.length > 0 ? 'high' : medium.length > 0 ? 'medium' : 'low'
  return stripUndefined({
    name: skill.name,
    description: skill.description,
    file: skill.file,
    line: skill.line,
    tools: skill.tools.map((t) => ({ name: t.name, kind: t.kind })),
    scripts: skill.scripts.map((s) => ({ ...s })),
    loadedBy: [...skill.loadedBy],
    risk,
    riskReason:
      risk === 'high'
        ? `it gives ${high.join(', ')}`
        : risk === 'medium'
          ? `it gives ${medium.join(', ')}`
          : kinds.length > 0
            ? `it gives only ${kinds.join(', ')}`
            : 'it grants no tool of its own',
  }) as ReportSkill
}

function reportAgent(assessment: AgentAssessment): ReportAgent {
  const { profile } = assessment
  const factors: ReportAgent['factors'] = {}
  const levels: ReportAgent['levels'] = {}
  const rationale: ReportAgent['rationale'] = {}
  for (const factor of assessment.factors) {
    factors[factor.id] = factor.value
    levels[factor.id] = factor.level
    rationale[factor.id] = factor.rationale
  }
  const controls: Partial<Record<Control, boolean>> = {}
  const controlsNotStated: Control[] = []
  for (const control of CONTROLS) {
    const value = profile.controls[control]
    if (value === undefined) controlsNotStated.push(control)
    else controls[control] = value
  }
  return stripUndefined({
    id: `${profile.source.file}#${profile.name}`,
    name: profile.name,
    description: profile.description,
    file: profile.source.file,
    line: profile.source.line,
    format: profile.format,
    parent: profile.parent,
    model: profile.model.name,
    factors,
    levels,
    rationale,
    declared: assessment.factors.filter((f) => f.declared).map((f) => f.id),
    textDerived: assessment.factors
      .filter((f) => f.textDerived)
      .map((f) => f.id),
    factorSum: assessment.factorSum,
    threatMultiplier: assessment.threatMultiplier.value,
    threatMultiplierSource: assessment.threatMultiplier.source,
    threatMultiplierReason: assessment.threatMultiplier.reason,
    mitigation: assessment.mitigation,
    score: assessment.score,
    severity: assessment.severity,
    basis: assessment.basis,
    basisKind: assessment.basisKind,
    inputs: assessment.headline.inputs,
    aivssVector: assessment.headline.aivssVector,
    agenticScore: assessment.agentic.score,
    agenticSeverity: assessment.agentic.severity,
    agenticInputs: assessment.agenticInputs.inputs,
    baseline: {
      vector: assessment.baseline.vector,
      cvss: assessment.baseline.cvss,
      derived: assessment.baseline.derived,
      rationale: assessment.baseline.rationale,
      score: assessment.baseline.result?.score,
      ...(assessment.baseline.scored
        ? reportInputs(assessment.baseline.scored)
        : {}),
    },
    vulnerabilities: assessment.vulnerabilities.map((v) => ({
      title: v.title,
      vector: v.vector,
      cvss: v.cvss,
      score: v.result.score,
      severity: v.result.severity,
      ...reportInputs(v.scored),
    })),
    tools: profile.tools.map((t) => ({ name: t.name, kind: t.kind })),
    allTools: profile.allTools === true,
    subAgents: profile.subAgents,
    memory: profile.memory.kind ?? 'not stated',
    controls,
    controlsNotStated,
    notes: profile.notes,
    context: profile.context,
    summary: assessment.summary,
    maestro: assessment.threatModel.layers.map((layer) => ({
      layer: layer.layer,
      name: layer.name,
      pinned: layer.pinned,
      pinnedBy: [...layer.pinnedBy],
      summary: layer.summary,
      threats: layer.threats.map(reportThreat),
      mitigationsPresent: [...layer.mitigationsPresent],
      mitigationsMissing: [...layer.mitigationsMissing],
    })),
    maestroCrossLayer: assessment.threatModel.crossLayer.map((t) => ({
      ...reportThreat(t),
      layers: [...t.layers],
    })),
  })
}

function reportDeclarations(
  assessment: AgentAssessment,
  review: DeclarationReview,
  judgedOn: 'declared' | 'estimate' | undefined,
): ReportDeclarations {
  return stripUndefined({
    underReview: review.underReview,
    declaredScore: assessment.score,
    declaredSeverity: assessment.severity,
    estimatedScore: review.estimate.score,
    estimatedSeverity: review.estimate.severity,
    reviewedScore: review.reviewed.score,
    reviewedSeverity: review.reviewed.severity,
    judgedOn,
    reason: review.reason,
    claims: review.claims.map((c) =>
      stripUndefined({
        declaration: c.key,
        value: c.value,
        estimate: c.estimate,
        file: c.file,
        line: c.line,
        status: c.status,
      }),
    ),
  })
}

function reportPolicy({
  evaluation,
  warnOnly,
  source,
  pending,
}: PolicyInput): ReportPolicy {
  const { unlisted } = evaluation
  const would = pending?.evaluation
  return {
    result: evaluation.result,
    warnOnly,
    chain: [...evaluation.chain],
    scope: evaluation.scope,
    preExisting: { ...evaluation.preExisting },
    rules: evaluation.rules.map((r) =>
      stripUndefined({
        id: r.id,
        action: r.action === 'fail' ? 'fail' : 'warn',
        description: r.description,
        source: r.source,
      }),
    ),
    violations: evaluation.violations.map((v) => stripUndefined({ ...v })),
    excepted: evaluation.excepted.map((v) =>
      stripUndefined({ ...v, exception: stripUndefined({ ...v.exception }) }),
    ),
    expiredExceptions: evaluation.expiredExceptions.map((n) =>
      stripUndefined({ ...n }),
    ),
    unusedExceptions: evaluation.unusedExceptions.map((n) =>
      stripUndefined({ ...n }),
    ),
    ...(unlisted.fail + unlisted.warn + unlisted.excepted > 0
      ? { unlisted: { ...unlisted } }
      : {}),
    ...(source ? { source: stripUndefined({ ...source }) } : {}),
    ...(pending
      ? {
          pending: stripUndefined({
            files: pending.files.map((f) => ({ ...f })),
            result: would?.result,
            failures: would && failureCount(would, 'fail'),
            warnings: would && failureCount(would, 'warn'),
            error: pending.error,
          }),
        }
      : {}),
  }
}

function failureCount(e: PolicyEvaluation, action: 'fail' | 'warn'): number {
  return (
    e.violations.filter((v) => v.action === action).length + e.unlisted[action]
  )
}

function reportThreat(threat: MaestroThreat): ReportThreat {
  return {
    label: threat.label,
    ids: [...threat.ids],
    text: threat.text,
    mitigations: [...threat.mitigations],
    rule: threat.rule,
  }
}

/** JSON output omits absent optional fields rather than writing null. */
function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined),
  ) as T
}

type ReportInputs = Pick<
  ReportAgent['vulnerabilities'][number],
  | 'threatMultiplier'
  | 'threatMultiplierSource'
  | 'threatMultiplierReason'
  | 'unusedMetrics'
  | 'unused'
  | 'inputs'
  | 'aivssVector'
>

/** How one result was computed, as the report writes it. */
function reportInputs(scored: ResultInputs): ReportInputs {
  return {
    threatMultiplier: scored.threatMultiplier.value,
    threatMultiplierSource: scored.threatMultiplier.source,
    threatMultiplierReason: scored.threatMultiplier.reason,
    unusedMetrics: [...scored.unusedMetrics],
    unused: scored.unused,
    inputs: scored.inputs,
    aivssVector: scored.aivssVector,
  }
}

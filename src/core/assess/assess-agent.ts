import { estimateFactors } from '../estimate/estimate.js'
import type { AgentProfile } from '../profile/schema.js'
import { buildThreatModel, type ThreatModel } from '../maestro/threat-model.js'
import { riskSummary } from '../maestro/summary.js'
import { ProfileFacts } from '../signals/signals.js'
import { deriveBaseline } from './baseline.js'
import {
  loweringClaims,
  withoutDeclarations,
  type DeclarationClaim,
} from './declarations.js'
import { declarationKeys } from './declaration-digest.js'
import { assessMitigation, type MitigationAssessment } from './mitigation.js'
import { scoreCvssVector } from '../aivss/cvss.js'
import {
  FACTOR_IDS,
  factorName,
  rubricLevel,
  VERSION_FACTORS,
  type FactorId,
  type RubricLevel,
} from '../aivss/factors.js'
import { computeAivss, type AivssResult } from '../aivss/formula.js'
import { resolveThreatMultiplier } from '../aivss/multipliers.js'
import type { ScoringSettings } from '../aivss/settings.js'
import type { Severity } from '../aivss/severity.js'

/**
 * Everything the reports say about one agent's score: each factor with its
 * evidence, the formula's inputs, and the resulting scores.
 */
export interface FactorAssessment {
  readonly id: FactorId
  readonly name: string
  readonly value: number
  readonly level: RubricLevel
  readonly rationale: string
  readonly declared: boolean
  readonly rules: readonly string[]
  /** The agent's prose, not its structure, set the value (see estimate.ts). */
  readonly textDerived: boolean
}

export interface BaselineAssessment {
  /** CVSS v4.0 vector of the agent's reference vulnerability, or null for none. */
  readonly vector: string | null
  readonly cvss: number | null
  /** Derived from the manifest (true) or declared / absent (false). */
  readonly derived: boolean
  /** Why each metric has its value, or why there is no vector. */
  readonly rationale: Readonly<Record<string, string>>
  readonly result?: AivssResult | undefined
}

export interface VulnerabilityAssessment {
  readonly title: string
  readonly vector: string
  readonly cvss: number
  readonly result: AivssResult
}

export interface AgentAssessment {
  readonly profile: AgentProfile
  /** The pinned version's ten factors, in that version's order. */
  readonly factors: readonly FactorAssessment[]
  /** All eleven factors, for reports that show the other version too. */
  readonly allFactors: Readonly<Record<FactorId, FactorAssessment>>
  /** Sum of the ten factors as scored (snapped when the scale is rubric). */
  readonly factorSum: number
  readonly threatMultiplier: {
    readonly value: number
    readonly source: 'declared' | 'settings' | 'default'
  }
  readonly mitigation: MitigationAssessment
  readonly agentic: AivssResult
  readonly baseline: BaselineAssessment
  readonly vulnerabilities: readonly VulnerabilityAssessment[]
  readonly score: number
  readonly severity: Severity
  /** What the headline score was computed from. */
  readonly basis: string
  /** MAESTRO's seven layers and the cross-layer combinations. */
  readonly threatModel: ThreatModel
  /** One paragraph: band, strongest drivers, what the controls cover. */
  readonly summary: string
  /** The settings it was scored with, to score it again without declarations. */
  readonly settings: ScoringSettings
  /**
   * Present when aivss declarations (the aivss block, sidecars, a
   * descriptor's controls and safeguards) lower a factor or the score below what the
   * manifest alone gives: those declarations, and the agent scored without
   * them.
   */
  readonly declarations?: DeclarationsAssessment | undefined
}

export interface DeclarationsAssessment {
  readonly claims: readonly DeclarationClaim[]
  /** The same agent with every claim removed: estimated from the manifest. */
  readonly estimate: AgentAssessment
}

export function assessAgent(
  profile: AgentProfile,
  settings: ScoringSettings,
): AgentAssessment {
  const declared = scoreProfile(profile, settings)
  const candidates = declarationKeys(profile)
  if (candidates.length === 0) return declared
  const estimate = scoreProfile(
    withoutDeclarations(profile, new Set(candidates)),
    settings,
    declared,
  )
  const claims = loweringClaims(declared, estimate)
  return claims.length === 0
    ? declared
    : { ...declared, declarations: { claims, estimate } }
}

/**
 * The agent scored again with the declarations named by `keys` removed,
 * never lower than as declared: what a policy judges when those
 * declarations are claims under review.
 */
export function assessWithout(
  assessment: AgentAssessment,
  keys: ReadonlySet<string>,
): AgentAssessment {
  const layer = assessment.declarations
  if (!layer || keys.size === 0) return assessment
  if (layer.claims.every((claim) => keys.has(claim.key))) return layer.estimate
  const { declarations: _layer, ...declared } = assessment
  return scoreProfile(
    withoutDeclarations(assessment.profile, keys),
    assessment.settings,
    declared,
  )
}

/**
 * Scores one profile. With `floor` (the same agent as declared), every
 * input of the formula is at least the floor's: a declaration that raised
 * a factor, the threat multiplier, the mitigation factor or the baseline
 * keeps raising it, so removing declarations never lowers a score.
 */
function scoreProfile(
  profile: AgentProfile,
  settings: ScoringSettings,
  floor?: AgentAssessment,
): AgentAssessment {
  // One set of facts per agent: every step below asks the same signals.
  const facts = new ProfileFacts(profile)
  const estimates = estimateFactors(profile, facts)
  const declared = profile.aivss
  const allFactors = {} as Record<FactorId, FactorAssessment>
  for (const id of FACTOR_IDS) {
    const declaredValue = declared?.factors[id]
    const source = declared?.factorSources[id]
    const value = declaredValue ?? estimates[id].value
    const floorFactor = floor?.allFactors[id]
    if (floorFactor && floorFactor.value > value) {
      allFactors[id] = floorFactor
      continue
    }
    allFactors[id] = {
      id,
      name: factorName(id, settings.version),
      value,
      level: rubricLevel(value),
      rationale:
        declaredValue !== undefined
          ? `declared in ${source?.file ?? 'the manifest'}${source?.line ? `:${source.line}` : ''}`
          : estimates[id].rationale,
      declared: declaredValue !== undefined,
      rules: declaredValue !== undefined ? [] : estimates[id].rules,
      textDerived: declaredValue === undefined && estimates[id].textDerived,
    }
  }
  const factors = VERSION_FACTORS[settings.version].map((id) => allFactors[id])
  const factorValues = factors.map((f) =>
    settings.scale === 'rubric' ? f.level : f.value,
  )

  const declaredThm = declared?.threatMultiplier
  const ownThreatMultiplier = {
    value: resolveThreatMultiplier(
      declaredThm ?? settings.threatMultiplier,
      settings.version,
    ),
    source:
      declaredThm !== undefined
        ? ('declared' as const)
        : settings.threatMultiplier !== undefined
          ? ('settings' as const)
          : ('default' as const),
  }
  const threatMultiplier =
    floor && floor.threatMultiplier.value > ownThreatMultiplier.value
      ? floor.threatMultiplier
      : ownThreatMultiplier
  const ownMitigation: MitigationAssessment =
    settings.version === '0.8'
      ? assessMitigation(
          profile,
          settings.mitigationFromControls ?? false,
          facts,
        )
      : {
          level: 'none',
          factor: 1,
          reason: 'AIVSS v0.5 has no mitigation factor',
          source: 'default',
        }
  const mitigation =
    floor && floor.mitigation.factor > ownMitigation.factor
      ? floor.mitigation
      : ownMitigation
  const score = (cvss?: number): AivssResult =>
    computeAivss({
      version: settings.version,
      cvss,
      factorValues,
      threatMultiplier: threatMultiplier.value,
      mitigationFactor: mitigation.factor,
    })

  const agentic = score()
  const ownBaseline = assessBaseline(profile, score, facts)
  const floorBaseline = floor
    ? rescoreBaseline(floor.baseline, score)
    : undefined
  const baseline =
    floorBaseline &&
    (floorBaseline.result ?? agentic).score >
      (ownBaseline.result ?? agentic).score
      ? floorBaseline
      : ownBaseline
  const vulnerabilities = (declared?.vulnerabilities ?? []).map((v) => {
    const cvss = scoreCvssVector(v.vector)
    return {
      title: v.title,
      vector: cvss.vector,
      cvss: cvss.score,
      result: score(cvss.score),
    }
  })

  let headline = baseline.result ?? agentic
  let basis = baseline.result
    ? `baseline vector (CVSS ${baseline.cvss?.toFixed(1) ?? ''})`
    : 'agent-only score'
  for (const v of vulnerabilities) {
    if (v.result.score > headline.score) {
      headline = v.result
      basis = `declared vulnerability "${v.title}" (CVSS ${v.cvss.toFixed(1)})`
    }
  }
  const assessment = {
    profile,
    settings,
    factors,
    allFactors,
    factorSum: agentic.factorSum,
    threatMultiplier,
    mitigation,
    agentic,
    baseline,
    vulnerabilities,
    score: headline.score,
    severity: headline.severity,
    basis,
    threatModel: buildThreatModel(profile, facts),
    summary: '',
  }
  return {
    ...assessment,
    summary: riskSummary(assessment, assessment.threatModel),
  }
}

/** Another assessment's baseline choice, scored with this one's inputs. */
function rescoreBaseline(
  baseline: BaselineAssessment,
  score: (cvss?: number) => AivssResult,
): BaselineAssessment {
  return baseline.cvss === null
    ? { ...baseline, result: undefined }
    : { ...baseline, result: score(baseline.cvss) }
}

function assessBaseline(
  profile: AgentProfile,
  score: (cvss?: number) => AivssResult,
  facts: ProfileFacts,
): BaselineAssessment {
  const declared = profile.aivss?.baseline
  const from = profile.aivss?.from.join(', ') ?? 'the manifest'
  if (declared === 'none') {
    return {
      vector: null,
      cvss: null,
      derived: false,
      rationale: {
        baseline: `declared none in ${from}: the headline is the agent-only score`,
      },
    }
  }
  if (declared !== undefined) {
    const cvss = scoreCvssVector(declared)
    return {
      vector: cvss.vector,
      cvss: cvss.score,
      derived: false,
      rationale: { baseline: `declared in ${from}` },
      result: score(cvss.score),
    }
  }
  const derived = deriveBaseline(profile, facts)
  const cvss = scoreCvssVector(derived.vector)
  return {
    vector: cvss.vector,
    cvss: cvss.score,
    derived: true,
    rationale: derived.rationale,
    result: score(cvss.score),
  }
}

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
import type { BasisKind } from './basis.js'
import { scoreCvssVector, type CvssResult } from '../aivss/cvss.js'
import { aivssVector, inputsLine } from '../aivss/explain.js'
import {
  FACTOR_IDS,
  factorName,
  rubricLevel,
  VERSION_FACTORS,
  type FactorId,
  type RubricLevel,
} from '../aivss/factors.js'
import { computeAivss, type AivssResult } from '../aivss/formula.js'
import {
  describeThreatMultiplier,
  resolveThreatMultiplier,
  vectorThreatMultiplier,
  type ThreatMultiplierChoice,
} from '../aivss/multipliers.js'
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

/** How one result was computed, in the terms a reader checks it by. */
export interface ResultInputs {
  readonly threatMultiplier: ThreatMultiplierChoice
  /** Metrics the vector sets that the score does not use (C is the base score). */
  readonly unusedMetrics: readonly string[]
  /** The same in words, e.g. "CR, MSI not used: C is the base score". */
  readonly unused?: string | undefined
  /** One line with every input and its source, to recompute the score. */
  readonly inputs: string
  /** v0.5's notation, (CVSS:<C>/AARS:<F>). */
  readonly aivssVector?: string | undefined
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
  /** With a vector: how its result was computed. */
  readonly scored?: ResultInputs | undefined
}

export interface VulnerabilityAssessment {
  readonly title: string
  readonly vector: string
  readonly cvss: number
  readonly result: AivssResult
  readonly scored: ResultInputs
}

export interface AgentAssessment {
  readonly profile: AgentProfile
  /** The pinned version's ten factors, in that version's order. */
  readonly factors: readonly FactorAssessment[]
  /** All eleven factors, for reports that show the other version too. */
  readonly allFactors: Readonly<Record<FactorId, FactorAssessment>>
  /** Sum of the ten factors as scored (snapped when the scale is rubric). */
  readonly factorSum: number
  /** The agent's multiplier: the agent-only score's, and a vector's without E. */
  readonly threatMultiplier: ThreatMultiplierChoice
  readonly mitigation: MitigationAssessment
  readonly agentic: AivssResult
  readonly agenticInputs: ResultInputs
  readonly baseline: BaselineAssessment
  readonly vulnerabilities: readonly VulnerabilityAssessment[]
  readonly score: number
  readonly severity: Severity
  /** What the headline score was computed from, in words. */
  readonly basis: string
  readonly basisKind: BasisKind
  /** The headline's inputs (its result's, of the baseline, a vulnerability or the agent alone). */
  readonly headline: ResultInputs
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
  const thmInput = declaredThm ?? settings.threatMultiplier
  const thmValue = resolveThreatMultiplier(thmInput, settings.version)
  const thmSource =
    declaredThm !== undefined
      ? ('declared' as const)
      : settings.threatMultiplier !== undefined
        ? ('settings' as const)
        : ('default' as const)
  const ownThreatMultiplier: ThreatMultiplierChoice = {
    value: thmValue,
    source: thmSource,
    reason: `${
      thmSource === 'declared'
        ? `declared in ${declaredAt(profile, 'threatMultiplier')}`
        : thmSource === 'settings'
          ? 'set by the policy'
          : 'the spec default'
    }: ${describeThreatMultiplier(thmValue, settings.version)}`,
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
  const factorsFrom = factorsSource(factors, settings)
  const mitigationFrom =
    mitigation.source === 'declared'
      ? `declared ${mitigation.level}`
      : mitigation.source === 'controls'
        ? 'partial, from declared controls, not validated'
        : 'no validated mitigation: the spec default'
  const score: ScoreVector = (cvss, cvssFrom) => {
    // Per vector, and against the floor per vector too: the floor's
    // declared multiplier must not stand in for this profile's E.
    const ownThm = vectorThreatMultiplier(
      ownThreatMultiplier,
      cvss?.exploitMaturity,
      settings.version,
    )
    const floorThm = floor
      ? vectorThreatMultiplier(
          floor.threatMultiplier,
          cvss?.exploitMaturity,
          settings.version,
        )
      : undefined
    const thm = floorThm && floorThm.value > ownThm.value ? floorThm : ownThm
    const inputs = {
      version: settings.version,
      cvss: cvss?.score,
      factorValues,
      threatMultiplier: thm.value,
      mitigationFactor: mitigation.factor,
    }
    const result = computeAivss(inputs)
    const unusedMetrics = (cvss?.ignoredMetrics ?? []).filter(
      (id) => !(id === 'E' && thm.source === 'vector'),
    )
    const eOverruled =
      cvss?.exploitMaturity !== undefined && thm.source === 'declared'
    return {
      result,
      scored: {
        threatMultiplier: thm,
        unusedMetrics,
        unused:
          unusedMetrics.length === 0
            ? undefined
            : `${unusedMetrics.join(', ')} not used: C is the base score${eOverruled ? ', and the declared threat multiplier takes the place of E' : ''}`,
        inputs: inputsLine(inputs, result, {
          cvss: cvssFrom,
          factors: factorsFrom,
          threatMultiplier: thm.reason,
          mitigation: mitigationFrom,
        }),
        aivssVector:
          settings.version === '0.5' && cvss !== undefined
            ? aivssVector(cvss.score, result.factorSum)
            : undefined,
      },
    }
  }

  const agentOnly = score(undefined, undefined)
  const agentic = agentOnly.result
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
      ...score(cvss, `declared vulnerability "${v.title}"`),
    }
  })

  const version = `AIVSS v${settings.version}`
  let headline: AivssResult = agentic
  let headlineInputs: ResultInputs = agentOnly.scored
  let basisKind: BasisKind = 'agent-only'
  let basis = `agent-only (no vulnerability): ${version} with C = 0${settings.version === '0.5' ? ', the AARS itself' : ''}`
  if (baseline.result && baseline.scored) {
    // v0.5 averages C with the factor sum, so a baseline below the sum
    // would pull the headline under the agent's own AARS: the higher stands.
    if (baseline.result.score >= agentic.score) {
      headline = baseline.result
      headlineInputs = baseline.scored
      basisKind = baseline.derived ? 'derived-baseline' : 'declared-baseline'
      basis = baseline.derived
        ? `estimated from the manifest (baseline vector derived by aivss-gate, CVSS ${formatC(baseline.cvss)}): ${version}`
        : `${version} of the baseline vector declared in ${declaredAt(profile, 'baseline')} (CVSS ${formatC(baseline.cvss)})`
    }
  }
  for (const v of vulnerabilities) {
    if (v.result.score > headline.score) {
      headline = v.result
      headlineInputs = v.scored
      basisKind = 'declared-vulnerability'
      basis = `${version} of the declared vulnerability "${v.title}" (CVSS ${v.cvss.toFixed(1)})`
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
    agenticInputs: agentOnly.scored,
    baseline,
    vulnerabilities,
    score: headline.score,
    severity: headline.severity,
    basis,
    basisKind,
    headline: headlineInputs,
    threatModel: buildThreatModel(profile, facts),
    summary: '',
  }
  return {
    ...assessment,
    summary: riskSummary(assessment, assessment.threatModel),
  }
}

type ScoreVector = (
  cvss: CvssResult | undefined,
  cvssFrom: string | undefined,
) => { readonly result: AivssResult; readonly scored: ResultInputs }

function formatC(cvss: number | null): string {
  return (cvss ?? 0).toFixed(1)
}

/** "file:line" of a declared setting, or the files the declarations came from. */
function declaredAt(
  profile: AgentProfile,
  setting: 'threatMultiplier' | 'mitigation' | 'baseline',
): string {
  const source = profile.aivss?.settingSources?.[setting]
  if (source) return `${source.file}${source.line ? `:${source.line}` : ''}`
  return profile.aivss?.from.join(', ') ?? 'the manifest'
}

/** Where F came from: how many of the ten factors were declared. */
function factorsSource(
  factors: readonly FactorAssessment[],
  settings: ScoringSettings,
): string {
  const declared = factors.filter((f) => f.declared).length
  const what =
    declared === 0
      ? 'estimated from the manifest'
      : declared === factors.length
        ? 'all declared'
        : `${declared} declared, ${factors.length - declared} estimated from the manifest`
  return `sum of the ten v${settings.version} factors, ${what}${settings.scale === 'rubric' ? ', snapped to 0/0.5/1' : ''}`
}

/** Another assessment's baseline choice, scored with this one's inputs. */
function rescoreBaseline(
  baseline: BaselineAssessment,
  score: ScoreVector,
): BaselineAssessment {
  if (baseline.vector === null)
    return { ...baseline, result: undefined, scored: undefined }
  return {
    ...baseline,
    ...score(scoreCvssVector(baseline.vector), baselineFrom(baseline)),
  }
}

function baselineFrom(baseline: BaselineAssessment): string {
  return baseline.derived
    ? 'baseline vector derived by aivss-gate'
    : `baseline vector ${baseline.rationale.baseline ?? 'declared'}`
}

function assessBaseline(
  profile: AgentProfile,
  score: ScoreVector,
  facts: ProfileFacts,
): BaselineAssessment {
  const declared = profile.aivss?.baseline
  const from = declaredAt(profile, 'baseline')
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
      ...score(cvss, `baseline vector declared in ${from}`),
    }
  }
  const derived = deriveBaseline(profile, facts)
  const cvss = scoreCvssVector(derived.vector)
  return {
    vector: cvss.vector,
    cvss: cvss.score,
    derived: true,
    rationale: derived.rationale,
    ...score(cvss, 'baseline vector derived by aivss-gate'),
  }
}

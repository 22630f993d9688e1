import {
  isSpecThreatMultiplier,
  threatMultiplierSet,
} from '../aivss/multipliers.js'
import type { ScoringSettings } from '../aivss/settings.js'
import type { Problem } from '../problems.js'
import type { AgentAssessment } from './assess-agent.js'

/**
 * Threat multipliers the spec does not define. Each AIVSS version has three
 * (Attacked, PoC, Unreported); any other number is the declarer's own, so it
 * is used as declared and reported, never taken silently: a warning, or an
 * error where the policy asks (strict), which `manifest-errors` then judges.
 */
export function offSpecThreatMultipliers(
  assessments: readonly AgentAssessment[],
  settings: ScoringSettings,
): Problem[] {
  const problems = new Map<string, Problem>()
  for (const assessment of assessments) {
    const { profile } = assessment
    const declared = profile.aivss?.threatMultiplier
    if (typeof declared !== 'number') continue
    if (isSpecThreatMultiplier(declared, settings.version)) continue
    const source = profile.aivss?.settingSources?.threatMultiplier
    const file = source?.file ?? profile.source.file
    const line = source?.line ?? profile.source.line
    const key = `${file}:${line}`
    if (problems.has(key)) continue
    problems.set(key, {
      ...offSpecProblem(declared, settings),
      file,
      line,
      field: 'aivss.threatMultiplier',
    })
  }
  return [...problems.values()]
}

/** The run's own multiplier (policy or command line), checked the same way. */
export function offSpecSetting(
  settings: ScoringSettings,
  where: string,
): Problem | undefined {
  const value = settings.threatMultiplier
  if (typeof value !== 'number') return undefined
  if (isSpecThreatMultiplier(value, settings.version)) return undefined
  return {
    ...offSpecProblem(value, settings),
    file: where,
    field: 'aivss.threat-multiplier',
  }
}

function offSpecProblem(
  value: number,
  settings: ScoringSettings,
): Pick<Problem, 'message' | 'help' | 'level'> {
  return {
    message: `threat multiplier ${value} is not one of AIVSS v${settings.version}'s values, ${threatMultiplierSet(settings.version)}; ${value} is used as declared`,
    help: 'Write attacked, poc or unreported (the exploit maturity of the threat), or leave it out: a vulnerability vector sets it from its E metric, and PoC (0.97) is the default.',
    level: settings.offSpecThreatMultiplier === 'error' ? 'error' : 'warning',
  }
}

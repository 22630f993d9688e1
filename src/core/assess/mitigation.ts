import {
  MITIGATION_FACTORS,
  type MitigationLevel,
} from '../aivss/multipliers.js'
import type { AgentProfile } from '../profile/schema.js'
import { ProfileFacts, type SignalId } from '../signals/signals.js'

/**
 * The v0.8 mitigation factor. `strong` (0.67) only when a team declares it,
 * with a reason. `partial` (0.83) when declared, or — if the policy lets
 * declared controls count — when its declared controls leave no main risk
 * open: they cover each one, or none applies. Otherwise 1.00, the spec's
 * default. The report always says
 * which and why.
 */

export interface MainRisk {
  readonly id: string
  /** The risk applies when any of these signals fires. */
  readonly appliesWhen: readonly SignalId[]
  /** It is covered when any of these fires. */
  readonly coveredBy: readonly SignalId[]
  readonly risk: string
  readonly control: string
}

export const MAIN_RISKS: readonly MainRisk[] = [
  {
    id: 'untrusted-input',
    appliesWhen: [
      'exposure.public',
      'exposure.channel',
      'exposure.untrusted',
      'tools.context',
    ],
    coveredBy: ['control.guardrails', 'exposure.structured'],
    risk: 'untrusted input can steer it',
    control: 'guardrails or input filtering',
  },
  {
    id: 'code-execution',
    appliesWhen: ['tools.code'],
    coveredBy: ['control.sandbox'],
    risk: 'it runs code',
    control: 'a sandbox',
  },
  {
    id: 'high-authority-tools',
    appliesWhen: ['tools.highAuthority'],
    coveredBy: ['control.humanApproval', 'tools.allApproved'],
    risk: 'it holds high-authority tools',
    control: 'human approval on them',
  },
]

export interface MitigationAssessment {
  readonly level: MitigationLevel
  readonly factor: number
  readonly reason: string
  readonly source: 'declared' | 'controls' | 'default'
}

export function assessMitigation(
  profile: AgentProfile,
  fromControls: boolean,
  given?: ProfileFacts,
): MitigationAssessment {
  const declared = profile.aivss?.mitigation
  if (declared !== undefined) {
    return {
      level: declared,
      factor: MITIGATION_FACTORS[declared],
      reason:
        declared === 'none'
          ? `declared none in ${profile.aivss?.from.join(', ') ?? 'the manifest'}`
          : `declared ${declared}: ${profile.aivss?.mitigationReason ?? ''}`,
      source: 'declared',
    }
  }
  const none = (reason: string): MitigationAssessment => ({
    level: 'none',
    factor: 1,
    reason,
    source: 'default',
  })
  if (!fromControls)
    return none(
      'no validated mitigation declared (the spec default; the policy does not let declared controls count)',
    )
  const facts = given ?? new ProfileFacts(profile)
  const fires = (signals: readonly SignalId[]): boolean =>
    signals.some((id) => facts.signal(id) !== undefined)
  const applicable = MAIN_RISKS.filter((risk) => fires(risk.appliesWhen))
  if (applicable.length === 0) {
    // Less capability must never score higher: an agent whose declared
    // controls covered a risk keeps the partial factor when the risk goes
    // away. With no control declared, the spec's default stands.
    const declared = [
      ...new Set(
        MAIN_RISKS.flatMap((risk) => risk.coveredBy).filter(
          (id) => facts.signal(id) !== undefined,
        ),
      ),
    ]
    if (declared.length === 0)
      return none(
        'no validated mitigation declared, and no main risk for declared controls to cover',
      )
    return {
      level: 'partial',
      factor: MITIGATION_FACTORS.partial,
      reason: `partial, from declared controls, not validated (${declared
        .map((id) => id.replace(/^[a-z]+\./, ''))
        .join(', ')}): none of its main risks is left open`,
      source: 'controls',
    }
  }
  const uncovered = applicable.filter((risk) => !fires(risk.coveredBy))
  if (uncovered.length > 0) {
    return none(
      `no validated mitigation declared; declared controls leave risks open: ${uncovered
        .map((risk) => `${risk.risk} without ${risk.control}`)
        .join('; ')}`,
    )
  }
  return {
    level: 'partial',
    factor: MITIGATION_FACTORS.partial,
    reason: `partial, from declared controls, not validated, that cover its main risks: ${applicable
      .map((risk) => `${risk.risk} (${risk.control} declared)`)
      .join('; ')}`,
    source: 'controls',
  }
}

import type { AivssVersion } from './factors.js'

export const THREAT_LEVELS = ['attacked', 'poc', 'unreported'] as const
export type ThreatLevel = (typeof THREAT_LEVELS)[number]

/** Threat multiplier per exploit maturity; "unreported" differs by version. */
export const THREAT_MULTIPLIERS: Readonly<
  Record<AivssVersion, Readonly<Record<ThreatLevel, number>>>
> = {
  '0.8': { attacked: 1, poc: 0.97, unreported: 0.5 },
  '0.5': { attacked: 1, poc: 0.97, unreported: 0.91 },
}

export const DEFAULT_THREAT_LEVEL: ThreatLevel = 'poc'

const LEVEL_NAMES: Readonly<Record<ThreatLevel, string>> = {
  attacked: 'Attacked',
  poc: 'PoC',
  unreported: 'Unreported',
}

/**
 * CVSS v4.0 Exploit Maturity → threat level. v0.5 §4.1.4–4.1.5 derive the
 * multiplier from E, and v0.8 Table 4a keys it by the same three levels.
 * E:X (not defined) is absent here: the default applies.
 */
export const EXPLOIT_MATURITY_LEVELS: Readonly<Record<string, ThreatLevel>> = {
  A: 'attacked',
  P: 'poc',
  U: 'unreported',
}

export type ThreatMultiplierInput = number | ThreatLevel

export function resolveThreatMultiplier(
  input: ThreatMultiplierInput | undefined,
  version: AivssVersion,
): number {
  if (input === undefined)
    return THREAT_MULTIPLIERS[version][DEFAULT_THREAT_LEVEL]
  return typeof input === 'number' ? input : THREAT_MULTIPLIERS[version][input]
}

/** Whether a multiplier is one of the version's three values. */
export function isSpecThreatMultiplier(
  value: number,
  version: AivssVersion,
): boolean {
  return THREAT_LEVELS.some(
    (level) => THREAT_MULTIPLIERS[version][level] === value,
  )
}

/** The version's set, as a reader checks a value against it. */
export function threatMultiplierSet(version: AivssVersion): string {
  return THREAT_LEVELS.map(
    (level) =>
      `${THREAT_MULTIPLIERS[version][level].toFixed(2)} (${LEVEL_NAMES[level]})`,
  ).join(', ')
}

/** "0.97 (PoC)", or the bare value when it is off the version's set. */
export function describeThreatMultiplier(
  value: number,
  version: AivssVersion,
): string {
  const level = THREAT_LEVELS.find(
    (l) => THREAT_MULTIPLIERS[version][l] === value,
  )
  return level
    ? `${value.toFixed(2)} ${LEVEL_NAMES[level]}`
    : `${value} (not one of AIVSS v${version}'s values)`
}

/** Where a result's threat multiplier came from. */
export type ThreatMultiplierSource =
  'declared' | 'vector' | 'settings' | 'default'

export interface ThreatMultiplierChoice {
  readonly value: number
  readonly source: ThreatMultiplierSource
  /** In words, e.g. "E:U in the vector" or "default (PoC)". */
  readonly reason: string
}

/**
 * The multiplier of one scored vector: a multiplier the agent declares
 * wins; then the vector's own Exploit Maturity; then the run's setting or
 * the spec's default (PoC), which the agent-only score uses too.
 */
export function vectorThreatMultiplier(
  agent: ThreatMultiplierChoice,
  exploitMaturity: string | undefined,
  version: AivssVersion,
): ThreatMultiplierChoice {
  if (agent.source === 'declared') return agent
  const level =
    exploitMaturity === undefined
      ? undefined
      : EXPLOIT_MATURITY_LEVELS[exploitMaturity]
  if (level === undefined) return agent
  return {
    value: THREAT_MULTIPLIERS[version][level],
    source: 'vector',
    reason: `E:${exploitMaturity} in the vector (${LEVEL_NAMES[level]})`,
  }
}

export const MITIGATION_LEVELS = ['none', 'partial', 'strong'] as const
export type MitigationLevel = (typeof MITIGATION_LEVELS)[number]

/** v0.8 Table 4b; v0.5 has no mitigation factor. */
export const MITIGATION_FACTORS: Readonly<Record<MitigationLevel, number>> = {
  none: 1,
  partial: 0.83,
  strong: 0.67,
}

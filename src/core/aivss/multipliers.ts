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

export type ThreatMultiplierInput = number | ThreatLevel

export function resolveThreatMultiplier(
  input: ThreatMultiplierInput | undefined,
  version: AivssVersion,
): number {
  if (input === undefined)
    return THREAT_MULTIPLIERS[version][DEFAULT_THREAT_LEVEL]
  return typeof input === 'number' ? input : THREAT_MULTIPLIERS[version][input]
}

export const MITIGATION_LEVELS = ['none', 'partial', 'strong'] as const
export type MitigationLevel = (typeof MITIGATION_LEVELS)[number]

/** v0.8 Table 4b; v0.5 has no mitigation factor. */
export const MITIGATION_FACTORS: Readonly<Record<MitigationLevel, number>> = {
  none: 1,
  partial: 0.83,
  strong: 0.67,
}

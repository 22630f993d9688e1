import type { AivssVersion } from '../aivss/factors.js'
import type { ThreatMultiplierInput } from '../aivss/multipliers.js'
import {
  DEFAULT_SCORING,
  type FactorScale,
  type ScoringSettings,
} from '../aivss/settings.js'
import type { ResolvedPolicy } from './load.js'

/**
 * Scoring settings: the command line (or Action inputs) over the policy file
 * over aivss-gate's defaults.
 */
export function scoringSettings(
  policy: ResolvedPolicy,
  overrides: {
    readonly version?: AivssVersion | undefined
    readonly threatMultiplier?: ThreatMultiplierInput | undefined
    readonly scale?: FactorScale | undefined
  } = {},
): ScoringSettings {
  return {
    version:
      overrides.version ?? policy.aivss.version ?? DEFAULT_SCORING.version,
    threatMultiplier:
      overrides.threatMultiplier ?? policy.aivss['threat-multiplier'],
    scale:
      overrides.scale ?? policy.aivss['factor-scale'] ?? DEFAULT_SCORING.scale,
    mitigationFromControls: policy.aivss['mitigation-from-controls'] ?? false,
    offSpecThreatMultiplier:
      policy.aivss['off-spec-threat-multiplier'] ?? 'warn',
  }
}

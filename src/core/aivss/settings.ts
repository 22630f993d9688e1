import { DEFAULT_AIVSS_VERSION, type AivssVersion } from './factors.js'
import type { ThreatMultiplierInput } from './multipliers.js'

export const FACTOR_SCALES = ['continuous', 'rubric'] as const
export type FactorScale = (typeof FACTOR_SCALES)[number]

/** How a run scores: pinned by the policy file or the command line. */
export interface ScoringSettings {
  readonly version: AivssVersion
  /** Applies to every agent that does not declare its own. */
  readonly threatMultiplier?: ThreatMultiplierInput | undefined
  /** `rubric` snaps factor values to 0 / 0.5 / 1 before summing. */
  readonly scale: FactorScale
  /**
   * Lets declared controls that cover an agent's main risks set the v0.8
   * mitigation factor to partial. Off means only a declared `aivss.mitigation`
   * counts (the spec's strict default).
   */
  readonly mitigationFromControls?: boolean | undefined
  /**
   * A threat multiplier outside the version's set: reported as a warning,
   * or as an error (strict), which `manifest-errors` judges.
   */
  readonly offSpecThreatMultiplier?: 'warn' | 'error' | undefined
}

export const DEFAULT_SCORING: ScoringSettings = {
  version: DEFAULT_AIVSS_VERSION,
  scale: 'continuous',
  mitigationFromControls: false,
}

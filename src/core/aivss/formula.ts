import { Decimal, decimalSum } from './decimal.js'
import type { AivssVersion } from './factors.js'
import { severityOf, type Severity } from './severity.js'

export interface AivssInputs {
  readonly version: AivssVersion
  /** CVSS v4.0 base score, 0–10; absent for the agent-only score. */
  readonly cvss?: number | undefined
  /** The ten factor values of the version, already snapped if the scale asks. */
  readonly factorValues: readonly number[]
  readonly threatMultiplier: number
  /** v0.8 only; ignored by v0.5, which has no mitigation factor. */
  readonly mitigationFactor: number
}

export interface AivssResult {
  readonly score: number
  readonly severity: Severity
  /** The unrounded value, exactly, for reports that show the arithmetic. */
  readonly raw: string
  readonly factorSum: number
  /** v0.8: the agentic uplift (10 − C) × F/10 × ThM; v0.5: the factor sum. */
  readonly aars: string
}

const TEN = Decimal.of(10)
const TENTH = Decimal.of('0.1')
const HALF = Decimal.of('0.5')

/**
 * The AIVSS of one vulnerability (with `cvss`) or of the agent alone.
 *
 * v0.8: AARS = (10 − C) × (F/10) × ThM; AIVSS = RoundHalfUp((C + AARS) × MF, 1).
 * With no vulnerability, C = 0, which leaves F × ThM × MF.
 * v0.5: AIVSS = Round(((C + F) / 2) × ThM, 1); the agent-only score is F itself.
 */
export function computeAivss(inputs: AivssInputs): AivssResult {
  const sum = decimalSum(inputs.factorValues)
  const thm = Decimal.of(inputs.threatMultiplier)
  let raw: Decimal
  let aars: Decimal
  if (inputs.version === '0.8') {
    const c = Decimal.of(inputs.cvss ?? 0)
    aars = TEN.minus(c).times(sum).times(TENTH).times(thm)
    raw = c.plus(aars).times(Decimal.of(inputs.mitigationFactor))
  } else {
    aars = sum
    raw =
      inputs.cvss === undefined
        ? sum
        : Decimal.of(inputs.cvss).plus(sum).times(HALF).times(thm)
  }
  const score = raw.roundHalfUp(1).toNumber()
  return {
    score,
    severity: severityOf(score),
    raw: raw.toString(),
    factorSum: sum.toNumber(),
    aars: aars.toString(),
  }
}

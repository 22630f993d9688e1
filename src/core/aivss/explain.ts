import { Decimal } from './decimal.js'
import type { AivssInputs, AivssResult } from './formula.js'

/**
 * One line that lets a reader recompute a result by hand: each input of
 * the version's formula with where it came from, the formula with those
 * numbers in it, the exact value and the rounded score. ASCII only (the
 * JSON report's prose is ASCII where the manifests are).
 */
export interface InputSources {
  /** Where C came from; absent for the agent-only score. */
  readonly cvss?: string | undefined
  readonly factors: string
  readonly threatMultiplier: string
  /** v0.8 only. */
  readonly mitigation: string
}

export function inputsLine(
  inputs: AivssInputs,
  result: AivssResult,
  from: InputSources,
): string {
  const f = plainNumber(result.factorSum)
  const thm = inputs.threatMultiplier.toFixed(2)
  const rounded = result.score.toFixed(1)
  const exact = `${result.raw} -> ${rounded}`
  if (inputs.version === '0.8') {
    const c = (inputs.cvss ?? 0).toFixed(1)
    const mf = inputs.mitigationFactor.toFixed(2)
    const parts = [
      inputs.cvss === undefined
        ? 'C 0 (agent-only: no vulnerability)'
        : `C ${c} (${from.cvss ?? 'CVSS v4.0 base score'})`,
      `F ${f} (${from.factors})`,
      `ThM ${thm} (${from.threatMultiplier})`,
      `MF ${mf} (${from.mitigation})`,
    ]
    return `AIVSS v0.8: ${parts.join(', ')}; (${c} + (10 - ${c}) * ${f}/10 * ${thm}) * ${mf} = ${exact}`
  }
  if (inputs.cvss === undefined) {
    return `AIVSS v0.5 agent-only: AARS = F ${f} (${from.factors}) = ${exact}`
  }
  const c = inputs.cvss.toFixed(1)
  return `AIVSS v0.5 ${aivssVector(inputs.cvss, result.factorSum)}: C ${c} (${from.cvss ?? 'CVSS v4.0 base score'}), AARS ${f} (${from.factors}), ThM ${thm} (${from.threatMultiplier}); ((${c} + ${f}) / 2) * ${thm} = ${exact}`
}

/** v0.5's notation of one vulnerability's inputs, e.g. (CVSS:9.4/AARS:8.5). */
export function aivssVector(cvss: number, aars: number): string {
  return `(CVSS:${cvss.toFixed(1)}/AARS:${plainNumber(aars)})`
}

/** At least one decimal, no trailing zeros beyond it: 8.5, 8.25, 5.0. */
function plainNumber(value: number): string {
  const text = Decimal.of(value).toString()
  return text.includes('.') ? text : `${text}.0`
}

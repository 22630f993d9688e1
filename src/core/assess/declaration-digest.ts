import { FACTOR_IDS, type FactorId } from '../aivss/factors.js'
import { CONTROLS, type AgentProfile, type Control } from '../profile/schema.js'

/**
 * The declared items of an agent that could lower its score, each under a
 * key with a canonical value (see declarations.ts for what a claim is).
 * Kept apart from the scoring code so that snapshots, baseline files and
 * their published schemas can record declarations without loading the
 * CVSS calculator.
 */

type Setting = 'threatMultiplier' | 'mitigation' | 'baseline'

/**
 * The declared items that could lower the score, key -> canonical value:
 * what a snapshot records, so that the head's can be compared with the
 * base's. Items that can only raise risk need no comparison.
 */
export function declarationDigest(
  profile: AgentProfile,
): Record<string, string> {
  const digest: Record<string, string> = {}
  const aivss = profile.aivss
  if (!aivss) return digest
  for (const key of declarationKeys(profile)) {
    const [kind, name] = key.split('.') as [string, string | undefined]
    const value = aivss.safeguards?.[key]
      ? true
      : kind === 'factor'
        ? aivss.factors[name as FactorId]
        : kind === 'control'
          ? aivss.controls?.[name as Control]?.value
          : aivss[kind as Setting]
    if (value !== undefined) digest[key] = String(value)
  }
  return digest
}

/**
 * The declared items that could lower the score: every declared factor, a
 * control declared on that the manifest does not switch on, a threat
 * multiplier, a mitigation other than none, a baseline, a descriptor's
 * safeguards.
 */
export function declarationKeys(profile: AgentProfile): string[] {
  const aivss = profile.aivss
  if (!aivss) return []
  const keys: string[] = []
  for (const id of FACTOR_IDS)
    if (aivss.factors[id] !== undefined) keys.push(`factor.${id}`)
  for (const control of CONTROLS) {
    const declared = aivss.controls?.[control]
    if (declared?.value === true && declared.native !== true)
      keys.push(`control.${control}`)
  }
  if (aivss.threatMultiplier !== undefined) keys.push('threatMultiplier')
  if (aivss.mitigation !== undefined && aivss.mitigation !== 'none')
    keys.push('mitigation')
  if (aivss.baseline !== undefined) keys.push('baseline')
  keys.push(...Object.keys(aivss.safeguards ?? {}).sort())
  return keys
}

import { FACTOR_IDS } from '../aivss/factors.js'
import { scoreCvssVector } from '../aivss/cvss.js'
import {
  resolveThreatMultiplier,
  vectorThreatMultiplier,
} from '../aivss/multipliers.js'
import {
  CONTROLS,
  type AgentProfile,
  type Controls,
  type DeclaredAivss,
} from '../profile/schema.js'
import type { AgentAssessment } from './assess-agent.js'
import { deriveBaseline } from './baseline.js'
import { INPUT_FILTERING, toolSafeguardKey } from '../manifest/aivss-block.js'

/**
 * The aivss declaration layer of an agent: what its author says about it
 * beyond what the host program reads (the `aivss:` block, a sidecar, a
 * descriptor's `controls`). Declared factor values, controls declared on,
 * a mitigation level, a threat multiplier and a baseline can only make an
 * agent look safer than its manifest shows; each such declaration that
 * does is a claim. A declaration that raises risk (a control declared
 * off, a factor above the estimate, `mitigation: none`, a harsher baseline
 * or threat multiplier, a vulnerability) is never a claim and always counts.
 *
 * Each declared item has a key (`factor.<id>`, `control.<name>`,
 * `threatMultiplier`, `mitigation`, `baseline`) and a canonical value, so
 * that the base's declarations and the head's can be compared item by item.
 */

export interface DeclarationClaim {
  /** `factor.<id>`, `control.<name>`, `threatMultiplier`, `mitigation` or `baseline`. */
  readonly key: string
  /** The declared value, as the digest records it. */
  readonly value: string
  /** What the manifest alone gives instead, in words. */
  readonly estimate: string
  /** Where it was declared. */
  readonly file: string
  readonly line?: number | undefined
}

/** A copy of the profile with the declared items named by `keys` removed. */
export function withoutDeclarations(
  profile: AgentProfile,
  keys: ReadonlySet<string>,
): AgentProfile {
  const aivss = profile.aivss
  if (!aivss) return profile
  const removed = (kind: string) => (name: string) =>
    keys.has(`${kind}.${name}`)
  const controls: Controls = {}
  for (const control of CONTROLS) {
    // A removed control is back to what the manifest itself says.
    const value = removed('control')(control)
      ? aivss.controls?.[control]?.native
      : profile.controls[control]
    if (value !== undefined) controls[control] = value
  }
  const stripped: DeclaredAivss = {
    ...aivss,
    factors: omit(aivss.factors, FACTOR_IDS, removed('factor')),
    factorSources: omit(aivss.factorSources, FACTOR_IDS, removed('factor')),
    controls: omit(aivss.controls ?? {}, CONTROLS, removed('control')),
  }
  if (keys.has('threatMultiplier')) stripped.threatMultiplier = undefined
  if (keys.has('mitigation')) {
    stripped.mitigation = undefined
    stripped.mitigationReason = undefined
  }
  if (keys.has('baseline')) stripped.baseline = undefined
  const safeguards = aivss.safeguards ?? {}
  if (!Object.keys(safeguards).some((key) => keys.has(key)))
    return { ...profile, controls, aivss: stripped }
  stripped.safeguards = Object.fromEntries(
    Object.entries(safeguards).filter(([key]) => !keys.has(key)),
  )
  const flag = (
    name: string,
    which: 'requiresApproval' | 'readOnly',
  ): boolean => keys.has(toolSafeguardKey(name, which))
  return {
    ...profile,
    controls,
    aivss: stripped,
    tools: profile.tools.map((tool) =>
      flag(tool.name, 'requiresApproval') || flag(tool.name, 'readOnly')
        ? {
            ...tool,
            requiresApproval: flag(tool.name, 'requiresApproval')
              ? undefined
              : tool.requiresApproval,
            readOnly: flag(tool.name, 'readOnly') ? undefined : tool.readOnly,
          }
        : tool,
    ),
    exposure: keys.has(INPUT_FILTERING)
      ? { ...profile.exposure, inputFiltering: undefined }
      : profile.exposure,
  }
}

/** The entries of a record whose key is not dropped, in the order of `ids`. */
function omit<K extends string, V>(
  record: Partial<Record<K, V>>,
  ids: readonly K[],
  dropped: (id: K) => boolean,
): Partial<Record<K, V>> {
  const kept: Partial<Record<K, V>> = {}
  for (const id of ids) {
    const value = record[id]
    if (value !== undefined && !dropped(id)) kept[id] = value
  }
  return kept
}

/**
 * The declared items that make `declared` score lower than `estimate` (the
 * same agent scored with them removed and floored by `declared`): a factor
 * below its estimate, a control declared on, a threat multiplier or a
 * mitigation factor below the estimate's, a baseline whose score is below
 * the one derived from the manifest.
 */
export function loweringClaims(
  declared: AgentAssessment,
  estimate: AgentAssessment,
): DeclarationClaim[] {
  const aivss = declared.profile.aivss
  if (!aivss) return []
  const fallback = aivss.from.at(-1) ?? declared.profile.source.file
  const claims: DeclarationClaim[] = []
  const claim = (
    key: string,
    value: string,
    estimated: string,
    source: { file: string; line?: number | undefined } | undefined,
  ): void => {
    claims.push({
      key,
      value,
      estimate: estimated,
      file: source?.file ?? fallback,
      line: source?.line,
    })
  }
  for (const id of FACTOR_IDS) {
    const value = aivss.factors[id]
    if (value === undefined) continue
    const after = estimate.allFactors[id].value
    if (declared.allFactors[id].value < after)
      claim(
        `factor.${id}`,
        String(value),
        after.toFixed(2),
        aivss.factorSources[id],
      )
  }
  for (const control of CONTROLS) {
    const declaredControl = aivss.controls?.[control]
    if (declaredControl?.value !== true || declaredControl.native === true)
      continue
    claim(
      `control.${control}`,
      'true',
      declaredControl.native === false ? 'off' : 'not stated',
      declaredControl,
    )
  }
  for (const [key, source] of Object.entries(aivss.safeguards ?? {}).sort(
    ([a], [b]) => (a < b ? -1 : a > b ? 1 : 0),
  ))
    claim(key, 'true', 'not stated', source)
  const sources = aivss.settingSources ?? {}
  if (aivss.threatMultiplier !== undefined && threatMultiplierLowers(declared))
    claim(
      'threatMultiplier',
      String(aivss.threatMultiplier),
      estimate.threatMultiplier.value.toFixed(2),
      sources.threatMultiplier,
    )
  if (
    aivss.mitigation !== undefined &&
    declared.mitigation.factor < estimate.mitigation.factor
  )
    claim(
      'mitigation',
      aivss.mitigation,
      `${estimate.mitigation.level} (${estimate.mitigation.factor.toFixed(2)})`,
      sources.mitigation,
    )
  if (aivss.baseline !== undefined && baselineLowers(declared, estimate)) {
    claim(
      'baseline',
      aivss.baseline,
      `${estimate.baseline.vector ?? 'none'} (CVSS ${estimate.baseline.cvss?.toFixed(1) ?? '0'})`,
      sources.baseline,
    )
  }
  return claims
}

/**
 * Whether a declared threat multiplier is below what the agent would have
 * without it: the agent's own (settings or default), or the one a vector's
 * Exploit Maturity sets, since a declared multiplier takes E's place.
 */
function threatMultiplierLowers(declared: AgentAssessment): boolean {
  const { version, threatMultiplier } = declared.settings
  // The agent's multiplier with the declaration gone: the run's, or PoC.
  const undeclared = {
    value: resolveThreatMultiplier(threatMultiplier, version),
    source: 'settings' as const,
    reason: '',
  }
  const value = declared.threatMultiplier.value
  if (value < undeclared.value) return true
  const vectors = [
    declared.baseline.vector,
    ...declared.vulnerabilities.map((v) => v.vector),
  ].filter((v): v is string => v !== null)
  return vectors.some(
    (vector) =>
      vectorThreatMultiplier(
        undeclared,
        scoreCvssVector(vector).exploitMaturity,
        version,
      ).value > value,
  )
}

/**
 * Whether the declared baseline can score below the vector derived from the
 * manifest, whichever other claims stand. The score grows with the CVSS
 * base score C, so a vector is a claim when its C is below the derived one
 * (the higher of the two profiles'), or when its E lowers the threat
 * multiplier. `none` is C = 0 in v0.8; in v0.5 it
 * replaces ((C + F) / 2) x ThM by F, which lowers most with the fewest
 * factor points (as declared) and the highest multiplier (the estimate's).
 */
function baselineLowers(
  declared: AgentAssessment,
  estimate: AgentAssessment,
): boolean {
  const derived = Math.max(
    scoreCvssVector(deriveBaseline(declared.profile).vector).score,
    scoreCvssVector(deriveBaseline(estimate.profile).vector).score,
  )
  const cvss = declared.baseline.cvss
  // A declared vector's Exploit Maturity (E:U) lowers its threat multiplier
  // below the agent's, however high its C.
  const thm = declared.baseline.scored?.threatMultiplier
  if (thm?.source === 'vector' && thm.value < estimate.threatMultiplier.value)
    return true
  if (cvss !== null || declared.settings.version === '0.8')
    return (cvss ?? 0) < derived
  const factors = declared.factorSum
  return factors < ((derived + factors) / 2) * estimate.threatMultiplier.value
}

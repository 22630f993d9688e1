import { CVSS40 } from '@pandatix/js-cvss'

/**
 * CVSS v4.0 vectors: our own validation (so an error names the metric and the
 * allowed values) in front of a maintained scoring library, which implements
 * FIRST's MacroVector tables and is the one the AIVSS calculator uses.
 */

export const BASE_METRICS: ReadonlyArray<readonly [string, readonly string[]]> =
  [
    ['AV', ['N', 'A', 'L', 'P']],
    ['AC', ['L', 'H']],
    ['AT', ['N', 'P']],
    ['PR', ['N', 'L', 'H']],
    ['UI', ['N', 'P', 'A']],
    ['VC', ['H', 'L', 'N']],
    ['VI', ['H', 'L', 'N']],
    ['VA', ['H', 'L', 'N']],
    ['SC', ['H', 'L', 'N']],
    ['SI', ['H', 'L', 'N']],
    ['SA', ['H', 'L', 'N']],
  ]

const OTHER_METRICS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['E', ['X', 'A', 'P', 'U']],
  ['CR', ['X', 'H', 'M', 'L']],
  ['IR', ['X', 'H', 'M', 'L']],
  ['AR', ['X', 'H', 'M', 'L']],
  ['MAV', ['X', 'N', 'A', 'L', 'P']],
  ['MAC', ['X', 'L', 'H']],
  ['MAT', ['X', 'N', 'P']],
  ['MPR', ['X', 'N', 'L', 'H']],
  ['MUI', ['X', 'N', 'P', 'A']],
  ['MVC', ['X', 'H', 'L', 'N']],
  ['MVI', ['X', 'H', 'L', 'N']],
  ['MVA', ['X', 'H', 'L', 'N']],
  ['MSC', ['X', 'H', 'L', 'N']],
  ['MSI', ['X', 'S', 'H', 'L', 'N']],
  ['MSA', ['X', 'S', 'H', 'L', 'N']],
  ['S', ['X', 'N', 'P']],
  ['AU', ['X', 'N', 'Y']],
  ['R', ['X', 'A', 'U', 'I']],
  ['V', ['X', 'D', 'C']],
  ['RE', ['X', 'L', 'M', 'H']],
  ['U', ['X', 'Clear', 'Green', 'Amber', 'Red']],
]

const ALL_METRICS = new Map([...BASE_METRICS, ...OTHER_METRICS])
export const BASE_METRIC_IDS = BASE_METRICS.map(([id]) => id)

export type CvssMetrics = Readonly<Record<string, string>>

export class CvssVectorError extends Error {}

export interface CvssResult {
  /** The vector in FIRST's metric order, with the `CVSS:4.0/` prefix. */
  readonly vector: string
  /** The CVSS v4.0 base score of the base metrics. */
  readonly score: number
  /** Metrics beyond the base group, which the AIVSS baseline does not use. */
  readonly ignoredMetrics: readonly string[]
}

/** Parses and checks a vector; throws CvssVectorError naming the problem. */
export function parseCvssVector(vector: string): Map<string, string> {
  const text = vector.trim()
  const parts = text.split('/')
  const prefix = parts.shift()
  if (prefix !== 'CVSS:4.0') {
    if (prefix?.startsWith('CVSS:3')) {
      throw new CvssVectorError(
        `"${text}" is a CVSS ${prefix.slice(5)} vector; AIVSS takes CVSS v4.0 vectors (CVSS:4.0/AV:.../AC:.../...)`,
      )
    }
    throw new CvssVectorError(
      `"${text}" does not start with "CVSS:4.0/"; write a CVSS v4.0 vector such as CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N`,
    )
  }
  const metrics = new Map<string, string>()
  for (const part of parts) {
    const [name = '', value, ...rest] = part.split(':')
    const allowed = ALL_METRICS.get(name)
    if (!allowed) {
      throw new CvssVectorError(
        `unknown CVSS v4.0 metric "${name}" in "${part}"`,
      )
    }
    if (value === undefined || rest.length > 0 || !allowed.includes(value)) {
      throw new CvssVectorError(
        `metric ${name} has value "${value ?? ''}"; allowed: ${allowed.join(', ')}`,
      )
    }
    if (metrics.has(name)) {
      throw new CvssVectorError(`metric ${name} appears twice`)
    }
    metrics.set(name, value)
  }
  const missing = BASE_METRIC_IDS.filter((id) => !metrics.has(id))
  if (missing.length > 0) {
    throw new CvssVectorError(
      `missing base metric${missing.length > 1 ? 's' : ''} ${missing.join(', ')}; a CVSS v4.0 vector needs all of ${BASE_METRIC_IDS.join('/')}`,
    )
  }
  return metrics
}

/** Writes metrics in FIRST's order, so equal vectors print identically. */
export function formatCvssVector(metrics: ReadonlyMap<string, string>): string {
  const parts = ['CVSS:4.0']
  for (const [name] of [...BASE_METRICS, ...OTHER_METRICS]) {
    const value = metrics.get(name)
    if (
      value !== undefined &&
      !(value === 'X' && !BASE_METRIC_IDS.includes(name))
    ) {
      parts.push(`${name}:${value}`)
    }
  }
  return parts.join('/')
}

/**
 * Scores of vectors already seen: many agents share a baseline vector, and
 * the MacroVector computation is the slow part. Bounded, since vectors come
 * from untrusted manifests.
 */
const scored = new Map<string, CvssResult>()
const MAX_REMEMBERED = 4096

/** Scores the base metrics of a CVSS v4.0 vector. */
export function scoreCvssVector(vector: string): CvssResult {
  const known = scored.get(vector)
  if (known) return known
  const result = computeCvss(vector)
  if (scored.size >= MAX_REMEMBERED) scored.clear()
  scored.set(vector, result)
  return result
}

function computeCvss(vector: string): CvssResult {
  const metrics = parseCvssVector(vector)
  const base = new Map(BASE_METRIC_IDS.map((id) => [id, metrics.get(id) ?? '']))
  const ignoredMetrics = [...metrics.keys()].filter(
    (id) => !BASE_METRIC_IDS.includes(id) && metrics.get(id) !== 'X',
  )
  const score = new CVSS40(formatCvssVector(base)).Score()
  return { vector: formatCvssVector(metrics), score, ignoredMetrics }
}

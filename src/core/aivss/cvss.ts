import { CVSS40 } from '@pandatix/js-cvss'

/**
 * CVSS v4.0 vectors: our own validation (so an error names the metric and the
 * allowed values) in front of a maintained scoring library, which implements
 * FIRST's MacroVector tables and is the one the AIVSS calculator uses.
 *
 * Two corrections are made around the library, both on its class, since its
 * Score() calls them by the class name:
 *
 * - Rounding. The library rounds with `+(x * 10).toFixed() / 10`, so a value
 *   that floating-point arithmetic leaves a hair below an x.x5 tie (5.6499…
 *   for 5.65) goes down. FIRST's reference calculator (since its 2024-11 fix)
 *   rounds half up after lifting the value by 1e-6: round((x + 1e-6) * 10) / 10.
 *   Without it 450 of the 104,976 base vectors score 0.1 low; with it every
 *   one equals FIRST's score (test/aivss/cvss-first.test.ts).
 * - Speed. Score() reads a metric out of a "AV:N/PR:N/..." text by splitting
 *   it, some hundred times a vector; the texts come from a fixed table, so the
 *   answers are remembered (the same values, about eight times faster).
 */
interface CvssLibraryInternals {
  roundup: (score: number) => number
  getValue: (partial: string, metric: string) => string | undefined
}

const EPSILON = 1e-6

/** FIRST's rounding: half up to one decimal, after lifting by EPSILON. */
function roundCvssScore(value: number): number {
  return Math.round((value + EPSILON) * 10) / 10
}

function correctLibrary(): void {
  const internals = CVSS40 as unknown as CvssLibraryInternals
  if (
    typeof internals.roundup !== 'function' ||
    typeof internals.getValue !== 'function'
  ) {
    // Fail loudly rather than score 0.1 off: a new version of the library
    // needs this file looked at again.
    throw new Error(
      '@pandatix/js-cvss changed: CVSS40.roundup or CVSS40.getValue is gone',
    )
  }
  internals.roundup = roundCvssScore
  const getValue = internals.getValue.bind(CVSS40)
  const read = new Map<string, Map<string, string | undefined>>()
  internals.getValue = (partial, metric) => {
    let values = read.get(partial)
    if (!values) {
      values = new Map()
      read.set(partial, values)
    }
    if (values.has(metric)) return values.get(metric)
    const value = getValue(partial, metric)
    values.set(metric, value)
    return value
  }
}
correctLibrary()

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
  /**
   * Metrics beyond the base group that the vector sets (not X). C is the
   * base score, so none of them changes it; E may set the threat multiplier.
   */
  readonly ignoredMetrics: readonly string[]
  /** Exploit Maturity (A, P or U) when the vector sets it. */
  readonly exploitMaturity?: string | undefined
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
 * Scores of vectors already seen, keyed by the text as given: many agents
 * share a baseline vector, and the MacroVector computation is the slow part.
 * Bounded, since vectors come from untrusted manifests: emptied once it holds
 * more than every base vector (104,976) and then some, and texts longer than
 * any valid vector needs (padded with spaces, say) are not kept.
 */
const scored = new Map<string, CvssResult>()
const MAX_REMEMBERED = 200_000
const MAX_REMEMBERED_LENGTH = 512

/** Scores the base metrics of a CVSS v4.0 vector. */
export function scoreCvssVector(vector: string): CvssResult {
  const known = scored.get(vector)
  if (known) return known
  const result = computeCvss(vector)
  if (vector.length <= MAX_REMEMBERED_LENGTH) {
    if (scored.size >= MAX_REMEMBERED) scored.clear()
    scored.set(vector, result)
  }
  return result
}

function computeCvss(vector: string): CvssResult {
  const metrics = parseCvssVector(vector)
  const base = new Map(BASE_METRIC_IDS.map((id) => [id, metrics.get(id) ?? '']))
  const ignoredMetrics = [...metrics.keys()].filter(
    (id) => !BASE_METRIC_IDS.includes(id) && metrics.get(id) !== 'X',
  )
  const score = new CVSS40(formatCvssVector(base)).Score()
  const e = metrics.get('E')
  return {
    vector: formatCvssVector(metrics),
    score,
    ignoredMetrics,
    ...(e !== undefined && e !== 'X' ? { exploitMaturity: e } : {}),
  }
}

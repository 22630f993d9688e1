import type { AgentAssessment } from '../core/assess/assess-agent.js'
import {
  SEVERITIES,
  severityOf,
  type Severity,
} from '../core/aivss/severity.js'

/**
 * How the scores of a set of agents spread over the bands, per manifest
 * format, and how many of their factor values were read from prose rather
 * than from structured fields: the picture to check a scoring change
 * against before it ships.
 */

export interface DistributionRow {
  /** A format id, or `total`. */
  readonly format: string
  readonly agents: number
  readonly counts: Record<Severity, number>
  /** counts / agents; all zero for no agents. */
  readonly shares: Record<Severity, number>
  /** Null for no agents. */
  readonly median: number | null
}

export function distribution(
  assessments: readonly AgentAssessment[],
): DistributionRow[] {
  const byFormat = groupByFormat(assessments)
  const rows = [...byFormat.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([format, list]) => row(format, list))
  return [...rows, row('total', assessments)]
}

function row(
  format: string,
  assessments: readonly AgentAssessment[],
): DistributionRow {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<
    Severity,
    number
  >
  // The project's band function on the headline score, not a copy of it.
  for (const a of assessments) counts[severityOf(a.score)] += 1
  const n = assessments.length
  const shares = Object.fromEntries(
    SEVERITIES.map((s) => [s, n === 0 ? 0 : counts[s] / n]),
  ) as Record<Severity, number>
  return {
    format,
    agents: n,
    counts,
    shares,
    median: median(assessments.map((a) => a.score)),
  }
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  const value =
    sorted.length % 2 === 1
      ? (sorted[mid] as number)
      : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
  return Math.round(value * 100) / 100
}

export interface TextDerivedRow {
  readonly format: string
  readonly agents: number
  /** Factor values of the pinned version's ten, over all its agents. */
  readonly factorValues: number
  readonly textDerived: number
}

/** Per format, the factor values that the estimator took from prose. */
export function textDerivedCounts(
  assessments: readonly AgentAssessment[],
): TextDerivedRow[] {
  const rows = [...groupByFormat(assessments).entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([format, list]) => textRow(format, list))
  return [...rows, textRow('total', assessments)]
}

function textRow(
  format: string,
  assessments: readonly AgentAssessment[],
): TextDerivedRow {
  let factorValues = 0
  let textDerived = 0
  for (const a of assessments) {
    for (const factor of a.factors) {
      factorValues += 1
      if (isTextDerived(factor)) textDerived += 1
    }
  }
  return { format, agents: assessments.length, factorValues, textDerived }
}

/**
 * Read defensively: the flag is optional on a factor assessment, and a
 * build without it counts nothing as text-derived.
 */
export function isTextDerived(factor: object): boolean {
  return (factor as { textDerived?: unknown }).textDerived === true
}

function groupByFormat(
  assessments: readonly AgentAssessment[],
): Map<string, AgentAssessment[]> {
  const byFormat = new Map<string, AgentAssessment[]>()
  for (const a of assessments) {
    const list = byFormat.get(a.profile.format) ?? []
    list.push(a)
    byFormat.set(a.profile.format, list)
  }
  return byFormat
}

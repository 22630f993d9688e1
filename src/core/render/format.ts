import { CONTROLS } from '../profile/schema.js'
import type { ReportAgent } from '../report/schema.js'

/** Scores always show one decimal: 7 is "7.0". */
export function formatScore(score: number): string {
  return score.toFixed(1)
}

/** Factor values always show two decimals. */
export function formatValue(value: number): string {
  return value.toFixed(2)
}

export function levelLabel(level: number): string {
  return level === 0 ? '0' : level === 0.5 ? '0.5' : '1'
}

/** "humanApproval, logging declared · guardrails: false · sandbox… not stated" */
export function describeControls(agent: ReportAgent): string {
  const on = CONTROLS.filter((c) => agent.controls[c] === true)
  const off = CONTROLS.filter((c) => agent.controls[c] === false)
  const parts: string[] = []
  if (on.length > 0) parts.push(`${on.join(', ')} declared`)
  if (off.length > 0) parts.push(`${off.join(', ')} declared absent`)
  if (agent.controlsNotStated.length > 0)
    parts.push(`${agent.controlsNotStated.join(', ')} not stated`)
  return parts.join(' · ')
}

type BasisKind = ReportAgent['basisKind']

/**
 * What a headline score is, in a few words for tables and footers. The
 * spec scores declared vulnerabilities; the baseline vector and the
 * agent-only score are aivss-gate's, and say so.
 */
export const BASIS_WORDS: Readonly<Record<BasisKind, string>> = {
  'derived-baseline':
    'estimated from the manifest (baseline vector derived by aivss-gate)',
  'declared-baseline': 'of a baseline vector declared for the agent',
  'declared-vulnerability': 'of a declared vulnerability',
  'agent-only': 'agent-only (no vulnerability)',
}

/** "AIVSS v0.8 scores estimated from the manifest (…); 1 of a declared vulnerability". */
export function basisPhrase(
  agents: readonly Pick<ReportAgent, 'basisKind'>[],
  version: string,
): string {
  const counts = new Map<BasisKind, number>()
  for (const agent of agents)
    counts.set(agent.basisKind, (counts.get(agent.basisKind) ?? 0) + 1)
  const kinds = [...counts.entries()].sort((a, b) => b[1] - a[1])
  const [first, ...rest] = kinds
  if (!first) return `OWASP AIVSS v${version}`
  const more = rest.map(([kind, n]) => `${n} ${BASIS_WORDS[kind]}`)
  return `OWASP AIVSS v${version} scores ${BASIS_WORDS[first[0]]}${more.length > 0 ? `; ${more.join('; ')}` : ''}`
}

/** "default ThM 0.97": agents and vectors may set their own. */
export function defaultThreatMultiplier(threatMultiplier: number): string {
  return `default ThM ${threatMultiplier.toFixed(2)}`
}

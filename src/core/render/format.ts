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

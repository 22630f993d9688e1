import type { Report, ReportPolicy } from '../report/schema.js'

/** Words for the verdict, shared by the text and markdown reports. */
export const VERDICT_ICON: Readonly<Record<ReportPolicy['result'], string>> = {
  pass: '✅',
  warn: '⚠️',
  fail: '❌',
}

export function verdictTitle(policy: ReportPolicy): string {
  const word =
    policy.result === 'pass'
      ? 'passed'
      : policy.result === 'warn'
        ? 'passed with warnings'
        : 'failed'
  return `policy ${word}${policy.result === 'fail' && policy.warnOnly ? ' (warn-only: not blocking)' : ''}`
}

/** "2 failures, 1 warning, 1 exception applied" */
export function verdictCounts(policy: ReportPolicy): string {
  const fail = policy.violations.filter((v) => v.action === 'fail').length
  const warn = policy.violations.length - fail
  const parts = [
    `${fail} failure${fail === 1 ? '' : 's'}`,
    `${warn} warning${warn === 1 ? '' : 's'}`,
  ]
  if (policy.excepted.length > 0)
    parts.push(`${policy.excepted.length} excepted`)
  if (policy.expiredExceptions.length > 0)
    parts.push(
      `${policy.expiredExceptions.length} expired exception${policy.expiredExceptions.length === 1 ? '' : 's'}`,
    )
  if (policy.unusedExceptions.length > 0)
    parts.push(
      `${policy.unusedExceptions.length} unused exception${policy.unusedExceptions.length === 1 ? '' : 's'}`,
    )
  return parts.join(', ')
}

/** Per agent, the rules that did not pass: "fail: critical-agents; warn: high-agents". */
export function agentRuleSummary(agent: Report['agents'][number]): string {
  if (!agent.policy) return ''
  const by = (outcome: string): string[] =>
    agent.policy?.rules
      .filter((r) => r.outcome === outcome)
      .map((r) => r.rule) ?? []
  const parts: string[] = []
  for (const outcome of ['fail', 'warn', 'excepted']) {
    const rules = by(outcome)
    if (rules.length > 0) parts.push(`${outcome}: ${rules.join(', ')}`)
  }
  return parts.length > 0 ? parts.join('; ') : 'pass'
}

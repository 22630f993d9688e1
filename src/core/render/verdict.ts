import type { Report, ReportPolicy } from '../report/schema.js'
import { mdCode, mdText } from './escape.js'

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

/** Open findings by action, pre-existing ones apart (all, listed or not). */
export function findingCounts(policy: ReportPolicy): {
  readonly fail: number
  readonly warn: number
  readonly preExisting: { readonly fail: number; readonly warn: number }
} {
  const all = (action: 'fail' | 'warn'): number =>
    policy.violations.filter((v) => v.action === action).length +
    (policy.unlisted?.[action] ?? 0)
  const pre = policy.preExisting
  return {
    fail: all('fail') - pre.fail,
    warn: all('warn') - pre.warn,
    preExisting: pre,
  }
}

/** "2 failures, 1 warning, 1 exception applied" */
export function verdictCounts(policy: ReportPolicy): string {
  const { fail, warn, preExisting } = findingCounts(policy)
  const parts = [
    `${fail} failure${fail === 1 ? '' : 's'}`,
    `${warn} warning${warn === 1 ? '' : 's'}`,
  ]
  const pre = preExisting.fail + preExisting.warn
  if (pre > 0) parts.push(`${pre} pre-existing`)
  const excepted = policy.excepted.length + (policy.unlisted?.excepted ?? 0)
  if (excepted > 0) parts.push(`${excepted} excepted`)
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
      .map((r) => `${r.rule}${r.preExisting ? ' (pre-existing)' : ''}`) ?? []
  const parts: string[] = []
  for (const outcome of ['fail', 'warn', 'excepted']) {
    const rules = by(outcome)
    if (rules.length > 0) parts.push(`${outcome}: ${rules.join(', ')}`)
  }
  return parts.length > 0 ? parts.join('; ') : 'pass'
}

/**
 * The notice that leads the report when the pull request changes the
 * configuration that judges it, or when the base could not be read, in
 * words; `code` and `text` escape for the output (paths and reasons come
 * from the repository).
 */
export function policyNotice(
  policy: ReportPolicy,
  code: (text: string) => string,
  text: (text: string) => string,
): string | undefined {
  const source = policy.source
  if (source?.from === 'fallback')
    return `The base commit could not be read (${text(source.reason ?? 'no reason given')}), so the policy could not be taken from it: judged by the stricter of the checkout's policy (without its scan and scoring settings) and the default preset.`
  const pending = policy.pending
  if (!pending || pending.files.length === 0) return undefined
  const shown = pending.files.slice(0, 5)
  const changes = new Set(shown.map((f) => f.change))
  // One kind of change names it; several say each file's in brackets.
  const verb = changes.size === 1 ? (shown[0]?.change ?? 'changed') : 'changed'
  const one = pending.files.length === 1
  const listed = shown.map(
    (f) => `${code(f.path)}${changes.size > 1 ? ` (${f.change})` : ''}`,
  )
  const names =
    listed.length > 1 && pending.files.length === listed.length
      ? `${listed.slice(0, -1).join(', ')} and ${listed.at(-1) ?? ''}`
      : listed.join(', ')
  const more =
    pending.files.length > shown.length
      ? ` and ${pending.files.length - shown.length} more`
      : ''
  const would =
    pending.result !== undefined
      ? ` With the new version: ${pending.result} (${count(pending.failures ?? 0, 'failure')}${pending.warnings ? `, ${count(pending.warnings, 'warning')}` : ''}).`
      : pending.error !== undefined
        ? ` The new version does not load: ${text(pending.error)}`
        : ''
  return `${names}${more} ${one ? 'is' : 'are'} ${verb} by this pull request and ${one ? 'takes' : 'take'} effect after merge; judged by the base's version.${would}`
}

function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}

/** "... and 1200 more findings, not listed: at most 50 of each agent are" */
export function unlistedLine(policy: ReportPolicy): string | undefined {
  const u = policy.unlisted
  if (!u) return undefined
  const total = u.fail + u.warn + u.excepted
  return total > 0
    ? `... and ${count(total, 'more finding')} (${u.fail} failing, ${u.warn} warning, ${u.excepted} excepted), not listed: at most ${MAX_LISTED} of each agent are; the verdict counts them all`
    : undefined
}

const MAX_LISTED = 50

/**
 * The policy notice as a markdown callout that leads the comment, the job
 * summary and the markdown report: none when the policy is unchanged.
 */
export function policyCallout(policy: ReportPolicy | undefined): string[] {
  const notice = policy
    ? policyNotice(
        policy,
        (t) => mdCode(t, 160),
        (t) => mdText(t, 400),
      )
    : undefined
  return notice ? [`> [!IMPORTANT]\n> ${notice}`, ''] : []
}

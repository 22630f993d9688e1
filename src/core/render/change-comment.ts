import { SEVERITY_LABELS } from '../aivss/severity.js'
import type { ToolKind } from '../profile/schema.js'
import type {
  Report,
  ReportAgent,
  ReportDelta,
  ReportDeltaChange,
  ReportPolicy,
} from '../report/schema.js'
import { fileLink, type ReportLinks } from './compact.js'
import { mdCode, mdLink, mdText, safeHttpUrl } from './escape.js'
import { basisPhrase, formatScore } from './format.js'
import { findingCounts, policyCallout, VERDICT_ICON } from './verdict.js'

/**
 * The pull request comment when there is a base: what the pull request did,
 * in the order a reviewer reads it. One sentence with the verdict and why;
 * the agents it added, changed or removed as a changelog, each with what
 * changed in words and the findings it brought; what to do about each
 * failure, with a copyable exception; then one line for what was already
 * there. Agents the pull request did not touch are counted, never listed,
 * so the comment's size follows the change, not the repository.
 */

export interface ChangeCommentOptions {
  readonly links?: ReportLinks
  /** YYYY-MM-DD, for the expiry the exception snippet suggests. */
  readonly today?: string | undefined
}

type Entry =
  | { readonly kind: 'added'; readonly agent: DeltaAgent }
  | {
      readonly kind: 'raised' | 'lowered' | 'changed'
      readonly change: ReportDeltaChange
    }
  | { readonly kind: 'removed'; readonly agent: DeltaAgent }
  | { readonly kind: 'unreadable'; readonly agent: UnreadableAgent }
  | { readonly kind: 'moved'; readonly move: ReportDelta['renamed'][number] }

type DeltaAgent = ReportDelta['added'][number]
type UnreadableAgent = NonNullable<ReportDelta['unreadable']>[number]
type Finding = {
  readonly rule: string
  readonly outcome: 'fail' | 'warn'
  readonly message: string
}

const ENTRY_LABEL: Readonly<Record<Entry['kind'], string>> = {
  added: '🆕 added',
  raised: '⬆️ riskier',
  changed: '✏️ changed',
  lowered: '⬇️ safer',
  removed: '🗑️ removed',
  unreadable: '⛔ unreadable',
  moved: '↪️ moved',
}

/** At most this many agents get a row, and this many a "what to do". */
const MAX_ROWS = 15
const MAX_FIXES = 3
/** Unchanged agents named when a whole-inventory policy fails them. */
const MAX_UNCHANGED_NAMED = 5

/**
 * The most a comment about a small change may take: a pull request that
 * touches up to three agents reads in one screen or two, whatever the
 * repository holds.
 */
export const SMALL_CHANGE_LIMIT = 8_000
const SMALL_CHANGE = 3

/**
 * The comment in full, or, when a small change would still go over its
 * limit (long names, long paths, many findings each), with the fixes
 * shortened to the rule ids, then left to the job summary.
 */
export function renderChangeComment(
  report: Report,
  delta: ReportDelta,
  options: ChangeCommentOptions = {},
): string {
  const small = changelog(delta).length <= SMALL_CHANGE
  let text = ''
  for (const fixes of ['full', 'short', 'none'] as const) {
    text = changeComment(report, delta, options, fixes)
    if (!small || [...text].length <= SMALL_CHANGE_LIMIT) return text
  }
  return text
}

function changeComment(
  report: Report,
  delta: ReportDelta,
  options: ChangeCommentOptions,
  fixDetail: 'full' | 'short' | 'none',
): string {
  const links = options.links ?? {}
  const policy = report.policy
  const agents = new Map(report.agents.map((a) => [a.id, a]))
  const entries = changelog(delta)
  const where = mdLink(
    links.fullReportLabel ?? 'the job summary',
    safeHttpUrl(links.fullReportUrl),
    100,
  )
  const lines: string[] = [
    `## ${policy ? `${VERDICT_ICON[policy.result]} ` : ''}aivss-gate: ${leadSentence(report, delta, entries, agents)}${policy?.result === 'fail' && policy.warnOnly ? ' (warn-only: not blocking)' : ''}`,
    '',
    ...policyCallout(policy),
  ]
  if (entries.length > 0) {
    lines.push(
      '| Change | Agent | Score | What changed | Findings |',
      '|---|---|---:|---|---|',
    )
    for (const entry of entries.slice(0, MAX_ROWS))
      lines.push(row(entry, agents, links))
    if (entries.length > MAX_ROWS)
      lines.push(
        `| … | ${entries.length - MAX_ROWS} more changed agents: see ${where} | | | |`,
      )
    lines.push('')
  }
  const fixes = entries
    .map((e) => ({ entry: e, agent: agentOf(e, agents) }))
    .filter(
      (x): x is { entry: Entry; agent: ReportAgent } =>
        x.agent !== undefined &&
        introduced(x.agent).some((f) => f.outcome === 'fail'),
    )
  if (fixes.length > 0 && policy && fixDetail === 'none')
    lines.push(
      `What to do about each failure, with an exception to copy, is in ${where}.`,
      '',
    )
  else if (fixes.length > 0 && policy) {
    lines.push('### What to do', '')
    for (const { entry, agent } of fixes.slice(0, MAX_FIXES))
      lines.push(
        ...fixSection(
          entry,
          agent,
          policy,
          links,
          options.today,
          fixDetail === 'full' ? 'full' : 'short',
        ),
        '',
      )
    if (fixes.length > MAX_FIXES)
      lines.push(
        `${fixes.length - MAX_FIXES} more agents fail: see ${where}.`,
        '',
      )
  }
  if (policy)
    lines.push(
      ...looseFindings(policy),
      ...unchangedFailures(report, delta, links),
    )
  lines.push(...countsLine(report, delta, where), '')
  const shown = entries
    .map((e) => agentOf(e, agents))
    .filter((a): a is ReportAgent => a !== undefined)
  lines.push(footer(report, where, shown))
  return `${lines.join('\n')}\n`
}

/** The verdict in one sentence, for the annotation that keeps its slot. */
export function headline(report: Report): string {
  const delta = report.delta
  if (delta?.available !== true) {
    const fail = report.policy ? findingCounts(report.policy).fail : 0
    return `The policy fails: ${fail} failing finding${fail === 1 ? '' : 's'}`
  }
  const agents = new Map(report.agents.map((a) => [a.id, a]))
  return leadSentence(report, delta, changelog(delta), agents)
}

/** The short body that replaces the comment when no agent changed and the policy passes. */
export function renderQuietComment(report: Report): string {
  const n = report.summary.agents
  return `✅ aivss-gate: no agent changed by this pull request (${n} agent${n === 1 ? '' : 's'} unchanged).\n`
}

/** Whether the pull request added, changed, removed or broke any agent. */
export function touchesAgents(delta: ReportDelta | undefined): boolean {
  if (!delta?.available) return false
  return (
    delta.added.length +
      delta.changed.length +
      delta.removed.length +
      delta.renamed.length +
      (delta.unreadable?.length ?? 0) >
    0
  )
}

/** Added first, then riskier, changed, safer, removed, unreadable; higher scores first. */
function changelog(delta: ReportDelta): Entry[] {
  const byScore = <T extends { readonly score: number }>(a: T, b: T): number =>
    b.score - a.score
  const changed = [...delta.changed].sort(
    (a, b) => b.score.after - a.score.after,
  )
  return [
    ...(delta.unreadable?.map((agent) => ({
      kind: 'unreadable' as const,
      agent,
    })) ?? []),
    ...[...delta.added]
      .sort(byScore)
      .map((agent) => ({ kind: 'added' as const, agent })),
    ...changed
      .filter((c) => c.score.change > 0)
      .map((change) => ({ kind: 'raised' as const, change })),
    ...changed
      .filter((c) => c.score.change === 0)
      .map((change) => ({ kind: 'changed' as const, change })),
    ...changed
      .filter((c) => c.score.change < 0)
      .map((change) => ({ kind: 'lowered' as const, change })),
    ...delta.renamed
      .filter((move) => !move.changed)
      .map((move) => ({ kind: 'moved' as const, move })),
    ...[...delta.removed]
      .sort(byScore)
      .map((agent) => ({ kind: 'removed' as const, agent })),
  ]
}

function agentOf(
  entry: Entry,
  agents: ReadonlyMap<string, ReportAgent>,
): ReportAgent | undefined {
  if (entry.kind === 'removed' || entry.kind === 'unreadable') return undefined
  if (entry.kind === 'moved') return agents.get(entry.move.to.id)
  return agents.get(entry.kind === 'added' ? entry.agent.id : entry.change.id)
}

/** The findings the change brought: open, not pre-existing. */
function introduced(agent: ReportAgent): Finding[] {
  return (agent.policy?.rules ?? []).filter(
    (r): r is typeof r & Finding =>
      (r.outcome === 'fail' || r.outcome === 'warn') && r.preExisting !== true,
  )
}

function row(
  entry: Entry,
  agents: ReadonlyMap<string, ReportAgent>,
  links: ReportLinks,
): string {
  const agent = agentOf(entry, agents)
  const findings = agent ? introduced(agent) : []
  const findingCell =
    findings.length === 0
      ? entry.kind === 'removed' || entry.kind === 'unreadable'
        ? '—'
        : '✅ none new'
      : [
          ...findings
            .slice(0, 3)
            .map(
              (f) =>
                `${f.outcome === 'fail' ? '❌' : '⚠️'} ${mdCode(f.rule, 60)}`,
            ),
          ...(findings.length > 3 ? [`+${findings.length - 3} more`] : []),
        ].join(', ')
  if (entry.kind === 'added') {
    const a = entry.agent
    return `| ${ENTRY_LABEL.added} | ${nameCell(a.name, a.file, a.line, links)} | **${formatScore(a.score)}** ${SEVERITY_LABELS[a.severity]} | ${words(capabilities(a), 2)} | ${findingCell} |`
  }
  if (entry.kind === 'removed') {
    const a = entry.agent
    return `| ${ENTRY_LABEL.removed} | ${nameCell(a.name, a.file, undefined, links)} | ~~${formatScore(a.score)}~~ | removed from the repository | ${findingCell} |`
  }
  if (entry.kind === 'moved') {
    const { from, to } = entry.move
    return `| ${ENTRY_LABEL.moved} | ${nameCell(to.name, to.file, to.line, links)} | ${agent ? formatScore(agent.score) : '—'} | moved from ${mdCode(from.file, 160)}, nothing else changed | ${findingCell} |`
  }
  if (entry.kind === 'unreadable') {
    const a = entry.agent
    return `| ${ENTRY_LABEL.unreadable} | ${nameCell(a.name, a.file, undefined, links)} | ${formatScore(a.score)} → ? | ${mdText(a.reason, 200)} | ❌ manifest-errors |`
  }
  const c = entry.change
  const score = `${formatScore(c.score.before)} → **${formatScore(c.score.after)}** ${SEVERITY_LABELS[c.severity.after]}`
  return `| ${ENTRY_LABEL[entry.kind]} | ${nameCell(c.name, c.file, c.line, links)} | ${score} | ${words(changeWords(c), 2)} | ${findingCell} |`
}

function nameCell(
  name: string,
  file: string,
  line: number | undefined,
  links: ReportLinks,
): string {
  return `**${mdText(name, 80)}**<br>${fileLink(file, line, links)}`
}

/** At most `max` phrases, the rest folded into a count. */
function words(phrases: readonly Capability[], max: number): string {
  if (phrases.length === 0) return '—'
  const shown = phrases
    .slice(0, max)
    .map((p) => p.text)
    .join('; ')
  return phrases.length > max
    ? `${shown}; +${phrases.length - max} more`
    : shown
}

const KIND_VERB: Partial<Record<ToolKind, string>> = {
  shell: 'runs shell commands',
  'code-exec': 'runs code',
  'cloud-admin': 'administers cloud resources',
  payments: 'makes payments',
  database: 'writes to databases',
  email: 'sends email',
  'file-write': 'writes files',
  browser: 'drives a browser',
  network: 'calls the network',
  'mcp-server': 'calls MCP servers',
  'agent-call': 'delegates to other agents',
}

/** Riskiest first: the order the lead sentence picks its cause in. */
const KIND_ORDER: readonly ToolKind[] = [
  'shell',
  'code-exec',
  'cloud-admin',
  'payments',
  'database',
  'email',
  'browser',
  'file-write',
  'mcp-server',
  'network',
  'agent-call',
]

/** What an agent's tools let it do, one phrase per kind, riskiest first. */
interface Capability {
  /** "runs shell commands (`Bash`) without approval" */
  readonly text: string
  /** "runs shell commands without approval": no names, for the lead sentence. */
  readonly bare: string
  readonly unapproved: boolean
}

function toolWords(
  tools: readonly { readonly name: string; readonly kind: ToolKind }[],
  unapproved: readonly string[],
  prefix = '',
): Capability[] {
  const phrases: Capability[] = []
  for (const kind of KIND_ORDER) {
    const ofKind = tools.filter((t) => t.kind === kind)
    if (ofKind.length === 0) continue
    const free = ofKind.some((t) => unapproved.includes(t.name))
    const verb = `${prefix}${KIND_VERB[kind] ?? kind}`
    const suffix = free ? ' without approval' : ''
    const names = `${ofKind
      .slice(0, 2)
      .map((t) => mdCode(t.name, 60))
      .join(', ')}${ofKind.length > 2 ? ', …' : ''}`
    phrases.push({
      text: `${verb} (${names})${suffix}`,
      bare: `${verb}${suffix}`,
      unapproved: free,
    })
  }
  return phrases
}

/** A phrase that is not about a tool. */
function plain(text: string): Capability {
  return { text, bare: text, unapproved: false }
}

function capabilities(agent: DeltaAgent): Capability[] {
  const phrases = toolWords(agent.tools, agent.unapprovedTools ?? [])
  if (agent.allTools)
    phrases.unshift(plain('every tool of its host (open tool list)'))
  if (phrases.length === 0)
    phrases.push(plain(agent.tools.length === 0 ? 'no tools' : 'reads only'))
  return phrases
}

function changeWords(change: ReportDeltaChange): Capability[] {
  const phrases: Capability[] = []
  if (change.allTools?.after)
    phrases.push(plain('now has every tool of its host (tool list opened)'))
  phrases.push(
    ...toolWords(change.tools.added, change.unapprovedTools ?? [], 'now '),
  )
  for (const control of change.controls.removed)
    phrases.push(plain(`${control} no longer in effect`))
  if (change.tools.removed.length > 0)
    phrases.push(
      plain(
        `${change.tools.removed.length} tool${change.tools.removed.length === 1 ? '' : 's'} removed`,
      ),
    )
  for (const control of change.controls.added)
    phrases.push(plain(`${control} now in effect`))
  if (change.allTools && !change.allTools.after)
    phrases.push(plain('tool list closed'))
  if (change.from && change.from.file !== change.file)
    phrases.push(plain(`moved from ${mdCode(change.from.file, 120)}`))
  if (phrases.length === 0 && change.factors.length > 0)
    phrases.push(
      plain(
        `${change.factors.length} factor${change.factors.length === 1 ? '' : 's'} moved`,
      ),
    )
  return phrases
}

/** "This pull request adds `deployer` (Critical 9.6): it runs shell commands without approval" */
function leadSentence(
  report: Report,
  delta: ReportDelta,
  entries: readonly Entry[],
  agents: ReadonlyMap<string, ReportAgent>,
): string {
  const policy = report.policy
  const action = policy?.result === 'fail' ? 'fail' : 'warn'
  const judged = entries.filter((e) => {
    if (e.kind === 'unreadable') return action === 'fail'
    const agent = agentOf(e, agents)
    return (
      agent !== undefined && introduced(agent).some((f) => f.outcome === action)
    )
  })
  const first = judged[0]
  const rest = judged.length - 1
  const more =
    rest > 0 ? ` (and ${rest} more agent${rest === 1 ? '' : 's'})` : ''
  if (policy && policy.result !== 'pass' && first) {
    if (first.kind === 'unreadable')
      return `This pull request makes ${mdCode(first.agent.file, 120)} unreadable, hiding ${mdCode(first.agent.name, 80)}${more}`
    if (first.kind === 'added') {
      const a = first.agent
      return `This pull request adds ${mdCode(a.name, 80)} (${SEVERITY_LABELS[a.severity]} ${formatScore(a.score)}): ${cause(agentOf(first, agents), capabilities(a), action, policy)}${more}`
    }
    if (first.kind === 'moved') {
      const m = first.move
      return `This pull request moves ${mdCode(m.to.name, 80)} to ${mdCode(m.to.file, 120)}: ${cause(agentOf(first, agents), [], action, policy)}${more}`
    }
    if (first.kind !== 'removed') {
      const c = first.change
      return `This pull request makes ${mdCode(c.name, 80)} riskier (${formatScore(c.score.before)} → ${SEVERITY_LABELS[c.severity.after]} ${formatScore(c.score.after)}): ${cause(agentOf(first, agents), changeWords(c), action, policy)}${more}`
    }
  }
  if (policy?.result === 'fail') {
    const { fail } = findingCounts(policy)
    return policy.scope === 'all'
      ? `${fail} failing finding${fail === 1 ? '' : 's'} in the repository (the policy judges every agent)`
      : `${fail} failing finding${fail === 1 ? '' : 's'} in files this pull request touched`
  }
  if (!touchesAgents(delta)) return 'No agent changed by this pull request'
  const parts = [
    delta.added.length > 0 ? `adds ${count(delta.added.length, 'agent')}` : '',
    delta.changed.length > 0
      ? `changes ${count(delta.changed.length, 'agent')}`
      : '',
    delta.removed.length > 0
      ? `removes ${count(delta.removed.length, 'agent')}`
      : '',
    moved(delta) > 0 ? `moves ${count(moved(delta), 'agent')}` : '',
    (delta.unreadable?.length ?? 0) > 0
      ? `makes ${count(delta.unreadable?.length ?? 0, 'agent')} unreadable`
      : '',
  ].filter((p) => p !== '')
  const verb = parts.join(', ')
  return policy?.result === 'warn'
    ? `This pull request ${verb}; nothing it introduces fails, with warnings below`
    : `This pull request ${verb}; nothing it introduces fails the policy`
}

/** Why, in words: the riskiest capability that acts unapproved, else the first rule. */
function cause(
  agent: ReportAgent | undefined,
  phrases: readonly Capability[],
  action: 'fail' | 'warn',
  policy: ReportPolicy,
): string {
  const unapproved = phrases.find((p) => p.unapproved)
  if (unapproved) return unapproved.bare
  const finding = agent
    ? introduced(agent).find((f) => f.outcome === action)
    : undefined
  const description = policy.rules.find(
    (r) => r.id === finding?.rule,
  )?.description
  if (description ?? finding)
    return mdText(description ?? finding?.message ?? '', 200)
  return phrases[0]?.bare ?? 'see the findings'
}

function fixSection(
  entry: Entry,
  agent: ReportAgent,
  policy: ReportPolicy,
  links: ReportLinks,
  today: string | undefined,
  detail: 'full' | 'short',
): string[] {
  const failing = introduced(agent).filter((f) => f.outcome === 'fail')
  const rules = new Map(policy.rules.map((r) => [r.id, r]))
  const lines = [
    `**${mdText(agent.name, 80)}** (${fileLink(agent.file, agent.line, links)}, ${SEVERITY_LABELS[agent.severity]} ${formatScore(agent.score)}${entry.kind === 'added' ? ', new' : ''}):`,
  ]
  if (detail === 'short')
    lines.push(
      `- ❌ ${failing
        .slice(0, 6)
        .map((f) => mdCode(f.rule, 60))
        .join(', ')}${failing.length > 6 ? ', …' : ''}`,
    )
  else
    for (const f of failing.slice(0, 4))
      lines.push(
        `- ❌ ${mdCode(f.rule, 60)}${rules.get(f.rule)?.description ? ` — ${mdText(rules.get(f.rule)?.description ?? '', 200)}` : ''}: ${mdText(f.message, 300)}`,
      )
  if (detail === 'full' && failing.length > 4)
    lines.push(`- and ${failing.length - 4} more`)
  lines.push(`- **To fix:** ${advice(agent, failing)}`)
  const first = failing[0]
  if (first) {
    const head = policy.chain[0] ?? 'preset:default'
    const preset = head.startsWith('preset:')
      ? head.slice('preset:'.length)
      : undefined
    const file = preset ? '.github/aivss-policy.yml' : head
    lines.push(
      `- **Or accept the risk** with an exception in ${mdCode(file, 160)}${preset ? ' (a new file, as below)' : ''}, reviewed like any policy change:`,
      '',
      '  ```yaml',
      ...(preset ? ['  version: 1', `  extends: ${preset}`] : []),
      '  exceptions:',
      `    - rule: ${failing.length > 1 ? "'*'" : JSON.stringify(first.rule)}`,
      `      paths: [${yamlString(agent.file.slice(0, 200))}]`,
      `      reason: "<why this agent needs it, and who agreed>"`,
      ...(today ? [`      expires: ${addDays(today, 90)}`] : []),
      '  ```',
    )
  }
  return lines
}

/** One sentence of what would make the finding go away. */
function advice(agent: ReportAgent, failing: readonly Finding[]): string {
  const ids = failing.map((f) => f.rule)
  const tools = agent.tools.filter((t) =>
    ['shell', 'code-exec', 'cloud-admin', 'payments', 'database'].includes(
      t.kind,
    ),
  )
  const parts: string[] = []
  if (
    ids.includes('new-unapproved-tools') ||
    ids.includes('code-tools-need-approval') ||
    tools.length > 0
  )
    parts.push(
      `let a person approve ${
        tools.length > 0
          ? tools
              .slice(0, 3)
              .map((t) => mdCode(t.name, 60))
              .join(', ')
          : 'its tools'
      } (no bypass permission mode, no allow rule for them), or drop the tools it does not need`,
    )
  if (
    ids.includes('removed-controls') ||
    failing.some((f) => / in the base, /.test(f.message))
  )
    parts.push('restore the control the change took away')
  if (
    failing.some(
      (f) =>
        f.message.includes('missing') || f.message.includes('not declared'),
    )
  )
    parts.push('put the missing control in place where the host enforces it')
  if (agent.allTools)
    parts.push('list the tools it needs instead of leaving the list open')
  if (parts.length === 0)
    parts.push(
      'narrow it: each tool dropped, approval kept or control added lowers the score',
    )
  return `${parts.join('; ')}.`
}

/** Unreadable manifests and exception notices the change brought. */
function looseFindings(policy: ReportPolicy): string[] {
  const loose = policy.violations.filter(
    (v) => v.agent === undefined && !v.preExisting,
  )
  const notices = [...policy.expiredExceptions, ...policy.unusedExceptions]
  const lines = [
    ...loose
      .slice(0, 5)
      .map(
        (v) =>
          `- ${v.action === 'fail' ? '❌' : '⚠️'} ${mdCode(v.rule, 60)} ${mdCode(`${v.file}:${v.line ?? 1}`, 160)}: ${mdText(v.message, 300)}`,
      ),
    ...(loose.length > 5 ? [`- … and ${loose.length - 5} more`] : []),
    ...notices.slice(0, 3).map((e) => `- ⚠️ ${mdText(e.message, 300)}`),
    ...(notices.length > 3
      ? [`- … and ${notices.length - 3} more exception notices`]
      : []),
  ]
  return lines.length > 0 ? [...lines, ''] : []
}

/**
 * Under a whole-inventory policy the agents the change did not touch can
 * fail too: named, a few, so the reader knows the failure is not theirs.
 */
function unchangedFailures(
  report: Report,
  delta: ReportDelta,
  links: ReportLinks,
): string[] {
  if (report.policy?.scope !== 'all') return []
  const unchanged = new Set(delta.unchangedAgents)
  const failing = report.agents.filter(
    (a) => unchanged.has(a.id) && a.policy?.result === 'fail',
  )
  if (failing.length === 0) return []
  const named = failing
    .sort((a, b) => b.score - a.score)
    .slice(0, MAX_UNCHANGED_NAMED)
    .map(
      (a) =>
        `${mdText(a.name, 60)} (${fileLink(a.file, a.line, links)}, ${formatScore(a.score)})`,
    )
  return [
    `❌ The policy judges every agent (scope: all): ${count(failing.length, 'agent')} this pull request did not change fail${failing.length === 1 ? 's' : ''} too: ${named.join(', ')}${failing.length > named.length ? `, and ${failing.length - named.length} more` : ''}.`,
    '',
  ]
}

function countsLine(
  report: Report,
  delta: ReportDelta,
  where: string,
): string[] {
  const parts: string[] = []
  const policy = report.policy
  if (policy) {
    const pre = policy.preExisting
    const n = pre.fail + pre.warn
    if (n > 0)
      parts.push(
        `ℹ️ **${count(n, 'pre-existing finding')}** (${pre.fail} failing, ${pre.warn} warning) on agents this pull request did not make worse: counted, not judged; listed in ${where}`,
      )
  }
  if (delta.unchanged > 0)
    parts.push(
      `${count(delta.unchanged, 'agent')} unchanged${report.summary.maxScore !== null ? ` (highest score in the repository ${formatScore(report.summary.maxScore)})` : ''}`,
    )
  return parts.length > 0 ? [`${parts.join('. ')}.`] : []
}

function footer(
  report: Report,
  where: string,
  shown: readonly ReportAgent[] = [],
): string {
  const version = report.tool.version.replace(/[^0-9A-Za-z.+-]/g, '')
  const policy = report.policy
  const chain = policy
    ? ` · policy ${mdCode(policy.chain.join(' → '), 200)} (scope: ${policy.scope})`
    : ''
  return `<sub>aivss-gate ${version}${chain} · ${basisPhrase(shown, report.aivss.version)} · full report: ${where}</sub>`
}

/** Agents moved to another file and otherwise unchanged. */
function moved(delta: ReportDelta): number {
  return delta.renamed.filter((r) => !r.changed).length
}

function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}

/**
 * A double-quoted YAML string for a path the pull request chose. A plain
 * path is written as it is; any other is written with every character
 * outside letters, digits, `.` and `/` as its \\u escape, which YAML reads
 * back as the same path: nothing in it can look like markup, a mention, a
 * cross-reference or an invisible mark, even to a reader that ignores the
 * code block.
 */
function yamlString(text: string): string {
  if (/^[A-Za-z0-9._/-]+$/.test(text) && !/gh-\d/i.test(text))
    return JSON.stringify(text)
  // Each match is one UTF-16 unit: beyond the BMP, its surrogate pair, as
  // YAML expects.
  const escaped = [...text]
    .flatMap((c) => c.split(''))
    .map((unit) =>
      /[A-Za-z0-9./]/.test(unit)
        ? unit
        : `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`,
    )
    .join('')
  return `"${escaped}"`
}

function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`)
  if (Number.isNaN(date.getTime())) return day
  date.setUTCDate(date.getUTCDate() + days)
  return date.toISOString().slice(0, 10)
}

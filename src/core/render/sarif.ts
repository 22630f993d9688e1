import { basename, isAbsolute, relative, sep } from 'node:path'
import type { Report, ReportPolicy } from '../report/schema.js'
import { sha256 } from './digest.js'
import { inertText, urlPath } from './escape.js'
import { repoPath } from './location.js'
import {
  exceptionYaml,
  guideFor,
  helpAnchor,
  type RuleGuide,
} from './sarif-help.js'

/**
 * The policy verdict as SARIF 2.1.0, for code scanning: one rule
 * (reportingDescriptor) per policy rule, with the help, severity and tags
 * GitHub code scanning shows; one result per finding, located on the line
 * that causes it; excepted findings as suppressed results. Paths are
 * relative to the repository (`%SRCROOT%`): the runner's own paths never
 * appear, and where the checkout came from is the run's
 * versionControlProvenance.
 */

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json'
export const INFORMATION_URI = 'https://github.com/aivss-gate/aivss-gate'
const SRCROOT = '%SRCROOT%'

/** Where the scanned files came from: the repository and its commit. */
export interface VersionControl {
  /** An absolute URI of the repository, without credentials. */
  readonly repositoryUri: string
  readonly revisionId?: string | undefined
  readonly branch?: string | undefined
}

export interface SarifOptions {
  /** The scan root's path inside the repository, `/`-separated ('' at the top). */
  readonly pathPrefix?: string
  readonly versionControl?: VersionControl | undefined
  /**
   * The local directory that relative paths start from (the checkout or
   * workspace root): a policy file named by its absolute path is shown
   * relative to it, so that no path of the machine reaches the log.
   */
  readonly localRoot?: string | undefined
}

export interface SarifMessage {
  readonly text: string
}

export interface SarifRule {
  readonly id: string
  readonly name: string
  readonly shortDescription: SarifMessage
  readonly fullDescription: SarifMessage
  readonly help: { readonly text: string; readonly markdown: string }
  readonly helpUri: string
  readonly defaultConfiguration: { readonly level: 'error' | 'warning' }
  readonly properties: {
    readonly tags: string[]
    readonly precision: 'high'
    readonly 'security-severity': string
    readonly source: string
  }
}

export interface SarifResult {
  readonly ruleId: string
  readonly ruleIndex: number
  readonly level: 'error' | 'warning'
  readonly message: SarifMessage
  readonly locations: ReadonlyArray<{
    readonly physicalLocation: {
      readonly artifactLocation: {
        readonly uri: string
        readonly uriBaseId: string
      }
      readonly region: { readonly startLine: number }
    }
  }>
  readonly partialFingerprints: Readonly<Record<string, string>>
  readonly suppressions?: ReadonlyArray<{
    readonly kind: 'external'
    readonly status: 'accepted'
    readonly justification: string
  }>
  readonly properties?: Readonly<Record<string, string | number>>
}

export interface SarifLog {
  readonly $schema: string
  readonly version: '2.1.0'
  readonly runs: ReadonlyArray<{
    readonly tool: {
      readonly driver: {
        readonly name: string
        readonly version: string
        readonly semanticVersion: string
        readonly informationUri: string
        readonly rules: readonly SarifRule[]
      }
    }
    readonly versionControlProvenance?: ReadonlyArray<
      VersionControl & { readonly mappedTo: { readonly uriBaseId: string } }
    >
    readonly originalUriBaseIds: Readonly<
      Record<string, { readonly description: SarifMessage }>
    >
    readonly columnKind: 'utf16CodeUnits'
    readonly results: readonly SarifResult[]
  }>
}

type Finding = ReportPolicy['violations'][number] & {
  readonly exception?: ReportPolicy['excepted'][number]['exception']
}
type ReportAgent = Report['agents'][number]

export function renderSarif(
  report: Report,
  options: SarifOptions = {},
): SarifLog {
  const policy = report.policy
  const findings: Finding[] = [
    ...(policy?.violations ?? []),
    ...(policy?.excepted ?? []),
  ]
  const agentOf = agentLookup(report)
  const rules = sarifRules(policy, findings, agentOf, options.localRoot)
  const index = new Map(rules.map((r, i) => [r.id, i]))
  const results = findings.map((f) =>
    sarifResult(f, index.get(f.rule) ?? 0, agentOf(f), options),
  )
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'aivss-gate',
            version: report.tool.version,
            semanticVersion: report.tool.version,
            informationUri: INFORMATION_URI,
            rules,
          },
        },
        // The checkout's root is %SRCROOT%: result paths are relative to it.
        ...(options.versionControl
          ? {
              versionControlProvenance: [
                {
                  ...options.versionControl,
                  mappedTo: { uriBaseId: SRCROOT },
                },
              ],
            }
          : {}),
        originalUriBaseIds: {
          [SRCROOT]: {
            description: { text: 'The root of the repository checkout.' },
          },
        },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  }
}

/**
 * The agent a finding is about. A finding points at the line that causes
 * it (a tool, a control), not always the agent's own line, so the agent is
 * found by file and name, by line among agents of the same name.
 */
function agentLookup(report: Report): (f: Finding) => ReportAgent | undefined {
  const byName = new Map<string, ReportAgent[]>()
  for (const agent of report.agents) {
    const key = `${agent.file}\n${agent.name}`
    byName.set(key, [...(byName.get(key) ?? []), agent])
  }
  return (f) => {
    if (f.agent === undefined) return undefined
    const same = byName.get(`${f.file}\n${f.agent}`) ?? []
    if (same.length <= 1) return same[0]
    // The nearest agent at or above the finding's line.
    const line = f.line ?? 1
    return (
      same.filter((a) => a.line <= line).sort((a, b) => b.line - a.line)[0] ??
      same[0]
    )
  }
}

function sarifResult(
  f: Finding,
  ruleIndex: number,
  agent: ReportAgent | undefined,
  options: SarifOptions,
): SarifResult {
  const path = repoPath(options.pathPrefix ?? '', f.file)
  const score = agent
    ? ` (AIVSS ${agent.score.toFixed(1)}, ${agent.severity})`
    : ''
  return {
    ruleId: f.rule,
    ruleIndex,
    level: f.action === 'fail' ? 'error' : 'warning',
    message: {
      text: sarifText(f.agent ? `${f.agent}${score}: ${f.message}` : f.message),
    },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: urlPath(path), uriBaseId: SRCROOT },
          region: { startLine: Math.max(1, f.line ?? 1) },
        },
      },
    ],
    // Rule, file and agent only: an alert stays the same alert when the
    // score, the message or the line moves.
    partialFingerprints: {
      'aivssGate/v1': sha256(`${f.rule}\n${path}\n${f.agent ?? ''}`),
    },
    ...(f.exception
      ? {
          suppressions: [
            {
              kind: 'external' as const,
              status: 'accepted' as const,
              justification: sarifText(f.exception.reason),
            },
          ],
        }
      : {}),
    ...(agent
      ? {
          properties: {
            agent: inertText(agent.name, 200),
            aivssScore: agent.score,
            // What the score is: the spec's score of a declared
            // vulnerability, or one of aivss-gate's constructs.
            aivssBasis: agent.basisKind,
            severity: agent.severity,
          },
        }
      : {}),
  }
}

interface RuleFacts {
  readonly id: string
  readonly description: string | undefined
  readonly action: 'fail' | 'warn'
  readonly source: string
}

/** One descriptor per active policy rule, and one for any other rule a finding names. */
function sarifRules(
  policy: ReportPolicy | undefined,
  findings: readonly Finding[],
  agentOf: (f: Finding) => ReportAgent | undefined,
  localRoot: string | undefined,
): SarifRule[] {
  if (!policy) return []
  const facts: RuleFacts[] = policy.rules.map((rule) => ({
    id: rule.id,
    description: rule.description,
    action: rule.action,
    source: shownSource(rule.source, localRoot),
  }))
  const known = new Set(facts.map((r) => r.id))
  for (const f of findings) {
    if (known.has(f.rule)) continue
    known.add(f.rule)
    facts.push({
      id: f.rule,
      description: f.description,
      action: f.action,
      source: shownSource(policy.chain[0] ?? '', localRoot),
    })
  }
  return facts.map((rule) => {
    const flagged = findings
      .filter((f) => f.rule === rule.id)
      .map(agentOf)
      .filter((a): a is ReportAgent => a !== undefined)
    return sarifRule(rule, flagged)
  })
}

function sarifRule(
  rule: RuleFacts,
  flagged: readonly ReportAgent[],
): SarifRule {
  const guide = guideFor(rule.id)
  const title = sarifText(rule.description ?? ruleTitle(rule.id))
  return {
    id: rule.id,
    name: ruleName(rule.id),
    shortDescription: { text: title },
    fullDescription: {
      text: sarifText(
        `${rule.description ?? ruleTitle(rule.id)}. ${guide.why} Action: ${rule.action}; from ${rule.source}.`,
      ),
    },
    help: ruleHelp(rule, guide),
    helpUri: `${INFORMATION_URI}#${helpAnchor(rule.id)}`,
    defaultConfiguration: {
      level: rule.action === 'fail' ? 'error' : 'warning',
    },
    properties: {
      tags: ['security', 'ai-agent', 'aivss', ...owaspTags(guide, flagged)],
      precision: 'high',
      'security-severity': securitySeverity(rule, flagged),
      source: rule.source,
    },
  }
}

/**
 * The severity code scanning shows for the rule's alerts: the highest
 * AIVSS score among the agents it flags in this run (AIVSS and GitHub share
 * the CVSS bands). A rule that flags no agent (an unreadable manifest, a
 * rule with no finding) takes the lower bound of the band its action
 * stands for: High for a failing rule, Medium for a warning.
 */
function securitySeverity(
  rule: RuleFacts,
  flagged: readonly ReportAgent[],
): string {
  const scores = flagged.map((a) => a.score)
  const fallback = rule.action === 'fail' ? 7 : 4
  const value = scores.length > 0 ? Math.max(...scores) : fallback
  return value.toFixed(1)
}

/** The guide's OWASP ids, or for a rule about the score, those of the agents it flags. */
function owaspTags(
  guide: RuleGuide,
  flagged: readonly ReportAgent[],
): string[] {
  if (guide.owasp.length > 0) return [...guide.owasp]
  const ids = new Set<string>()
  for (const agent of flagged)
    for (const threat of [
      ...agent.maestro.flatMap((layer) => layer.threats),
      ...agent.maestroCrossLayer,
    ])
      for (const id of threat.ids) {
        // `ASI01`, or `ASI01:2026`: the Top 10 id without its version.
        const top10 = /^ASI\d\d\b/.exec(id)?.[0]
        if (top10) ids.add(top10)
      }
  return [...ids].sort()
}

function ruleHelp(
  rule: RuleFacts,
  guide: RuleGuide,
): { text: string; markdown: string } {
  // The description and source come from the policy: inert, each on its own.
  const what = inertText(rule.description ?? ruleTitle(rule.id), 500)
  const source = inertText(rule.source, 200)
  const yaml = exceptionYaml(rule.id)
  const text = [
    `What it checks: ${what} (rule ${rule.id}, action ${rule.action}, from ${source}).`,
    `Why it matters: ${guide.why}`,
    `How to fix it: ${guide.fix}`,
    'To accept the risk instead, add an exception with a reason and an expiry to the policy file on the base branch:',
    yaml,
  ].join('\n\n')
  const markdown = [
    `**What it checks:** ${mdInline(what)} (rule \`${mdCode(rule.id)}\`, action \`${rule.action}\`, from \`${mdCode(source)}\`).`,
    `**Why it matters:** ${guide.why}`,
    `**How to fix it:** ${guide.fix}`,
    'To accept the risk instead, add an exception with a reason and an expiry to the policy file on the base branch:',
    `\`\`\`yaml\n${yaml}\n\`\`\``,
  ].join('\n\n')
  return { text, markdown }
}

/**
 * Where a rule comes from, without a path of this machine: a preset as it
 * is, a file relative to the local root when inside it, else its name.
 */
function shownSource(source: string, localRoot: string | undefined): string {
  if (!isAbsolute(source) && !/^[A-Za-z]:[\\/]/.test(source)) return source
  if (localRoot) {
    const rel = relative(localRoot, source)
    if (rel && !rel.startsWith('..') && !isAbsolute(rel))
      return rel.split(sep).join('/')
  }
  return `${basename(source)} (outside the repository)`
}

/** `critical-agents` → `CriticalAgents`: SARIF's rule name, an identifier. */
function ruleName(id: string): string {
  const name = id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('')
  return name || 'PolicyRule'
}

function ruleTitle(id: string): string {
  return id === 'manifest-errors'
    ? 'A manifest could not be read; the policy setting manifest-errors decides what that does to the verdict'
    : `Policy rule ${id}`
}

/** A policy's description in Markdown: inert text, no markup of its own. */
function mdInline(text: string): string {
  return text.replace(/[\\`*_[\]<>#|]/g, (c) => `\\${c}`)
}

function mdCode(text: string): string {
  return text.replace(/`/g, "'")
}

/** SARIF message text: inert plain text, bounded, with `[` `]` escaped (they would be links). */
function sarifText(text: string): string {
  return inertText(text, 1000).replace(/[\\[\]]/g, (c) => `\\${c}`)
}

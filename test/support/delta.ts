import { join } from 'node:path'
import { renderComment } from '../../src/core/render/comment.js'
import { ReportSchema, type Report } from '../../src/core/report/schema.js'
import { cli, type CliRun } from './cli.js'
import { tempTree } from './files.js'
import { commit, git, gitRepo, gitMove } from './git.js'

/**
 * A repository with a base and a head commit, for the comparison tests: the
 * base holds three agents (one a legacy Critical agent the ratchet rules
 * must leave alone) and each scenario's head changes one thing.
 */

export const ORCHESTRATOR = (extra: {
  tools?: string
  guardrails?: boolean
}) => `name: orchestrator
description: Orchestrates worker agents that reconcile the ledger.
subAgents: [reconciler]
tools: [web_search${extra.tools ? `, ${extra.tools}` : ''}]
controls: { guardrails: ${extra.guardrails ?? true}, logging: true }
`

export const RECONCILER = `name: reconciler
description: Reconciles the ledger and reports differences.
tools: [{ name: read_ledger, kind: database, readOnly: true }]
controls: { humanApproval: true, logging: true }
`

/** Critical before the pull request; the ratchet must not fail it. */
export const LEGACY = `name: legacy
description: Runs month-end scripts for the finance team.
tools: [{ name: bash, kind: shell }, { name: send_email, kind: email }]
memory: persistent
controls: { guardrails: false }
`

export const RESEARCHER = `name: researcher
description: Researches vendors on the web and runs analysis code.
tools: [web_search, { name: run_python, kind: code-exec }]
`

export const BASE_FILES: Record<string, string> = {
  'agents/orchestrator.aivss.yml': ORCHESTRATOR({}),
  'agents/reconciler.aivss.yml': RECONCILER,
  'agents/legacy.aivss.yml': LEGACY,
  'README.md': '# agents\n',
}

/** Fails only what a pull request makes worse. */
export const RATCHET_POLICY = `version: 1
rules:
  - id: no-new-exec-tools
    when: { new-tools: [shell, code-exec] }
    action: fail
  - id: keep-guardrails
    when: { removed-controls: [guardrails, humanApproval] }
    action: fail
  - id: new-agents-below-high
    when: { new: true, severity: { gte: high } }
    action: fail
  - id: score-ratchet
    when: { increased: { score: 0.5 } }
    action: warn
`

export interface Scenario {
  readonly name: string
  /** Content, null to delete. */
  readonly changes?: Record<string, string | null>
  /** Paths to move with git mv: from → to. */
  readonly moves?: Record<string, string>
}

export const SCENARIOS = {
  addTool: {
    name: 'adding a tool',
    changes: {
      'agents/orchestrator.aivss.yml': ORCHESTRATOR({
        tools: '{ name: bash, kind: shell }',
      }),
    },
  },
  removeGuardrails: {
    name: 'removing guardrails',
    changes: {
      'agents/orchestrator.aivss.yml': ORCHESTRATOR({ guardrails: false }),
    },
  },
  addAgent: {
    name: 'adding an agent',
    changes: { 'agents/researcher.aivss.yml': RESEARCHER },
  },
  renameManifest: {
    name: 'renaming a manifest',
    moves: {
      'agents/reconciler.aivss.yml': 'agents/ledger-reconciler.aivss.yml',
    },
  },
  nothing: {
    name: 'changing nothing',
    changes: { 'README.md': '# agents\n\nNow with a README.\n' },
  },
} satisfies Record<string, Scenario>

export interface ScenarioRepo {
  readonly repo: string
  readonly base: string
  /** The base's results, recorded with `baseline write` before the change. */
  readonly baselineFile: string
  readonly policy: string
}

export function scenarioRepo(scenario: Scenario): ScenarioRepo {
  const repo = gitRepo(BASE_FILES)
  const base = git(repo, 'rev-parse', 'HEAD')
  const dir = tempTree({ 'policy.yml': RATCHET_POLICY })
  const policy = join(dir, 'policy.yml')
  const baselineFile = join(dir, 'baseline.json')
  const recorded = cli([
    'baseline',
    'write',
    repo,
    '--policy',
    policy,
    '--output',
    baselineFile,
  ])
  if (recorded.code !== 0) throw new Error(recorded.stderr)
  for (const [from, to] of Object.entries(scenario.moves ?? {}))
    gitMove(repo, from, to)
  commit(repo, scenario.changes ?? {}, scenario.name)
  return { repo, base, baselineFile, policy }
}

export interface Compared {
  readonly run: CliRun
  readonly report: Report
  /** The pull request comment's visible lines, from the title on. */
  readonly comment: string[]
}

/** Scans the head against `--base` or `--baseline`, as JSON, and renders the comment. */
export function compare(
  setup: ScenarioRepo,
  how: 'git' | 'file',
  extra: readonly string[] = [],
): Compared {
  const run = cli([
    'scan',
    setup.repo,
    '--policy',
    setup.policy,
    '--format',
    'json',
    ...(how === 'git'
      ? ['--base', setup.base]
      : ['--baseline', setup.baselineFile]),
    ...extra,
  ])
  if (run.code === 2) throw new Error(run.stderr)
  const report = ReportSchema.parse(JSON.parse(run.stdout))
  const comment = renderComment(report)
    .body.split('\n')
    .filter((line) => !line.startsWith('<!-- '))
  return { run, report, comment }
}

/** Violations as "rule agent", sorted. */
export function violated(report: Report): string[] {
  return (report.policy?.violations ?? [])
    .map((v) => `${v.rule} ${v.agent ?? v.file}`)
    .sort()
}

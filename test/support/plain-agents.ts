import { expect } from 'vitest'
import type { Report } from '../../src/core/report/schema.js'
import { cli } from './cli.js'
import { commit, git, gitRepo } from './git.js'

/**
 * Plain agents that the hostile tests put on a base commit: each fails the
 * default preset as it stands, so that a pull request which tries to make
 * it pass (or to hide it) can be seen to fail still.
 */

/**
 * A Claude Code subagent with shell, write and fetch tools that run without
 * asking (bypassPermissions: Claude Code's own default would ask first).
 */
export const PLAIN_AGENT = `---
name: deployer
description: Deploys the services to production
tools: Bash, Write, WebFetch
permissionMode: bypassPermissions
---
You deploy the services. Run the deploy scripts.
`

/** A descriptor agent that the default preset fails (multi-agent, no guardrails). */
export const PLAIN_DESCRIPTOR = `name: ops
description: Hands work to worker agents.
subAgents: [a, b, c]
delegation: { canDelegate: true, mode: hierarchical }
tools: [{ name: shell, kind: shell }]
controls: { guardrails: false }
aivss:
  factors: { multiAgentInteractions: 0.9 }
`

/** The two plain agents, at the paths a base commit holds them. */
export const PLAIN_FILES: Readonly<Record<string, string>> = {
  '.claude/agents/deployer.md': PLAIN_AGENT,
  'agents/ops.aivss.yml': PLAIN_DESCRIPTOR,
}

/** A Critical descriptor agent: shell, code and payments, no controls. */
export const CRITICAL_DESCRIPTOR = `name: legacy
description: Runs month-end scripts for the finance team.
tools: [{ name: bash, kind: shell }, { name: run_python, kind: code-exec }, { name: wire_money, kind: payment }]
allTools: true
memory: { kind: persistent, writable: true }
delegation: { canDelegate: true, dynamic: true }
identity: { kind: dynamic, credentials: [AWS_SECRET_ACCESS_KEY] }
exposure: { reach: public, untrustedInput: true }
triggers: [webhook, schedule]
autonomy: { codeExecution: true, selfEditing: true, planning: true }
controls: { guardrails: false, humanApproval: false, sandbox: false }
`

/**
 * `scan DIR --policy POLICY --format json [--base BASE]` through the CLI:
 * the exit code and the report. A scan that writes an error fails the test.
 */
export function scanReport(
  dir: string,
  policy: string,
  base?: string,
): { code: number; report: Report } {
  const run = cli([
    'scan',
    dir,
    '--policy',
    policy,
    '--format',
    'json',
    ...(base ? ['--base', base] : []),
  ])
  expect(run.stderr).not.toMatch(/Error|error:/)
  return { code: run.code, report: JSON.parse(run.stdout) as Report }
}

/** A repository whose base commit holds `files` beside a README. */
export function baseRepo(files: Readonly<Record<string, string>>): {
  repo: string
  base: string
} {
  const repo = gitRepo({ 'README.md': '# ops\n', ...files })
  return { repo, base: git(repo, 'rev-parse', 'HEAD') }
}

/** A baseline file (the JSON a `baseline write` records) holding `[file, name, format]` agents. */
export function baselineOf(
  agents: ReadonlyArray<[string, string, string]>,
): string {
  return `${JSON.stringify(
    {
      version: 1,
      aivss: {
        version: '0.8',
        scale: 'continuous',
        threatMultiplier: 0.97,
        mitigationFromControls: false,
      },
      agents: agents.map(([file, name, format]) => ({
        file,
        name,
        format,
        score: 1,
        severity: 'low',
        factors: {},
        tools: [],
        controls: [],
      })),
    },
    null,
    2,
  )}\n`
}

/** A base commit holding the plain agents and `base`, then the pull request's `head`. */
export interface PullRequestRepo {
  readonly repo: string
  readonly baseSha: string
  readonly headSha: string
}

/**
 * The risky agent a pull request brings along with its other changes, so
 * that the base's change-scoped default has something of the pull
 * request's own to fail (the plain agents on the base are pre-existing).
 */
export const NEW_AGENT_FILE = '.claude/agents/newcomer.md'
export const NEW_AGENT = PLAIN_AGENT.replace('name: deployer', 'name: newcomer')

export function pullRequestRepo(
  base: Readonly<Record<string, string>>,
  head: Readonly<Record<string, string | null>>,
  options: { readonly newAgent?: boolean } = {},
): PullRequestRepo {
  const repo = gitRepo({ ...PLAIN_FILES, ...base })
  const baseSha = git(repo, 'rev-parse', 'HEAD')
  const brought: Record<string, string> =
    options.newAgent === false ? {} : { [NEW_AGENT_FILE]: NEW_AGENT }
  return {
    repo,
    baseSha,
    headSha: commit(repo, { ...brought, ...head }, 'pull request'),
  }
}

/** `scan . --base <the base> ARGS -f json` in the repository, and its report. */
export function scanAgainstBase(
  repo: PullRequestRepo,
  ...args: string[]
): { code: number; stderr: string; report: Report } {
  const run = cli(
    ['scan', '.', '--base', repo.baseSha, ...args, '-f', 'json'],
    repo.repo,
  )
  return { ...run, report: JSON.parse(run.stdout || '{}') as Report }
}

import { readFileSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Report } from '../../src/core/report/schema.js'
import {
  pullRequestEvent,
  runAction,
  type ActionRun,
} from '../support/action.js'
import { cli } from '../support/cli.js'
import { put } from '../support/files.js'
import { git } from '../support/git.js'
import { FakeGitHub } from '../support/github-server.js'
import {
  baselineOf,
  PLAIN_AGENT,
  pullRequestRepo,
  scanAgainstBase,
  type PullRequestRepo,
} from '../support/plain-agents.js'

/**
 * A pull request cannot choose the rules that judge it: the policy file,
 * what it extends and the baseline file come from the base commit. Each
 * case is a real repository, a base commit whose policy fails a plain
 * agent, and a head commit where the pull request's author changes the
 * configuration; the run must still fail, and say that the change takes
 * effect after merge.
 */

const POLICY = '.github/aivss-policy.yml'

interface Change {
  readonly name: string
  /** Files of the base commit besides the two agents. */
  readonly base?: Readonly<Record<string, string>>
  /** What the pull request writes (null: deletes). */
  readonly head: Readonly<Record<string, string | null>>
  /** The workflow's / command line's policy. */
  readonly policy?: string
  /** The file the notice names. */
  readonly pending: string
  readonly change: 'added' | 'changed' | 'removed'
  /** What the head's version would decide. */
  readonly would: 'pass' | 'warn' | 'fail' | 'does not load'
}

const CHANGES: readonly Change[] = [
  {
    name: 'a policy added that extends permissive',
    head: { [POLICY]: 'version: 1\nextends: permissive\n' },
    pending: POLICY,
    change: 'added',
    would: 'warn',
  },
  {
    name: 'a policy added that excludes the agents from the scan',
    head: {
      [POLICY]:
        'version: 1\nextends: default\nscan:\n  exclude: [".claude/**", "agents/**"]\n',
    },
    pending: POLICY,
    change: 'added',
    // Judged on this run's assessments, which still hold the agents.
    would: 'fail',
  },
  {
    name: 'a policy added that excepts every rule everywhere',
    head: {
      [POLICY]:
        'version: 1\nextends: default\nexceptions:\n  - { rule: "*", paths: ["**"], reason: trust me }\n',
    },
    pending: POLICY,
    change: 'added',
    would: 'pass',
  },
  {
    name: "the base's policy edited to permissive",
    base: { [POLICY]: 'version: 1\nextends: default\n' },
    head: { [POLICY]: 'version: 1\nextends: permissive\n' },
    pending: POLICY,
    change: 'changed',
    would: 'warn',
  },
  {
    name: "the base's strict policy deleted",
    base: { [POLICY]: 'version: 1\nextends: strict\n' },
    head: { [POLICY]: null },
    pending: POLICY,
    change: 'removed',
    would: 'fail',
  },
  {
    name: 'a file the policy extends edited to permissive',
    base: {
      [POLICY]: 'version: 1\nextends: ./shared.yml\n',
      '.github/shared.yml': 'version: 1\nextends: default\n',
    },
    head: { '.github/shared.yml': 'version: 1\nextends: permissive\n' },
    pending: '.github/shared.yml',
    change: 'changed',
    would: 'warn',
  },
  {
    name: 'the policy the workflow names, with its rules switched off',
    policy: POLICY,
    base: { [POLICY]: 'version: 1\nextends: default\n' },
    head: {
      [POLICY]:
        'version: 1\nextends: default\nrules:\n  - { id: critical-agents, action: off, when: { severity: { gte: critical } } }\n  - { id: multi-agent-needs-guardrails, action: off, when: { severity: { gte: low } } }\n',
    },
    pending: POLICY,
    change: 'changed',
    // The new agent's shell without approval still fails it (new-unapproved-tools).
    would: 'fail',
  },
  {
    name: 'a policy added that extends /etc/passwd',
    head: { [POLICY]: 'version: 1\nextends: /etc/passwd\n' },
    pending: POLICY,
    change: 'added',
    would: 'does not load',
  },
]

function expectNotice(report: Report, change: Change): void {
  const policy = report.policy
  expect(policy?.result).toBe('fail')
  expect(policy?.source).toEqual({ from: 'base', commit: expect.any(String) })
  expect(policy?.pending?.files).toContainEqual({
    path: change.pending,
    change: change.change,
  })
  if (change.would === 'does not load') {
    expect(policy?.pending?.error).toMatch(/outside the workspace/)
    expect(policy?.pending?.result).toBeUndefined()
  } else {
    expect(policy?.pending?.result).toBe(change.would)
    if (change.would === 'fail')
      expect(policy?.pending?.failures).toBeGreaterThan(0)
  }
}

describe.each(CHANGES)('CLI scan --base: $name', (change) => {
  it('fails by the base policy and says the change takes effect after merge', () => {
    const repo = pullRequestRepo(change.base ?? {}, change.head)
    const args = [
      'scan',
      '.',
      '--base',
      repo.baseSha,
      ...(change.policy ? ['--policy', change.policy] : []),
    ]
    const json = cli([...args, '-f', 'json'], repo.repo)
    expect(json.code, json.stderr).toBe(1)
    expectNotice(JSON.parse(json.stdout) as Report, change)
    const text = cli(args, repo.repo)
    expect(text.code).toBe(1)
    expect(text.stdout.split('\n')[0]).toContain(
      `takes effect after merge; judged by the base's version.`,
    )
    expect(text.stdout).not.toContain('root:x:0')
    const markdown = cli([...args, '-f', 'markdown'], repo.repo)
    expect(markdown.stdout).toContain('> [!IMPORTANT]')
    expect(markdown.stdout).toContain(`\`${change.pending}\``)
    // The opt-out: the head's version judges.
    if (change.would === 'pass' || change.would === 'warn')
      expect(cli([...args, '--policy-from', 'head'], repo.repo).code).not.toBe(
        1,
      )
  })
})

describe('CLI scan --base: what the base has', () => {
  it('judges by the default preset when the base has no policy, with none added', () => {
    const repo = pullRequestRepo({}, { 'README.md': '# x\n' })
    const { code, report } = scanAgainstBase(repo)
    expect(code).toBe(1)
    expect(report.policy?.chain).toEqual(['preset:default'])
    expect(report.policy?.pending).toBeUndefined()
  })

  it('takes a preset named on the command line as given', () => {
    const repo = pullRequestRepo(
      { [POLICY]: 'version: 1\nextends: strict\n' },
      { [POLICY]: 'version: 1\nextends: permissive\n' },
    )
    const { code, report } = scanAgainstBase(repo, '--policy', 'permissive')
    expect(code).toBe(0)
    expect(report.policy?.chain[0]).toBe('preset:permissive')
    expect(report.policy?.pending).toBeUndefined()
  })

  it('reads a policy file the workflow made (not tracked) from the workspace', () => {
    const repo = pullRequestRepo({}, { 'README.md': '# x\n' })
    put(repo.repo, 'generated/policy.yml', 'version: 1\nextends: strict\n')
    const { report } = scanAgainstBase(repo, '--policy', 'generated/policy.yml')
    expect(report.policy?.chain.slice(0, 2)).toEqual([
      'generated/policy.yml',
      'preset:strict',
    ])
  })
})

describe('CLI scan --base: a policy the head does not track as a file', () => {
  it('is none when the pull request turns .github into a link to its own policy', () => {
    const repo = pullRequestRepo(
      {},
      {
        'config/aivss-policy.yml': 'version: 1\nextends: permissive\n',
      },
    )
    symlinkSync('config', join(repo.repo, '.github'))
    git(repo.repo, 'add', '-A')
    git(repo.repo, 'commit', '-q', '-m', 'link')
    const { code, stderr, report } = scanAgainstBase(repo)
    expect(code, stderr).toBe(1)
    expect(report.policy?.chain).toEqual(['preset:default'])
  })
})

describe('exceptions by agent name', () => {
  const base = {
    [POLICY]:
      'version: 1\nextends: default\nexceptions:\n  - { rule: "*", agents: [deployer, ops], reason: reviewed }\n',
  }
  const copy = { '.claude/agents/tools/release.md': PLAIN_AGENT }

  it('hold only where the name stood on the base', () => {
    const repo = pullRequestRepo(base, copy, { newAgent: false })
    const { code, stderr, report } = scanAgainstBase(repo)
    expect(code, stderr).toBe(1)
    expect([
      ...new Set(
        report.policy?.violations
          .filter((v) => v.action === 'fail')
          .map((v) => v.file),
      ),
    ]).toEqual(['.claude/agents/tools/release.md'])
    expect(report.policy?.excepted.map((v) => v.file)).toContain(
      '.claude/agents/deployer.md',
    )
  })

  it('match every agent of that name without a base, as before', () => {
    const repo = pullRequestRepo(base, copy, { newAgent: false })
    const run = cli(['scan', '.', '-f', 'json'], repo.repo)
    expect(run.code).toBe(0)
  })
})

let github: FakeGitHub
let number = 1300

/** The Action on pull request `pr` of the repository, against `baseSha`. */
function onPullRequest(
  repo: PullRequestRepo,
  pr: number,
  inputs: Record<string, string>,
  baseSha = repo.baseSha,
): Promise<ActionRun> {
  return runAction({
    workspace: repo.repo,
    event: pullRequestEvent(pr, repo.headSha, baseSha),
    apiUrl: github.url,
    inputs,
  })
}

beforeAll(async () => {
  github = await new FakeGitHub().start()
})
afterAll(async () => {
  await github.stop()
})

describe('the Action on a pull request', () => {
  const cases: ReadonlyArray<Change & { inputs?: Record<string, string> }> = [
    CHANGES[0]!,
    CHANGES[6]!,
    {
      name: 'a baseline file rewritten to excuse a new agent',
      base: {
        [POLICY]:
          'version: 1\nextends: permissive\nrules:\n  - { id: no-new-agents, when: { new: true }, action: fail }\n',
        '.github/aivss-baseline.json': baselineOf([]),
      },
      head: {
        '.github/aivss-baseline.json': baselineOf([
          ['.claude/agents/deployer.md', 'deployer', 'claude-code-subagent'],
          ['agents/ops.aivss.yml', 'ops', 'aivss-descriptor'],
        ]),
      },
      inputs: { 'baseline-file': '.github/aivss-baseline.json' },
      pending: '.github/aivss-baseline.json',
      change: 'changed',
      // The pull request's own new agent is new to that baseline too.
      would: 'fail',
    },
  ]

  it.each(cases)(
    '$name: fails, and the comment and summary say so at the top',
    async (change) => {
      const repo = pullRequestRepo(change.base ?? {}, change.head)
      const pr = ++number
      const run = await onPullRequest(repo, pr, {
        'github-token': 'write-token',
        ...(change.policy ? { policy: change.policy } : {}),
        ...change.inputs,
      })
      expect(run.code, run.stdout.slice(-3000)).toBe(1)
      expect(run.outputs.result).toBe('fail')
      // The pull request's new agent fails the new version too (its shell
      // runs without approval), unless that version does not judge it.
      const notice = `\`${change.pending}\` is ${change.change} by this pull request and takes effect after merge; judged by the base's version. With the new version: ${change.would} (`
      expect(run.summary).toContain(notice)
      const [comment] = github.thread(pr)
      expect(comment?.body).toContain(notice)
      // At the top: before the changed agents.
      const body = comment?.body ?? ''
      expect(body.indexOf(notice)).toBeGreaterThan(0)
      expect(body.indexOf(notice)).toBeLessThan(body.indexOf('| Change |'))
      // The opt-out.
      const trusted = await onPullRequest(repo, pr, {
        comment: 'never',
        'trust-pr-policy': 'true',
        ...(change.policy ? { policy: change.policy } : {}),
        ...change.inputs,
      })
      // The head's version judges (its result is its own affair: the pull
      // request's new agent may still fail it).
      const judged = JSON.parse(
        readFileSync(trusted.outputs.report!, 'utf8'),
      ) as Report
      expect(judged.policy?.source?.from, trusted.stdout.slice(-3000)).toBe(
        'workspace',
      )
    },
    60_000,
  )

  it('judges by the stricter of the head and the default when the base cannot be read', async () => {
    const repo = pullRequestRepo(
      {},
      { [POLICY]: 'version: 1\nextends: permissive\n' },
    )
    // A base commit the clone does not have and cannot fetch (no origin).
    const run = await onPullRequest(
      repo,
      ++number,
      { comment: 'never' },
      'f'.repeat(40),
    )
    expect(run.code, run.stdout.slice(-3000)).toBe(1)
    expect(run.outputs.result).toBe('fail')
    expect(run.summary).toContain('The base commit could not be read')
  }, 60_000)
})

describe('the Action when the base cannot be read', () => {
  it('still takes a preset the workflow names as given', async () => {
    const repo = pullRequestRepo(
      {},
      { [POLICY]: 'version: 1\nextends: strict\n' },
    )
    const run = await onPullRequest(
      repo,
      ++number,
      { comment: 'never', policy: 'permissive' },
      'e'.repeat(40),
    )
    expect(run.code, run.stdout.slice(-3000)).toBe(0)
    expect(run.outputs.result).toBe('warn')
    expect(run.summary).not.toContain('The base commit could not be read')
  }, 60_000)
})

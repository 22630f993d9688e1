import { readFileSync, rmSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Report } from '../../src/core/report/schema.js'
import { pullRequestEvent, runAction } from '../support/action.js'
import { cli } from '../support/cli.js'
import { git, gitRepo } from '../support/git.js'
import { FakeGitHub } from '../support/github-server.js'
import {
  baselineOf,
  PLAIN_AGENT,
  PLAIN_FILES,
  pullRequestRepo,
  scanAgainstBase,
  type PullRequestRepo,
} from '../support/plain-agents.js'

/**
 * Variants of a pull request choosing the rules that judge it: where the
 * policy comes from on other events, a policy file the workflow names that
 * only the pull request has, which file the notice says changed, and keys
 * a reviewer would not see.
 */

const POLICY = '.github/aivss-policy.yml'
const PERMISSIVE = 'version: 1\nextends: permissive\n'

describe('a policy file the workflow names that only the pull request has', () => {
  it('is none on the base: the default preset judges, and the notice names it as added', () => {
    const repo = pullRequestRepo({}, { '.github/gate.yml': PERMISSIVE })
    const { code, stderr, report } = scanAgainstBase(
      repo,
      '--policy',
      '.github/gate.yml',
    )
    expect(code, stderr).toBe(1)
    expect(report.policy?.chain).toEqual(['preset:default'])
    expect(report.policy?.pending?.files).toEqual([
      { path: '.github/gate.yml', change: 'added' },
    ])
  })

  it('is still an error when no commit has it (a typo in the workflow)', () => {
    const repo = pullRequestRepo({}, { 'README.md': 'x\n' })
    const run = cli(
      ['scan', '.', '--base', repo.baseSha, '--policy', '.github/gate.yml'],
      repo.repo,
    )
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('.github/gate.yml not found')
  })
})

describe('the notice names the files the pull request changed, only those', () => {
  it('a .yml added beside the base .yaml: the .yml is added, the .yaml not removed', () => {
    const repo = pullRequestRepo(
      { '.github/aivss-policy.yaml': 'version: 1\nextends: default\n' },
      { [POLICY]: PERMISSIVE },
    )
    const { code, stderr, report } = scanAgainstBase(repo)
    expect(code, stderr).toBe(1)
    expect(report.policy?.chain).toEqual([
      '.github/aivss-policy.yaml',
      'preset:default',
    ])
    expect(report.policy?.pending?.files).toEqual([
      { path: POLICY, change: 'added' },
    ])
  })

  it('a policy that stops extending a file: the policy changed, the file not removed', () => {
    const repo = pullRequestRepo(
      {
        [POLICY]: 'version: 1\nextends: ./shared.yml\n',
        '.github/shared.yml': 'version: 1\nextends: default\n',
      },
      { [POLICY]: PERMISSIVE },
    )
    const { code, report } = scanAgainstBase(repo)
    expect(code).toBe(1)
    expect(report.policy?.pending?.files).toEqual([
      { path: POLICY, change: 'changed' },
    ])
  })
})

describe('a key given twice in a policy file', () => {
  it('is refused by line and column, without quoting the file', () => {
    const repo = gitRepo({
      ...PLAIN_FILES,
      [POLICY]: 'version: 1\nextends: default\nextends: permissive # SECRET\n',
    })
    const run = cli(['scan', '.'], repo)
    expect(run.code).toBe(2)
    expect(run.stderr).toContain(`${POLICY}:3: invalid YAML at column`)
    expect(run.stderr).toContain('duplicate key')
    expect(run.stderr).not.toContain('SECRET')
    expect(run.stderr).not.toContain('permissive')
  })
})

let github: FakeGitHub
let number = 2100
beforeAll(async () => {
  github = await new FakeGitHub().start()
})
afterAll(async () => {
  await github.stop()
})

describe('the baseline file the workflow names, on a pull request', () => {
  const base = {
    [POLICY]:
      'version: 1\nextends: permissive\nrules:\n  - { id: no-new-agents, when: { new: true }, action: fail }\n',
    '.github/aivss-baseline.json': baselineOf([]),
  }
  const excusing = baselineOf([
    ['.claude/agents/deployer.md', 'deployer', 'claude-code-subagent'],
    ['agents/ops.aivss.yml', 'ops', 'aivss-descriptor'],
  ])
  const onPullRequest = (repo: PullRequestRepo, pr: number) =>
    runAction({
      workspace: repo.repo,
      event: pullRequestEvent(pr, repo.headSha, repo.baseSha),
      apiUrl: github.url,
      inputs: {
        'github-token': 'write-token',
        'baseline-file': '.github/aivss-baseline.json',
      },
    })

  it('deleted by the pull request: the base has it, and it judges', async () => {
    const repo = pullRequestRepo(base, { '.github/aivss-baseline.json': null })
    const run = await onPullRequest(repo, 41)
    expect(run.code, run.stdout.slice(-2000)).toBe(1)
    expect(run.outputs.result).toBe('fail')
    expect(run.summary).toContain(
      '`.github/aivss-baseline.json` is removed by this pull request',
    )
  }, 60_000)

  it('replaced by a link to an excusing copy: the base has it, and it judges', async () => {
    const made = pullRequestRepo(base, { 'docs/old-baseline.json': excusing })
    rmSync(join(made.repo, '.github/aivss-baseline.json'))
    symlinkSync(
      '../docs/old-baseline.json',
      join(made.repo, '.github/aivss-baseline.json'),
    )
    git(made.repo, 'add', '-A')
    git(made.repo, 'commit', '-q', '-m', 'link')
    const repo = { ...made, headSha: git(made.repo, 'rev-parse', 'HEAD') }
    const run = await onPullRequest(repo, 42)
    expect(run.code, run.stdout.slice(-2000)).toBe(1)
    expect(run.outputs.result).toBe('fail')
  }, 60_000)
})

describe('the Action on a merge queue', () => {
  it("judges a merge_group by the base commit's policy, not the queued head's", async () => {
    const repo = pullRequestRepo({}, { [POLICY]: PERMISSIVE })
    const run = await runAction({
      workspace: repo.repo,
      event: {
        name: 'merge_group',
        payload: {
          action: 'checks_requested',
          merge_group: {
            head_sha: repo.headSha,
            head_ref: 'refs/heads/gh-readonly-queue/main/pr-5-abc',
            base_sha: repo.baseSha,
            base_ref: 'refs/heads/main',
          },
          repository: { name: 'agents', owner: { login: 'acme' } },
        },
      },
      apiUrl: github.url,
      inputs: { 'github-token': 'write-token' },
    })
    expect(run.code, run.stdout.slice(-2000)).toBe(1)
    expect(run.outputs.result).toBe('fail')
    expect(run.summary).toContain('takes effect after merge')
  }, 60_000)

  it('on a push, the workspace is what was merged: its policy judges', async () => {
    const repo = pullRequestRepo({}, { [POLICY]: PERMISSIVE })
    const run = await runAction({
      workspace: repo.repo,
      event: {
        name: 'push',
        payload: {
          after: repo.headSha,
          repository: { name: 'agents', owner: { login: 'acme' } },
        },
      },
      apiUrl: github.url,
      inputs: {},
    })
    expect(run.code, run.stdout.slice(-2000)).toBe(0)
  }, 60_000)
})

describe('a review event whose payload names no pull request', () => {
  it('does not trust the checkout: the default preset judges too', async () => {
    const repo = pullRequestRepo({}, { [POLICY]: PERMISSIVE })
    const run = await runAction({
      workspace: repo.repo,
      event: {
        name: 'pull_request_target',
        payload: { repository: { name: 'agents', owner: { login: 'acme' } } },
      },
      apiUrl: github.url,
      inputs: {},
    })
    expect(run.code, run.stdout.slice(-2000)).toBe(1)
    expect(run.outputs.result).toBe('fail')
    expect(run.stdout).toContain('names no pull request or base')
  }, 60_000)
})

describe('exceptions by agent name on a pull request compared with nothing', () => {
  const base = {
    [POLICY]:
      'version: 1\nextends: default\nexceptions:\n  - { rule: "*", agents: [deployer, ops], reason: reviewed }\n',
  }
  const copy = { '.claude/agents/tools/release.md': PLAIN_AGENT }

  it.each([
    ['base: none', { base: 'none' }],
    [
      'a baseline file the base lacks',
      { 'baseline-file': '.github/aivss-baseline.json' },
    ],
  ])(
    '%s: hold only where the name stood on the base commit',
    async (_, inputs) => {
      const repo = pullRequestRepo(
        base,
        {
          ...copy,
          '.github/aivss-baseline.json': baselineOf([]),
        },
        { newAgent: false },
      )
      const run = await runAction({
        workspace: repo.repo,
        event: pullRequestEvent(++number, repo.headSha, repo.baseSha),
        apiUrl: github.url,
        inputs: { comment: 'never', 'json-file': 'report.json', ...inputs },
      })
      expect(run.code, run.stdout.slice(-2000)).toBe(1)
      const report = JSON.parse(
        readFileSync(join(repo.repo, 'report.json'), 'utf8'),
      ) as Report
      expect(
        report.policy?.violations
          .filter((v) => v.action === 'fail')
          .map((v) => v.file),
      ).toEqual(['.claude/agents/tools/release.md'])
      expect(report.policy?.excepted.map((v) => v.file)).toContain(
        '.claude/agents/deployer.md',
      )
    },
    60_000,
  )
})

import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  writeFileSync,
} from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { comparisonTarget } from '../../src/action/base.js'
import type { RunTarget } from '../../src/action/context.js'
import { InputsSchema } from '../../src/action/inputs.js'
import { gitSource } from '../../src/core/discovery/git-source.js'
import { checkoutAbove, checkoutAt } from '../../src/core/git/run-git.js'
import type { Report } from '../../src/core/report/schema.js'
import { pullRequestEvent, runAction } from '../support/action.js'
import { cli } from '../support/cli.js'
import { tempTree } from '../support/files.js'
import { checkoutOf, commit, git, gitRepo } from '../support/git.js'
import { failingDescriptor, passingDescriptor } from '../support/reports.js'

/**
 * A pull request that commits a folder looking like a git repository: HEAD,
 * objects/, refs/ and a config that names a command (core.fsmonitor with
 * core.worktree, or an ext:: remote that ext is allowed for). git, asked to
 * work "in" that folder, would take it for a repository and run the
 * command. The gate must find the workspace's own repository instead, run
 * nothing the folder supplies, and scan the folder as plain files.
 */

type Trap = 'fsmonitor' | 'bare' | 'ext' | 'hooks'

interface Planted {
  readonly repo: string
  readonly base: string
  /** A file that exists only if the planted command ran. */
  readonly marker: string
}

function config(trap: Trap, marker: string): string {
  switch (trap) {
    case 'fsmonitor':
      return `[core]\n\trepositoryformatversion = 0\n\tworktree = .\n\tfsmonitor = "touch ${marker}"\n`
    case 'bare':
      return `[core]\n\trepositoryformatversion = 0\n\tbare = true\n\tfsmonitor = "touch ${marker}"\n[protocol "ext"]\n\tallow = always\n[remote "origin"]\n\turl = "ext::sh -c touch% ${marker}"\n`
    case 'ext':
      return `[core]\n\trepositoryformatversion = 0\n\tworktree = .\n[protocol]\n\tallow = always\n[protocol "ext"]\n\tallow = always\n[remote "origin"]\n\turl = "ext::sh -c touch% ${marker}"\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n`
    case 'hooks':
      return `[core]\n\trepositoryformatversion = 0\n\tworktree = .\n\thooksPath = hooks\n\tfsmonitor = "touch ${marker}"\n\tsshCommand = "touch ${marker}"\n[credential]\n\thelper = "!touch ${marker}"\n[diff]\n\texternal = "touch ${marker}"\n`
  }
}

/**
 * A repository whose second commit adds `evil/`: a git directory with a
 * copy of the repository's objects (so that the base commit resolves in
 * it, as it would for an attacker who commits them), and an agent inside.
 */
function planted(trap: Trap, withObjects = trap !== 'ext'): Planted {
  const marker = join(tempTree({}), 'the-planted-command-ran')
  const repo = gitRepo({
    'agents/ops.aivss.yml': passingDescriptor('ops'),
  })
  const base = git(repo, 'rev-parse', 'HEAD')
  const evil = join(repo, 'evil')
  mkdirSync(join(evil, 'refs', 'heads'), { recursive: true })
  if (withObjects)
    cpSync(join(repo, '.git', 'objects'), join(evil, 'objects'), {
      recursive: true,
    })
  commit(repo, {
    ...(withObjects ? {} : { 'evil/objects/info/packs': '\n' }),
    'evil/HEAD': 'ref: refs/heads/main\n',
    'evil/refs/heads/main': `${base}\n`,
    'evil/config': config(trap, marker),
    'evil/hooks/post-checkout': `#!/bin/sh\ntouch ${marker}\n`,
    'evil/hooks/reference-transaction': `#!/bin/sh\ntouch ${marker}\n`,
    'evil/agents/inner.aivss.yml': failingDescriptor('inner'),
  })
  return { repo, base, marker }
}

function json(stdout: string): Report {
  return JSON.parse(stdout) as Report
}

/** `scan DIR --base BASE --format json --warn-only`, run in `cwd`. */
function scanWithBase(dir: string, base: string, cwd: string) {
  return cli(
    ['scan', dir, '--base', base, '--format', 'json', '--warn-only'],
    cwd,
  )
}

/** The Action on a pull request against `base`, scanning `path`, never commenting. */
function actionOnPullRequest(
  workspace: string,
  number: number,
  base: string,
  path: string,
  jsonFile = 'report.json',
) {
  return runAction({
    workspace,
    event: pullRequestEvent(number, 'c0ffee'.padEnd(40, '0'), base),
    inputs: {
      path,
      comment: 'never',
      'warn-only': 'true',
      'json-file': jsonFile,
    },
  })
}

/** The report the Action wrote, with the planted folder's agent as added. */
function expectInnerAdded(reportFile: string): void {
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as Report
  expect(report.delta).toMatchObject({
    available: true,
    added: [{ id: 'agents/inner.aivss.yml#inner' }],
  })
}

describe('a folder of the pull request that looks like a git repository', () => {
  for (const trap of ['fsmonitor', 'bare', 'hooks'] as const) {
    it(`runs nothing when it is the scanned directory (${trap})`, () => {
      const { repo, base, marker } = planted(trap)
      const run = scanWithBase('evil', base, repo)
      expect(existsSync(marker)).toBe(false)
      expect(run.stderr).not.toMatch(/error|fatal/i)
      expect(run.code).toBe(0)
      const report = json(run.stdout)
      // The base is the workspace repository's commit, under evil/: empty.
      expect(report.delta).toMatchObject({
        available: true,
        base: { kind: 'git', sha: base },
        added: [{ id: 'agents/inner.aivss.yml#inner' }],
      })
    })
  }

  it('is scanned as plain files, from the repository root too', () => {
    const { repo, base, marker } = planted('fsmonitor')
    const run = scanWithBase('.', base, repo)
    expect(existsSync(marker)).toBe(false)
    const report = json(run.stdout)
    expect(report.agents.map((a) => a.file).sort()).toEqual([
      'agents/ops.aivss.yml',
      'evil/agents/inner.aivss.yml',
    ])
    expect(report.delta?.available).toBe(true)
  })

  it('is never taken for a repository when the CLI runs inside it', () => {
    const { repo, base, marker } = planted('fsmonitor')
    const run = scanWithBase('.', base, join(repo, 'evil'))
    expect(existsSync(marker)).toBe(false)
    expect(run.code).toBe(0)
    expect(json(run.stdout).delta?.available).toBe(true)
    const found = checkoutAbove(join(repo, 'evil', 'agents'), process.env)
    expect('error' in found ? found.error : found.workTree).toBe(
      checkoutOf(repo).workTree,
    )
  })

  it('is not a checkout root the Action accepts', () => {
    const { repo } = planted('fsmonitor')
    expect(checkoutAt(join(repo, 'evil'), process.env)).toEqual({
      error: `${join(repo, 'evil')} is not the root of a git checkout (no .git)`,
    })
  })

  for (const trap of ['fsmonitor', 'hooks'] as const)
    it(`runs nothing when the Action scans it (${trap})`, async () => {
      const { repo, base, marker } = planted(trap)
      const run = await actionOnPullRequest(repo, 8, base, 'evil')
      expect(existsSync(marker)).toBe(false)
      expect(run.code).toBe(0)
      expectInnerAdded(join(repo, 'report.json'))
    })

  it('cannot make the Action fetch from its ext:: remote', async () => {
    const { repo, base, marker } = planted('ext')
    const run = await actionOnPullRequest(
      repo,
      7,
      base,
      'evil',
      'out/report.json',
    )
    expect(existsSync(marker)).toBe(false)
    expect(run.code).toBe(0)
    expect(run.stdout).not.toContain('Fetching the base')
    expect(run.outputs.report).toBe(join(repo, 'out/report.json'))
  })

  it('cannot make the Action fetch from it when the base is missing', () => {
    const { repo, marker } = planted('ext')
    const inputs = InputsSchema.parse({ path: 'evil', base: 'a'.repeat(40) })
    const target: RunTarget = {
      owner: 'acme',
      repo: 'agents',
      eventName: 'push',
      workspace: repo,
      serverUrl: 'https://github.com',
      apiUrl: 'http://127.0.0.1:9',
      runUrl: undefined,
      pullRequest: undefined,
    }
    const compare = comparisonTarget(
      inputs,
      target,
      join(repo, 'evil'),
      checkoutAt(repo, process.env),
    )
    expect(existsSync(marker)).toBe(false)
    expect(compare?.kind).toBe('unavailable')
  })
})

describe('the checkout root', () => {
  it('may be a linked worktree, whose .git is a gitfile', () => {
    const { repo, base, marker } = planted('fsmonitor')
    const linked = join(tempTree({}), 'linked')
    git(repo, 'worktree', 'add', '-q', linked)
    const found = checkoutAt(linked, process.env)
    expect('error' in found ? found.error : found.gitDir).toBe(
      join(realpathSync(repo), '.git', 'worktrees', 'linked'),
    )
    const run = scanWithBase('evil', base, linked)
    expect(run.stderr).toBe('')
    expect(json(run.stdout).delta?.available).toBe(true)
    expect(existsSync(marker)).toBe(false)
  })

  it('may hold a gitfile with a relative path, as a submodule does', () => {
    const repo = gitRepo({ 'agents/ops.aivss.yml': passingDescriptor('ops') })
    const base = git(repo, 'rev-parse', 'HEAD')
    const store = join(tempTree({}), 'store')
    renameSync(join(repo, '.git'), store)
    writeFileSync(join(repo, '.git'), `gitdir: ${relative(repo, store)}\n`)
    const found = checkoutAt(repo, process.env)
    expect('error' in found ? found.error : found.gitDir).toBe(
      realpathSync(store),
    )
    const run = cli(['scan', '.', '--base', base, '--format', 'json'], repo)
    expect(run.stderr).toBe('')
    expect(json(run.stdout).delta).toMatchObject({
      available: true,
      unchangedAgents: ['agents/ops.aivss.yml#ops'],
    })
  })

  it('is refused when its gitfile points nowhere', () => {
    const dir = tempTree({ '.git': 'gitdir: ./missing\n' })
    const found = checkoutAt(dir, process.env)
    expect('error' in found && found.error).toMatch(/not a directory/)
  })
})

describe('git runs with a clean environment', () => {
  it('ignores an inherited GIT_DIR and GIT_CONFIG_PARAMETERS', () => {
    const { repo, base, marker } = planted('fsmonitor')
    const elsewhere = gitRepo({ 'other.txt': 'x\n' })
    const saved = { ...process.env }
    process.env.GIT_DIR = join(elsewhere, '.git')
    process.env.GIT_WORK_TREE = elsewhere
    process.env.GIT_CONFIG_PARAMETERS = `'core.fsmonitor'='touch ${marker}'`
    try {
      const run = scanWithBase('.', base, repo)
      expect(run.stderr).toBe('')
      expect(json(run.stdout).delta).toMatchObject({
        available: true,
        base: { sha: base },
      })
    } finally {
      for (const name of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_CONFIG_PARAMETERS'])
        if (saved[name] === undefined) Reflect.deleteProperty(process.env, name)
    }
    expect(existsSync(marker)).toBe(false)
  })

  it('reads a base commit with gitSource of the checkout, not of a path', () => {
    const { repo, base } = planted('fsmonitor')
    const source = gitSource(checkoutOf(repo), base)
    const read = source.read('agents/ops.aivss.yml', 1024 * 1024)
    expect(read.ok && read.text).toBe(passingDescriptor('ops'))
  })
})

describe('the Action in a workspace with the repository in a subdirectory', () => {
  it('compares with the base of that repository, never of a planted one', async () => {
    const { repo, base, marker } = planted('fsmonitor')
    const workspace = tempTree({})
    git(workspace, 'clone', '-q', repo, 'checkout')
    const run = await actionOnPullRequest(workspace, 9, base, 'checkout/evil')
    expect(existsSync(marker)).toBe(false)
    expect(run.code).toBe(0)
    expectInnerAdded(join(workspace, 'report.json'))
  })
})

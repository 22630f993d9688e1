import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Report } from '../../src/core/report/schema.js'
import { runAction } from '../support/action.js'
import { cli } from '../support/cli.js'
import { put, tempTree } from '../support/files.js'
import { git } from '../support/git.js'
import { failingDescriptor } from '../support/reports.js'

/**
 * A pull request that hides a committed agent behind a `.gitignore`: `*`
 * next to it, or its directory ignored from the root. git applies ignore
 * rules to untracked files only, and so does the gate: every tracked file
 * is considered; a file that is ignored and not tracked stays ignored.
 */

type Hiding =
  | 'star-beside'
  | 'directory-from-root'
  | 'negated-parent'
  | 'any-depth-directory'
  | 'negation-of-a-decoy'
  | 'nested-directory-pattern'
  | 'deep-star'

const IGNORES: Record<Hiding, Record<string, string>> = {
  'star-beside': { 'agents/.gitignore': '*\n' },
  'directory-from-root': { '.gitignore': 'agents/\n' },
  'negated-parent': { '.gitignore': '/*\n!/.gitignore\n' },
  'any-depth-directory': { '.gitignore': '**/agents/\n**/nested/\n' },
  'negation-of-a-decoy': {
    '.gitignore': '*.yml\n!decoy.yml\n',
    'agents/deep/.gitignore': '*\n!.gitignore\n',
  },
  'nested-directory-pattern': {
    'agents/.gitignore': 'deep/\n*.aivss.yml\n',
  },
  'deep-star': { '.gitignore': '**\n!.gitignore\n' },
}

/** A repository with `agents/ops.aivss.yml` committed (with -f) under `hiding`. */
function hiddenRepo(hiding: Hiding): { repo: string; base: string } {
  const repo = tempTree({})
  git(repo, 'init', '-q', '-b', 'main')
  const files = {
    ...IGNORES[hiding],
    'agents/ops.aivss.yml': failingDescriptor('ops'),
    'agents/deep/nested/worker.aivss.yml': failingDescriptor('worker'),
  }
  for (const [path, text] of Object.entries(files)) put(repo, path, text)
  git(repo, 'add', '-f', '--', ...Object.keys(files))
  git(repo, 'commit', '-q', '-m', 'agents, ignored')
  // Not tracked, and ignored: stays out of the scan.
  writeFileSync(
    join(repo, 'agents/scratch.aivss.yml'),
    failingDescriptor('scratch'),
  )
  return { repo, base: git(repo, 'rev-parse', 'HEAD') }
}

/** The tracked agents, as the scan of the repository names them. */
const TRACKED = ['agents/deep/nested/worker.aivss.yml', 'agents/ops.aivss.yml']

function agentFiles(report: Report): string[] {
  return report.agents.map((a) => a.file).sort()
}

describe('a committed agent behind a .gitignore', () => {
  for (const hiding of Object.keys(IGNORES) as Hiding[]) {
    it(`is found by the CLI (${hiding})`, () => {
      const { repo } = hiddenRepo(hiding)
      const run = cli(['scan', '.', '--format', 'json'], repo)
      const report = JSON.parse(run.stdout) as Report
      expect(agentFiles(report)).toEqual(TRACKED)
      expect(run.code).toBe(1)
    })
  }

  it('is found when a subdirectory is scanned, and from outside the repository', () => {
    const { repo } = hiddenRepo('star-beside')
    const underAgents = TRACKED.map((file) => file.replace(/^agents\//, ''))
    const inside = cli(['scan', 'agents', '--format', 'json'], repo)
    expect(agentFiles(JSON.parse(inside.stdout) as Report)).toEqual(underAgents)
    const outside = cli(['scan', join(repo, 'agents'), '--format', 'json'])
    expect(agentFiles(JSON.parse(outside.stdout) as Report)).toEqual(
      underAgents,
    )
  })

  it('is compared with the base as unchanged, not removed', () => {
    const { repo, base } = hiddenRepo('star-beside')
    const run = cli(['scan', '.', '--base', base, '--format', 'json'], repo)
    const report = JSON.parse(run.stdout) as Report
    expect(report.delta).toMatchObject({
      available: true,
      removed: [],
      unchangedAgents: [
        'agents/deep/nested/worker.aivss.yml#worker',
        'agents/ops.aivss.yml#ops',
      ],
    })
  })

  it('is found by the Action', async () => {
    const { repo } = hiddenRepo('star-beside')
    const run = await runAction({
      workspace: repo,
      inputs: { comment: 'never', 'json-file': 'report.json' },
    })
    const report = JSON.parse(
      readFileSync(join(repo, 'report.json'), 'utf8'),
    ) as Report
    expect(agentFiles(report)).toEqual(TRACKED)
    expect(run.code).toBe(1)
  })

  it('is found by the Action in a workspace without git (a downloaded tree)', async () => {
    const { repo } = hiddenRepo('directory-from-root')
    rmSync(join(repo, '.git'), { recursive: true })
    const run = await runAction({
      workspace: repo,
      inputs: { comment: 'never', 'json-file': 'report.json' },
    })
    const report = JSON.parse(
      readFileSync(join(repo, 'report.json'), 'utf8'),
    ) as Report
    // Without git nothing says what is tracked: no .gitignore is honoured.
    expect(agentFiles(report)).toEqual([...TRACKED, 'agents/scratch.aivss.yml'])
    expect(run.stdout).toContain('.gitignore files are not honoured')
    expect(run.code).toBe(1)
  })

  it('leaves an untracked ignored file out, unless --no-gitignore', () => {
    const { repo } = hiddenRepo('star-beside')
    const all = cli(['scan', '.', '--format', 'json', '--no-gitignore'], repo)
    expect(agentFiles(JSON.parse(all.stdout) as Report)).toContain(
      'agents/scratch.aivss.yml',
    )
  })
})

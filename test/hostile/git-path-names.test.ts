import { describe, expect, it } from 'vitest'
import type { Report } from '../../src/core/report/schema.js'
import { pullRequestEvent, runAction } from '../support/action.js'
import { cli } from '../support/cli.js'
import { put, tempTree } from '../support/files.js'
import { git } from '../support/git.js'
import { failingDescriptor } from '../support/reports.js'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * File and directory names that git could read as options or pathspec
 * magic, or that break a line-based listing: a leading dash, `--output=`,
 * `:(exclude)`, `:(glob)`, a newline, a tab, non-ASCII. The gate passes
 * names to git only after `--` with --literal-pathspecs and reads git's
 * answers NUL-separated, so each is an ordinary name: the committed agents
 * are found under a .gitignore that hides them, and compared with the base
 * as unchanged.
 */

const DIR = ':(exclude)*'
const NAMES = [
  '-rf.aivss.yml',
  '--output=x.aivss.yml',
  ':(exclude)ops.aivss.yml',
  ':(glob)**.aivss.yml',
  'new\nline.aivss.yml',
  'tab\there.aivss.yml',
  'caf\u00e9 \u2603.aivss.yml',
]

function oddRepo(): { repo: string; base: string } {
  const repo = tempTree({})
  git(repo, 'init', '-q', '-b', 'main')
  const files: Record<string, string> = { [`${DIR}/.gitignore`]: '*\n' }
  NAMES.forEach((name, i) => {
    files[`${DIR}/${name}`] = failingDescriptor(`agent-${i}`)
  })
  for (const [path, text] of Object.entries(files)) put(repo, path, text)
  git(
    repo,
    'add',
    '-f',
    '--',
    ...Object.keys(files).map((p) => `:(literal)${p}`),
  )
  git(repo, 'commit', '-q', '-m', 'odd names')
  return { repo, base: git(repo, 'rev-parse', 'HEAD') }
}

function expectAllUnchanged(report: Report): void {
  expect(report.agents.map((a) => a.file).sort()).toEqual([...NAMES].sort())
  expect(report.delta).toMatchObject({
    available: true,
    added: [],
    removed: [],
  })
  expect(report.delta?.unchanged).toBe(NAMES.length)
  expect(report.policy?.preExisting.fail).toBeGreaterThanOrEqual(NAMES.length)
}

describe('names git could take for options or pathspec magic', () => {
  it('are plain names to the CLI, scanning the directory named like magic', () => {
    const { repo, base } = oddRepo()
    const run = cli(['scan', DIR, '--base', base, '--format', 'json'], repo)
    // Nothing changed: the failing agents are pre-existing, all of them read.
    expect(run.code, run.stderr).toBe(0)
    expectAllUnchanged(JSON.parse(run.stdout) as Report)
  })

  it('are plain names to the Action', async () => {
    const { repo, base } = oddRepo()
    const run = await runAction({
      workspace: repo,
      event: pullRequestEvent(3, base, base),
      inputs: { comment: 'never', path: DIR, 'json-file': 'r.json' },
    })
    expect(run.code).toBe(0)
    expectAllUnchanged(
      JSON.parse(readFileSync(join(repo, 'r.json'), 'utf8')) as Report,
    )
  })
})

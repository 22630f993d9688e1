import { spawnSync } from 'node:child_process'
import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cli } from '../support/cli.js'
import { REPO } from '../support/files.js'
import { git, gitRepo } from '../support/git.js'

/**
 * Microsoft's SARIF Multitool with its GitHub rules (`Gh`, what GitHub
 * Advanced Security requires of an upload) and its SARIF rules, on the
 * SARIF of a git checkout holding every test fixture and example: no
 * result of level error. The binary is called directly: the package's
 * bin.js passes its arguments through a shell, where `;` ends a command.
 */
const MULTITOOL = join(
  REPO,
  'node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool',
)

interface MultitoolResult {
  readonly ruleId?: string
  readonly level?: string
  readonly message?: { readonly text?: string }
}

let runs = 0

function validate(sarif: string, dir: string): MultitoolResult[] {
  runs++
  const input = join(dir, `in-${runs}.sarif`)
  const output = join(dir, `out-${runs}.sarif`)
  writeFileSync(input, sarif)
  const run = spawnSync(
    MULTITOOL,
    ['validate', '--rule-kind', 'Gh;Sarif', '-o', output, input],
    {
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' },
    },
  )
  expect(run.error, run.stderr).toBeUndefined()
  expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0)
  const log = JSON.parse(readFileSync(output, 'utf8')) as {
    runs: Array<{ results?: MultitoolResult[] }>
  }
  return log.runs.flatMap((r) => r.results ?? [])
}

function errorsOf(results: readonly MultitoolResult[]): string[] {
  return results
    .filter((r) => r.level === 'error')
    .map((r) => `${r.ruleId ?? '?'}: ${r.message?.text ?? ''}`)
}

describe('SARIF against the SARIF Multitool (GitHub and SARIF rules)', () => {
  // A policy file of the repository: rules name it, by a relative path.
  const repo = gitRepo({
    'README.md': 'agents\n',
    '.github/aivss-policy.yml': 'version: 1\nextends: default\n',
  })
  cpSync(join(REPO, 'test/fixtures'), join(repo, 'fixtures'), {
    recursive: true,
  })
  cpSync(join(REPO, 'examples'), join(repo, 'examples'), { recursive: true })
  git(repo, 'add', '-A')
  git(repo, 'commit', '-q', '-m', 'fixtures')
  git(
    repo,
    'remote',
    'add',
    'origin',
    'https://x-access-token:ghs_secret@github.com/acme/agents.git',
  )

  it('reports no error on the SARIF of a checkout of every fixture', () => {
    // The directory given by its absolute path, from elsewhere, as a
    // runner or a script gives it.
    const run = cli(['scan', repo, '--format', 'sarif', '--warn-only'], REPO)
    expect(run.code).toBe(0)
    const results = validate(run.stdout, repo)
    expect(errorsOf(results)).toEqual([])
    // It did look: the log has rules and results to check.
    const log = JSON.parse(run.stdout)
    expect(log.runs[0].results.length).toBeGreaterThan(10)
    expect(log.runs[0].versionControlProvenance[0].repositoryUri).toBe(
      'https://github.com/acme/agents',
    )
    expect(run.stdout).not.toContain('ghs_secret')
    expect(run.stdout).not.toContain(repo)
    expect(run.stdout).toContain('.github/aivss-policy.yml')
  }, 180_000)

  it('reports an error on a rule without help (the check can fail)', () => {
    const run = cli(['scan', '.', '--format', 'sarif', '--warn-only'], repo)
    const log = JSON.parse(run.stdout)
    for (const rule of log.runs[0].tool.driver.rules) delete rule.help
    expect(errorsOf(validate(JSON.stringify(log), repo))).not.toEqual([])
  }, 180_000)
})

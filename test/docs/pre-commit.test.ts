import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import { bundledCli } from '../support/cli.js'
import { REPO } from '../support/files.js'
import { gitRepo } from '../support/git.js'
import { failingDescriptor, passingDescriptor } from '../support/reports.js'

/**
 * The pre-commit hook: `language: node` installs this package, whose bin
 * is the committed bundle, and runs the entry in the repository being
 * committed to. The test runs that entry the way pre-commit does (the
 * bin, the entry's arguments, the repository as working directory, no
 * file names) and checks it judges by the repository's own policy.
 */
interface Hook {
  readonly id: string
  readonly entry: string
  readonly language: string
  readonly pass_filenames?: boolean
  readonly args?: readonly string[]
}

const hooks = parse(
  readFileSync(join(REPO, '.pre-commit-hooks.yaml'), 'utf8'),
) as Hook[]
const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
  bin: Record<string, string>
}

/** The hook's entry as pre-commit runs it: its command through the package's bin. */
function runEntry(hook: Hook, repo: string) {
  const [command, ...args] = hook.entry.split(/\s+/)
  const bin = pkg.bin[command ?? '']
  expect(bin, `${command} is a bin of package.json`).toBe('dist/cli.js')
  return bundledCli([...args, ...(hook.args ?? [])], repo)
}

describe('.pre-commit-hooks.yaml', () => {
  const hook = hooks.find((h) => h.id === 'aivss-gate')!

  it('declares one node hook that scans the whole repository', () => {
    expect(hook).toBeDefined()
    expect(hook.language).toBe('node')
    expect(hook.pass_filenames).toBe(false)
  })

  it('fails the commit when an agent fails the policy', () => {
    const repo = gitRepo({
      'agents/risky.aivss.yml': failingDescriptor('risky'),
    })
    const run = runEntry(hook, repo)
    expect(run.code).toBe(1)
    expect(`${run.stdout}${run.stderr}`).toContain('risky')
  })

  it('passes a repository whose agents pass', () => {
    const repo = gitRepo({ 'agents/calm.aivss.yml': passingDescriptor('calm') })
    expect(runEntry(hook, repo).code).toBe(0)
  })

  it("judges by the repository's own policy file", () => {
    const repo = gitRepo({
      'agents/risky.aivss.yml': failingDescriptor('risky'),
      '.github/aivss-policy.yml': 'version: 1\nextends: permissive\n',
    })
    expect(runEntry(hook, repo).code).toBe(0)
  })
})

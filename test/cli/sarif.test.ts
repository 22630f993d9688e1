import { describe, expect, it } from 'vitest'
import { dirname, join } from 'node:path'
import { cli } from '../support/cli.js'
import { tempTree } from '../support/files.js'
import { git, gitRepo } from '../support/git.js'
import { failingDescriptor } from '../support/reports.js'
import { sarifErrors } from '../support/sarif.js'

describe('aivss-gate scan --format sarif', () => {
  it('prints valid SARIF with paths relative to the current directory', () => {
    const repo = tempTree({
      'agents/risky.aivss.yml': failingDescriptor('risky'),
    })
    const run = cli(['scan', 'agents', '--format', 'sarif'], repo)
    expect(run.stderr).toBe('')
    expect(run.code).toBe(1)
    const log = JSON.parse(run.stdout)
    expect(sarifErrors(log)).toEqual([])
    const result = log.runs[0].results[0]
    expect(result.locations[0].physicalLocation.artifactLocation.uri).toBe(
      'agents/risky.aivss.yml',
    )
    // No absolute path: the runner's directories are not the repository's.
    expect(log.runs[0].originalUriBaseIds['%SRCROOT%'].uri).toBeUndefined()
    expect(run.stdout).not.toContain(repo)
    expect(dirname(repo)).not.toBe(repo)
  })

  it('in a git checkout, locates from its root and names its provenance', () => {
    const repo = gitRepo({
      'team/agents/risky.aivss.yml': failingDescriptor('risky'),
    })
    git(repo, 'remote', 'add', 'origin', 'git@github.com:acme/agents.git')
    const run = cli(['scan', 'agents', '--format', 'sarif'], join(repo, 'team'))
    const log = JSON.parse(run.stdout)
    expect(sarifErrors(log)).toEqual([])
    expect(
      log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri,
    ).toBe('team/agents/risky.aivss.yml')
    expect(log.runs[0].versionControlProvenance).toEqual([
      {
        repositoryUri: 'https://github.com/acme/agents',
        revisionId: git(repo, 'rev-parse', 'HEAD'),
        branch: 'main',
        mappedTo: { uriBaseId: '%SRCROOT%' },
      },
    ])
    expect(run.stdout).not.toContain(repo)
  })

  it('is listed in --help', () => {
    expect(cli(['--help']).stdout).toContain('text|markdown|comment|json|sarif')
  })
})

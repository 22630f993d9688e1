import { describe, expect, it } from 'vitest'
import { dirname } from 'node:path'
import { cli } from '../support/cli.js'
import { tempTree } from '../support/files.js'
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
    expect(log.runs[0].originalUriBaseIds['%SRCROOT%'].uri).toBe(
      `file://${repo}/`,
    )
    expect(dirname(repo)).not.toBe(repo)
  })

  it('is listed in --help', () => {
    expect(cli(['--help']).stdout).toContain('text|markdown|comment|json|sarif')
  })
})

import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { REPO } from '../support/files.js'

describe('dist/index.js run as the runner runs it', () => {
  it('scans the examples, writes the job summary and sets outputs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aivss-action-'))
    const summary = join(dir, 'summary.md')
    const output = join(dir, 'output.txt')
    writeFileSync(summary, '')
    writeFileSync(output, '')
    const result = spawnSync(process.execPath, [join(REPO, 'dist/index.js')], {
      cwd: REPO,
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH,
        GITHUB_WORKSPACE: REPO,
        GITHUB_STEP_SUMMARY: summary,
        GITHUB_OUTPUT: output,
        RUNNER_TEMP: dir,
        INPUT_PATH: 'examples',
        'INPUT_WARN-ONLY': 'true',
      },
    })
    expect(result.stderr).toBe('')
    expect(result.status).toBe(0)
    expect(readFileSync(summary, 'utf8')).toMatch(
      /^## ❌ aivss-gate: policy failed \(warn-only: not blocking\)/,
    )
    const outputs = readFileSync(output, 'utf8')
    expect(outputs).toMatch(/agents<<ghadelimiter_[^\n]+\n6\n/)
    expect(outputs).toMatch(/max-score<<ghadelimiter_[^\n]+\n\d+\.\d\n/)
    expect(outputs).toMatch(/result<<ghadelimiter_[^\n]+\nfail\n/)
  })
})

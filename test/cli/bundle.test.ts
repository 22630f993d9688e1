import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { VERSION } from '../../src/core/version.js'
import { bundledCli } from '../support/cli.js'
import { REPO, tempTree } from '../support/files.js'

// dist/cli.js starts the CLI (dist/cli-main.js) as a child process whose
// output goes straight to the process's descriptors.

describe('dist/cli.js', () => {
  it('answers --version at once, and the same as the program does', () => {
    expect(bundledCli(['--version'])).toEqual({
      code: 0,
      stdout: `${VERSION}\n`,
      stderr: '',
    })
    expect(bundledCli(['--version', '--verbose']).stdout).toBe(`${VERSION}\n`)
  })

  it('writes the same report to stdout as to a file, and keeps the exit code', () => {
    const out = join(tempTree({}), 'report.json')
    const toFile = bundledCli(['scan', 'examples', '-f', 'json', '-o', out])
    const toStdout = bundledCli(['scan', 'examples', '-f', 'json'])
    expect(toFile.code).toBe(1)
    expect(toStdout.code).toBe(1)
    expect(toStdout.stderr).toBe('')
    expect(toStdout.stdout).toBe(readFileSync(out, 'utf8'))
  })

  it('reads the heads of thousands of generic files with a second thread', () => {
    // Enough generic names for the thread to start and to take a share
    // before the main thread, reading from the other end, is through.
    const files: Record<string, string> = {}
    for (let i = 0; i < 10_000; i++)
      files[`config/s${String(i).padStart(5, '0')}.json`] = `{ "n": ${i} }\n`
    files['config/s05000-flow.json'] = JSON.stringify({
      name: 'triage',
      nodes: [
        { type: '@n8n/n8n-nodes-langchain.agent', name: 'Agent' },
        { type: 'n8n-nodes-base.executeCommand', name: 'Shell' },
      ],
      connections: {},
    })
    const root = tempTree(files)
    const run = bundledCli(['scan', root, '-f', 'json', '--verbose'])
    const fromThread = Number(
      /reading: (\d+) heads read by a second thread/.exec(run.stderr)?.[1],
    )
    expect(fromThread).toBeGreaterThan(0)
    const report = JSON.parse(run.stdout) as {
      summary: { filesParsed: number }
      agents: Array<{ file: string }>
    }
    expect(report.agents.map((a) => a.file)).toEqual([
      'config/s05000-flow.json',
    ])
    expect(report.summary.filesParsed).toBe(1)
  })

  it('puts usage errors on stderr with exit code 2', () => {
    const run = bundledCli(['scan', '--format', 'yaml'])
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toMatch(/^aivss-gate: /)
  })

  it('stops quietly when its reader goes away', async () => {
    // A report of megabytes: far more than a pipe holds.
    const files: Record<string, string> = {}
    for (let i = 0; i < 400; i++)
      files[`agents/a${i}.aivss.yml`] =
        `name: a${i}\ntools: [{ name: sh, kind: shell }]\n`
    const root = tempTree(files)
    const child = spawn(
      process.execPath,
      [join(REPO, 'dist/cli.js'), 'scan', root, '-f', 'json'],
      { cwd: REPO },
    )
    let stderr = ''
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.stdout.once('data', () => child.stdout.destroy())
    const code = await new Promise<number | null>((resolve) =>
      child.on('close', resolve),
    )
    expect(stderr).toBe('')
    expect(code).toBe(0)
  })
})

import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { runProgram } from '../../src/host/run-program.js'
import { tempTree } from '../support/files.js'

function script(source: string): URL {
  const path = join(tempTree({}), 'program.mjs')
  writeFileSync(path, source)
  return pathToFileURL(path)
}

describe('running the program as a child process', () => {
  it('passes the arguments and the V8 settings, and returns its exit code', async () => {
    const crashes: string[] = []
    const code = await runProgram(
      script(
        [
          'const args = process.argv.slice(2).join(" ")',
          'const tuned = process.execArgv.includes("--max-semi-space-size=8")',
          'process.exitCode = args === "scan dir" && tuned ? 7 : 9',
        ].join('\n'),
      ),
      {
        argv: ['scan', 'dir'],
        stdio: 'ignore',
        onCrash: (m) => (crashes.push(m), 2),
      },
    )
    expect(crashes).toEqual([])
    expect(code).toBe(7)
  })

  it('reports a program that runs out of memory, and does not go down with it', async () => {
    const crashes: string[] = []
    const code = await runProgram(
      script(
        'const hoard = []\nfor (;;) hoard.push(new Array(100000).fill({ x: hoard.length }))\n',
      ),
      {
        heapLimitMb: 32,
        stdio: 'ignore',
        onCrash: (m) => (crashes.push(m), 2),
      },
    )
    expect(code).toBe(2)
    expect(crashes).toEqual([
      'ran out of memory or stopped on a fatal error; nothing was reported',
    ])
  })

  it('reports a program stopped by a signal', async () => {
    const crashes: string[] = []
    const code = await runProgram(
      script('process.kill(process.pid, "SIGKILL")\n'),
      {
        stdio: 'ignore',
        onCrash: (m) => (crashes.push(m), 3),
      },
    )
    expect(code).toBe(3)
    expect(crashes).toEqual(['was stopped by SIGKILL; nothing was reported'])
  })
})

import { execFileSync } from 'node:child_process'
import {
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { bundledCli, cli, type CliRun } from '../support/cli.js'

/**
 * A policy file, what it extends and a baseline file are read as hostile
 * input: a file of the workspace may name only presets and files inside the
 * workspace (after links are resolved); only regular files are read, within
 * a size cap, so a FIFO or /dev/zero is refused at once; and no error quotes
 * the file it could not use.
 */

const SECRET = 'OUTSIDE-THE-WORKSPACE-SECRET'
const AGENT = `name: ops
subAgents: [a, b, c]
controls: { guardrails: false }
aivss:
  factors: { multiAgentInteractions: 0.9 }
`

let tops: string[] = []
afterEach(() => {
  for (const top of tops) rmSync(top, { recursive: true, force: true })
  tops = []
})

/** A workspace beside a directory nothing may read. */
function setup(files: Record<string, string> = {}): {
  ws: string
  outside: string
} {
  const top = mkdtempSync(join(tmpdir(), 'aivss-policy-reads-'))
  tops.push(top)
  const ws = join(top, 'ws')
  const outside = join(top, 'outside')
  mkdirSync(outside)
  writeFileSync(join(outside, 'secret.yml'), `# ${SECRET}\nversion: 1\n`)
  writeFileSync(join(outside, 'secret.txt'), `${SECRET}: [unclosed\n`)
  writeFileSync(
    join(outside, 'permissive.yml'),
    'version: 1\nextends: permissive\n',
  )
  writeFileSync(
    join(outside, 'trusted.yml'),
    'version: 1\nextends: ./sibling.yml\n',
  )
  writeFileSync(join(outside, 'sibling.yml'), 'version: 1\nextends: strict\n')
  for (const [path, text] of Object.entries({
    'agents/ops.aivss.yml': AGENT,
    ...files,
  })) {
    mkdirSync(dirname(join(ws, path)), { recursive: true })
    writeFileSync(join(ws, path), text)
  }
  return { ws, outside }
}

const policy = (extendsWhat: string) => ({
  '.github/aivss-policy.yml': `version: 1\nextends: ${extendsWhat}\n`,
})

/**
 * The CLI as a separate process, for an input that would block or flood:
 * stopped after 20 s, which fails the test instead of hanging it.
 */
function cliAtOnce(args: readonly string[], cwd: string): CliRun {
  const run = bundledCli(args, cwd, { timeoutMs: 20_000 })
  expect(run.timedOut).toBe(false)
  return run
}

function expectRefused(run: CliRun, reason: RegExp): void {
  expect(run.code, run.stderr).toBe(2)
  expect(run.stderr).toMatch(reason)
  expect(run.stdout + run.stderr).not.toContain(SECRET)
  expect(run.stdout + run.stderr).not.toContain('root:x:0')
}

describe('extends written in a policy file of the workspace', () => {
  it('refuses /etc/passwd, naming it, without its content', () => {
    const { ws } = setup(policy('/etc/passwd'))
    expectRefused(
      cli(['scan', '.'], ws),
      /\/etc\/passwd.*outside the workspace/,
    )
  })

  it('refuses a path that climbs out of the workspace', () => {
    const { ws } = setup(policy('../../outside/permissive.yml'))
    expectRefused(cli(['scan', '.'], ws), /outside the workspace/)
  })

  it('refuses an absolute path outside the workspace', () => {
    const { ws, outside } = setup()
    writeFileSync(
      join(ws, 'p.yml'),
      `version: 1\nextends: ${join(outside, 'permissive.yml')}\n`,
    )
    mkdirSync(join(ws, '.github'))
    writeFileSync(
      join(ws, '.github/aivss-policy.yml'),
      'version: 1\nextends: ../p.yml\n',
    )
    expectRefused(cli(['scan', '.'], ws), /outside the workspace/)
  })

  it('refuses a link inside the workspace that leads out of it', () => {
    const { ws, outside } = setup(policy('./shared.yml'))
    symlinkSync(join(outside, 'secret.yml'), join(ws, '.github/shared.yml'))
    expectRefused(cli(['scan', '.'], ws), /resolves outside the workspace/)
  })

  it('refuses /dev/zero at once', () => {
    const { ws } = setup(policy('/dev/zero'))
    expectRefused(cliAtOnce(['scan', '.'], ws), /\/dev\/zero/)
  })

  it('refuses a FIFO of the workspace at once', () => {
    const { ws } = setup(policy('./pipe.yml'))
    execFileSync('mkfifo', [join(ws, '.github/pipe.yml')])
    expectRefused(
      cliAtOnce(['scan', '.'], ws),
      /pipe\.yml.*named pipe \(FIFO\)/,
    )
  })

  it('refuses a policy over 1 MiB', () => {
    const { ws } = setup({
      '.github/aivss-policy.yml': `version: 1\n${`# ${'x'.repeat(1000)}\n`.repeat(1100)}`,
    })
    expectRefused(cli(['scan', '.'], ws), /size cap/)
  })
})

describe('the repository policy file', () => {
  it('refuses a symbolic link to a file outside the workspace', () => {
    const { ws, outside } = setup()
    mkdirSync(join(ws, '.github'))
    symlinkSync(
      join(outside, 'secret.yml'),
      join(ws, '.github/aivss-policy.yml'),
    )
    expectRefused(cli(['scan', '.'], ws), /aivss-policy\.yml.*resolves outside/)
  })

  it('reports a file that is not a policy by position, not by its content', () => {
    const { ws } = setup({
      '.github/aivss-policy.yml': 'version: 1\nextends: ./passwd.yml\n',
      '.github/passwd.yml':
        'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n',
    })
    expectRefused(
      cli(['scan', '.'], ws),
      /passwd\.yml:1:1: must be an object \(got text\)/,
    )
  })

  it('reports broken YAML by line and column, without the line', () => {
    const { ws } = setup({
      '.github/aivss-policy.yml': `version: 1\nrules: [ { id: "${SECRET}\n`,
    })
    expectRefused(
      cli(['scan', '.'], ws),
      /aivss-policy\.yml:\d+: invalid YAML at column \d+/,
    )
  })

  it('reports an unknown value without quoting it', () => {
    const { ws } = setup({
      '.github/aivss-policy.yml': `version: 1\nrules:\n  - { id: a, when: { tools: ["${SECRET}"] }, action: fail }\nmanifest-errors: "${SECRET}"\n`,
    })
    expectRefused(
      cli(['scan', '.'], ws),
      /manifest-errors: must be one of "fail", "warn", "off"/,
    )
  })
})

describe('paths the command line names', () => {
  it('uses a policy outside the workspace as given, and what it extends beside it', () => {
    const { ws, outside } = setup()
    const run = cli(
      ['scan', '.', '--policy', join(outside, 'trusted.yml'), '-f', 'json'],
      ws,
    )
    expect(run.code, run.stderr).toBe(1)
    expect(JSON.parse(run.stdout).policy.chain).toEqual([
      join(outside, 'trusted.yml'),
      join(outside, 'sibling.yml'),
      'preset:strict',
      'preset:default',
    ])
  })

  it('refuses a named FIFO at once', () => {
    const { ws, outside } = setup()
    execFileSync('mkfifo', [join(outside, 'pipe.yml')])
    expectRefused(
      cliAtOnce(['scan', '.', '--policy', join(outside, 'pipe.yml')], ws),
      /named pipe/,
    )
  })

  it('refuses a named path in the workspace that links out of it', () => {
    const { ws, outside } = setup()
    symlinkSync(join(outside, 'permissive.yml'), join(ws, 'policy.yml'))
    expectRefused(
      cli(['scan', '.', '--policy', 'policy.yml'], ws),
      /resolves outside/,
    )
  })

  it('refuses a baseline file that links out of the workspace, without its content', () => {
    const { ws, outside } = setup()
    symlinkSync(join(outside, 'secret.txt'), join(ws, 'baseline.json'))
    expectRefused(
      cli(['scan', '.', '--baseline', 'baseline.json'], ws),
      /baseline file baseline\.json cannot be read: resolves outside/,
    )
  })

  it('refuses /dev/zero as a baseline file at once', () => {
    const { ws } = setup()
    expectRefused(
      cliAtOnce(['scan', '.', '--baseline', '/dev/zero'], ws),
      /a device, not a regular file/,
    )
  })

  it('reports a baseline file that is not one without quoting it', () => {
    const { ws, outside } = setup()
    const run = cli(
      ['scan', '.', '--baseline', join(outside, 'secret.txt')],
      ws,
    )
    expect(run.code).toBe(2)
    expect(run.stderr).not.toContain(SECRET)
  })
})

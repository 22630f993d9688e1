import { execFileSync } from 'node:child_process'
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { writeReportFiles } from '../../src/action/report-files.js'
import { ConfigurationError } from '../../src/core/errors.js'
import { writeConfined } from '../../src/core/fs/write-confined.js'
import { runAction } from '../support/action.js'
import { cli, type CliRun } from '../support/cli.js'
import { tempTree } from '../support/files.js'
import { gateReport, passingDescriptor } from '../support/reports.js'

/**
 * A pull request that commits an output path of the workflow (the README's
 * `aivss-gate.sarif`, a `reports/` directory on the way to `json-file`) as
 * a symbolic link to a file outside the workspace. The gate refuses to
 * write through it, names the path, and leaves the target as it was.
 */

const UNTOUCHED = 'the file the link points to\n'

interface Trap {
  readonly workspace: string
  /** The file outside the workspace that the links point to. */
  readonly victim: string
  readonly outsideDir: string
}

function trap(): Trap {
  const outer = tempTree({ 'outside/victim.txt': UNTOUCHED })
  const workspace = join(outer, 'ws')
  mkdirSync(join(workspace, 'agents'), { recursive: true })
  writeFileSync(
    join(workspace, 'agents/calm.aivss.yml'),
    passingDescriptor('calm'),
  )
  return {
    workspace,
    victim: join(outer, 'outside/victim.txt'),
    outsideDir: join(outer, 'outside'),
  }
}

function untouched(t: Trap): void {
  expect(readFileSync(t.victim, 'utf8')).toBe(UNTOUCHED)
}

describe('the Action, with an output path committed as a link', () => {
  it.each<{
    what: string
    /** Commits the link, if any. */
    plant: (t: Trap) => void
    inputs: Record<string, string>
    says: string[]
  }>([
    {
      what: 'a sarif-file that is a link, and writes nothing through it',
      plant: (t) =>
        symlinkSync(t.victim, join(t.workspace, 'aivss-gate.sarif')),
      inputs: { 'sarif-file': 'aivss-gate.sarif' },
      says: ['cannot write sarif-file aivss-gate.sarif', 'symbolic link'],
    },
    {
      what: 'a json-file whose directory is a link out of the workspace',
      plant: (t) => symlinkSync(t.outsideDir, join(t.workspace, 'reports')),
      inputs: { 'json-file': 'reports/victim.txt' },
      says: [
        'cannot write json-file reports/victim.txt',
        'reports is a symbolic link',
      ],
    },
    {
      what: 'an output path outside the workspace',
      plant: () => undefined,
      inputs: { 'json-file': '../outside/victim.txt' },
      says: ['outside the workspace'],
    },
    {
      what: 'an absolute output path outside the workspace',
      plant: () => undefined,
      inputs: { 'sarif-file': '/tmp/aivss-gate-outside.sarif' },
      says: ['outside the workspace'],
    },
    {
      what: 'an output path through a directory linked inside the workspace',
      plant: (t) => symlinkSync('agents', join(t.workspace, 'reports')),
      inputs: { 'json-file': 'reports/calm.aivss.yml' },
      says: ['reports is a symbolic link'],
    },
    {
      what: 'a committed directory at the output path',
      plant: (t) => mkdirSync(join(t.workspace, 'aivss-gate.sarif')),
      inputs: { 'sarif-file': 'aivss-gate.sarif' },
      says: ['aivss-gate.sarif', 'not a regular file'],
    },
    {
      what: 'a named pipe at the output path',
      plant: (t) => execFileSync('mkfifo', [join(t.workspace, 'report.json')]),
      inputs: { 'json-file': 'report.json' },
      says: ['report.json', 'not a regular file'],
    },
  ])('fails on $what', async ({ plant, inputs, says }) => {
    const t = trap()
    plant(t)
    const run = await runAction({
      workspace: t.workspace,
      inputs: { comment: 'never', ...inputs },
    })
    expect(run.code).toBe(1)
    for (const text of says) expect(run.stdout).toContain(text)
    untouched(t)
    expect(
      readFileSync(join(t.workspace, 'agents/calm.aivss.yml'), 'utf8'),
    ).toBe(passingDescriptor('calm'))
    expect(existsSync('/tmp/aivss-gate-outside.sarif')).toBe(false)
  })

  it('writes outputs at plain paths, creating their directories', async () => {
    const t = trap()
    const run = await runAction({
      workspace: t.workspace,
      inputs: {
        comment: 'never',
        'sarif-file': 'out/deep/aivss-gate.sarif',
        'json-file': 'out/report.json',
      },
    })
    expect(run.code).toBe(0)
    expect(
      JSON.parse(
        readFileSync(join(t.workspace, 'out/deep/aivss-gate.sarif'), 'utf8'),
      ).version,
    ).toBe('2.1.0')
    expect(run.outputs.report).toBe(join(t.workspace, 'out/report.json'))
  })
})

describe('the CLI, with an output path committed as a link', () => {
  it.each<{
    what: string
    /** Commits the links. */
    plant: (t: Trap) => void
    run: (t: Trap) => CliRun
    says: string
  }>([
    {
      what: 'refuses -o through a link, naming it',
      plant: (t) => symlinkSync(t.victim, join(t.workspace, 'report.sarif')),
      run: (t) =>
        cli(
          ['scan', '.', '--format', 'sarif', '-o', 'report.sarif'],
          t.workspace,
        ),
      says: 'cannot write --output report.sarif',
    },
    {
      what: 'refuses -o into a linked directory of the scanned tree',
      plant: (t) => symlinkSync(t.outsideDir, join(t.workspace, 'out')),
      run: (t) =>
        cli(
          [
            'scan',
            t.workspace,
            '--format',
            'json',
            '-o',
            join(t.workspace, 'out/victim.txt'),
          ],
          tempTree({}),
        ),
      says: 'out is a symbolic link',
    },
    {
      what: 'refuses -o into a linked directory when DIR is reached through a link',
      plant: (t) => {
        symlinkSync(t.outsideDir, join(t.workspace, 'out'))
        symlinkSync(t.workspace, join(t.outsideDir, '..', 'alias'))
      },
      run: (t) => {
        const alias = join(t.outsideDir, '..', 'alias')
        return cli(
          [
            'scan',
            alias,
            '--format',
            'json',
            '-o',
            join(alias, 'out/victim.txt'),
          ],
          tempTree({}),
        )
      },
      says: 'out is a symbolic link',
    },
    {
      what: 'refuses baseline write through a linked .github of DIR reached through a link',
      plant: (t) => {
        symlinkSync(t.outsideDir, join(t.workspace, '.github'))
        symlinkSync(t.victim, join(t.outsideDir, 'aivss-baseline.json'))
        symlinkSync(t.workspace, join(t.outsideDir, '..', 'alias'))
      },
      run: (t) => {
        const alias = join(t.outsideDir, '..', 'alias')
        return cli(
          [
            'baseline',
            'write',
            alias,
            '-o',
            join(alias, '.github/aivss-baseline.json'),
          ],
          tempTree({}),
        )
      },
      says: '.github is a symbolic link',
    },
    {
      what: 'refuses to write the baseline through a linked .github',
      plant: (t) => {
        symlinkSync(t.outsideDir, join(t.workspace, '.github'))
        symlinkSync(t.victim, join(t.outsideDir, 'aivss-baseline.json'))
      },
      run: (t) => cli(['baseline', 'write', '.'], t.workspace),
      says: '.github is a symbolic link',
    },
  ])('$what', ({ plant, run: start, says }) => {
    const t = trap()
    plant(t)
    const run = start(t)
    expect(run.code).toBe(2)
    expect(run.stderr).toContain(says)
    untouched(t)
  })
})

describe('writeConfined', () => {
  it('refuses a named pipe at once instead of blocking on it', () => {
    const dir = tempTree({})
    execFileSync('mkfifo', [join(dir, 'pipe')])
    expect(() =>
      writeConfined(
        { path: join(dir, 'pipe'), anchor: dir, confine: true, label: 'x' },
        'text',
      ),
    ).toThrow(/not a regular file/)
  })

  it('refuses a component that is a file, and names the path', () => {
    const dir = tempTree({ 'a/file': 'x' })
    let error: unknown
    try {
      writeConfined(
        {
          path: join(dir, 'a/file/out.json'),
          anchor: dir,
          confine: true,
          label: 'json-file a/file/out.json',
        },
        'text',
      )
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ConfigurationError)
    expect((error as Error).message).toBe(
      `cannot write json-file a/file/out.json (${join(dir, 'a/file/out.json')}): a/file is not a directory`,
    )
  })

  it('replaces a regular file and writes chunks in order', () => {
    const dir = tempTree({ 'out.txt': 'old content that is longer\n' })
    writeConfined(
      { path: join(dir, 'out.txt'), anchor: dir, confine: true, label: 'x' },
      ['a', 'b', 'c\n'],
    )
    expect(readFileSync(join(dir, 'out.txt'), 'utf8')).toBe('abc\n')
    expect(lstatSync(join(dir, 'out.txt')).isFile()).toBe(true)
  })

  it('follows nothing even for a dangling link', () => {
    const dir = tempTree({})
    const target = join(dir, 'created-through-the-link')
    symlinkSync(target, join(dir, 'out.json'))
    expect(() =>
      writeConfined(
        { path: join(dir, 'out.json'), anchor: dir, confine: true, label: 'x' },
        'text',
      ),
    ).toThrow(/symbolic link/)
    expect(existsSync(target)).toBe(false)
  })
})

describe('writeReportFiles', () => {
  const report = gateReport({ 'a.aivss.yml': passingDescriptor('a') })

  it('takes a json-file under RUNNER_TEMP, the runner own directory', () => {
    const t = trap()
    const temp = tempTree({})
    const files = writeReportFiles(report, {
      workspace: t.workspace,
      pathPrefix: '',
      jsonFile: join(temp, 'reports/aivss.json'),
      sarifFile: undefined,
      env: { RUNNER_TEMP: temp },
    })
    expect(files.json).toBe(join(temp, 'reports/aivss.json'))
    expect(JSON.parse(readFileSync(files.json, 'utf8')).summary.agents).toBe(1)
  })

  it('refuses the default report through a link in RUNNER_TEMP', () => {
    const t = trap()
    const temp = tempTree({})
    symlinkSync(t.outsideDir, join(temp, 'aivss-gate'))
    expect(() =>
      writeReportFiles(report, {
        workspace: t.workspace,
        pathPrefix: '',
        jsonFile: undefined,
        sarifFile: undefined,
        env: { RUNNER_TEMP: temp },
      }),
    ).toThrow(/aivss-gate is a symbolic link/)
    untouched(t)
  })
})

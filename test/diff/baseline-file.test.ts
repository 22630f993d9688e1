import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  BaselineFileSchema,
  DEFAULT_BASELINE_FILE,
} from '../../src/core/diff/baseline-file.js'
import { cli } from '../support/cli.js'
import { BASE_FILES, LEGACY } from '../support/delta.js'
import { tempTree } from '../support/files.js'

describe('aivss-gate baseline write', () => {
  it('records the results in DIR/.github/aivss-baseline.json, small and in path order', () => {
    const root = tempTree(BASE_FILES)
    const run = cli(['baseline', 'write', root])
    expect(run.code).toBe(0)
    expect(run.stderr).toMatch(/recorded 3 agents in .*aivss-baseline\.json/)
    const text = readFileSync(join(root, DEFAULT_BASELINE_FILE), 'utf8')
    const file = BaselineFileSchema.parse(JSON.parse(text))
    expect(file.version).toBe(1)
    expect(file.aivss).toEqual({
      version: '0.8',
      scale: 'continuous',
      threatMultiplier: 0.97,
      mitigationFromControls: false,
    })
    expect(file.agents.map((a) => `${a.file}#${a.name}`)).toEqual([
      'agents/legacy.aivss.yml#legacy',
      'agents/orchestrator.aivss.yml#orchestrator',
      'agents/reconciler.aivss.yml#reconciler',
    ])
    expect(file.agents[0]).toEqual({
      file: 'agents/legacy.aivss.yml',
      name: 'legacy',
      format: 'aivss-descriptor',
      score: expect.any(Number),
      severity: 'critical',
      factors: expect.objectContaining({
        autonomyOfAction: expect.any(Number),
      }),
      tools: [
        { name: 'send_email', kind: 'email' },
        { name: 'bash', kind: 'shell' },
      ],
      controls: [],
    })
    expect(Object.keys(file.agents[0]!.factors)).toHaveLength(10)
    expect(text.endsWith('}\n')).toBe(true)
  })

  it('writes the same bytes for the same results, and ignores its own file when scanning', () => {
    const root = tempTree(BASE_FILES)
    cli(['baseline', 'write', root])
    const first = readFileSync(join(root, DEFAULT_BASELINE_FILE), 'utf8')
    cli(['baseline', 'write', root])
    expect(readFileSync(join(root, DEFAULT_BASELINE_FILE), 'utf8')).toBe(first)
    const scan = JSON.parse(cli(['scan', root, '--format', 'json']).stdout)
    expect(scan.summary.agents).toBe(3)
    expect(scan.errors).toEqual([])
  })

  it('writes to --output, or to stdout with -', () => {
    const root = tempTree({ 'a.aivss.yml': LEGACY })
    const out = join(tempTree({}), 'deep/dir/baseline.json')
    expect(cli(['baseline', 'write', root, '--output', out]).code).toBe(0)
    const stdout = cli(['baseline', 'write', root, '-o', '-']).stdout
    expect(stdout).toBe(readFileSync(out, 'utf8'))
  })

  it('takes no report format or comparison', () => {
    expect(
      cli(['baseline', 'write', '.', '--format', 'json']).stderr,
    ).toContain('baseline write does not take --format')
    expect(cli(['baseline', 'read']).code).toBe(2)
  })
})

describe('scan --baseline', () => {
  it('names the file as the base', () => {
    const root = tempTree(BASE_FILES)
    cli(['baseline', 'write', root])
    const run = cli(
      ['scan', '.', '--baseline', DEFAULT_BASELINE_FILE, '--format', 'json'],
      root,
    )
    const delta = JSON.parse(run.stdout).delta
    expect(delta.base).toEqual({
      kind: 'file',
      file: '.github/aivss-baseline.json',
    })
    expect(delta.summary).toBe('No agent changed; 3 unchanged')
  })

  it('rejects a file that is not a baseline, with the file, line and field', () => {
    const root = tempTree({
      'a.aivss.yml': LEGACY,
      'bad.json': JSON.stringify(
        {
          version: 1,
          aivss: {
            version: '0.8',
            scale: 'continuous',
            threatMultiplier: 0.97,
            mitigationFromControls: true,
          },
          agents: [{ file: 'a.yml', name: 'a', score: 12 }],
        },
        null,
        2,
      ),
    })
    const run = cli(['scan', root, '--baseline', join(root, 'bad.json')])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/invalid baseline file .*bad\.json:/)
    expect(run.stderr).toMatch(
      /bad\.json:\d+: agents\[0\]\.score: must be at most 10 \(got 12\)/,
    )
    const missing = cli(['scan', root, '--baseline', 'nowhere.json'])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain(
      'baseline file nowhere.json cannot be read',
    )
    expect(missing.stderr).toContain('aivss-gate baseline write')
  })

  it('warns when the baseline was scored with other settings', () => {
    const root = tempTree({ 'a.aivss.yml': LEGACY })
    cli(['baseline', 'write', root, '--aivss-version', '0.5'])
    const run = cli([
      'scan',
      root,
      '--baseline',
      join(root, DEFAULT_BASELINE_FILE),
      '--format',
      'json',
    ])
    expect(run.stderr).toMatch(
      /^warning: the baseline was recorded with other scoring settings/,
    )
    expect(JSON.parse(run.stdout).delta.notes).toHaveLength(1)
  })

  it('keeps manifest text from the baseline file escaped in the comment', () => {
    const root = tempTree({ 'a.aivss.yml': 'name: a\n' })
    cli(['baseline', 'write', root])
    const path = join(root, DEFAULT_BASELINE_FILE)
    const file = JSON.parse(readFileSync(path, 'utf8'))
    file.agents.push({
      ...file.agents[0],
      file: '<img src=x onerror=alert(1)>.yml',
      name: '@everyone [x](javascript:alert(1))',
    })
    writeFileSync(path, JSON.stringify(file))
    const markdown = cli([
      'scan',
      root,
      '--baseline',
      path,
      '--format',
      'markdown',
    ]).stdout
    expect(markdown).toContain(
      '➖ **@&#8203;everyone \\[x\\](javascript:alert(1))**',
    )
    expect(markdown.replace(/`[^`\n]*`/g, '')).not.toMatch(/<img/)
  })
})

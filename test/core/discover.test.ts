import { describe, expect, it } from 'vitest'
import { discover } from '../../src/core/discovery/discover.js'
import { directorySource } from '../../src/core/discovery/source.js'
import descriptor from '../../src/core/formats/aivss-descriptor/index.js'
import { tempTree } from '../support/files.js'
import { cli } from '../support/cli.js'

const tree = () =>
  tempTree({
    '.gitignore': 'generated/\n*.local.aivss.yml\n',
    'agents/a.aivss.yml': 'name: a\n',
    'agents/b.local.aivss.yml': 'name: b\n',
    'agents/legacy/c.aivss.yml': 'name: c\n',
    'generated/d.aivss.yml': 'name: d\n',
    'nested/.gitignore': '!keep.local.aivss.yml\nskip.aivss.yml\n',
    'nested/keep.local.aivss.yml': 'name: keep\n',
    'nested/skip.aivss.yml': 'name: skip\n',
    'dist/e.aivss.yml': 'name: e\n',
    'README.md': '# hello\n',
  })

const paths = (
  root: string,
  options: Partial<Parameters<typeof discover>[0]> = {},
) =>
  discover({
    source: directorySource(root),
    formats: [descriptor],
    ...options,
  }).candidates.map((c) => c.path)

describe('discover', () => {
  it('honours .gitignore at every depth, including negations', () => {
    const root = tree()
    expect(paths(root)).toEqual([
      'agents/a.aivss.yml',
      'agents/legacy/c.aivss.yml',
      'nested/keep.local.aivss.yml',
    ])
    const rejected = discover({
      source: directorySource(root),
      formats: [descriptor],
    }).rejected
    expect(rejected).toEqual(
      expect.arrayContaining([
        { path: 'generated/', reason: 'ignored by .gitignore' },
        { path: 'agents/b.local.aivss.yml', reason: 'ignored by .gitignore' },
        {
          path: 'nested/skip.aivss.yml',
          reason: 'ignored by nested/.gitignore',
        },
        {
          path: 'dist/',
          reason: 'dist/ is a vendored, generated or tool directory',
        },
        { path: 'README.md', reason: 'name matches no manifest format' },
      ]),
    )
  })

  it('can ignore .gitignore and the default exclusions', () => {
    const root = tree()
    expect(
      paths(root, { respectGitignore: false, defaultExcludes: false }),
    ).toHaveLength(7)
  })

  it('applies include and exclude globs', () => {
    const root = tree()
    expect(paths(root, { exclude: ['agents/legacy/**'] })).toEqual([
      'agents/a.aivss.yml',
      'nested/keep.local.aivss.yml',
    ])
    expect(paths(root, { include: ['agents/**'] })).toEqual([
      'agents/a.aivss.yml',
      'agents/legacy/c.aivss.yml',
    ])
    const rejected = discover({
      source: directorySource(root),
      formats: [descriptor],
      exclude: ['agents/legacy/**'],
    }).rejected
    expect(rejected).toContainEqual({
      path: 'agents/legacy/',
      reason: 'matches an exclude glob',
    })
  })
})

describe('aivss-gate scan --explain', () => {
  it('lists every file considered and what became of it', () => {
    const root = tree()
    const run = cli([
      'scan',
      root,
      '--explain',
      '--exclude',
      'agents/legacy/**',
    ])
    expect(run.code).toBe(0)
    expect(run.stderr).toMatch(/^Discovery: \d+ files considered/)
    expect(run.stderr).toMatch(
      /agents\/a\.aivss\.yml\s+read\s+aivss-descriptor: 1 agent/,
    )
    expect(run.stderr).toMatch(
      /agents\/legacy\/\s+skipped\s+matches an exclude glob/,
    )
    expect(run.stderr).toMatch(/generated\/\s+skipped\s+ignored by \.gitignore/)
    expect(run.stderr).toMatch(/README\.md\s+(skipped|not a manifest)\s/)
  })

  it('rejects a bad size', () => {
    expect(cli(['scan', '.', '--max-file-size', 'huge']).stderr).toMatch(
      /--max-file-size must be a size/,
    )
  })
})

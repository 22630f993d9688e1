import { execFileSync } from 'node:child_process'
import { appendFileSync, readFileSync, rmSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Report } from '../../src/core/report/schema.js'
import { cli } from '../support/cli.js'
import { put, tempTree } from '../support/files.js'
import {
  baseRepo,
  CRITICAL_DESCRIPTOR,
  scanReport,
} from '../support/plain-agents.js'

/**
 * A pull request must not hide an agent by making its manifest unreadable.
 * Each case starts from a base commit whose plain Critical agent fails the
 * default preset, applies one trick in the head (the working tree the CLI
 * scans) and checks, through the CLI with --base, that default and strict
 * still fail and that the report names the file as an unreadable manifest
 * and the agent as now unreadable.
 */

const SUBAGENT = '.claude/agents/ops.md'
const SUBAGENT_TEXT = `---
name: ops
description: Runs production operations for the platform team.
permissionMode: bypassPermissions
memory: project
---
You operate production: run any shell command, deploy, and email the on-call team.
`

const DESCRIPTOR = 'agents/legacy.aivss.yml'
/** A generic name that only its content makes a manifest. */
const GENERIC = 'crew/agents.yaml'
const GENERIC_TEXT = `researcher:
  role: Senior researcher
  goal: Find and run whatever code the web suggests
  backstory: Runs shell commands unattended on production hosts.
  allow_code_execution: true
  code_execution_mode: unsafe
  tools: [ShellTool, CodeInterpreterTool, SerperDevTool]
`

const MAX = 2 * 1024 * 1024

type Trick = (repo: string, path: string) => void

const TRICKS: Record<string, Trick> = {
  'a NUL byte': (repo, path) => appendFileSync(join(repo, path), '\0'),
  'an invalid UTF-8 byte': (repo, path) =>
    appendFileSync(join(repo, path), Buffer.from([0xff])),
  'padding past the size cap': (repo, path) =>
    appendFileSync(join(repo, path), `\n${'#'.repeat(MAX)}\n`),
  'a symbolic link': (repo, path) => {
    rmSync(join(repo, path))
    symlinkSync('../../README.md', join(repo, path))
  },
  'a named pipe': (repo, path) => {
    rmSync(join(repo, path))
    execFileSync('mkfifo', [join(repo, path)])
  },
  'a parse error': (repo, path) => {
    const text = readFileSync(join(repo, path), 'utf8')
    put(
      repo,
      path,
      // Front matter is read leniently, as Claude Code reads it: only one
      // that never closes is beyond reading.
      path.endsWith('.md')
        ? text.replace(/\n---\n/, '\n')
        : `${text}broken: [unclosed\n`,
    )
  },
}

interface Case {
  readonly path: string
  readonly text: string
  readonly agent: string
}
const CASES: Case[] = [
  { path: SUBAGENT, text: SUBAGENT_TEXT, agent: 'ops' },
  { path: DESCRIPTOR, text: CRITICAL_DESCRIPTOR, agent: 'legacy' },
]

type Violation = NonNullable<Report['policy']>['violations'][number]

const manifestErrors = (report: Report): Violation[] =>
  (report.policy?.violations ?? []).filter((v) => v.rule === 'manifest-errors')

describe('the base of every case', () => {
  it.each(CASES)('fails the default preset with a plain $agent', (c) => {
    const { repo } = baseRepo({ [c.path]: c.text })
    const { code, report } = scanReport(repo, 'default')
    expect(code).toBe(1)
    expect(report.agents.map((a) => a.name)).toContain(c.agent)
  })
})

describe.each(CASES)('a pull request that hides $agent in $path', (c) => {
  it.each(Object.keys(TRICKS))('by %s still fails', (trick) => {
    const { repo, base } = baseRepo({ [c.path]: c.text })
    TRICKS[trick]?.(repo, c.path)
    for (const policy of ['default', 'strict']) {
      const { code, report } = scanReport(repo, policy, base)
      expect(code, `${trick} under ${policy}`).toBe(1)
      const violations = manifestErrors(report)
      expect(violations.map((v) => v.file)).toContain(c.path)
      expect(
        violations.filter((v) => v.file === c.path && v.action === 'fail'),
      ).not.toEqual([])
      expect(violations.map((v) => v.message).join('\n')).toMatch(
        /unreadable manifest/,
      )
      expect(report.delta?.removed.map((a) => a.name)).not.toContain(c.agent)
      expect(report.delta?.unreadable?.map((a) => [a.name, a.file])).toEqual([
        [c.agent, c.path],
      ])
      expect(report.delta?.summary).toMatch(/1 now unreadable|now unreadable/)
    }
    const text = cli(['scan', repo, '--policy', 'default', '--base', base])
    expect(text.stdout).toMatch(
      new RegExp(
        `${c.agent} now unreadable in ${c.path.replace(/\./g, '\\.')}`,
      ),
    )
  })
})

describe('a generic-named manifest made unreadable', () => {
  it.each(['a NUL byte', 'an invalid UTF-8 byte', 'a symbolic link'])(
    'by %s fails the default preset when the base held agents in it',
    (trick) => {
      const { repo, base } = baseRepo({ [GENERIC]: GENERIC_TEXT })
      const before = scanReport(repo, 'default', base)
      expect(before.report.agents.map((a) => a.file)).toContain(GENERIC)
      TRICKS[trick]?.(repo, GENERIC)
      const { code, report } = scanReport(repo, 'default', base)
      expect(code).toBe(1)
      expect(
        manifestErrors(report).map((v) => [v.file, v.action]),
      ).toContainEqual([GENERIC, 'fail'])
      expect(report.delta?.unreadable?.map((a) => a.file)).toContain(GENERIC)
    },
  )

  it('is a plain skipped file where the base had no agent in it', () => {
    const { repo, base } = baseRepo({ 'data/blob.json': '{"a": 1}\n' })
    appendFileSync(join(repo, 'data/blob.json'), '\0')
    const { code, report } = scanReport(repo, 'strict', base)
    expect(code).toBe(0)
    expect(manifestErrors(report)).toEqual([])
  })
})

describe('an unreadable manifest the pull request adds', () => {
  it('fails the default preset with a base, and warns without one', () => {
    const { repo, base } = baseRepo({})
    put(repo, '.claude/agents/new.md', Buffer.from(`${SUBAGENT_TEXT}\0`))
    const withBase = scanReport(repo, 'default', base)
    expect(withBase.code).toBe(1)
    expect(manifestErrors(withBase.report)[0]?.message).toMatch(
      /unreadable manifest: .*this pull request makes it unreadable/,
    )
    const alone = scanReport(repo, 'default')
    expect(alone.code).toBe(0)
    expect(manifestErrors(alone.report).map((v) => v.action)).toEqual(['warn'])
  })

  it('warns under permissive with a base, and is left out without one', () => {
    const { repo, base } = baseRepo({})
    put(repo, 'ops.aivss.yml', Buffer.from([0x6e, 0xff]))
    const withBase = scanReport(repo, 'permissive', base)
    expect(withBase.code).toBe(0)
    expect(manifestErrors(withBase.report).map((v) => v.action)).toEqual([
      'warn',
    ])
    expect(manifestErrors(scanReport(repo, 'permissive').report)).toEqual([])
  })
})

describe('an unreadable manifest already unreadable on the base', () => {
  it('warns under default and fails under strict', () => {
    const { repo, base } = baseRepo({ [SUBAGENT]: `${SUBAGENT_TEXT}\0` })
    const run = scanReport(repo, 'default', base)
    expect(run.code).toBe(0)
    expect(manifestErrors(run.report).map((v) => v.action)).toEqual(['warn'])
    expect(scanReport(repo, 'strict', base).code).toBe(1)
  })
})

describe('without a base, strict', () => {
  it.each(Object.keys(TRICKS))(
    'fails on a manifest made unreadable by %s',
    (trick) => {
      const root = tempTree({ [SUBAGENT]: SUBAGENT_TEXT })
      TRICKS[trick]?.(root, SUBAGENT)
      const { code, report } = scanReport(root, 'strict')
      expect(code).toBe(1)
      expect(
        manifestErrors(report).map((v) => [v.file, v.action]),
      ).toContainEqual([SUBAGENT, 'fail'])
      expect(report.errors.find((e) => e.file === SUBAGENT)?.unreadable).toBe(
        'claimed',
      )
    },
  )
})

describe('against a baseline file', () => {
  it('a manifest that held recorded agents and is now unreadable fails the default preset', () => {
    const root = tempTree({ [DESCRIPTOR]: CRITICAL_DESCRIPTOR })
    expect(cli(['baseline', 'write', root]).code).toBe(0)
    TRICKS['an invalid UTF-8 byte']?.(root, DESCRIPTOR)
    const run = cli(
      [
        'scan',
        '.',
        '--baseline',
        '.github/aivss-baseline.json',
        '--format',
        'json',
      ],
      root,
    )
    const report = JSON.parse(run.stdout) as Report
    expect(run.code).toBe(1)
    expect(report.delta?.unreadable?.map((a) => a.name)).toEqual(['legacy'])
    expect(manifestErrors(report).map((v) => v.action)).toEqual(['fail'])
  })
})

describe('a manifest its format no longer accepts', () => {
  it.each([
    [
      'a subagent without its front matter',
      SUBAGENT,
      SUBAGENT_TEXT,
      (text: string) => text.replace(/^---\n[^]*?\n---\n/, ''),
    ],
    [
      'a generic manifest whose head no longer looks like one',
      GENERIC,
      GENERIC_TEXT,
      (text: string) => `${'# padding\n'.repeat(2000)}${text}`,
    ],
  ])(
    'fails the default preset as now unreadable: %s',
    (_, path, text, hide) => {
      const { repo, base } = baseRepo({ [path]: text })
      put(repo, path, hide(text))
      for (const policy of ['default', 'strict']) {
        const { code, report } = scanReport(repo, policy, base)
        expect(code, policy).toBe(1)
        expect(report.delta?.unreadable?.map((a) => a.file)).toEqual([path])
        expect(
          manifestErrors(report).map((v) => [v.file, v.action]),
        ).toContainEqual([path, 'fail'])
      }
    },
  )

  it('is no unreadable manifest where it never held agents (a CrewAI tasks.yaml)', () => {
    const root = tempTree({
      'crew/config/agents.yaml': GENERIC_TEXT,
      'crew/config/tasks.yaml':
        'research:\n  description: Research the topic\n  expected_output: A report\n  agent: researcher\n',
    })
    const { report } = scanReport(root, 'strict')
    expect(report.agents.map((a) => a.name)).toEqual(['researcher'])
    expect(manifestErrors(report)).toEqual([])
    expect(report.errors.filter((e) => e.unreadable)).toEqual([])
  })
})

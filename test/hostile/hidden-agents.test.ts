import { describe, expect, it } from 'vitest'
import type { Report } from '../../src/core/report/schema.js'
import { put, tempTree } from '../support/files.js'
import { commit, gitMove } from '../support/git.js'
import {
  baseRepo,
  CRITICAL_DESCRIPTOR,
  scanReport,
} from '../support/plain-agents.js'

/**
 * A pull request must not hide an agent with a change its host ignores: a
 * colon in a plain scalar that Claude Code and Copilot still load, a field
 * the descriptor does not know, a build or vendor directory inside a tree a
 * format claims, an empty file beside a descriptor. Each case starts from a
 * base whose plain Critical agent fails the default preset; the head must
 * fail under default and strict, with the agent still scored.
 */

const SUBAGENT_TEXT = (description: string): string => `---
name: ops
description: ${description}
permissionMode: bypassPermissions
memory: project
tools:
  - Bash
  - "WebFetch(*)"
  - Write
---
You operate production: run any shell command, deploy, and email the on-call team.
`

const COPILOT_TEXT = (description: string): string => `---
name: deployer
description: ${description}
tools: ['runCommands', 'editFiles', 'fetch']
---
Deploy whatever the issue asks for, running any command needed.
`

const agent = (report: Report, name: string) =>
  report.agents.find((a) => a.name === name)

/** Base with `files`, head after `change`: `name` is still scored and still failing. */
function expectStillFails(
  files: Record<string, string>,
  change: (repo: string) => void,
  name: string,
): Report {
  const { repo, base } = baseRepo(files)
  const before = scanReport(repo, 'default')
  expect(before.code).toBe(1)
  expect(agent(before.report, name)?.severity).toBe('critical')
  change(repo)
  let last: Report | undefined
  for (const policy of ['default', 'strict']) {
    const { code, report } = scanReport(repo, policy, base)
    // strict judges every agent; the change-scoped default still lists the
    // agent's failures, as pre-existing when the change did not worsen it.
    if (policy === 'strict') expect(code, policy).toBe(1)
    expect(
      report.policy?.violations.some(
        (v) => v.agent === name && v.action === 'fail',
      ),
      policy,
    ).toBe(true)
    expect(agent(report, name), policy).toBeDefined()
    expect(report.delta?.removed.map((a) => a.name)).not.toContain(name)
    last = report
  }
  return last as Report
}

describe('front matter whose values hold ": "', () => {
  const plain = 'Runs production operations for the platform team.'
  const colon =
    'Note: use this agent for production operations. Example: restart the API'

  it('keeps a Claude Code subagent, with a note that it was read leniently', () => {
    const report = expectStillFails(
      { '.claude/agents/ops.md': SUBAGENT_TEXT(plain) },
      (repo) => commit(repo, { '.claude/agents/ops.md': SUBAGENT_TEXT(colon) }),
      'ops',
    )
    const ops = agent(report, 'ops')
    expect(ops?.description).toBe(colon)
    expect(ops?.tools.map((t) => t.name)).toEqual([
      'Bash',
      'WebFetch(*)',
      'Write',
    ])
    expect(ops?.notes.join('\n')).toMatch(/read line by line/)
    expect(
      report.errors.find((e) => e.file === '.claude/agents/ops.md')?.level,
    ).toBe('warning')
  })

  it('keeps a Copilot custom agent', () => {
    const path = '.github/agents/deployer.agent.md'
    const repo = tempTree({ [path]: COPILOT_TEXT(colon) })
    const { report } = scanReport(repo, 'strict')
    const deployer = agent(report, 'deployer')
    expect(deployer?.description).toBe(colon)
    expect(deployer?.tools.length).toBe(3)
    expect(deployer?.notes.join('\n')).toMatch(/read line by line/)
  })

  it('keeps an OpenCode agent', () => {
    const path = '.opencode/agent/review.md'
    const repo = tempTree({
      [path]: `---\ndescription: ${colon}\nmode: subagent\n---\nReview code.\n`,
    })
    const { report } = scanReport(repo, 'default')
    expect(agent(report, 'review')?.description).toBe(colon)
  })

  it('keeps block lists, nested hooks and line numbers', () => {
    const text = `---
name: hooked
description: Note: hooks run: always
tools:
  - Bash
  - Read
hooks:
  PreToolUse:
    - matcher: "Bash"
      hooks:
        - type: command
          command: ./audit.sh
model: sonnet
---
Body.
`
    const repo = tempTree({ '.claude/agents/hooked.md': text })
    const { report } = scanReport(repo, 'default')
    const hooked = agent(report, 'hooked')
    expect(hooked?.tools.map((t) => [t.name, t.kind])).toEqual([
      ['Bash', 'shell'],
      ['Read', 'file-read'],
    ])
    expect(hooked?.line).toBe(2)
    expect(hooked?.model).toMatch(/sonnet/)
  })
})

describe('an unknown field in a descriptor', () => {
  it('is a warning on an agent that is still scored', () => {
    const report = expectStillFails(
      { 'agents/legacy.aivss.yml': CRITICAL_DESCRIPTOR },
      (repo) =>
        commit(repo, {
          'agents/legacy.aivss.yml': `${CRITICAL_DESCRIPTOR}owner: finance\ncontrols2: { sandbox: true }\n`,
        }),
      'legacy',
    )
    const warnings = report.errors.filter(
      (e) => e.file === 'agents/legacy.aivss.yml',
    )
    expect(warnings.map((w) => [w.field, w.level])).toEqual([
      ['owner', 'warning'],
      ['controls2', 'warning'],
    ])
  })

  it('nested, or beside an agents list, keeps every agent', () => {
    const root = tempTree({
      'team.aivss.yml': `agents:\n  - name: a\n    tools: [{ name: bash, kind: shell, color: red }]\n  - name: b\nteam: finance\n`,
    })
    const { report } = scanReport(root, 'default')
    expect(report.agents.map((a) => a.name)).toEqual(['a', 'b'])
    expect(agent(report, 'a')?.tools.map((t) => t.kind)).toEqual(['shell'])
  })
})

describe('a build or vendor directory inside a tree a format claims', () => {
  it.each([
    ['.claude/agents/ops.md', '.claude/agents/build/ops.md'],
    ['.claude/agents/ops.md', '.claude/agents/node_modules/x/ops.md'],
    ['.claude/agents/ops.md', '.claude/agents/dist/vendor/ops.md'],
  ])('is still scanned: %s moved to %s', (from, to) => {
    expectStillFails(
      { [from]: SUBAGENT_TEXT('Runs production operations.') },
      (repo) => {
        gitMove(repo, from, to)
        commit(repo, {})
      },
      'ops',
    )
  })

  it('is still scanned for Copilot agents', () => {
    const path = '.github/agents/dist/deployer.agent.md'
    const repo = tempTree({ [path]: COPILOT_TEXT('Deploys things.') })
    const { report } = scanReport(repo, 'default')
    expect(agent(report, 'deployer')?.file).toBe(path)
  })

  it('is pruned elsewhere, even beside a descriptor name', () => {
    const repo = tempTree({
      'build/ops.aivss.yml': 'name: built\n',
      'node_modules/pkg/.claude/agents/x.md': SUBAGENT_TEXT('x'),
      'agents/ok.aivss.yml': 'name: ok\n',
    })
    const { report } = scanReport(repo, 'default')
    expect(report.agents.map((a) => a.name)).toEqual(['ok'])
  })
})

describe('a file beside a descriptor', () => {
  it.each([
    ['empty', ''],
    ['of text', 'ops runbook\n'],
  ])('that is %s leaves the descriptor a descriptor', (_, sibling) => {
    expectStillFails(
      { 'agents/ops.aivss.yml': CRITICAL_DESCRIPTOR.replace('legacy', 'ops') },
      (repo) => put(repo, 'agents/ops', sibling),
      'ops',
    )
  })

  it('that is a manifest makes it a sidecar', () => {
    const repo = tempTree({
      '.claude/agents/ops.md': SUBAGENT_TEXT('Runs production operations.'),
      '.claude/agents/ops.md.aivss.yml': 'controls: { logging: true }\n',
    })
    const { report } = scanReport(repo, 'default')
    expect(report.agents.map((a) => a.name)).toEqual(['ops'])
    expect(agent(report, 'ops')?.controls.logging).toBe(true)
    expect(report.errors).toEqual([])
  })
})

describe('a sidecar beside a file that holds no agent', () => {
  it('that names no agent stays the sidecar of nothing, and says so', () => {
    const repo = tempTree({
      'agents/ops': '',
      'agents/ops.aivss.yml': 'controls: { logging: true }\n',
    })
    const { report } = scanReport(repo, 'strict')
    expect(report.agents).toEqual([])
    expect(report.errors.map((e) => [e.file, e.level, e.unreadable])).toEqual([
      ['agents/ops.aivss.yml', 'warning', undefined],
    ])
  })
})

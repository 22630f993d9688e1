import { describe, expect, it } from 'vitest'
import { harnessTool } from '../../src/core/manifest/harness-tools.js'
import {
  applyHooks,
  hookCommands,
  readHook,
} from '../../src/core/manifest/hooks.js'
import { harnessModel } from '../../src/core/manifest/models.js'
import {
  approvalOf,
  isReadOnlyCommand,
} from '../../src/core/manifest/permissions.js'
import { newProfile } from '../../src/core/profile/build.js'
import type { Tool } from '../../src/core/profile/schema.js'

describe('harness tool names for coding-assistant configurations', () => {
  it.each([
    ['@builtin', 'other', true, 'builtin'],
    ['@git', 'mcp-server', true, 'mcp'],
    ['@postgres', 'database', true, 'mcp'],
    ['@fetch/fetch_url', 'network', undefined, 'mcp'],
    ['apply_patch', 'file-write', undefined, 'builtin'],
    ['powershell', 'shell', undefined, 'builtin'],
    ['aws', 'cloud-admin', undefined, 'builtin'],
    ['spawn_agent', 'agent-call', undefined, 'builtin'],
  ])('%s → %s', (entry, kind, wildcard, source) => {
    const { tool } = harnessTool(entry)
    expect(tool).toMatchObject({ kind, source })
    expect(tool.wildcard).toBe(wildcard)
  })
})

describe('approvalOf', () => {
  const tool = (
    kind: Tool['kind'],
    requiresApproval?: boolean,
    readOnly?: boolean,
  ): Tool => ({
    name: kind,
    kind,
    requiresApproval,
    readOnly,
  })
  it('is true only when every tool that changes things asks', () => {
    expect(approvalOf([tool('shell', true), tool('file-write', true)])).toBe(
      true,
    )
    expect(approvalOf([tool('shell', false), tool('file-write', false)])).toBe(
      false,
    )
    expect(
      approvalOf([tool('shell', true), tool('file-write', false)]),
    ).toBeUndefined()
    expect(approvalOf([tool('shell', true), tool('shell', false, true)])).toBe(
      true,
    )
    expect(approvalOf([tool('file-read', false)])).toBeUndefined()
  })
})

describe('isReadOnlyCommand', () => {
  it.each([
    ['git diff *', true],
    ['ls:*', true],
    ['^git status$', true],
    ['cat *', true],
    ['rm -rf *', false],
    ['npm test', false],
    ['git push *', false],
    ['ls; rm -rf /', false],
    ['cat x > y', false],
  ])('%s → %s', (pattern, readOnly) => {
    expect(isReadOnlyCommand(pattern)).toBe(readOnly)
  })
})

describe('hooks', () => {
  it('tells guardrails and logging from the event and the command words', () => {
    expect(readHook('PreToolUse', './hooks/validate-bash.sh')).toEqual({
      guardrail: true,
      logging: false,
    })
    expect(readHook('PostToolUse', './hooks/validate-bash.sh').guardrail).toBe(
      false,
    )
    expect(readHook('Stop', 'uv run quality_gates.py').guardrail).toBe(true)
    expect(readHook('PostToolUse', 'jq . >> tool_audit.jsonl').logging).toBe(
      true,
    )
    expect(readHook('PreToolUse', 'say done')).toEqual({
      guardrail: false,
      logging: false,
    })
  })

  it('reads both hook table shapes and records controls with lines', () => {
    const hooks = hookCommands({
      PreToolUse: [
        { matcher: 'Bash', hooks: [{ type: 'command', command: 'guard.sh' }] },
      ],
      agentSpawn: [{ command: 'git status' }],
      PostToolUse: [
        { hooks: [{ type: 'command', command: 'log.sh', async: true }] },
      ],
    })
    expect(hooks.map((h) => [h.event, h.command, h.async, h.path])).toEqual([
      ['PreToolUse', 'guard.sh', false, ['PreToolUse', 0, 'hooks', 0]],
      ['agentSpawn', 'git status', false, ['agentSpawn', 0]],
      ['PostToolUse', 'log.sh', true, ['PostToolUse', 0, 'hooks', 0]],
    ])
    const profile = newProfile({ name: 'a', format: 'x', file: 'f', line: 1 })
    applyHooks(profile, hooks, (path) => (path[0] === 'PreToolUse' ? 3 : 9))
    expect(profile.controls).toEqual({ guardrails: true, logging: true })
    expect(profile.evidence).toMatchObject({
      'controls.guardrails': 3,
      'controls.logging': 9,
    })
    expect(profile.notes[0]).toMatch(
      /^3 hooks on PreToolUse, agentSpawn, PostToolUse/,
    )
  })
})

describe('harnessModel', () => {
  it('marks aliases and placeholders as unresolved and finds providers', () => {
    expect(harnessModel('sonnet')).toEqual({
      name: 'sonnet',
      provider: 'anthropic',
      unresolved: true,
    })
    expect(harnessModel('inherit').unresolved).toBe(true)
    expect(harnessModel('claude-sonnet-4-5-20250929')).toEqual({
      name: 'claude-sonnet-4-5-20250929',
      provider: 'anthropic',
      unresolved: undefined,
    })
    expect(harnessModel('openai/gpt-5').provider).toBe('openai')
    expect(harnessModel('gpt-4o').provider).toBe('openai')
    expect(harnessModel('${MODEL}').unresolved).toBe(true)
    expect(harnessModel('{env:MODEL}').unresolved).toBe(true)
  })
})

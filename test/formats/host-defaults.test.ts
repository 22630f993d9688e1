import { describe, expect, it } from 'vitest'
import claudeSubagent from '../../src/core/formats/claude-code-subagent/index.js'
import codex from '../../src/core/formats/codex-config/index.js'
import copilot from '../../src/core/formats/copilot-agent/index.js'
import opencode from '../../src/core/formats/opencode-config/index.js'
import type { AgentProfile } from '../../src/core/profile/schema.js'
import { fixtureFile, textFile } from '../support/files.js'

/**
 * Each host's documented default approvals, and what a bypass mode and an
 * allow-list in the project's settings change (fixtures in
 * test/fixtures/hosts/, agents copied from the shared corpus).
 */

function only(result: { agents: readonly AgentProfile[] }): AgentProfile {
  expect(result.agents).toHaveLength(1)
  return result.agents[0] as AgentProfile
}

const approvals = (agent: AgentProfile): Array<[string, unknown, unknown]> =>
  agent.tools.map((t) => [t.name, t.requiresApproval, t.approvalSource])

describe('Claude Code: default, bypass, allow-listed', () => {
  it('asks before Bash by default; reads run; humanApproval cites the host', () => {
    const agent = only(
      claudeSubagent.parse(
        fixtureFile('hosts/claude-default/.claude/agents/code-reviewer.md'),
      ),
    )
    expect(approvals(agent)).toEqual([
      ['Read', false, 'host default: Claude Code runs Read without asking'],
      ['Glob', false, 'host default: Claude Code runs Glob without asking'],
      ['Grep', false, 'host default: Claude Code runs Grep without asking'],
      ['Bash', true, 'host default: Claude Code asks before running Bash'],
    ])
    expect(agent.controls.humanApproval).toBe(true)
    expect(agent.evidence['controls.humanApproval']).toBeUndefined()
    expect(agent.defaults?.['controls.humanApproval']).toBe(
      'host default: Claude Code asks before running Bash',
    )
  })

  it('bypassPermissions: nothing asks, and the line says so', () => {
    const agent = only(
      claudeSubagent.parse(
        fixtureFile('hosts/claude-bypass/.claude/agents/research-agent.md'),
      ),
    )
    expect(agent.tools.length).toBeGreaterThan(5)
    for (const tool of agent.tools) {
      expect(tool.requiresApproval, tool.name).toBe(false)
      expect(tool.approvalSource, tool.name).toBe(
        'line 19: permissionMode bypassPermissions lets it run without asking',
      )
    }
    expect(agent.controls.humanApproval).toBe(false)
    expect(agent.evidence['controls.humanApproval']).toBe(19)
  })

  it('an allow rule in .claude/settings.json lets a command run unasked', () => {
    const agent = only(
      claudeSubagent.parse(
        fixtureFile('hosts/claude-allowed/.claude/agents/code-reviewer.md'),
      ),
    )
    const npm = agent.tools.find((t) => t.name === 'Bash(npm:*)')
    expect(npm).toMatchObject({
      kind: 'shell',
      requiresApproval: false,
      approvalSource:
        'hosts/claude-allowed/.claude/settings.json line 9: permissions.allow lets Bash(npm:*) run',
    })
    // Bash itself still asks for other commands: approval is now mixed.
    expect(agent.tools.find((t) => t.name === 'Bash')?.requiresApproval).toBe(
      true,
    )
    expect(agent.controls.humanApproval).toBeUndefined()
    // Write and Edit are allowed too, but the agent does not have them.
    expect(agent.tools.some((t) => t.name === 'Write')).toBe(false)
    expect(agent.notes.join('\n')).toMatch(/governed by the project settings/)
  })

  it('settings.local.json overrides the shared defaultMode, and ask rules ask', () => {
    const agent = only(
      claudeSubagent.parse(
        textFile(
          '.claude/agents/a.md',
          '---\nname: a\ndescription: x\ntools: Bash, Edit, WebFetch\n---\nDo it.\n',
          {
            '.claude/settings.json':
              '{ "permissions": { "defaultMode": "plan", "ask": ["WebFetch"] } }',
            '.claude/settings.local.json':
              '{\n  "permissions": {\n    "defaultMode": "acceptEdits"\n  }\n}\n',
          },
        ),
      ),
    )
    expect(agent.autonomy.permissionMode).toBe('acceptEdits')
    expect(approvals(agent)).toEqual([
      ['Bash', true, 'host default: Claude Code asks before running Bash'],
      [
        'Edit',
        false,
        '.claude/settings.local.json line 3: permissions.defaultMode acceptEdits lets it run without asking',
      ],
      [
        'WebFetch',
        true,
        '.claude/settings.json line 1: permissions.ask makes WebFetch ask first',
      ],
    ])
  })
})

describe('GitHub Copilot: VS Code defaults, workspace auto-approve, the cloud agent', () => {
  it('asks before terminal commands and MCP tools, not before edits; the workspace allow-lists npm test', () => {
    const agent = only(
      copilot.parse(
        fixtureFile('hosts/copilot-vscode/.github/agents/tester.agent.md'),
      ),
    )
    expect(
      agent.tools.map((t) => [t.name, t.kind, t.readOnly, t.requiresApproval]),
    ).toEqual([
      ['execute/runInTerminal', 'shell', undefined, true],
      ['read/readFile', 'file-read', true, false],
      ['edit/editFiles', 'file-write', undefined, false],
      ['vscode/memory', 'other', undefined, false],
      ['github/get_file_contents', 'network', true, true],
      ['github/create_issue', 'network', false, true],
      ['execute/runInTerminal(npm test)', 'shell', undefined, false],
    ])
    expect(agent.tools.at(-1)?.approvalSource).toBe(
      'hosts/copilot-vscode/.vscode/settings.json line 4: chat.tools.terminal.autoApprove lets npm test run without asking',
    )
    expect(agent.memory).toMatchObject({ kind: 'persistent', writable: true })
    expect(agent.memory.stores).toEqual(['vscode/memory'])
    expect(agent.controls.humanApproval).toBeUndefined()
  })

  it('global auto-approve in the workspace takes every approval away', () => {
    const agent = only(
      copilot.parse(
        textFile(
          '.github/agents/a.agent.md',
          "---\ndescription: x\ntarget: vscode\ntools: ['execute', 'edit']\n---\n",
          {
            '.vscode/settings.json':
              '{\n  "chat.tools.global.autoApprove": true\n}',
          },
        ),
      ),
    )
    expect(approvals(agent)).toEqual([
      [
        'execute',
        false,
        '.vscode/settings.json line 2: chat.tools.global.autoApprove lets every tool run without asking',
      ],
      [
        'edit',
        false,
        '.vscode/settings.json line 2: chat.tools.global.autoApprove lets every tool run without asking',
      ],
    ])
    expect(agent.controls.humanApproval).toBe(false)
  })

  it('the cloud agent works unattended: nothing asks', () => {
    const agent = only(
      copilot.parse(
        textFile(
          '.github/agents/a.agent.md',
          "---\ndescription: x\ntarget: github-copilot\ntools: ['execute']\n---\n",
        ),
      ),
    )
    expect(agent.tools[0]).toMatchObject({
      requiresApproval: false,
      approvalSource:
        'host default: the Copilot cloud agent works unattended: nothing asks',
    })
    expect(agent.controls.humanApproval).toBe(false)
  })
})

describe('Codex and OpenCode: their documented defaults', () => {
  it('Codex: approval_policy never turns the default off', () => {
    const never = codex.parse(
      textFile('.codex/config.toml', 'approval_policy = "never"\n'),
    ).agents[0]
    expect(never?.controls).toMatchObject({
      humanApproval: false,
      sandbox: true,
    })
    expect(never?.evidence['controls.humanApproval']).toBe(1)
  })

  it('OpenCode: no permission lets every tool run, cited as the host default', () => {
    const agents = opencode.parse(
      textFile(
        'opencode.json',
        '{ "$schema": "https://opencode.ai/config.json" }',
      ),
    ).agents
    const build = agents[0] as AgentProfile
    expect(build.tools.find((t) => t.name === 'bash')).toMatchObject({
      requiresApproval: false,
      approvalSource: 'host default: OpenCode runs bash without asking',
    })
    expect(build.controls.humanApproval).toBe(false)
    expect(build.defaults?.['controls.humanApproval']).toMatch(
      /^host default: OpenCode runs /,
    )
    const asks = opencode.parse(
      textFile(
        'opencode.json',
        '{ "permission": { "bash": "ask", "edit": "ask", "webfetch": "ask" } }',
      ),
    ).agents[0]
    expect(asks?.tools.find((t) => t.name === 'bash')?.requiresApproval).toBe(
      true,
    )
  })
})

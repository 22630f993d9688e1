import { describe, expect, it } from 'vitest'
import amazonQ from '../../src/core/formats/amazon-q-agent/index.js'
import {
  AgentProfileSchema,
  type AgentProfile,
} from '../../src/core/profile/schema.js'
import { fixtureFile, textFile } from '../support/files.js'

const ROOT = 'formats/amazon-q-agent/ours-project'
const Q = `${ROOT}/.amazonq/cli-agents`

function only(path: string): AgentProfile {
  const result = amazonQ.parse(fixtureFile(path))
  expect(result.rejected).toBeUndefined()
  expect(result.problems).toEqual([])
  expect(result.agents).toHaveLength(1)
  const agent = result.agents[0]!
  expect(AgentProfileSchema.parse(agent)).toEqual(agent)
  return agent
}

describe('amazon-q-agent: paths', () => {
  it('claims Amazon Q and Kiro agent files only', () => {
    expect(amazonQ.matchPath('.amazonq/cli-agents/ops.json')).toBe('yes')
    expect(amazonQ.matchPath('svc/.amazonq/cli-agents/ops.json')).toBe('yes')
    expect(amazonQ.matchPath('.aws/amazonq/cli-agents/ops.json')).toBe('yes')
    expect(amazonQ.matchPath('.kiro/agents/reviewer.json')).toBe('yes')
    expect(amazonQ.matchPath('.amazonq/mcp.json')).toBe('no')
    expect(amazonQ.matchPath('.kiro/settings/mcp.json')).toBe('no')
    expect(amazonQ.matchPath('agents/reviewer.json')).toBe('no')
    expect(amazonQ.matchPath('.amazonq/cli-agents/notes.md')).toBe('no')
  })
})

describe('amazon-q-agent: our fixtures', () => {
  it('reads tools, allowedTools, toolsSettings, a file prompt, resources and hooks', () => {
    const agent = only(`${Q}/aws-ops.json`)
    expect(
      agent.tools.map((t) => [t.name, t.kind, t.line, t.requiresApproval]),
    ).toEqual([
      ['fs_read', 'file-read', 21, false],
      ['fs_write', 'file-write', 21, true],
      ['execute_bash', 'shell', 21, true],
      ['use_aws', 'cloud-admin', 21, true],
      ['@fetch/fetch', 'network', 21, true],
      ['git', 'mcp-server', 7, false],
    ])
    expect(
      agent.tools.find((t) => t.name === '@fetch/fetch')?.server,
    ).toMatchObject({
      command: 'uvx',
      pinned: false,
    })
    expect(agent).toMatchObject({
      name: 'aws-ops',
      source: { line: 3 },
      model: { name: 'claude-sonnet-4', provider: 'anthropic' },
      instructions: expect.stringMatching(
        /^You operate the team's AWS accounts/,
      ),
      controls: { allowlists: true },
      identity: { kind: 'delegated' },
      evidence: {
        tools: 21,
        'controls.allowlists': 24,
        instructions: 5,
        model: 36,
      },
    })
    // fs_read and git run unasked while the rest asks: the control is mixed.
    expect(agent.controls.humanApproval).toBeUndefined()
    expect(agent.notes).toEqual(
      expect.arrayContaining([
        'instructions are read from ../../prompts/aws-ops.md',
        'MCP server unused is configured but none of its tools is in tools',
        'fs_write needs no confirmation in: infra/**, docs/**',
        'use_aws is limited to the services cloudformation, logs',
        'use_aws refuses: iam',
        'execute_bash runs without asking: git status, aws sts get-caller-identity',
        'hook output enters its prompt: git status --short, aws sts get-caller-identity',
        "use_aws acts with the user's own AWS credentials",
      ]),
    )
    expect(agent.tools.some((t) => t.name === 'unused')).toBe(false)
  })

  it('reads tools: * with wildcard allowedTools and the legacy MCP file', () => {
    const agent = only(`${Q}/all-tools.json`)
    expect(agent.allTools).toBe(true)
    expect(agent.tools.map((t) => [t.name, t.requiresApproval])).toEqual([
      ['fs_read', false],
      ['fs_write', false],
      ['execute_bash', false],
      ['use_aws', false],
      // Outside allowedTools, but trusted by Amazon Q from the start.
      ['knowledge', false],
      ['introspect', false],
      ['report_issue', false],
      ['todo_list', false],
      ['legacy', false],
    ])
    expect(
      agent.tools.find((t) => t.name === 'introspect')?.approvalSource,
    ).toBe('host default: Amazon Q runs introspect without asking')
    expect(agent.tools.find((t) => t.name === 'legacy')).toMatchObject({
      kind: 'database',
      source: 'mcp',
    })
    expect(agent.identity.credentials).toEqual(['PG_PASSWORD'])
    expect(JSON.stringify(agent)).not.toContain('from-env')
  })

  it('gives an agent without a tools list no tools and names it after its file', () => {
    const agent = only(`${Q}/no-tools.json`)
    expect(agent).toMatchObject({
      name: 'no-tools',
      tools: [],
      source: { line: 1 },
    })
    expect(agent.allTools).toBeUndefined()
    expect(agent.notes).toContain('no tools list: the agent has no tools')
  })

  it('reads a Kiro agent: @builtin, a read-only shell, guard and audit hooks', () => {
    const agent = only(`${ROOT}/.kiro/agents/reviewer.json`)
    expect(agent.tools.find((t) => t.name === 'shell')).toMatchObject({
      kind: 'shell',
      requiresApproval: false,
      readOnly: true,
      description: 'only git diff .*, git log .*, ls .*',
    })
    expect(agent.tools.find((t) => t.name === 'write')?.requiresApproval).toBe(
      true,
    )
    expect(agent.tools.find((t) => t.name === 'aws')?.kind).toBe('cloud-admin')
    expect(agent).toMatchObject({
      controls: {
        allowlists: true,
        humanApproval: true,
        guardrails: true,
        logging: true,
      },
      evidence: { 'controls.guardrails': 14, 'controls.logging': 15 },
    })
  })

  it('reports broken JSON with its file and line', () => {
    const path = `${Q}/broken.json`
    const result = amazonQ.parse(fixtureFile(path))
    expect(result.agents).toEqual([])
    expect(result.problems).toMatchObject([
      {
        file: path,
        line: 4,
        level: 'error',
        message: expect.stringMatching(/^invalid JSON/),
      },
    ])
  })

  it('reports a tools field of the wrong type and rejects a non-object file', () => {
    const bad = amazonQ.parse(
      textFile('.amazonq/cli-agents/x.json', '{\n  "tools": "fs_read"\n}\n'),
    )
    expect(bad.problems).toMatchObject([{ field: 'tools', line: 2 }])
    expect(
      amazonQ.parse(textFile('.kiro/agents/x.json', '[]')).rejected,
    ).toMatch(/not a JSON object/)
  })
})

import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import cagent from '../../src/core/formats/docker-cagent/index.js'
import type { FormatResult } from '../../src/core/manifest/types.js'
import {
  AgentProfileSchema,
  type AgentProfile,
} from '../../src/core/profile/schema.js'
import { FIXTURES, fixtureFile, textFile } from '../support/files.js'

const DIR = 'formats/docker-cagent/'
const CORPUS = [
  'docker__cagent__dev-team.yaml',
  'docker__cagent__mem.yaml',
  'docker__cagent__permissions.yaml',
  'docker__cagent__sandbox_agent.yaml',
].map((name) => `${DIR}${name}`)

const read = (path: string): string =>
  readFileSync(join(FIXTURES, path), 'utf8')

function claimed(path: string, text: string): boolean {
  const claim = cagent.matchPath(path)
  return (
    claim === 'yes' ||
    (claim === 'maybe' && (cagent.sniff?.(text.slice(0, 16384), path) ?? false))
  )
}

function parsed(path: string): FormatResult {
  const result = cagent.parse(fixtureFile(path))
  for (const agent of result.agents) {
    expect(AgentProfileSchema.parse(agent)).toEqual(agent)
  }
  return result
}

function byName(result: FormatResult, name: string): AgentProfile {
  const agent = result.agents.find((a) => a.name === name)
  expect(agent, `agent ${name}`).toBeDefined()
  return agent!
}

describe('docker-cagent: paths and sniffing', () => {
  it('sniffs YAML files only', () => {
    expect(cagent.matchPath('agents/dev-team.yaml')).toBe('maybe')
    expect(cagent.matchPath('team.yml')).toBe('maybe')
    expect(cagent.matchPath('team.json')).toBe('no')
  })

  it('claims every corpus file under its flattened name', () => {
    for (const path of CORPUS) {
      expect(claimed(path, read(path)), path).toBe(true)
    }
  })

  it('claims a file by its agents/root shape without a shebang', () => {
    const path = `${DIR}ours-ask-and-allow.yaml`
    expect(claimed(path, read(path))).toBe(true)
  })

  it.each([
    ['docker-compose.yml', 'services:\n  root:\n    image: nginx\n'],
    [
      'k8s.yaml',
      'apiVersion: v1\nkind: ConfigMap\nagents:\n  root:\n    model: x\n',
    ],
    [
      '.github/workflows/ci.yml',
      'on: push\njobs:\n  root:\n    runs-on: ubuntu-latest\n',
    ],
    ['config/agents.yaml', 'root:\n  role: R\n  goal: G\n  backstory: B\n'],
    ['root_agent.yaml', 'agent_class: LlmAgent\nname: root\ninstruction: x\n'],
  ])('does not claim the decoy %s', (path, text) => {
    expect(claimed(path, text)).toBe(false)
  })

  it('rejects files without an agents map of agents', () => {
    expect(cagent.parse(textFile('x.yaml', 'models: {}\n')).rejected).toMatch(
      /no top-level agents map/,
    )
    expect(
      cagent.parse(textFile('x.yaml', 'agents:\n  root:\n    foo: 1\n'))
        .rejected,
    ).toMatch(/no agent under agents/)
    expect(
      cagent.parse(
        textFile('x.yaml', 'services: {}\nagents:\n  root:\n    model: m\n'),
      ).rejected,
    ).toMatch(/Compose/)
  })
})

describe('docker-cagent: corpus', () => {
  it('reads the dev team: models map, sub-agents, memory and MCP catalog', () => {
    const result = parsed(CORPUS[0]!)
    expect(result.problems).toEqual([])
    expect(result.agents.map((a) => [a.name, a.source.line])).toEqual([
      ['root', 10],
      ['designer', 57],
      ['awesome_engineer', 92],
    ])
    const root = byName(result, 'root')
    expect(root).toMatchObject({
      format: 'docker-cagent',
      model: { provider: 'anthropic', name: 'claude-sonnet-4-0' },
      subAgents: ['designer', 'awesome_engineer'],
      delegation: { canDelegate: true, mode: 'hierarchical' },
      memory: { kind: 'persistent', writable: true, stores: ['dev_memory.db'] },
      autonomy: { planning: true },
      exposure: { reach: 'local' },
      triggers: ['chat'],
      evidence: { model: 11, subAgents: 47, memory: 52 },
    })
    expect(root.tools.map((t) => [t.name, t.kind, t.line])).toEqual([
      ['filesystem', 'file-write', 49],
      ['think', 'other', 50],
      ['todo', 'other', 51],
      ['memory', 'other', 52],
      ['context7', 'search', 54],
      ['transfer_task', 'agent-call', 47],
    ])
    expect(root.tools[4]).toMatchObject({ source: 'mcp', wildcard: true })
    // cagent confirms each tool call unless started with --yolo.
    expect(root.controls).toEqual({ humanApproval: true })
    expect(root.defaults?.['controls.humanApproval']).toMatch(
      /^host default: cagent asks before running /,
    )
    expect(root.notes).toEqual([
      'MCP server context7 comes from the Docker MCP catalog and runs in a container',
      'no permissions block: cagent asks before running tools unless started with --yolo',
    ])
    const engineer = byName(result, 'awesome_engineer')
    expect(engineer.parent).toBe('root')
    expect(engineer.tools.map((t) => t.kind)).toContain('shell')
    expect(engineer.triggers).toEqual([])
    expect(byName(result, 'designer').parent).toBe('root')
  })

  it('reads the memory example with an inline provider/model', () => {
    const result = parsed(CORPUS[1]!)
    expect(result.problems).toEqual([])
    expect(result.agents).toHaveLength(1)
    expect(result.agents[0]).toMatchObject({
      name: 'root',
      source: { line: 4 },
      model: { provider: 'openai', name: 'gpt-4o' },
      description: 'Humorous AI with persistent memory',
      instructions: 'You are a funny chatter',
      memory: { kind: 'persistent', writable: true, stores: ['./funny.db'] },
      tools: [{ name: 'memory', line: 8 }],
    })
  })

  it('reads the permissions block as allowlists and human approval', () => {
    const result = parsed(CORPUS[2]!)
    expect(result.problems).toEqual([])
    const root = result.agents[0]!
    expect(root).toMatchObject({
      source: { line: 57 },
      model: { provider: 'anthropic', name: 'claude-haiku-4-5' },
      tools: [{ name: 'shell', kind: 'shell', line: 62 }],
      controls: { allowlists: true, humanApproval: true },
      evidence: {
        'controls.allowlists': 18,
        'controls.humanApproval': 16,
      },
    })
    // Only `shell:cmd=...` patterns: the shell itself keeps the default ask.
    expect(root.tools[0]).toMatchObject({
      requiresApproval: true,
      approvalSource:
        'host default: cagent asks before running shell unless started with --yolo',
    })
    expect(root.notes).toEqual([
      'permissions.allow: 24 patterns run without confirmation (shell:cmd=ls *, shell:cmd=cat *, shell:cmd=head *, ...)',
      'permissions.deny: 9 patterns are always refused',
    ])
  })

  it('reads --sandbox on the shebang line as a sandbox', () => {
    const result = parsed(CORPUS[3]!)
    expect(result.problems).toEqual([])
    expect(result.agents[0]).toMatchObject({
      name: 'root',
      controls: { sandbox: true },
      tools: [{ name: 'shell', kind: 'shell', line: 13 }],
      evidence: { 'controls.sandbox': 1 },
    })
    expect(result.agents[0]?.controls.humanApproval).toBe(true)
  })
})

describe('docker-cagent: our fixtures', () => {
  it('reads a team with --yolo, handoffs, a2a, MCP, scripts and an API', () => {
    const result = parsed(`${DIR}ours-full-team.yaml`)
    expect(result.problems).toMatchObject([
      {
        line: 69,
        field: 'agents.reviewer.sub_agents',
        level: 'warning',
        message: expect.stringMatching(/"ghost"/),
      },
    ])
    const root = byName(result, 'root')
    expect(root).toMatchObject({
      source: { line: 13 },
      model: { provider: 'openai', name: 'gpt-4o-mini', temperature: 0.1 },
      subAgents: ['coder'],
      delegation: {
        canDelegate: true,
        mode: 'hierarchical',
        peers: ['billing-agent', 'reviewer'],
      },
      autonomy: { maxIterations: 12 },
      controls: { humanApproval: false },
      exposure: { reach: 'local', untrustedInput: true },
      identity: {
        credentials: ['AGENT_OPENAI_KEY', 'GITHUB_PERSONAL_ACCESS_TOKEN'],
      },
    })
    expect(root.tools.map((t) => [t.name, t.kind, t.source, t.line])).toEqual([
      ['fetch', 'network', 'builtin', 22],
      ['billing-agent', 'agent-call', 'a2a', 23],
      ['@modelcontextprotocol/server-github', 'cloud-admin', 'mcp', 26],
      ['mcp.acme.dev', 'mcp-server', 'mcp', 31],
      ['transfer_task', 'agent-call', 'builtin', 17],
      ['handoff', 'agent-call', 'builtin', 18],
    ])
    expect(root.notes).toEqual(
      expect.arrayContaining([
        '--yolo on the shebang line: tools run without confirmation',
        expect.stringMatching(/server-github runs an unpinned package/),
        expect.stringMatching(/mcp\.acme\.dev is remote .* no authentication/),
        expect.stringMatching(/^add_environment_info/),
      ]),
    )
    expect(JSON.stringify(root)).not.toMatch(/GH_TOKEN/)

    const coder = byName(result, 'coder')
    expect(coder).toMatchObject({
      parent: 'root',
      model: { provider: 'anthropic', name: 'claude-sonnet-4-5' },
      autonomy: { codeExecution: true },
      controls: { sandbox: true, humanApproval: false },
      identity: { credentials: ['Authorization'] },
      evidence: { 'controls.sandbox': 41 },
    })
    expect(coder.tools.map((t) => [t.name, t.kind, t.readOnly])).toEqual([
      ['shell', 'shell', undefined],
      ['deploy', 'shell', undefined],
      ['create_invoice', 'network', false],
    ])
    expect(coder.notes).toEqual(
      expect.arrayContaining([
        'shell commands run in a container (python:3.12-alpine) with write access to .',
        'hooks.pre_tool_use run shell commands (./check.sh) that can allow or deny tool calls',
      ]),
    )

    const reviewer = byName(result, 'reviewer')
    expect(reviewer.parent).toBeUndefined()
    expect(reviewer.model).toMatchObject({ name: 'gpt-4o-mini' })
    expect(reviewer.notes).toContain(
      'falls back to other models: openai/gpt-4o',
    )
  })

  it('marks tools allowed outright and tools that always ask', () => {
    const result = parsed(`${DIR}ours-ask-and-allow.yaml`)
    const root = result.agents[0]!
    expect(root.exposure.reach).toBeUndefined()
    expect(root.triggers).toEqual([])
    expect(root.controls).toEqual({ allowlists: true, humanApproval: true })
    expect(
      root.tools.map((t) => [t.name, t.requiresApproval ?? 'not stated']),
    ).toEqual([
      ['shell', false],
      ['fetch', true],
      ['filesystem', true],
    ])
  })

  it('warns about a file without a root agent', () => {
    const result = cagent.parse(
      textFile(
        'helper.yaml',
        'agents:\n  helper:\n    model: openai/gpt-4o\n  notes: hello\n',
      ),
    )
    expect(result.agents.map((a) => a.name)).toEqual(['helper'])
    expect(result.problems).toMatchObject([
      { line: 1, field: 'agents.root', level: 'warning' },
      { line: 4, field: 'agents.notes', level: 'warning' },
    ])
  })

  it('reports malformed YAML with its file and line', () => {
    const result = cagent.parse(
      textFile(
        'team.yaml',
        '#!/usr/bin/env cagent run\nagents:\n  root:\n    model: [x\n',
      ),
    )
    expect(result.agents).toEqual([])
    expect(result.problems[0]).toMatchObject({
      file: 'team.yaml',
      level: 'error',
    })
    expect(result.problems[0]?.line).toBeGreaterThanOrEqual(4)
  })
})

describe('docker-cagent: keys the file chooses', () => {
  it('reads a model named __proto__ as an inline model, not a models entry', () => {
    const result = cagent.parse(
      textFile(
        'team.yaml',
        'models:\n  fast:\n    provider: openai\n    model: gpt-4o\nagents:\n  root:\n    model: __proto__\n',
      ),
    )
    expect(byName(result, 'root').model?.name).toBe('__proto__')
  })

  it('reads an MCP ref named __proto__ from the toolset, not from the mcps map', () => {
    const result = cagent.parse(
      textFile(
        'team.yaml',
        [
          'mcps:',
          '  github:',
          '    command: docker',
          'agents:',
          '  root:',
          '    toolsets:',
          '      - type: mcp',
          '        ref: __proto__',
          '        command: npx',
          '        args: ["@modelcontextprotocol/server-filesystem@1.0.0"]',
          '',
        ].join('\n'),
      ),
    )
    const tool = byName(result, 'root').tools.find((t) => t.source === 'mcp')
    expect(tool?.server?.command).toBe('npx')
    expect(tool?.server?.transport).toBe('stdio')
  })
})

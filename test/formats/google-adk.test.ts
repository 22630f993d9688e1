import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import adk from '../../src/core/formats/google-adk/index.js'
import {
  AgentProfileSchema,
  type AgentProfile,
} from '../../src/core/profile/schema.js'
import { FIXTURES, fixtureFile, textFile } from '../support/files.js'

const DIR = 'formats/google-adk/'
const RL_ROOT = `${DIR}MichaelVered__ResolveLight__root_agent.yaml`
const RL_TRIAGE = `${DIR}MichaelVered__ResolveLight__sub_agents_triage_agent.yaml`
const NOTION = `${DIR}google__adk-python__tool_mcp_stdio_notion_config__root_agent.yaml`
const GRAPH = `${DIR}google__adk-python__graph_agent_basic__root_agent.yaml`

const read = (path: string): string =>
  readFileSync(join(FIXTURES, path), 'utf8')

function claimed(path: string, text: string): boolean {
  const claim = adk.matchPath(path)
  return (
    claim === 'yes' ||
    (claim === 'maybe' && (adk.sniff?.(text.slice(0, 16384), path) ?? false))
  )
}

function only(path: string): AgentProfile {
  const result = adk.parse(fixtureFile(path))
  expect(result.problems).toEqual([])
  expect(result.agents).toHaveLength(1)
  const agent = result.agents[0]!
  expect(AgentProfileSchema.parse(agent)).toEqual(agent)
  return agent
}

describe('google-adk: paths and sniffing', () => {
  it('claims root_agent.yaml anywhere and sniffs other YAML', () => {
    expect(adk.matchPath('root_agent.yaml')).toBe('yes')
    expect(adk.matchPath('agents/support/root_agent.yml')).toBe('yes')
    expect(adk.matchPath('sub_agents/triage_agent.yaml')).toBe('maybe')
    expect(adk.matchPath('agent.py')).toBe('no')
    expect(adk.matchPath('root_agent.json')).toBe('no')
  })

  it('claims every corpus file under its flattened name', () => {
    for (const path of [RL_ROOT, RL_TRIAGE, NOTION, GRAPH]) {
      expect(claimed(path, read(path)), path).toBe(true)
    }
  })

  it.each([
    [
      'deploy.yaml',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\n',
    ],
    ['docker-compose.yml', 'services:\n  web:\n    image: nginx\n'],
    [
      '.github/workflows/ci.yml',
      'name: ci\non: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n',
    ],
    ['openapi.yaml', 'openapi: 3.1.0\ninfo:\n  title: x\n'],
    ['prompt.yaml', 'kind: Prompt\nname: Assistant\ninstructions: You help.\n'],
    ['agents.yaml', 'agents:\n  root:\n    instruction: hi\n'],
  ])('does not claim the decoy %s', (path, text) => {
    expect(claimed(path, text)).toBe(false)
  })

  it('rejects YAML that is not an agent config after all', () => {
    const result = adk.parse(
      textFile('root_agent.yaml', 'apiVersion: v1\nkind: ConfigMap\n'),
    )
    expect(result.rejected).toMatch(/not a Google ADK agent config/)
    expect(adk.parse(textFile('root_agent.yaml', '- a\n')).rejected).toMatch(
      /not a Google ADK/,
    )
  })
})

describe('google-adk: corpus', () => {
  it('reads the ResolveLight SequentialAgent and its sub-agent paths', () => {
    const agent = only(RL_ROOT)
    expect(agent).toMatchObject({
      name: 'SourceToPay',
      format: 'google-adk',
      source: { file: RL_ROOT, line: 3 },
      subAgents: [
        'contract_matching_agent',
        'validation_agent',
        'triage_agent',
      ],
      delegation: { canDelegate: true, mode: 'sequential' },
      evidence: { name: 3, delegation: 2, subAgents: 5 },
    })
    expect(agent.tools).toEqual([])
    expect(agent.model).toEqual({})
    expect(agent.notes).toContain(
      'sub-agent config sub_agents/triage_agent.yaml was not found; it is named triage_agent here',
    )
  })

  it('reads sub-agent files with readSibling in the original layout', () => {
    const result = adk.parse(
      textFile('invoices/root_agent.yaml', read(RL_ROOT), {
        'invoices/sub_agents/triage_agent.yaml': read(RL_TRIAGE),
      }),
    )
    const agent = result.agents[0]!
    expect(agent.subAgents).toContain('triage_agent')
    expect(agent.notes.join('\n')).not.toMatch(/triage_agent\.yaml was not/)
    expect(agent.notes.join('\n')).toMatch(/validation_agent\.yaml was not/)
  })

  it('reads the ResolveLight triage LlmAgent and its Python tool', () => {
    const agent = only(RL_TRIAGE)
    expect(agent).toMatchObject({
      name: 'triage_agent',
      source: { line: 2 },
      description:
        'Routes invoices to payment or HITL based on validation results; logs outcomes.',
      model: { name: 'gemini-1.5-flash', provider: 'google' },
      tools: [
        {
          name: 'ResolveLight.tool_library.triage_resolution_tool.triage_and_route_tool',
          kind: 'other',
          line: 15,
          source: 'code',
        },
      ],
      evidence: { model: 4, tools: 14 },
    })
    expect(agent.instructions).toMatch(/^You are the TriageResolution Agent/)
    expect(agent.delegation.mode).toBeUndefined()
    expect(agent.controls).toEqual({})
    expect(agent.notes[0]).toMatch(/is Python code/)
  })

  it('reads the Notion agent with its stdio MCP server', () => {
    const agent = only(NOTION)
    expect(agent).toMatchObject({
      name: 'notion_agent',
      model: { name: 'gemini-2.5-flash', provider: 'google' },
      tools: [
        {
          name: '@notionhq/notion-mcp-server',
          kind: 'mcp-server',
          line: 10,
          source: 'mcp',
          wildcard: true,
          server: {
            transport: 'stdio',
            command: 'npx',
            args: ['-y', '@notionhq/notion-mcp-server'],
            env: ['OPENAPI_MCP_HEADERS'],
            pinned: false,
          },
        },
      ],
      identity: { credentials: ['OPENAPI_MCP_HEADERS'] },
    })
    expect(agent.notes).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/unpinned package/),
        'MCP server @notionhq/notion-mcp-server is started as a local process when the config loads',
      ]),
    )
    expect(JSON.stringify(agent)).not.toMatch(/your_notion_token/)
  })

  it('reads the GraphAgent with code sub-agents and its iteration cap', () => {
    const agent = only(GRAPH)
    expect(agent).toMatchObject({
      name: 'validation_pipeline',
      source: { line: 4 },
      subAgents: [
        'agents.validator',
        'agents.processor',
        'agents.error_handler',
      ],
      delegation: { canDelegate: true, mode: 'router' },
      autonomy: { maxIterations: 10, planning: true },
      evidence: { autonomy: 14, subAgents: 19 },
    })
    expect(agent.notes).toContain(
      '2 graph edges route on Python conditions evaluated at run time',
    )
  })
})

describe('google-adk: our fixtures', () => {
  it('reads a LoopAgent with sub-agents by config_path and code', () => {
    const agent = only(`${DIR}ours-loop/root_agent.yaml`)
    expect(agent).toMatchObject({
      name: 'refine_loop',
      source: { line: 4 },
      subAgents: ['drafter', 'missing', 'my_pkg.agents.critic'],
      delegation: { canDelegate: true, mode: 'loop' },
      autonomy: { maxIterations: 4, planning: true },
    })
    expect(agent.notes).toEqual([
      'sub-agent config agents/missing.yaml was not found; it is named missing here',
      'sub-agent my_pkg.agents.critic is defined in Python code',
    ])
  })

  it('reads every kind of tool, safety settings, schemas and callbacks', () => {
    const agent = only(`${DIR}ours-loop/agents/drafter.yaml`)
    expect(agent).toMatchObject({
      name: 'drafter',
      source: { line: 3 },
      model: { name: 'gemini-2.5-pro', provider: 'google', temperature: 0.7 },
      memory: { kind: 'persistent', stores: ['ADK memory service'] },
      subAgents: ['strict_critic'],
      delegation: { canDelegate: true },
      controls: { guardrails: true },
      exposure: { inputFiltering: true },
      identity: { credentials: ['Authorization'] },
      evidence: { 'controls.guardrails': 9, memory: 18 },
    })
    expect(agent.delegation.mode).toBeUndefined()
    expect(agent.tools.map((t) => [t.name, t.kind, t.source, t.line])).toEqual([
      ['google_search', 'search', 'builtin', 17],
      ['load_memory', 'search', 'builtin', 18],
      ['mcp.acme.dev', 'mcp-server', 'mcp', 19],
      ['AgentTool strict_critic', 'agent-call', 'builtin', 26],
      ['my_pkg.tools.send_email', 'email', 'code', 30],
    ])
    expect(agent.tools[2]).toMatchObject({
      wildcard: false,
      server: { transport: 'sse', url: 'https://mcp.acme.dev/sse' },
    })
    expect(agent.notes).toEqual(
      expect.arrayContaining([
        'before_tool_callbacks run Python code (my_pkg.callbacks.check_tool_args); they may act as guardrails, which the manifest cannot show',
        'after_model_callbacks run Python code (my_pkg.callbacks.redact); they may act as guardrails, which the manifest cannot show',
        'disallow_transfer_to_parent: it cannot hand control back',
        'input_schema: its input is validated against a schema',
      ]),
    )
    expect(JSON.stringify(agent)).not.toMatch(/MCP_TOKEN/)
  })

  it('sniffs and reads a config with only a name and an instruction', () => {
    const path = `${DIR}ours-loop/agents/critic.yaml`
    expect(claimed(path, read(path))).toBe(true)
    const agent = only(path)
    expect(agent).toMatchObject({
      name: 'strict_critic',
      tools: [{ name: 'exit_loop', kind: 'other', source: 'builtin' }],
    })
  })

  it('treats hostile class and tool names as plain data', () => {
    const result = adk.parse(
      textFile(
        'root_agent.yaml',
        'agent_class: constructor\nname: x\ninstruction: y\ntools:\n  - name: toString\n  - name: __proto__\n',
      ),
    )
    const agent = result.agents[0]!
    expect(AgentProfileSchema.parse(agent)).toEqual(agent)
    expect(agent.delegation.mode).toBeUndefined()
    expect(agent.notes).toContain(
      'custom agent class constructor: its behaviour is defined in code',
    )
    expect(agent.tools.map((t) => [t.name, t.kind, t.source])).toEqual([
      ['toString', 'other', 'declared'],
      ['__proto__', 'other', 'declared'],
    ])
  })

  it('never leaves the scan root through a config_path', () => {
    const result = adk.parse(
      textFile(
        'root_agent.yaml',
        'agent_class: SequentialAgent\nname: x\nsub_agents:\n  - config_path: ../../etc/passwd.yaml\n',
        { '../../etc/passwd.yaml': 'name: leaked\n' },
      ),
    )
    expect(result.agents[0]?.subAgents).toEqual(['passwd'])
  })

  it('reports malformed YAML and bad entries with their lines', () => {
    const broken = adk.parse(
      textFile('root_agent.yaml', 'name: x\ninstruction: "unclosed\n'),
    )
    expect(broken.agents).toEqual([])
    expect(broken.problems[0]).toMatchObject({
      file: 'root_agent.yaml',
      level: 'error',
    })
    expect(broken.problems[0]?.line).toBeGreaterThanOrEqual(2)
    const odd = adk.parse(
      textFile(
        'root_agent.yaml',
        'agent_class: LlmAgent\ninstruction: hi\ntools:\n  - args: {}\nsub_agents:\n  - {}\n',
      ),
    )
    expect(odd.agents[0]?.name).toBe('root_agent')
    expect(odd.problems).toMatchObject([
      { line: 1, field: 'name', level: 'warning' },
      { line: 4, field: 'tools[0].name', level: 'warning' },
      { line: 6, field: 'sub_agents[0]', level: 'warning' },
    ])
  })
})

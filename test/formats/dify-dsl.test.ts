import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import difyDsl from '../../src/core/formats/dify-dsl/index.js'
import { AgentProfileSchema } from '../../src/core/profile/schema.js'
import {
  DECOYS,
  expectCleanRejection,
  expectDecoyRefused,
  otherExportFixtures,
} from '../support/export-decoys.js'
import { fixtureFile, textFile } from '../support/files.js'

const DIR = 'formats/dify-dsl'

function read(name: string) {
  const result = difyDsl.parse(fixtureFile(`${DIR}/${name}`))
  for (const agent of result.agents) {
    expect(AgentProfileSchema.parse(agent)).toEqual(agent)
  }
  return result
}

function claims(path: string, text: string): boolean {
  const claim = difyDsl.matchPath(path)
  return (
    claim === 'yes' ||
    (claim === 'maybe' &&
      (difyDsl.sniff?.(text.slice(0, 16384), path) ?? false))
  )
}

describe('Dify DSL', () => {
  it('considers YAML files only', () => {
    expect(difyDsl.matchPath('DSL/AgentFlow.yml')).toBe('maybe')
    expect(difyDsl.matchPath('apps/helper.yaml')).toBe('maybe')
    expect(difyDsl.matchPath('apps/helper.json')).toBe('no')
  })

  it.each([
    'svcvit__Awesome-Dify-Workflow__AgentFlow.yml',
    'svcvit__Awesome-Dify-Workflow__MCP.yml',
    'svcvit__Awesome-Dify-Workflow__json-repair.yml',
  ])('claims the corpus file %s under its flattened name', (name) => {
    const text = fixtureFile(`${DIR}/${name}`).text
    expect(claims(`dify/${name}`, text)).toBe(true)
    expect(claims(name, text)).toBe(true)
  })

  it('reads the agent node of an advanced-chat app and its strategy plugin', () => {
    const result = read('svcvit__Awesome-Dify-Workflow__AgentFlow.yml')
    expect(result.problems).toEqual([])
    expect(result.agents).toHaveLength(1)
    const agent = result.agents[0]!
    expect(agent).toMatchObject({
      name: 'AgentFlow',
      format: 'dify-dsl',
      source: {
        file: `${DIR}/svcvit__Awesome-Dify-Workflow__AgentFlow.yml`,
        line: 116,
      },
      model: { name: 'gpt-4o-mini', provider: 'openai' },
      tools: [],
      triggers: ['chat'],
      memory: { kind: 'session' },
      controls: { guardrails: false },
      evidence: { model: 118, 'controls.guardrails': 39 },
    })
    expect(agent.autonomy.planning).toBeUndefined()
    expect(agent.notes).toContain(
      'its loop is the agent strategy TOD (多轮对话) from plugin afeaad50-3ca8-4d6b-8e95-ca6993bb2951/agent/agent: third-party code the DSL does not describe',
    )
  })

  it('reads the MCP agent: its remote server, its tool and its instruction', () => {
    const result = read('svcvit__Awesome-Dify-Workflow__MCP.yml')
    const agent = result.agents[0]!
    expect(agent).toMatchObject({
      name: 'MCP',
      source: { line: 101 },
      instructions: '调用MCP服务，查询天气信息。',
      evidence: { instructions: 103 },
    })
    expect(agent.tools).toEqual([
      {
        name: 'time/current_time',
        kind: 'other',
        description: '获取当前时间',
        line: 124,
        source: 'builtin',
      },
      expect.objectContaining({
        name: 'mcp_server',
        line: 106,
        source: 'mcp',
        wildcard: true,
        server: {
          transport: 'sse',
          url: 'https://router.mcp.so/sse/*********',
        },
      }),
    ])
    expect(agent.notes).toContain(
      'MCP server mcp_server is remote (https://router.mcp.so/sse/*********) with no authentication header declared',
    )
  })

  it('rejects the json-repair workflow: only code, no agent', () => {
    const result = read('svcvit__Awesome-Dify-Workflow__json-repair.yml')
    expect(result.agents).toEqual([])
    expect(result.rejected).toBe(
      'Dify workflow without agent nodes (start, code, end): a fixed pipeline, not an agent',
    )
  })

  it('reads an agent-chat app with its tools, knowledge and moderation', () => {
    const result = read('ours-agent-chat.yml')
    expect(result.problems).toEqual([])
    const agent = result.agents[0]!
    expect(agent).toMatchObject({
      name: 'Billing Helper',
      source: { line: 2 },
      description: 'Answers billing questions and files refund requests.',
      instructions:
        'You help customers with billing. Create refunds only for duplicate charges.',
      model: { name: 'gpt-4o', provider: 'openai', temperature: 0.3 },
      autonomy: { planning: true, maxIterations: 8 },
      controls: { guardrails: true },
      memory: { kind: 'session' },
      triggers: ['chat'],
    })
    expect(agent.tools.map((t) => [t.name, t.kind, t.source, t.line])).toEqual([
      ['google/google_search', 'search', 'builtin', 21],
      ['refunds_api/create_refund', 'network', 'openapi', 29],
      ['ledger_lookup', 'agent-call', 'plugin', 36],
      ['dataset_retrieval', 'search', 'builtin', 50],
    ])
    expect(agent.notes).toEqual(
      expect.arrayContaining([
        'tool simple_code is listed but disabled',
        'the app depends on plugins: langgenius/google',
      ]),
    )
  })

  it('encodes Dify defaults: no max_iteration means 5', () => {
    const result = difyDsl.parse(
      textFile(
        'a.yml',
        'app:\n  mode: agent-chat\n  name: A\nkind: app\nmodel_config:\n  agent_mode:\n    enabled: true\n',
      ),
    )
    expect(result.agents[0]!.autonomy.maxIterations).toBe(5)
    expect(result.agents[0]!.notes).toContain(
      'max_iteration not set: Dify loops up to 5 times',
    )
  })

  it('reads each agent node of a workflow with the steps around it', () => {
    const result = read('ours-workflow-agents.yml')
    expect(result.problems).toEqual([])
    const [classifier, fixer] = result.agents
    expect(classifier).toMatchObject({
      name: 'Alert Triage: Classifier',
      source: { line: 27 },
      model: {
        name: 'claude-3-5-haiku',
        provider: 'anthropic',
        temperature: 0,
      },
      autonomy: { maxIterations: 4, planning: true },
      tools: [{ name: 'jina/jina_reader', kind: 'network', line: 45 }],
      triggers: ['schedule'],
      controls: { humanApproval: true, guardrails: false },
      identity: { credentials: ['PAGERDUTY_TOKEN'] },
    })
    expect(classifier!.evidence['controls.humanApproval']).toBe(72)
    expect(classifier!.notes).toEqual(
      expect.arrayContaining([
        'the workflow around the agent also runs code nodes: Format',
        'the workflow around the agent also sends HTTP requests: Page on-call',
        'human step "Approve fix" in the workflow waits for a person',
      ]),
    )
    expect(fixer).toMatchObject({
      name: 'Alert Triage: Fixer',
      model: { name: '{{#env.MODEL#}}', unresolved: true },
      tools: [
        {
          name: 'mcp_server',
          source: 'mcp',
          server: {
            url: 'https://mcp.internal.example/mcp',
            transport: 'http',
          },
        },
      ],
    })
    expect(fixer!.autonomy.planning).toBeUndefined()
  })

  it('rejects a chat app without agent mode', () => {
    const result = read('ours-chat-without-agent.yml')
    expect(result.rejected).toBe(
      'Dify chat app without agent mode: a prompt and a model, not an agent',
    )
  })

  it.each(otherExportFixtures(difyDsl))(
    'rejects %s, another export format, cleanly',
    (path) => {
      expectCleanRejection(difyDsl, path)
    },
  )

  it.each(DECOYS)('does not take the decoy %s', (path, text) => {
    expectDecoyRefused(difyDsl, path, text)
  })

  it('rejects a document that says kind: app without an app mode', () => {
    const result = difyDsl.parse(
      textFile('k.yaml', 'app:\n  name: x\nkind: app\n'),
    )
    expect(result.rejected).toMatch(/no kind: app with an app.mode/)
  })

  it('reports broken YAML with its line and does not throw', () => {
    const result = difyDsl.parse(
      textFile(
        'bad.yml',
        'app:\n  mode: agent-chat\n  name: [oops\nkind: app\n',
      ),
    )
    expect(result.agents).toEqual([])
    expect(result.problems[0]).toMatchObject({ file: 'bad.yml' })
    expect(result.problems[0]!.message).toMatch(/^invalid YAML/)
    expect(result.problems[0]!.line).toBeGreaterThanOrEqual(3)
  })

  it('reports an agent-chat app without model_config', () => {
    const result = difyDsl.parse(
      textFile('a.yml', 'app:\n  mode: agent-chat\n  name: A\nkind: app\n'),
    )
    expect(result.agents).toEqual([])
    expect(result.problems[0]).toMatchObject({
      file: 'a.yml',
      line: 2,
      field: 'model_config',
    })
  })

  it('reads a workflow whose node id is a mapping with a toString key', () => {
    const text = readFileSync(
      new URL(
        '../fixtures/formats/dify-dsl/ours-workflow-agents.yml',
        import.meta.url,
      ),
      'utf8',
    ).replace(/^(\s*)id: '2'$/m, '$1id: { toString: x }')
    expect(text).toContain('toString')
    const result = difyDsl.parse(textFile('app.yml', text))
    expect(
      result.problems.filter((p) => /reader failed/.test(p.message)),
    ).toEqual([])
    expect(result.agents.length).toBeGreaterThan(0)
  })
})

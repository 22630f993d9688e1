import { describe, expect, it } from 'vitest'
import flowise from '../../src/core/formats/flowise-flow/index.js'
import { AgentProfileSchema } from '../../src/core/profile/schema.js'
import {
  DECOYS,
  expectCleanRejection,
  expectDecoyRefused,
  otherExportFixtures,
} from '../support/export-decoys.js'
import { fixtureFile, textFile } from '../support/files.js'

const DIR = 'formats/flowise-flow'

function read(name: string) {
  const result = flowise.parse(fixtureFile(`${DIR}/${name}`))
  for (const agent of result.agents) {
    expect(AgentProfileSchema.parse(agent)).toEqual(agent)
  }
  return result
}

function claims(path: string, text: string): boolean {
  const claim = flowise.matchPath(path)
  return (
    claim === 'yes' ||
    (claim === 'maybe' &&
      (flowise.sniff?.(text.slice(0, 16384), path) ?? false))
  )
}

describe('Flowise flow', () => {
  it('claims exported chatflow and agentflow names, and sniffs other JSON', () => {
    expect(flowise.matchPath('exports/Support Bot Chatflow.json')).toBe('yes')
    expect(flowise.matchPath('flows/research.agentflow.json')).toBe('yes')
    expect(flowise.matchPath('marketplaces/chatflows/Tool Agent.json')).toBe(
      'maybe',
    )
    expect(flowise.matchPath('flows/research.yaml')).toBe('no')
  })

  it('claims the corpus file under its flattened name', () => {
    const name = 'FlowiseAI__Flowise__Tool_Agent.json'
    const text = fixtureFile(`${DIR}/${name}`).text
    expect(claims(`flowise/${name}`, text)).toBe(true)
    expect(claims(name, text)).toBe(true)
  })

  it('reads the Tool Agent chatflow with its model, tools and memory', () => {
    const result = read('FlowiseAI__Flowise__Tool_Agent.json')
    expect(result.problems).toEqual([])
    expect(result.agents).toHaveLength(1)
    expect(result.agents[0]).toMatchObject({
      name: 'Tool Agent',
      format: 'flowise-flow',
      source: { file: `${DIR}/FlowiseAI__Flowise__Tool_Agent.json`, line: 471 },
      description:
        'An agent designed to use tools and LLM with function calling capability to provide responses',
      instructions: 'You are a helpful AI assistant.',
      model: { name: 'gpt-4o-mini', provider: 'openai', temperature: 0.9 },
      tools: [
        { name: 'Calculator', kind: 'other', line: 6, readOnly: true },
        { name: 'Serp API', kind: 'search', line: 106, readOnly: true },
      ],
      memory: { kind: 'session', stores: ['bufferMemory'] },
      triggers: ['chat'],
      autonomy: { maxIterations: 15 },
      evidence: { model: 153, memory: 45, instructions: 570 },
    })
    expect(result.agents[0]!.notes).toContain(
      'maxIterations not set: the agent loops up to 15 times',
    )
  })

  it('reads an agentflow agent, its tools with approval and the flow around it', () => {
    const result = read('ours-email-agentflow.json')
    expect(result.problems).toEqual([])
    const agent = result.agents[0]!
    expect(agent).toMatchObject({
      name: 'Email Reply Agent',
      source: { line: 35 },
      instructions:
        'You draft replies to customer emails. Look the customer up first.',
      model: { name: 'gpt-4o-mini', provider: 'openai', temperature: 0.9 },
      memory: { kind: 'session', stores: ['windowSize'] },
      controls: { humanApproval: true },
      autonomy: { maxIterations: 3 },
      triggers: ['chat'],
      identity: { credentials: ['chatOpenAI.credential'] },
    })
    expect(
      agent.tools.map((t) => [t.name, t.kind, t.source, t.requiresApproval]),
    ).toEqual([
      ['googleCustomSearch', 'search', 'builtin', undefined],
      ['customMCP', 'file-write', 'mcp', undefined],
      ['requestsPost', 'network', 'builtin', true],
      ['knowledge: 3b1e-support-kb:Support KB', 'search', 'builtin', undefined],
    ])
    expect(agent.tools[1]!.server).toMatchObject({
      command: 'npx',
      pinned: false,
    })
    expect(agent.evidence['controls.humanApproval']).toBe(108)
    expect(agent.notes).toEqual(
      expect.arrayContaining([
        'the flow around the agent also runs custom JavaScript functions: Format reply',
        'human input step "Check the draft" waits for a person to approve or give feedback',
        'loop "Revise" goes back up to 3 times',
      ]),
    )
  })

  it('reads a supervisor with its workers as sub-agents', () => {
    const result = read('ours-code-team Chatflow.json')
    const [supervisor, writer, reviewer] = result.agents
    expect(result.agents.map((a) => [a.name, a.parent])).toEqual([
      ['Supervisor', undefined],
      ['Code Writer', 'Supervisor'],
      ['Reviewer', 'Supervisor'],
    ])
    expect(supervisor).toMatchObject({
      subAgents: ['Code Writer', 'Reviewer'],
      delegation: { canDelegate: true, mode: 'hierarchical', dynamic: true },
      controls: { guardrails: true },
      model: { name: 'gpt-4o', temperature: 0 },
    })
    expect(writer).toMatchObject({
      model: { name: 'gpt-4o' },
      autonomy: { codeExecution: true },
      tools: [
        { name: 'Write File', kind: 'file-write' },
        { name: 'run_tests', kind: 'code-exec', source: 'code' },
      ],
    })
    expect(writer!.notes).toContain(
      'custom tool run_tests runs JavaScript kept in Flowise and embedded in the export (not evaluated here)',
    )
    expect(reviewer!.tools).toMatchObject([
      { name: 'Read File', kind: 'file-read', readOnly: true },
    ])
    expect(result.problems).toEqual([
      expect.objectContaining({
        line: 119,
        level: 'warning',
        message:
          'agent "Reviewer" refers to node ghost_9, which the flow does not hold',
      }),
    ])
  })

  it('reads a saved chatflow whose flow is a JSON string, public by link', () => {
    const result = read('ours-saved-chatflow.json')
    expect(result.problems).toEqual([])
    const agent = result.agents[0]!
    expect(agent).toMatchObject({
      name: 'Conversational Agent',
      description: 'Flowise flow "Web helper"',
      source: { line: 4 },
      model: { name: 'claude-3-5-sonnet-latest', provider: 'anthropic' },
      tools: [{ name: 'Web Browser', kind: 'browser' }],
      memory: { kind: 'persistent', writable: true },
      autonomy: { maxIterations: 4 },
      exposure: { reach: 'public' },
      evidence: { exposure: 6 },
    })
    expect(agent.notes).toContain(
      'isPublic: anyone with the link can chat with the flow',
    )
    const text = fixtureFile(`${DIR}/ours-saved-chatflow.json`).text
    expect(flowise.sniff?.(text, 'saved.json')).toBe(true)
  })

  it('reads every flow of an export-all file, named by flow', () => {
    const flow = (label: string) =>
      JSON.stringify({
        nodes: [
          {
            id: 'toolAgent_0',
            data: { name: 'toolAgent', label, category: 'Agents', inputs: {} },
          },
        ],
        edges: [],
      })
    const text = JSON.stringify({
      ChatFlow: [
        { name: 'Alpha', flowData: flow('Tool Agent') },
        { name: 'Broken', flowData: '{"nodes": [' },
      ],
      AgentFlow: [{ name: 'Beta', flowData: flow('Tool Agent') }],
      Tool: [],
    })
    expect(flowise.sniff?.(text, 'export.json')).toBe(true)
    const result = flowise.parse(textFile('export.json', text))
    expect(result.agents.map((a) => a.name)).toEqual([
      'Alpha: Tool Agent',
      'Beta: Tool Agent',
    ])
    expect(result.problems[0]).toMatchObject({
      file: 'export.json',
      line: 1,
      field: 'ChatFlow.1.flowData',
    })
    expect(result.problems[0]!.message).toMatch(
      /^flowData is not a readable flow/,
    )
  })

  it('rejects a flow without an agent node', () => {
    const result = read('ours-llm-chain.json')
    expect(result.rejected).toBe(
      'Flowise flow without an agent node (chatOpenAI, llmChain): not an agent',
    )
  })

  it('reads a sequential agent whose tool calls are interrupted for approval', () => {
    const result = flowise.parse(
      textFile(
        'seq.json',
        JSON.stringify({
          nodes: [
            {
              id: 'seqAgent_0',
              data: {
                id: 'seqAgent_0',
                name: 'seqAgent',
                label: 'Agent',
                category: 'Sequential Agents',
                inputs: { agentName: 'Booker', interrupt: true, tools: [] },
              },
            },
          ],
          edges: [],
        }),
      ),
    )
    expect(result.agents[0]).toMatchObject({
      name: 'Booker',
      controls: { humanApproval: true },
    })
  })

  it.each(otherExportFixtures(flowise))(
    'rejects %s, another export format, cleanly',
    (path) => {
      expectCleanRejection(flowise, path)
    },
  )

  it.each(DECOYS)('does not take the decoy %s', (path, text) => {
    expectDecoyRefused(flowise, path, text)
  })

  it('reports broken JSON with its line and does not throw', () => {
    const result = flowise.parse(
      textFile(
        'f.json',
        '{\n  "nodes": [\n    {"id": "a"\n  ],\n  "edges": []\n}\n',
      ),
    )
    expect(result.agents).toEqual([])
    expect(result.problems[0]).toMatchObject({ file: 'f.json' })
    expect(result.problems[0]!.line).toBeGreaterThanOrEqual(3)
  })

  it('survives nodes of the wrong shape', () => {
    const result = flowise.parse(
      textFile(
        'f.json',
        '{"nodes":[null,"x",{"id":"a","data":{"name":"toolAgent","category":"Agents","inputs":{"tools":[5,"{{missing.data.instance}}"],"maxIterations":"7"}}}],"edges":"none"}',
      ),
    )
    expect(result.agents[0]).toMatchObject({
      name: 'toolAgent',
      autonomy: { maxIterations: 7 },
    })
    expect(result.problems[0]!.message).toMatch(/refers to node missing/)
  })
})

describe('sequential agents and the Start node', () => {
  const node = (id: string, name: string, category: string, inputs = {}) => ({
    id,
    type: 'customNode',
    position: { x: 0, y: 0 },
    data: { id, name, label: name, category, inputs },
  })
  const edge = (source: string, target: string, input: string) => ({
    source,
    target,
    sourceHandle: `${source}-output-${source}`,
    targetHandle: `${target}-input-${input}-x`,
    id: `${source}-${target}`,
  })
  const flow = (writerModel?: string) =>
    JSON.stringify({
      nodes: [
        node('chatOpenAI_0', 'chatOpenAI', 'Chat Models', {
          modelName: 'gpt-4o',
          temperature: 0.2,
        }),
        node('agentMemory_0', 'agentMemory', 'Memory', {
          databaseType: 'sqlite',
        }),
        node('seqStart_0', 'seqStart', 'Sequential Agents', {
          model: '{{chatOpenAI_0.data.instance}}',
          agentMemory: '{{agentMemory_0.data.instance}}',
        }),
        node('seqAgent_0', 'seqAgent', 'Sequential Agents', {
          agentName: 'Researcher',
          systemMessagePrompt: 'Research the topic.',
        }),
        node('seqAgent_1', 'seqAgent', 'Sequential Agents', {
          agentName: 'Writer',
          systemMessagePrompt: 'Write it up.',
        }),
        ...(writerModel
          ? [
              node('chatAnthropic_0', 'chatAnthropic', 'Chat Models', {
                modelName: writerModel,
              }),
            ]
          : []),
      ],
      edges: [
        edge('chatOpenAI_0', 'seqStart_0', 'model'),
        edge('agentMemory_0', 'seqStart_0', 'agentMemory'),
        edge('seqStart_0', 'seqAgent_0', 'sequentialNode'),
        edge('seqAgent_0', 'seqAgent_1', 'sequentialNode'),
        ...(writerModel
          ? [edge('chatAnthropic_0', 'seqAgent_1', 'model')]
          : []),
      ],
    })

  it("gives each sequential agent the Start node's model, temperature and SQLite memory", () => {
    const result = flowise.parse(textFile('flows/seq.json', flow()))
    expect(result.agents.map((a) => a.name).sort()).toEqual([
      'Researcher',
      'Writer',
    ])
    for (const agent of result.agents) {
      expect(AgentProfileSchema.parse(agent)).toEqual(agent)
      expect(agent.model).toMatchObject({ name: 'gpt-4o', temperature: 0.2 })
      expect(agent.memory).toMatchObject({ kind: 'persistent', writable: true })
      expect(agent.notes.join('\n')).toMatch(/model from the Start node/)
    }
  })

  it('keeps the model an agent sets for itself', () => {
    const result = flowise.parse(
      textFile('flows/seq.json', flow('claude-sonnet-4-5')),
    )
    const writer = result.agents.find((a) => a.name === 'Writer')
    expect(writer?.model.name).toBe('claude-sonnet-4-5')
    const researcher = result.agents.find((a) => a.name === 'Researcher')
    expect(researcher?.model.name).toBe('gpt-4o')
  })
})

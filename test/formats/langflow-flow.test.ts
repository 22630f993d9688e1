import { describe, expect, it } from 'vitest'
import langflow from '../../src/core/formats/langflow-flow/index.js'
import { AgentProfileSchema } from '../../src/core/profile/schema.js'
import {
  DECOYS,
  expectCleanRejection,
  expectDecoyRefused,
  otherExportFixtures,
} from '../support/export-decoys.js'
import { fixtureFile, textFile } from '../support/files.js'

const DIR = 'formats/langflow-flow'

function read(name: string) {
  const result = langflow.parse(fixtureFile(`${DIR}/${name}`))
  for (const agent of result.agents) {
    expect(AgentProfileSchema.parse(agent)).toEqual(agent)
  }
  return result
}

describe('Langflow flow', () => {
  it('considers JSON files and sniffs for the flow shape', () => {
    expect(langflow.matchPath('flows/Research Assistant.json')).toBe('maybe')
    expect(langflow.matchPath('flows/research.yaml')).toBe('no')
    const text = fixtureFile(`${DIR}/ours-research-assistant.json`).text
    expect(langflow.sniff?.(text.slice(0, 16384), 'a.json')).toBe(true)
  })

  it('sniffs flows whose nodes lie beyond the head (edges come first)', () => {
    const edges = Array.from({ length: 200 }, (_, i) => ({
      id: `xy-edge__A-${i}{œdataTypeœ:œAœ}-B-${i}{œfieldNameœ:œtoolsœ}`,
      source: `A-${i}`,
      target: `B-${i}`,
    }))
    const text = JSON.stringify({ data: { edges, nodes: [] } }, null, 2)
    expect(text.indexOf('"nodes"')).toBeGreaterThan(16384)
    expect(langflow.sniff?.(text.slice(0, 16384), 'flow.json')).toBe(true)
    // The same edges without the wrapping object still carry Langflow handles.
    const bare = JSON.stringify({ edges }, null, 2).slice(0, 16384)
    expect(langflow.sniff?.(bare, 'flow.json')).toBe(true)
  })

  it('reads the agent, its tools, memory, sub-agent and the flow exposure', () => {
    const result = read('ours-research-assistant.json')
    expect(result.problems).toEqual([])
    const [agent, researcher] = result.agents
    expect(result.agents.map((a) => [a.name, a.parent])).toEqual([
      ['Research Assistant: Agent', undefined],
      ['Research Assistant: Researcher', 'Research Assistant: Agent'],
    ])
    expect(agent).toMatchObject({
      format: 'langflow-flow',
      source: { file: `${DIR}/ours-research-assistant.json`, line: 325 },
      instructions:
        'You are a research assistant. Use the tools to answer with sources.',
      model: { name: 'gpt-4o-mini', provider: 'openai', temperature: 0.1 },
      memory: { kind: 'session', stores: ['Memory'] },
      autonomy: { maxIterations: 10, codeExecution: true },
      subAgents: ['Research Assistant: Researcher'],
      delegation: { canDelegate: true, mode: 'hierarchical' },
      identity: { credentials: ['OPENAI_API_KEY'] },
      triggers: ['chat', 'api'],
      exposure: {
        reach: 'public',
        channels: ['chat', 'mcp'],
        endpoint: '/api/v1/run/research-assistant',
      },
    })
    expect(agent!.tools.map((t) => [t.name, t.kind, t.source])).toEqual([
      ['get_current_date', 'other', 'builtin'],
      ['fetch_content', 'network', 'builtin'],
      ['Python Interpreter', 'code-exec', 'builtin'],
      ['fetch', 'network', 'mcp'],
      ['Research Assistant: Researcher', 'agent-call', 'builtin'],
    ])
    expect(agent!.tools[3]).toMatchObject({
      server: { command: 'uvx', args: ['mcp-server-fetch'], pinned: false },
    })
    expect(agent!.evidence).toMatchObject({
      instructions: 457,
      model: 398,
      subAgents: 116,
    })
    expect(agent!.notes).toEqual(
      expect.arrayContaining([
        'component Python Interpreter runs Python changed from the stock component (kept in the flow; not evaluated here)',
        'MCP server fetch runs an unpinned package (uvx mcp-server-fetch)',
        'access_type PUBLIC: the flow is shared publicly',
      ]),
    )
    expect(researcher).toMatchObject({
      model: { name: 'claude-3-5-haiku-latest', provider: 'anthropic' },
      autonomy: { maxIterations: 15 },
      tools: [{ name: 'Tavily Search API', kind: 'search', readOnly: true }],
      triggers: [],
      identity: { credentials: ['ANTHROPIC_API_KEY'] },
    })
    expect(researcher!.notes).toContain(
      'Tavily Search API field api_key holds a literal secret in the flow: it may be committed',
    )
    expect(JSON.stringify(result.agents)).not.toContain('tvly-fixture')
  })

  it('rejects a flow without an agent component', () => {
    const result = read('ours-basic-prompting.json')
    expect(result.rejected).toBe(
      'Langflow flow without an agent component (ChatInput, OpenAIModel): not an agent',
    )
  })

  it.each(otherExportFixtures(langflow))(
    'rejects %s, another export format, cleanly',
    (path) => {
      expectCleanRejection(langflow, path)
    },
  )

  it.each(DECOYS)('does not take the decoy %s', (path, text) => {
    expectDecoyRefused(langflow, path, text)
  })

  it('reports broken JSON with its line and does not throw', () => {
    const result = langflow.parse(
      textFile('f.json', '{\n  "data": {\n    "nodes": [}\n  }\n}\n'),
    )
    expect(result.agents).toEqual([])
    expect(result.problems[0]).toMatchObject({ file: 'f.json', line: 3 })
  })

  it('warns about edges from nodes the flow does not hold', () => {
    const agent = {
      id: 'Agent-1',
      data: {
        id: 'Agent-1',
        type: 'Agent',
        node: {
          display_name: 'Agent',
          template: { max_iterations: { value: 2 } },
        },
      },
    }
    const result = langflow.parse(
      textFile(
        'f.json',
        JSON.stringify({
          name: 'Tiny',
          data: {
            nodes: [agent, null, 7],
            edges: [
              {
                source: 'Gone-1',
                target: 'Agent-1',
                data: { targetHandle: { fieldName: 'tools' } },
              },
            ],
          },
        }),
      ),
    )
    expect(result.agents[0]).toMatchObject({
      name: 'Tiny',
      autonomy: { maxIterations: 2 },
    })
    expect(result.problems[0]).toMatchObject({
      file: 'f.json',
      level: 'warning',
      message:
        'edge into Agent comes from node Gone-1, which the flow does not hold',
    })
  })

  /** A flow of one Agent whose template and edges are given. */
  function agentFlow(template: object, edges: object[] = []): string {
    return JSON.stringify({
      name: 'Hostile',
      data: {
        nodes: [
          {
            id: 'Agent-1',
            data: {
              id: 'Agent-1',
              type: 'Agent',
              node: { display_name: 'Agent', template },
            },
          },
          {
            id: 'Calc-1',
            data: {
              id: 'Calc-1',
              type: 'Calculator',
              node: { display_name: 'Calculator', template: {} },
            },
          },
        ],
        edges,
      },
    })
  }

  it.each(['constructor', 'toString', '__proto__'])(
    'looks up the provider %s by own key: a provider name, not a property of Object',
    (provider) => {
      const result = langflow.parse(
        textFile(
          'f.json',
          agentFlow({
            agent_llm: { value: provider },
            model_name: { value: 'm' },
          }),
        ),
      )
      const agent = result.agents[0]!
      expect(agent.model.provider).toBe(provider.toLowerCase())
      expect(AgentProfileSchema.parse(agent)).toEqual(agent)
    },
  )

  it('reads an edge whose target handle has no text (a mapping with toString) without throwing', () => {
    const result = langflow.parse(
      textFile(
        'f.json',
        agentFlow({}, [
          {
            source: 'Calc-1',
            target: 'Agent-1',
            targetHandle: { toString: 'tools' },
          },
          {
            source: 'Calc-1',
            target: 'Agent-1',
            targetHandle: '{œfieldNameœ: œtoolsœ, œidœ: œAgent-1œ}',
          },
        ]),
      ),
    )
    expect(result.agents[0]!.tools.map((t) => t.name)).toContain('Calculator')
  })
})

import { describe, expect, it } from 'vitest'
import n8n from '../../src/core/formats/n8n-workflow/index.js'
import { AgentProfileSchema } from '../../src/core/profile/schema.js'
import {
  DECOYS,
  expectCleanRejection,
  expectDecoyRefused,
  otherExportFixtures,
} from '../support/export-decoys.js'
import { fixtureFile, textFile } from '../support/files.js'

const DIR = 'formats/n8n-workflow'

function read(name: string) {
  const result = n8n.parse(fixtureFile(`${DIR}/${name}`))
  for (const agent of result.agents) {
    expect(AgentProfileSchema.parse(agent)).toEqual(agent)
  }
  return result
}

function claims(path: string, text: string): boolean {
  const claim = n8n.matchPath(path)
  return (
    claim === 'yes' ||
    (claim === 'maybe' && (n8n.sniff?.(text.slice(0, 16384), path) ?? false))
  )
}

describe('n8n workflow', () => {
  it('considers JSON files only', () => {
    expect(n8n.matchPath('workflows/support.json')).toBe('maybe')
    expect(n8n.matchPath('workflows/support.yaml')).toBe('no')
  })

  it.each([
    'n8n-io__n8n__Workflow_ai_agent.json',
    'n8n-io__n8n__GHC-7329_approval_buttons_in_editor_chat.json',
  ])('claims the corpus file %s under its flattened name', (name) => {
    const text = fixtureFile(`${DIR}/${name}`).text
    expect(claims(`n8n/${name}`, text)).toBe(true)
    expect(claims(name, text)).toBe(true)
  })

  it('reads the chat-triggered agent and its Anthropic model', () => {
    const result = read('n8n-io__n8n__Workflow_ai_agent.json')
    expect(result.problems).toEqual([])
    expect(result.agents).toHaveLength(1)
    expect(result.agents[0]).toMatchObject({
      name: 'AI Agent',
      format: 'n8n-workflow',
      source: { file: `${DIR}/n8n-io__n8n__Workflow_ai_agent.json`, line: 22 },
      model: { name: 'claude-sonnet-4-5-20250929', provider: 'anthropic' },
      tools: [],
      triggers: ['chat'],
      exposure: { channels: ['chat'], reach: 'internal' },
      autonomy: { maxIterations: 10 },
      evidence: { model: 24, triggers: 3 },
    })
    expect(result.agents[0]!.notes).toContain(
      'maxIterations not set: n8n runs up to 10 tool rounds',
    )
    expect(result.agents[0]!.controls).toEqual({})
  })

  it('rejects the approval-buttons workflow: it has no AI Agent node', () => {
    const result = read(
      'n8n-io__n8n__GHC-7329_approval_buttons_in_editor_chat.json',
    )
    expect(result.agents).toEqual([])
    expect(result.rejected).toBe(
      'n8n workflow without an AI Agent node (chatTrigger, chat): not an agent',
    )
  })

  it('reads a webhook agent with its tools, memory, sub-agent and approval', () => {
    const result = read('ours-support-agent.json')
    expect(result.problems).toEqual([])
    const [agent, researcher] = result.agents
    expect(agent).toMatchObject({
      name: 'Support Agent',
      source: { line: 30 },
      description: 'AI agent of the n8n workflow "Support desk agent"',
      instructions: 'You answer support tickets. Refund when policy allows.',
      model: { name: 'gpt-4o', provider: 'openai', temperature: 0.2 },
      memory: {
        kind: 'persistent',
        stores: ['memoryPostgresChat'],
        writable: true,
      },
      subAgents: ['Researcher'],
      delegation: { canDelegate: true, mode: 'hierarchical' },
      triggers: ['webhook'],
      exposure: {
        channels: ['webhook'],
        untrustedInput: true,
        endpoint: '/webhook/support-ticket',
      },
      controls: { authentication: false, humanApproval: true },
      autonomy: { maxIterations: 25, codeExecution: true },
      identity: {
        kind: 'scoped',
        credentials: ['openAiApi', 'postgres', 'httpHeaderAuth', 'gmailOAuth2'],
      },
    })
    expect(agent!.tools.map((t) => [t.name, t.kind, t.line])).toEqual([
      ['Lookup order', 'code-exec', 83],
      ['Refund API', 'network', 97],
      ['Docs MCP', 'search', 118],
      ['Email customer', 'email', 131],
      ['Researcher', 'agent-call', 152],
    ])
    expect(agent!.tools[1]!.readOnly).toBe(false)
    expect(agent!.tools[2]).toMatchObject({
      source: 'mcp',
      server: { transport: 'sse', url: 'https://mcp.example.com/sse' },
    })
    expect(agent!.evidence).toMatchObject({
      'controls.humanApproval': 196,
      'controls.authentication': 4,
      autonomy: 26,
    })
    expect(agent!.notes).toEqual(
      expect.arrayContaining([
        'tool Lookup order runs javaScript code embedded in the workflow (not evaluated here)',
        'webhook "Incoming ticket" accepts calls without authentication',
        '"Manager approval" waits for a human approval on the agent\'s path; it does not gate the agent\'s own tool calls',
        'the export keeps pinData: captured execution data is committed with the workflow',
      ]),
    )
    expect(researcher).toMatchObject({
      name: 'Researcher',
      parent: 'Support Agent',
      instructions: 'Research only.',
      model: { provider: 'anthropic' },
      tools: [{ name: 'Search the web', kind: 'search' }],
      triggers: [],
    })
  })

  it('reads a public chat agent whose SQL tool waits behind a human review', () => {
    const result = read('ours-public-chat.json')
    const [agent] = result.agents
    expect(agent).toMatchObject({
      model: { name: 'models/gemini-2.0-flash', provider: 'google' },
      memory: { kind: 'session', stores: ['memoryBufferWindow'] },
      exposure: { reach: 'public', untrustedInput: true, channels: ['chat'] },
      controls: { authentication: false, humanApproval: true },
      autonomy: { maxIterations: 3 },
      tools: [
        {
          name: 'Run SQL',
          kind: 'database',
          requiresApproval: true,
          readOnly: false,
        },
      ],
    })
    expect(agent!.notes).toContain(
      'chatTrigger "When chat message received" is public and asks for no authentication',
    )
  })

  it('rejects a sanitised copy whose LangChain nodes became noOp', () => {
    const result = read('ours-sanitised.json')
    expect(result.agents).toEqual([])
    expect(result.rejected).toMatch(/^sanitised n8n workflow: .*"AI Agent"/)
  })

  it('sniffs an export whose first node pushes the type past the head', () => {
    const text = fixtureFile(`${DIR}/ours-late-marker.json`).text
    const head = text.slice(0, 16384)
    expect(head).not.toContain('n8n-nodes-')
    expect(n8n.sniff?.(head, 'nightly.json')).toBe(true)
    const result = read('ours-late-marker.json')
    expect(result.agents[0]).toMatchObject({
      name: 'Report Agent',
      triggers: ['schedule'],
      instructions: 'Summarise the nightly report.',
    })
  })

  it('reads every workflow of an exported list', () => {
    const one = (name: string) =>
      `{"name":"${name}","nodes":[{"name":"Agent ${name}","type":"@n8n/n8n-nodes-langchain.agent","parameters":{}}],"connections":{}}`
    const result = n8n.parse(
      textFile('all.json', `[${one('a')},${one('b')},{"nodes":[]}]`),
    )
    expect(result.agents.map((a) => a.name)).toEqual(['Agent a', 'Agent b'])
  })

  it('skips disabled agent nodes', () => {
    const result = n8n.parse(
      textFile(
        'w.json',
        '{"nodes":[{"name":"Off","type":"@n8n/n8n-nodes-langchain.agent","disabled":true,"parameters":{}}],"connections":{}}',
      ),
    )
    expect(result.rejected).toMatch(/without an AI Agent node/)
  })

  it.each(otherExportFixtures(n8n))(
    'rejects %s, another export format, cleanly',
    (path) => {
      expectCleanRejection(n8n, path)
    },
  )

  it.each(DECOYS)('does not take the decoy %s', (path, text) => {
    expectDecoyRefused(n8n, path, text)
  })

  it('reports broken JSON with its line and does not throw', () => {
    const result = n8n.parse(
      textFile(
        'w.json',
        '{\n  "nodes": [\n    {"name": "x",}\n  ]\n  "connections": {}\n}\n',
      ),
    )
    expect(result.agents).toEqual([])
    expect(result.problems[0]).toMatchObject({ file: 'w.json' })
    expect(result.problems[0]!.line).toBeGreaterThanOrEqual(3)
  })

  it('keeps going past nodes without a name or type', () => {
    const result = n8n.parse(
      textFile(
        'w.json',
        '{"nodes":[null,{"type":"x"},{"name":"A","type":"@n8n/n8n-nodes-langchain.agent"}],"connections":{"A":{"main":"bad"},"B":5}}',
      ),
    )
    expect(result.agents.map((a) => a.name)).toEqual(['A'])
    expect(result.problems).toHaveLength(2)
    expect(result.problems[0]).toMatchObject({
      file: 'w.json',
      line: 1,
      level: 'warning',
    })
  })

  it('looks a LangChain tool type up by own key: a tool typed constructor is not Object', () => {
    const result = n8n.parse(
      textFile(
        'w.json',
        JSON.stringify({
          nodes: [
            {
              name: 'Agent',
              type: '@n8n/n8n-nodes-langchain.agent',
              parameters: {},
            },
            {
              name: 'Odd tool',
              type: '@n8n/n8n-nodes-langchain.constructor',
              parameters: {},
            },
            {
              name: 'Other tool',
              type: '@n8n/n8n-nodes-langchain.toString',
              parameters: {},
            },
          ],
          connections: {
            'Odd tool': {
              ai_tool: [[{ node: 'Agent', type: 'ai_tool', index: 0 }]],
            },
            'Other tool': {
              ai_tool: [[{ node: 'Agent', type: 'ai_tool', index: 0 }]],
            },
          },
        }),
      ),
    )
    const [agent] = result.agents
    expect(agent?.tools.map((tool) => typeof tool.kind)).toEqual([
      'string',
      'string',
    ])
    expect(AgentProfileSchema.parse(agent)).toEqual(agent)
  })
})

describe('OpenAI assistant nodes', () => {
  const workflow = (operation?: string) =>
    JSON.stringify({
      name: 'Assistants',
      nodes: [
        {
          id: '1',
          name: 'OpenAI',
          type: '@n8n/n8n-nodes-langchain.openAi',
          typeVersion: 1.8,
          position: [0, 0],
          parameters: {
            resource: 'assistant',
            ...(operation ? { operation } : {}),
            assistantId: { __rl: true, value: 'asst_1', mode: 'list' },
          },
        },
      ],
      connections: {},
    })

  it.each(['create', 'update', 'list', 'deleteAssistant'])(
    'an assistant %s node manages assistants: not an agent',
    (operation) => {
      const result = n8n.parse(
        textFile('flows/assistants.json', workflow(operation)),
      )
      expect(result.agents).toEqual([])
      expect(result.rejected).toBeDefined()
    },
  )

  it.each([undefined, 'message'])(
    'an assistant node that sends a message (%s) is an agent',
    (operation) => {
      const result = n8n.parse(
        textFile('flows/assistants.json', workflow(operation)),
      )
      expect(result.agents.map((a) => a.name)).toEqual(['OpenAI'])
    },
  )
})

describe('code tools that reach a database', () => {
  const workflow = (pythonCode: string) =>
    JSON.stringify({
      name: 'Credentials helper',
      nodes: [
        {
          id: 'a',
          name: 'AI Agent',
          type: '@n8n/n8n-nodes-langchain.agent',
          typeVersion: 2,
          position: [0, 0],
          parameters: { options: {} },
        },
        {
          id: 't',
          name: 'Query vault',
          type: '@n8n/n8n-nodes-langchain.toolCode',
          typeVersion: 1.3,
          position: [0, 200],
          parameters: { language: 'python', pythonCode },
        },
      ],
      connections: {
        'Query vault': {
          ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]],
        },
      },
    })

  it('reads a Python tool that runs model-written SQL on a database as a database tool', () => {
    const code =
      'import sqlite3\nconn = sqlite3.connect("/data/credentials.db")\nrows = conn.execute(f"SELECT user, secret FROM creds WHERE {query}").fetchall()\nreturn rows'
    const [agent] = n8n.parse(
      textFile('flows/vault.json', workflow(code)),
    ).agents
    expect(agent?.tools.map((t) => [t.name, t.kind])).toEqual([
      ['Query vault', 'code-exec'],
      ['Query vault (database)', 'database'],
    ])
    expect(agent?.notes.join('\n')).toMatch(/opens a database or runs SQL/)
  })

  it('leaves a code tool that touches no database as code only', () => {
    const [agent] = n8n.parse(
      textFile(
        'flows/vault.json',
        workflow('return sum(x for x in range(10))'),
      ),
    ).agents
    expect(agent?.tools.map((t) => t.kind)).toEqual(['code-exec'])
  })
})

import { describe, expect, it } from 'vitest'
import gitagent from '../../src/core/formats/gitagent/index.js'
import format from '../../src/core/formats/ms-agent-framework/index.js'
import openAgentSpec from '../../src/core/formats/open-agent-spec/index.js'
import semanticKernel from '../../src/core/formats/semantic-kernel-agent/index.js'
import type { FormatResult } from '../../src/core/manifest/types.js'
import { AgentProfileSchema } from '../../src/core/profile/schema.js'
import { fixtureFile, textFile } from '../support/files.js'
import { expectDecoysIgnored } from './declarative-decoys.js'

const DIR = 'formats/ms-agent-framework'
const WEATHER = 'microsoft__agent-framework__GetWeather.yaml'
const LEARN = 'microsoft__agent-framework__MicrosoftLearnAgent.yaml'

function parse(name: string): FormatResult {
  const result = format.parse(fixtureFile(`${DIR}/${name}`))
  for (const agent of result.agents)
    expect(AgentProfileSchema.parse(agent)).toEqual(agent)
  return result
}

describe('Microsoft Agent Framework declarative agent', () => {
  it('considers YAML files and decides by content', () => {
    expect(format.matchPath('agents/Assistant.yaml')).toBe('maybe')
    expect(format.matchPath('agent.yml')).toBe('maybe')
    expect(format.matchPath('agent.json')).toBe('no')
  })

  it.each([WEATHER, LEARN, 'ours-tools.yaml', 'ours-gpt-component.yaml'])(
    'claims %s under its own name',
    (name) => {
      const file = fixtureFile(`${DIR}/${name}`)
      expect(format.matchPath(name)).toBe('maybe')
      expect(format.sniff?.(file.text, name)).toBe(true)
    },
  )

  it('reads the function-calling sample of the corpus', () => {
    const result = parse(WEATHER)
    expect(result.problems).toEqual([])
    expect(result.document).toBeDefined()
    const agent = result.agents[0]!
    expect(agent).toMatchObject({
      name: 'Assistant',
      format: 'ms-agent-framework',
      source: { file: `${DIR}/${WEATHER}`, line: 1 },
      description: 'Helpful assistant',
      model: { temperature: 0.9 },
      tools: [
        {
          name: 'GetWeather',
          description: 'Get the weather for a given location.',
          line: 13,
          source: 'code',
        },
      ],
      evidence: { name: 2, instructions: 4, model: 5, tools: 12 },
    })
    expect(agent.model.name).toBeUndefined()
    expect(agent.allTools).toBeUndefined()
    expect(agent.notes).toEqual([
      'no model id: the chat client the host supplies decides the model',
      'allowMultipleToolCalls: the model may call several tools at once',
      'tools are bound in code (function GetWeather); the manifest shows their signatures only and under-reports what they do',
    ])
  })

  it('reads the MCP sample of the corpus with PowerFx placeholders', () => {
    const result = parse(LEARN)
    expect(result.problems).toEqual([])
    const agent = result.agents[0]!
    expect(agent).toMatchObject({
      name: 'MicrosoftLearnAgent',
      model: {
        name: '=Env.AZURE_FOUNDRY_PROJECT_MODEL_ID',
        unresolved: true,
        temperature: 0.9,
      },
      tools: [
        {
          name: 'microsoft_learn',
          // its one allowed tool, microsoft_docs_search, is a search
          kind: 'search',
          source: 'mcp',
          line: 15,
          wildcard: false,
          server: {
            transport: 'http',
            url: 'https://learn.microsoft.com/api/mcp',
          },
        },
      ],
      controls: { allowlists: true },
      evidence: { 'controls.allowlists': 20 },
    })
    // requireSpecific names no tools: approval is not stated either way.
    expect(agent.tools[0]?.requiresApproval).toBeUndefined()
    expect(agent.controls.humanApproval).toBeUndefined()
    expect(agent.notes).toEqual(
      expect.arrayContaining([
        'model.id =Env.AZURE_FOUNDRY_PROJECT_MODEL_ID is read from the environment at load time',
        'model.connection.endpoint =Env.AZURE_FOUNDRY_PROJECT_ENDPOINT is read from the environment at load time',
        'MCP tool microsoft_learn: approval mode requireSpecific names no tools: approval is not stated',
      ]),
    )
  })

  it('reads hosted tools, approval modes and connection keys', () => {
    const result = parse('ours-tools.yaml')
    expect(result.problems).toEqual([])
    const agent = result.agents[0]!
    expect(agent).toMatchObject({
      name: 'ResearchAgent',
      source: { line: 2 },
      model: {
        name: 'gpt-4.1-2025-04-14',
        provider: 'OpenAI',
        temperature: 0,
        seed: 42,
      },
      tools: [
        { name: 'code_interpreter', kind: 'code-exec', source: 'builtin' },
        { name: 'web_search', kind: 'search', readOnly: true },
        { name: 'crm', kind: 'network', source: 'openapi' },
        {
          name: 'tickets',
          kind: 'mcp-server',
          wildcard: false,
          requiresApproval: true,
        },
        { name: 'shell_server', kind: 'shell', wildcard: true },
        { name: 'run_sql', kind: 'database', source: 'code', line: 34 },
      ],
      identity: { credentials: ['OPENAI_API_KEY'] },
      controls: { allowlists: true },
      exposure: { untrustedInput: true },
      autonomy: { codeExecution: true },
      evidence: { 'controls.humanApproval': 24 },
    })
    expect(agent.tools[4]?.requiresApproval).toBeUndefined()
    expect(agent.notes).toEqual(
      expect.arrayContaining([
        'MCP tool shell_server exposes every tool of its server (no allowedTools)',
        'MCP tool shell_server: approval for some tools only (always: run; never: none)',
      ]),
    )
    expect(agent.notes.join(' ')).not.toMatch(/literal secret/)
  })

  it('flags a literal key and an MCP server that never asks', () => {
    const result = format.parse(
      textFile(
        'a.yaml',
        [
          'kind: Prompt',
          'name: a',
          'instructions: hi',
          'model:',
          '  id: gpt-4o',
          '  connection:',
          '    kind: key',
          '    key: sk-literal-value',
          'tools:',
          '  - kind: mcp',
          '    name: files',
          '    url: https://files.corp.test/mcp',
          '    approvalMode: never',
          '',
        ].join('\n'),
      ),
    )
    const agent = result.agents[0]!
    expect(agent.identity.credentials).toEqual(['key'])
    expect(agent.tools[0]).toMatchObject({ requiresApproval: false })
    expect(agent.notes).toEqual(
      expect.arrayContaining([
        'model.connection.key holds a literal secret in the manifest',
        'MCP tool files: calls run without approval (never)',
      ]),
    )
    expect(JSON.stringify(agent)).not.toContain('sk-literal-value')
  })

  it('treats hostile names as data', () => {
    const result = format.parse(
      textFile(
        'p.yaml',
        'kind: Prompt\nname: x\ninstructions: hi\ntools:\n  - kind: constructor\n    name: constructor\n  - kind: mcp\n    name: __proto__\n    url: https://x.corp.test/mcp\n',
      ),
    )
    const agent = result.agents[0]!
    expect(AgentProfileSchema.parse(agent)).toEqual(agent)
    expect(agent.tools.map((t) => t.name)).toEqual(['constructor', '__proto__'])
    expect(agent.tools[0]?.source).toBe('declared')
  })

  it('reads the GptComponentMetadata shape', () => {
    const result = parse('ours-gpt-component.yaml')
    expect(result.problems).toEqual([])
    expect(result.agents[0]).toMatchObject({
      name: 'Expense Helper',
      model: { name: 'GPT41' },
      instructions: 'Help employees file expenses.',
      tools: [
        { name: 'webBrowsing', kind: 'search', line: 6 },
        { name: 'codeInterpreter', kind: 'code-exec', line: 6 },
      ],
      triggers: ['chat'],
      exposure: { untrustedInput: true, channels: ['chat'] },
      autonomy: { codeExecution: true },
    })
  })

  it.each([
    ['ours-kagent-decoy.yaml', /Kubernetes-style resource/],
    ['ours-prompt-decoy.yaml', /prompt file of another tool/],
  ])('refuses %s', (name, reason) => {
    const file = fixtureFile(`${DIR}/${name}`)
    expect(format.sniff?.(file.text, name)).toBe(false)
    const result = format.parse(file)
    expect(result.agents).toEqual([])
    expect(result.rejected).toMatch(reason)
  })

  it('reports a missing name with its line and keeps the agent', () => {
    const result = format.parse(
      textFile('x/Helper.yaml', 'kind: Prompt\ninstructions: hi\n'),
    )
    expect(result.agents.map((a) => a.name)).toEqual(['Helper'])
    expect(result.problems).toMatchObject([
      { file: 'x/Helper.yaml', line: 1, field: 'name', level: 'warning' },
    ])
  })

  it('reports unreadable YAML and bad tool lists without throwing', () => {
    const bad = format.parse(
      textFile('bad.yaml', 'kind: Prompt\nname: x\nmodel: {id: [\n'),
    )
    expect(bad.agents).toEqual([])
    expect(bad.problems[0]).toMatchObject({ file: 'bad.yaml', level: 'error' })
    expect(bad.problems[0]?.message).toMatch(/^invalid YAML/)
    expect(bad.problems[0]?.line).toBeGreaterThanOrEqual(3)
    const tools = format.parse(
      textFile(
        't.yaml',
        'kind: Prompt\nname: t\ninstructions: hi\ntools: mcp\n',
      ),
    )
    expect(tools.problems).toMatchObject([
      { file: 't.yaml', line: 4, field: 'tools' },
    ])
    expect(tools.agents).toHaveLength(1)
  })

  it('leaves configuration decoys alone', () => {
    expectDecoysIgnored(format)
  })

  it.each([
    'semantic-kernel-agent/microsoft__semantic-kernel__azure_ai_agent_spec.yaml',
    'semantic-kernel-agent/ours-chat-completion.yaml',
    'open-agent-spec/oracle__agent-spec__howto_swarm.yaml',
    'gitagent/open-gitagent__gitagent__agents_assistant_agent.yaml',
  ])('does not claim %s', (path) => {
    const file = fixtureFile(`formats/${path}`)
    expect(format.sniff?.(file.text, file.path)).toBe(false)
    expect(format.parse(file).rejected).toBeTruthy()
  })

  it('is not claimed by the other declarative formats', () => {
    for (const name of [
      WEATHER,
      LEARN,
      'ours-tools.yaml',
      'ours-gpt-component.yaml',
    ]) {
      const file = fixtureFile(`${DIR}/${name}`)
      for (const other of [semanticKernel, openAgentSpec, gitagent]) {
        expect(other.sniff?.(file.text, file.path), other.id).toBe(false)
        expect(other.parse(file).rejected, other.id).toBeTruthy()
      }
    }
  })
})

import { describe, expect, it } from 'vitest'
import gitagent from '../../src/core/formats/gitagent/index.js'
import msAgentFramework from '../../src/core/formats/ms-agent-framework/index.js'
import openAgentSpec from '../../src/core/formats/open-agent-spec/index.js'
import format from '../../src/core/formats/semantic-kernel-agent/index.js'
import type { FormatResult } from '../../src/core/manifest/types.js'
import { AgentProfileSchema } from '../../src/core/profile/schema.js'
import { fixtureFile, textFile } from '../support/files.js'
import { expectDecoysIgnored } from './declarative-decoys.js'

const DIR = 'formats/semantic-kernel-agent'
const CORPUS = 'microsoft__semantic-kernel__azure_ai_agent_spec.yaml'

function parse(name: string): FormatResult {
  const result = format.parse(fixtureFile(`${DIR}/${name}`))
  for (const agent of result.agents)
    expect(AgentProfileSchema.parse(agent)).toEqual(agent)
  return result
}

describe('Semantic Kernel declarative agent', () => {
  it('considers YAML files and decides by content', () => {
    expect(format.matchPath('agents/host.yaml')).toBe('maybe')
    expect(format.matchPath('agents/host.yml')).toBe('maybe')
    expect(format.matchPath('agents/host.json')).toBe('no')
    expect(format.matchPath('agents/host.md')).toBe('no')
  })

  it.each([CORPUS, 'ours-chat-completion.yaml', 'ours-assistant-tools.yaml'])(
    'claims %s under its own name',
    (name) => {
      const file = fixtureFile(`${DIR}/${name}`)
      expect(format.matchPath(name)).toBe('maybe')
      expect(format.sniff?.(file.text, name)).toBe(true)
    },
  )

  it('reads the foundry agent of the corpus', () => {
    const result = parse(CORPUS)
    expect(result.problems).toEqual([])
    expect(result.document).toBeDefined()
    expect(result.agents).toHaveLength(1)
    const agent = result.agents[0]!
    expect(agent).toMatchObject({
      name: 'FunctionCallingAgent',
      format: 'semantic-kernel-agent',
      source: { file: `${DIR}/${CORPUS}`, line: 1 },
      description:
        'This agent uses the provided functions to answer questions about the menu.',
      instructions:
        'Use the provided functions to answer questions about the menu.',
      model: {
        name: '${AzureAI:ChatModelId}',
        provider: 'azure-ai-foundry',
        temperature: 0.4,
        unresolved: true,
      },
      tools: [
        { name: 'MenuPlugin.get_specials', line: 12, source: 'code' },
        { name: 'MenuPlugin.get_item_price', line: 14, source: 'code' },
      ],
      identity: { credentials: ['AzureAI:ConnectionString'] },
      evidence: { name: 2, instructions: 4, model: 5, tools: 11 },
    })
    expect(agent.allTools).toBeUndefined()
    expect(agent.notes).toEqual([
      'model id ${AzureAI:ChatModelId} is a setting resolved when the agent loads',
      'model connection is configured through settings resolved at load time',
      'tools are bound in code (kernel plugin MenuPlugin); the manifest under-reports what they do, and the kernel may offer more functions than it lists',
    ])
  })

  it('opens the tool list when none is given, and reads templates', () => {
    const result = parse('ours-chat-completion.yaml')
    expect(result.problems).toEqual([])
    const agent = result.agents[0]!
    expect(agent).toMatchObject({
      name: 'StoryTeller',
      source: { line: 2 },
      allTools: true,
      tools: [],
      model: { name: 'gpt-4o-mini', temperature: 0, seed: 11 },
      evidence: { tools: 2, model: 15 },
    })
    expect(agent.model.provider).toBeUndefined()
    expect(agent.notes).toEqual([
      'instructions are a semantic-kernel template filled from inputs (topic, length): callers shape the instructions',
      'no tools listed: the agent is offered every plugin function of the kernel its code provides',
    ])
  })

  it('reads hosted tools, MCP servers, function filters and literal keys', () => {
    const result = parse('ours-assistant-tools.yaml')
    expect(result.problems).toEqual([])
    const agent = result.agents[0]!
    expect(agent).toMatchObject({
      name: 'DataAnalyst',
      model: { name: 'gpt-4o', provider: 'openai', temperature: 0.2 },
      tools: [
        {
          name: 'ReportPlugin.send_email',
          kind: 'email',
          line: 14,
          source: 'code',
        },
        { name: 'code_interpreter', kind: 'code-exec', source: 'builtin' },
        { name: 'file_search', kind: 'search', readOnly: true },
        { name: 'bing_grounding', kind: 'search', readOnly: true },
        { name: 'weather_api', kind: 'network', source: 'openapi' },
        {
          name: 'github',
          kind: 'cloud-admin',
          source: 'mcp',
          wildcard: false,
          requiresApproval: true,
          server: { url: 'https://api.githubcopilot.com/mcp/' },
        },
      ],
      identity: { credentials: ['api_key'] },
      controls: { allowlists: true },
      exposure: { untrustedInput: true },
      autonomy: { codeExecution: true },
    })
    expect(agent.allTools).toBeUndefined()
    expect(agent.notes).toEqual(
      expect.arrayContaining([
        'model.connection.api_key holds a literal secret in the manifest',
        'openapi tool weather_api calls its API anonymously',
      ]),
    )
    // The key's value never reaches the profile.
    expect(JSON.stringify(agent)).not.toContain('sk-test')
  })

  it('accepts custom agent types and says their code decides', () => {
    const text =
      'type: pirate_agent\nname: Parrot\ninstructions: Talk like a pirate.\n'
    expect(format.sniff?.(text, 'parrot.yaml')).toBe(true)
    const result = format.parse(textFile('parrot.yaml', text))
    expect(result.agents[0]?.notes).toContain(
      'custom agent type pirate_agent: its behaviour is defined by code registered with @register_agent_type',
    )
  })

  it('treats hostile names as data', () => {
    expect(
      format.parse(textFile('c.yaml', 'type: constructor\nname: x\n')).rejected,
    ).toMatch(/not a Semantic Kernel agent type/)
    const result = format.parse(
      textFile(
        'p.yaml',
        'type: foundry_agent\nname: x\ntools:\n  - type: constructor\n  - type: __proto__\n',
      ),
    )
    const agent = result.agents[0]!
    expect(AgentProfileSchema.parse(agent)).toEqual(agent)
    expect(agent.tools.map((t) => [t.name, t.source])).toEqual([
      ['constructor', 'declared'],
      ['__proto__', 'declared'],
    ])
  })

  it('rejects a type that is no agent type', () => {
    const text = 'type: service\nname: web\n'
    expect(format.sniff?.(text, 'svc.yaml')).toBe(false)
    expect(format.parse(textFile('svc.yaml', text)).rejected).toMatch(
      /type service is not a Semantic Kernel agent type/,
    )
  })

  it('reports a missing name with its line and keeps the agent', () => {
    const result = format.parse(
      textFile(
        'agents/x.yaml',
        '# spec\ntype: openai_assistant\ninstructions: hi\n',
      ),
    )
    expect(result.agents.map((a) => a.name)).toEqual(['x'])
    expect(result.problems).toMatchObject([
      { file: 'agents/x.yaml', line: 2, field: 'name', level: 'error' },
    ])
  })

  it('reports unreadable YAML with file and line, without throwing', () => {
    const result = format.parse(
      textFile('bad.yaml', 'type: chat_completion_agent\nname: x\ntools: [\n'),
    )
    expect(result.agents).toEqual([])
    expect(result.problems[0]).toMatchObject({
      file: 'bad.yaml',
      level: 'error',
    })
    expect(result.problems[0]?.message).toMatch(/^invalid YAML/)
    expect(result.problems[0]?.line).toBeGreaterThanOrEqual(3)
  })

  it('reports a tools field that is not a list', () => {
    const result = format.parse(
      textFile(
        't.yaml',
        'type: foundry_agent\nname: t\ntools: code_interpreter\n',
      ),
    )
    expect(result.problems).toMatchObject([
      { file: 't.yaml', line: 3, field: 'tools' },
    ])
  })

  it('leaves configuration decoys alone', () => {
    expectDecoysIgnored(format)
  })

  it.each([
    'ms-agent-framework/microsoft__agent-framework__GetWeather.yaml',
    'ms-agent-framework/microsoft__agent-framework__MicrosoftLearnAgent.yaml',
    'ms-agent-framework/ours-gpt-component.yaml',
    'open-agent-spec/oracle__agent-spec__howto_mcp_agent.yaml',
    'gitagent/open-gitagent__gitagent__agent.yaml',
  ])('does not claim %s', (path) => {
    const file = fixtureFile(`formats/${path}`)
    expect(format.sniff?.(file.text, file.path)).toBe(false)
    expect(format.parse(file).rejected).toBeTruthy()
  })

  it('is not claimed by the other declarative formats', () => {
    for (const name of [CORPUS, 'ours-assistant-tools.yaml']) {
      const file = fixtureFile(`${DIR}/${name}`)
      for (const other of [msAgentFramework, openAgentSpec, gitagent]) {
        expect(other.sniff?.(file.text, file.path), other.id).toBe(false)
        expect(other.parse(file).rejected, other.id).toBeTruthy()
      }
    }
  })

  it('refuses the .NET Agent Framework shape that also has a type', () => {
    const text =
      'kind: GptComponentMetadata\ntype: chat_client_agent\nname: JokerAgent\ninstructions: Tell jokes.\n'
    expect(format.sniff?.(text, 'joker.yaml')).toBe(false)
    expect(format.parse(textFile('joker.yaml', text)).rejected).toMatch(
      /top-level kind/,
    )
  })
})

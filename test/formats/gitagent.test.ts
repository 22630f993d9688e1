import { describe, expect, it } from 'vitest'
import format from '../../src/core/formats/gitagent/index.js'
import msAgentFramework from '../../src/core/formats/ms-agent-framework/index.js'
import openAgentSpec from '../../src/core/formats/open-agent-spec/index.js'
import semanticKernel from '../../src/core/formats/semantic-kernel-agent/index.js'
import type { FormatResult } from '../../src/core/manifest/types.js'
import { AgentProfileSchema } from '../../src/core/profile/schema.js'
import { fixtureFile, textFile } from '../support/files.js'
import { expectDecoysIgnored } from './declarative-decoys.js'

const DIR = 'formats/gitagent'
const ROOT = 'open-gitagent__gitagent__agent.yaml'
const ASSISTANT = 'open-gitagent__gitagent__agents_assistant_agent.yaml'

function parse(path: string): FormatResult {
  const result = format.parse(fixtureFile(`${DIR}/${path}`))
  for (const agent of result.agents)
    expect(AgentProfileSchema.parse(agent)).toEqual(agent)
  return result
}

describe('gitagent', () => {
  it('claims agent.yaml wherever it sits, and sniffs other YAML', () => {
    expect(format.matchPath('agent.yaml')).toBe('yes')
    expect(format.matchPath('team/agents/helper/agent.yml')).toBe('yes')
    expect(format.matchPath('agents/helper.md')).toBe('maybe')
    expect(format.matchPath('config/default.yaml')).toBe('maybe')
    expect(format.matchPath('agent.json')).toBe('no')
    expect(format.matchPath('docs/agents.md')).toBe('no')
  })

  it.each([ROOT, ASSISTANT])('claims %s under its flattened name', (name) => {
    const file = fixtureFile(`${DIR}/${name}`)
    expect(format.matchPath(name)).toBe('maybe')
    expect(format.sniff?.(file.text, name)).toBe(true)
  })

  it('reads the root agent of the corpus', () => {
    const result = parse(ROOT)
    expect(result.problems).toEqual([])
    expect(result.document).toBeDefined()
    const agent = result.agents[0]!
    expect(agent).toMatchObject({
      name: 'gitagent',
      format: 'gitagent',
      source: { file: `${DIR}/${ROOT}`, line: 1 },
      description: 'A universal git-native agent powered by pi-agent-core',
      model: {},
      tools: [
        { name: 'cli', kind: 'shell', line: 9, source: 'builtin' },
        { name: 'read', kind: 'file-read', line: 10, readOnly: true },
        { name: 'write', kind: 'file-write', line: 11 },
        { name: 'memory', line: 12 },
      ],
      memory: {
        kind: 'persistent',
        writable: true,
        stores: ['memory/MEMORY.md'],
      },
      autonomy: { maxIterations: 56 },
      evidence: { name: 2, tools: 8, memory: 12, autonomy: 14 },
    })
    expect(agent.allTools).toBeUndefined()
    expect(agent.notes).toEqual(
      expect.arrayContaining([
        'no preferred model: the runtime picks one from its environment',
        'the reference runtime also gives edit and every tools/*.yaml whatever the list says',
        'no skills list: every skill under skills/ is loaded',
      ]),
    )
  })

  it('reads the assistant sub-agent of the corpus', () => {
    const result = parse(ASSISTANT)
    expect(result.problems).toEqual([])
    const agent = result.agents[0]!
    expect(agent).toMatchObject({
      name: 'assistant',
      model: { provider: 'openai', name: 'gpt-4o', temperature: 0.3 },
      tools: [
        { name: 'cli', kind: 'shell', line: 15 },
        { name: 'read', line: 15 },
        { name: 'write', line: 15 },
        { name: 'memory', line: 15 },
      ],
      autonomy: { maxIterations: 50 },
    })
    expect(agent.notes).toContain(
      'model fallback list (anthropic:claude-sonnet-4-5-20250929, openai:gpt-4o-mini): the model that answers can change at run time',
    )
  })

  it('reads an agent directory: SOUL, rules, tools, skills, hooks, compliance', () => {
    const result = parse('ours-repo/agent.yaml')
    expect(result.problems).toEqual([])
    const agent = result.agents[0]!
    expect(agent).toMatchObject({
      name: 'compliance-analyst',
      model: {
        provider: 'anthropic',
        name: 'claude-opus-4-6',
        temperature: 0.1,
      },
      skills: [
        {
          name: 'regulatory-analysis',
          description: 'Analyze documents for regulatory compliance',
        },
      ],
      tools: [
        {
          name: 'search-regulations',
          kind: 'search',
          line: 14,
          readOnly: true,
          requiresApproval: false,
          source: 'code',
        },
        { name: 'cli', kind: 'shell', line: 15 },
        {
          name: 'github',
          source: 'mcp',
          line: 42,
          server: { transport: 'stdio', pinned: false },
        },
      ],
      memory: { kind: 'persistent', stores: ['memory/MEMORY.md'] },
      subAgents: ['fact-checker'],
      delegation: { canDelegate: true, mode: 'hierarchical' },
      identity: {
        authSchemes: ['oauth2'],
        credentials: ['GITHUB_TOKEN', 'COMPLIANCE_OAUTH'],
      },
      controls: {
        humanApproval: true,
        logging: true,
        authentication: true,
        guardrails: true,
      },
      exposure: {
        endpoint: 'https://agents.example.com/compliance',
        reach: 'public',
        channels: ['a2a'],
      },
      triggers: ['api'],
      autonomy: { maxIterations: 20 },
      evidence: {
        'controls.humanApproval': 34,
        'controls.logging': 37,
        subAgents: 16,
        delegation: 21,
      },
    })
    expect(agent.instructions).toContain('I am a compliance analyst.')
    expect(agent.instructions).toContain(
      'Never file anything with a regulator.',
    )
    expect(agent.notes).toEqual(
      expect.arrayContaining([
        'tool search-regulations runs search-regulations.py (python3); the manifest under-reports what it does',
        'hooks/hooks.yaml runs pre_tool_use hooks that can block',
        'skills can be installed from registries (https://api.skillsmp.com): third-party instructions enter the agent',
        'RULES.md constraints are instructions to the model, not enforced limits',
        'declared risk tier: high',
      ]),
    )
  })

  it('links agents/<name>/agent.yaml to the agent above it', () => {
    const result = parse('ours-repo/agents/fact-checker/agent.yaml')
    expect(result.agents[0]).toMatchObject({
      name: 'fact-checker',
      parent: 'compliance-analyst',
      tools: [{ name: 'read', kind: 'file-read' }],
    })
  })

  it('reads a lightweight agents/<name>.md sub-agent', () => {
    const path = 'ours-repo/agents/quick-check.md'
    const file = fixtureFile(`${DIR}/${path}`)
    expect(format.matchPath(file.path)).toBe('maybe')
    expect(format.sniff?.(file.text, file.path)).toBe(true)
    const result = parse(path)
    expect(result.problems).toEqual([])
    expect(result.agents[0]).toMatchObject({
      name: 'quick-check',
      parent: 'compliance-analyst',
      description: 'Checks one claim quickly',
      model: { name: 'claude-haiku-4-5-20251001' },
      evidence: { name: 2, model: 4, instructions: 10 },
    })
    expect(result.agents[0]?.instructions).toMatch(/^# Quick check/)
  })

  it('refuses an agents/<name>.md with no gitagent above it', () => {
    const result = format.parse(
      textFile(
        'agents/helper.md',
        '---\nname: helper\ndescription: x\nmodel:\n  preferred: gpt-4o\n---\nHi\n',
      ),
    )
    expect(result.rejected).toMatch(/without a gitagent agent.yaml/)
  })

  it('refuses an agent.yaml without gitagent markers, with a reason', () => {
    const result = parse('ours-not-gitagent/agent.yaml')
    expect(result.agents).toEqual([])
    expect(result.rejected).toBe(
      'no gitagent markers (spec_version and name, or a SOUL.md beside it): not a gitagent manifest',
    )
  })

  it('accepts an agent.yaml without spec_version when SOUL.md is beside it', () => {
    const result = parse('ours-soul-only/agent.yaml')
    expect(result.problems).toEqual([])
    expect(result.agents[0]).toMatchObject({
      name: 'helper',
      allTools: true,
      instructions: 'I help.\n',
    })
    expect(result.agents[0]?.notes).toContain(
      'no tools list: the runtime gives its built-in tools (cli, read, write, edit, memory) and every tools/*.yaml',
    )
  })

  it('treats hostile tool names as data', () => {
    const result = format.parse(
      textFile(
        'agent.yaml',
        'spec_version: "0.1.0"\nname: x\ndescription: x\ntools: [constructor, __proto__]\n',
      ),
    )
    const agent = result.agents[0]!
    expect(AgentProfileSchema.parse(agent)).toEqual(agent)
    expect(agent.tools.map((t) => [t.name, t.source])).toEqual([
      ['constructor', 'declared'],
      ['__proto__', 'declared'],
    ])
  })

  it('reads a tools entry mapping with its own toString and valueOf without throwing', () => {
    const result = format.parse(
      textFile(
        'agent.yaml',
        'spec_version: "0.1.0"\nname: x\ndescription: x\ntools:\n  - read\n  - {toString: 1, valueOf: 1}\n',
      ),
    )
    const agent = result.agents[0]!
    expect(agent.tools.map((t) => t.name)).toEqual(['read'])
    expect(result.problems).toMatchObject([
      { line: 6, field: 'tools[1]', message: 'tool entry must be a name' },
    ])
    expect(agent.notes).toContain(
      'the reference runtime also gives cli, write, edit, memory and every tools/*.yaml whatever the list says',
    )
  })

  it('reports unreadable YAML with file and line, without throwing', () => {
    const result = format.parse(
      textFile('agent.yaml', 'spec_version: "0.1.0"\nname: x\ntools: [cli\n'),
    )
    expect(result.agents).toEqual([])
    expect(result.problems[0]).toMatchObject({
      file: 'agent.yaml',
      level: 'error',
    })
    expect(result.problems[0]?.message).toMatch(/^invalid YAML/)
    expect(result.problems[0]?.line).toBeGreaterThanOrEqual(3)
  })

  it('reports a missing description and a bad tools field with lines', () => {
    const result = format.parse(
      textFile('agent.yaml', 'spec_version: "0.1.0"\nname: x\ntools: cli\n'),
    )
    expect(result.agents).toHaveLength(1)
    expect(result.problems).toMatchObject([
      { line: 2, field: 'description', level: 'warning' },
      { line: 3, field: 'tools', level: 'error' },
    ])
  })

  it('leaves configuration decoys alone', () => {
    expectDecoysIgnored(format)
  })

  it.each([
    'semantic-kernel-agent/microsoft__semantic-kernel__azure_ai_agent_spec.yaml',
    'ms-agent-framework/microsoft__agent-framework__MicrosoftLearnAgent.yaml',
    'open-agent-spec/oracle__agent-spec__howto_mcp_agent.yaml',
  ])('does not claim %s, even when it is named agent.yaml', (path) => {
    const file = fixtureFile(`formats/${path}`)
    expect(format.sniff?.(file.text, file.path)).toBe(false)
    const renamed = textFile('agent.yaml', file.text)
    expect(format.matchPath(renamed.path)).toBe('yes')
    expect(format.parse(renamed).rejected).toBeTruthy()
  })

  it('is not claimed by the other declarative formats', () => {
    for (const name of [ROOT, ASSISTANT, 'ours-repo/agent.yaml']) {
      const file = fixtureFile(`${DIR}/${name}`)
      for (const other of [semanticKernel, msAgentFramework, openAgentSpec]) {
        expect(other.sniff?.(file.text, file.path), other.id).toBe(false)
        expect(other.parse(file).rejected, other.id).toBeTruthy()
      }
    }
  })
})

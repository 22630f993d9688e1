import { describe, expect, it } from 'vitest'
import card from '../../src/core/formats/a2a-agent-card/index.js'
import type { FormatResult } from '../../src/core/manifest/types.js'
import {
  AgentProfileSchema,
  type AgentProfile,
} from '../../src/core/profile/schema.js'
import { fixtureFile, textFile } from '../support/files.js'

const DIR = 'formats/a2a-agent-card'

function only(result: FormatResult): AgentProfile {
  expect(result.rejected).toBeUndefined()
  expect(result.problems).toEqual([])
  expect(result.agents).toHaveLength(1)
  const agent = result.agents[0]!
  expect(AgentProfileSchema.parse(agent)).toEqual(agent)
  return agent
}

function read(name: string): AgentProfile {
  return only(card.parse(fixtureFile(`${DIR}/${name}`)))
}

function claimed(path: string, text: string): boolean {
  const candidacy = card.matchPath(path)
  if (candidacy === 'yes') return true
  return candidacy === 'maybe' && (card.sniff?.(text, path) ?? false)
}

describe('A2A agent card', () => {
  it('claims the canonical card paths', () => {
    expect(card.matchPath('.well-known/agent.json')).toBe('yes')
    expect(card.matchPath('site/public/.well-known/agent-card.json')).toBe(
      'yes',
    )
    expect(card.matchPath('agent-card.json')).toBe('yes')
    expect(card.matchPath('deploy/agent-card.prod.json')).toBe('yes')
    expect(card.matchPath('remote_a2a/human_in_loop/agent.json')).toBe('yes')
    expect(card.matchPath('config/agent.json')).toBe('maybe')
    expect(card.matchPath('agent.yaml')).toBe('no')
    expect(card.matchPath('README.md')).toBe('no')
  })

  it.each([
    '0xdeeper__BaseAi8004__agent-card.json',
    'Agentic-Guides__the-bulwark__agent.json',
    'CSOAI-ORG__code-executor-mcp__agent-card.json',
    'a2aproject__A2A__full.json',
    'a2aproject__a2a-samples__human_in_loop_agent.json',
  ])('claims the corpus file %s under its flattened name', (name) => {
    const file = fixtureFile(`${DIR}/${name}`)
    expect(claimed(name, file.text)).toBe(true)
  })

  it('reads the v1.0 card: interfaces, security schemes, push notifications', () => {
    const agent = read('a2aproject__A2A__full.json')
    expect(agent).toMatchObject({
      name: 'Recipe Agent',
      format: 'a2a-agent-card',
      source: { line: 3 },
      description: 'An A2A agent that helps users with recipes and cooking',
      identity: { authSchemes: ['bearer', 'apiKey'] },
      controls: { authentication: true },
      exposure: {
        reach: 'public',
        endpoint: 'https://recipes.example.com/a2a',
        channels: ['a2a', 'jsonrpc', 'grpc'],
        untrustedInput: true,
      },
      triggers: ['api'],
      tools: [{ name: 'search', kind: 'search', line: 21, source: 'a2a' }],
    })
    expect(agent.skills.map((s) => s.name)).toEqual([
      'Search Recipes',
      'Get Recommendations',
      'Convert Measurements',
    ])
    expect(agent.evidence['controls.authentication']).toBe(60)
    expect(agent.controls.logging).toBeUndefined()
    expect(agent.notes.join('\n')).toMatch(/pushNotifications: .*unattended/)
    expect(agent.notes.join('\n')).toMatch(/extended card/)
    expect(agent.model).toEqual({})
    expect(agent.memory.kind).toBeUndefined()
  })

  it('turns code and command skills of an unauthenticated public card into tools', () => {
    const agent = read('CSOAI-ORG__code-executor-mcp__agent-card.json')
    expect(agent.tools).toEqual([
      expect.objectContaining({
        name: 'execute_code',
        kind: 'code-exec',
        line: 25,
      }),
      expect.objectContaining({ name: 'run_command', kind: 'shell', line: 42 }),
      expect.objectContaining({
        name: 'run_tests',
        kind: 'code-exec',
        line: 59,
      }),
      expect.objectContaining({
        name: 'read_file',
        kind: 'file-read',
        line: 76,
      }),
    ])
    expect(agent.skills).toHaveLength(5)
    expect(agent.controls.authentication).toBe(false)
    expect(agent.exposure).toMatchObject({
      reach: 'public',
      endpoint: 'https://mcp.meok.ai/meok-mcp/a2a',
    })
    expect(agent.notes).toContain(
      'public A2A endpoint https://mcp.meok.ai/meok-mcp/a2a declares no securitySchemes: callers are not asked to authenticate',
    )
  })

  it('reads the ADK remote card on localhost as a local, unauthenticated agent', () => {
    const agent = read('a2aproject__a2a-samples__human_in_loop_agent.json')
    expect(agent).toMatchObject({
      name: 'reimbursement_agent',
      source: { line: 6 },
      exposure: {
        reach: 'local',
        endpoint: 'http://localhost:8000/a2a/human_in_loop',
      },
      controls: { authentication: false },
      tools: [],
    })
    expect(agent.skills).toHaveLength(3)
    expect(agent.notes.some((n) => /declares no securitySchemes/.test(n))).toBe(
      false,
    )
  })

  it('keeps the legacy x402 scheme without calling it authentication', () => {
    const agent = read('0xdeeper__BaseAi8004__agent-card.json')
    expect(agent.identity.authSchemes).toEqual(['x402'])
    expect(agent.controls.authentication).toBeUndefined()
    expect(agent.evidence.identity).toBe(11)
    expect(agent.exposure.reach).toBe('local')
    expect(agent.notes.join('\n')).toMatch(/x402: callers pay per request/)
  })

  it('reads the non-conformant bulwark card as A2A-like', () => {
    const agent = read('Agentic-Guides__the-bulwark__agent.json')
    expect(agent.name).toBe('THE BULWARK')
    expect(agent.skills.map((s) => s.name)).toEqual([
      'scan_tools',
      'permit_action',
      'ledger_status',
    ])
    expect(agent.notes[0]).toMatch(
      /^read as an A2A-like card.*capabilities is a list/,
    )
    // Its url is a repository page, not an endpoint; and it states no security.
    expect(agent.exposure.reach).toBeUndefined()
    expect(agent.controls.authentication).toBeUndefined()
    expect(agent.notes.join('\n')).toMatch(/points at a source repository/)
  })

  it('reads a signed v0.3 card on an internal host', () => {
    const agent = read('ours-signed/.well-known/agent-card.json')
    expect(agent).toMatchObject({
      name: 'Invoice Reader',
      identity: { authSchemes: ['openIdConnect'] },
      controls: { authentication: true, logging: true },
      exposure: {
        reach: 'internal',
        channels: ['a2a', 'jsonrpc'],
        untrustedInput: true,
      },
      tools: [{ name: 'python_sandbox', kind: 'code-exec', line: 32 }],
    })
    expect(agent.evidence['controls.logging']).toBe(11)
    expect(agent.notes).toEqual(
      expect.arrayContaining([
        'requires the A2A extension https://example.com/ext/audit: callers must follow behaviour the card does not describe',
        'accepts file input (application/pdf, image/png): documents others wrote reach the model',
        'the card is signed (1 JWS signature)',
      ]),
    )
  })

  it('rejects an agent.json that is not a card, with a reason', () => {
    const path = `${DIR}/ours-decoy/.well-known/agent.json`
    const file = fixtureFile(path)
    expect(card.matchPath(path)).toBe('yes')
    expect(card.sniff?.(file.text, path)).toBe(false)
    const result = card.parse(file)
    expect(result.agents).toEqual([])
    expect(result.rejected).toMatch(/^not an A2A agent card/)
  })

  it('rejects JSON Schemas and OpenAPI documents that carry card words', () => {
    const schema = JSON.stringify({
      $schema: 'http://json-schema.org/draft-07/schema#',
      title: 'AgentCard',
      type: 'object',
      properties: {
        name: { type: 'string' },
        skills: { type: 'array' },
        capabilities: { type: 'object' },
        url: { type: 'string' },
      },
    })
    expect(
      card.parse(textFile('schema/agent-card.json', schema)).rejected,
    ).toMatch(/JSON Schema/)
    const openapi = JSON.stringify({
      openapi: '3.0.0',
      name: 'x',
      skills: [],
      capabilities: {},
      url: 'https://x.example.com',
    })
    expect(
      card.parse(textFile('api/agent-card.json', openapi)).rejected,
    ).toMatch(/OpenAPI/)
  })

  it.each([
    [
      'package.json',
      '{ "name": "x", "version": "1.0.0", "scripts": { "test": "vitest" } }',
    ],
    ['tsconfig.json', '{ "compilerOptions": { "strict": true } }'],
    [
      'locales/en.json',
      '{ "name": "Name", "skills": "Skills", "capabilities": "Capabilities", "url": "URL" }',
    ],
    [
      'vscode-ext/package.json',
      '{ "name": "ext", "capabilities": { "untrustedWorkspaces": { "supported": true } }, "repository": { "url": "https://github.com/x/y" } }',
    ],
  ])('does not claim the decoy %s', (path, text) => {
    const result = card.parse(textFile(path, text))
    expect(claimed(path, text) && result.rejected === undefined).toBe(false)
  })

  it('reports malformed JSON with the file and line, without throwing', () => {
    const result = card.parse(
      textFile(
        '.well-known/agent-card.json',
        '{\n  "name": "x",\n  "skills": [\n}\n',
      ),
    )
    expect(result.agents).toEqual([])
    expect(result.problems[0]).toMatchObject({
      file: '.well-known/agent-card.json',
      level: 'error',
    })
    expect(result.problems[0]?.line).toBe(4)
  })
})

import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import letta from '../../src/core/formats/letta-agent-file/index.js'
import { AgentProfileSchema } from '../../src/core/profile/schema.js'
import {
  DECOYS,
  expectCleanRejection,
  expectDecoyRefused,
  otherExportFixtures,
} from '../support/export-decoys.js'
import { fixtureFile, textFile } from '../support/files.js'

const DIR = 'formats/letta-agent-file'
const CORPUS = 'letta-ai__agent-file__outreach_workflow_agent.af'

function read(name: string) {
  const result = letta.parse(fixtureFile(`${DIR}/${name}`))
  for (const agent of result.agents) {
    expect(AgentProfileSchema.parse(agent)).toEqual(agent)
  }
  return result
}

describe('Letta agent file', () => {
  it('claims .af files and sniffs other JSON', () => {
    expect(letta.matchPath('agents/companion.af')).toBe('yes')
    expect(letta.matchPath('agents/companion.af.json')).toBe('yes')
    expect(letta.matchPath('agents/companion.json')).toBe('maybe')
    expect(letta.matchPath('agents/companion.yaml')).toBe('no')
    expect(letta.matchPath(`letta-af/${CORPUS}`)).toBe('yes')
    expect(letta.matchPath(CORPUS)).toBe('yes')
  })

  it('sniffs the markers even when the JSON is encoded as a string', () => {
    const text = fixtureFile(`${DIR}/${CORPUS}`).text
    expect(text.startsWith('"{')).toBe(true)
    expect(letta.sniff?.(text.slice(0, 16384), 'agent.json')).toBe(true)
    const plain = fixtureFile(`${DIR}/ours-companion.af`).text
    expect(letta.sniff?.(plain.slice(0, 16384), 'agent.json')).toBe(true)
  })

  it('sniffs an agent whose long system prompt pushes llm_config past the head', () => {
    const agent = {
      name: 'long',
      tool_ids: [],
      block_ids: [],
      system: 'Be careful. '.repeat(2000),
      llm_config: { model: 'gpt-4o' },
    }
    const text = JSON.stringify({ agents: [agent] }, null, 2)
    expect(text.indexOf('llm_config')).toBeGreaterThan(16384)
    expect(letta.sniff?.(text.slice(0, 16384), 'long.json')).toBe(true)
    const encoded = JSON.stringify(text)
    expect(letta.sniff?.(encoded.slice(0, 16384), 'long.json')).toBe(true)
  })

  it('decodes the corpus file and reads its workflow agent', () => {
    const result = read(CORPUS)
    expect(result.problems).toEqual([])
    expect(result.agents).toHaveLength(1)
    const agent = result.agents[0]!
    expect(agent).toMatchObject({
      name: 'outreach_workflow_agent',
      format: 'letta-agent-file',
      source: { file: `${DIR}/${CORPUS}`, line: 1 },
      description:
        'An simple workflow agent that has memory disabled, so that each request is independent.',
      model: { name: 'gpt-4o-mini', provider: 'openai', temperature: 0.7 },
      memory: { kind: 'none' },
      autonomy: { planning: false },
      triggers: ['api'],
    })
    expect(agent.instructions).toBeUndefined()
    expect(agent.tools.map((t) => [t.name, t.kind, t.source])).toEqual([
      ['reject', 'other', 'code'],
      ['send_email', 'email', 'code'],
      ['evaluate_candidate', 'other', 'code'],
      ['retrieve_candidate', 'search', 'code'],
    ])
    expect(agent.notes).toEqual(
      expect.arrayContaining([
        'tool send_email embeds its Python source in the file: code the agent runs (not evaluated here)',
        'tool rules constrain its loop: starts with retrieve_candidate; stops after reject or send_email; 2 rule(s) fix which tool may follow which',
        'message_buffer_autoclear: each request starts without the previous messages',
        'the file is JSON encoded inside a JSON string; lines point at that string',
      ]),
    )
    expect(agent.autonomy.selfEditing).toBeUndefined()
    // The decoded document is returned, so an aivss block inside is honoured.
    expect(
      (result.document?.value as { agents: unknown[] }).agents,
    ).toHaveLength(1)
  })

  it('reads self-editing memory, approvals, delegation and secrets', () => {
    const result = read('ours-companion.af')
    expect(result.problems).toEqual([])
    const [companion, deployer] = result.agents
    expect(companion).toMatchObject({
      name: 'companion',
      source: { line: 3 },
      instructions: 'You are a companion agent that remembers its users.',
      model: {
        name: 'claude-sonnet-4-5-20250929',
        provider: 'anthropic',
        temperature: 1,
      },
      memory: {
        kind: 'persistent',
        writable: true,
        stores: [
          'core memory (human, persona)',
          'archival memory',
          'recall memory (message history)',
        ],
      },
      autonomy: { selfEditing: true },
      subAgents: ['deployer'],
      delegation: { canDelegate: true, mode: 'hierarchical', dynamic: true },
      identity: { credentials: ['NETLIFY_AUTH_TOKEN'] },
    })
    expect(
      companion!.tools.map((t) => [t.name, t.kind, t.requiresApproval]),
    ).toEqual([
      ['core_memory_replace', 'other', undefined],
      ['archival_memory_insert', 'other', undefined],
      ['archival_memory_search', 'search', undefined],
      ['send_message_to_agents_matching_tags', 'agent-call', undefined],
      ['deploy_site', 'cloud-admin', true],
      ['send_message', 'other', undefined],
      ['notes', expect.any(String), undefined],
    ])
    expect(companion!.tools[6]).toMatchObject({
      source: 'mcp',
      server: { transport: 'sse', url: 'https://notes.example.com/sse' },
    })
    expect(companion!.controls.humanApproval).toBeUndefined()
    expect(companion!.notes).toEqual(
      expect.arrayContaining([
        'a sleep-time agent rewrites its memory in the background',
        'memory blocks carry content (human, persona): exported state may hold data about its users',
        'the file carries 2 message(s) of conversation history',
        'tool deploy_site installs packages: netlify-cli',
      ]),
    )
    expect(deployer).toMatchObject({
      name: 'deployer',
      parent: 'companion',
      memory: { kind: 'none' },
      tools: [
        { name: 'deploy_site', requiresApproval: true },
        { name: 'notes' },
      ],
    })
  })

  it('reads a legacy single-agent export', () => {
    const result = read('ours-legacy.af')
    const agent = result.agents[0]!
    expect(agent).toMatchObject({
      name: 'legacy_helper',
      source: { line: 1 },
      instructions: 'You are MemGPT.',
      model: { name: 'gpt-4', provider: 'openai' },
      memory: { kind: 'persistent' },
      identity: { credentials: ['WEATHER_API_KEY'] },
    })
    expect(agent.tools.map((t) => [t.name, t.kind, t.readOnly])).toEqual([
      ['conversation_search', 'search', true],
      ['fetch_weather', 'network', undefined],
    ])
    expect(agent.autonomy.selfEditing).toBeUndefined()
  })

  it.each(otherExportFixtures(letta))(
    'rejects %s, another export format, cleanly',
    (path) => {
      expectCleanRejection(letta, path)
    },
  )

  it.each(DECOYS)('does not take the decoy %s', (path, text) => {
    expectDecoyRefused(letta, path, text)
  })

  it('rejects other agents lists, and warns about an empty .af file', () => {
    expect(
      letta.parse(textFile('crew.json', '{"agents":[{"role":"writer"}]}'))
        .rejected,
    ).toMatch(/its agents have no llm_config/)
    expect(letta.parse(textFile('x.json', '{"agents":[]}')).rejected).toMatch(
      /the agents list is empty/,
    )
    const empty = letta.parse(textFile('x.af', '{\n  "agents": []\n}\n'))
    expect(empty.rejected).toBeUndefined()
    expect(empty.problems).toMatchObject([
      { file: 'x.af', line: 2, level: 'warning' },
    ])
  })

  it('rejects JSON that is neither agents nor a legacy agent', () => {
    const result = letta.parse(textFile('x.af', '{"name":"x","version":"1"}'))
    expect(result.rejected).toMatch(/no agents and no llm_config/)
  })

  it('reports a JSON string that does not hold JSON, on its line', () => {
    const result = letta.parse(textFile('x.af', '\n"{\\"agents\\": [oops"\n'))
    expect(result.agents).toEqual([])
    expect(result.problems[0]).toMatchObject({ file: 'x.af', line: 2 })
    expect(result.problems[0]!.message).toMatch(
      /^the file is a JSON string, but the string does not hold an agent file/,
    )
  })

  it('reports broken JSON with its line and does not throw', () => {
    const result = letta.parse(
      textFile('x.af', '{\n  "agents": [\n    {"name": }\n  ]\n}\n'),
    )
    expect(result.agents).toEqual([])
    expect(result.problems[0]).toMatchObject({ file: 'x.af', line: 3 })
  })

  it('warns about tools and blocks referenced but missing', () => {
    const result = letta.parse(
      textFile(
        'x.af',
        '{"agents":[{"name":"a","tool_ids":["tool-9"],"block_ids":["block-9"],"llm_config":{}}],"tools":[],"blocks":[]}',
      ),
    )
    expect(result.agents.map((a) => a.name)).toEqual(['a'])
    expect(result.problems.map((p) => p.message)).toEqual([
      'block block-9 is referenced but not in the file',
      'tool tool-9 is referenced but not in the file',
    ])
  })

  it('reads a tool rule whose type is a mapping with a toString key', () => {
    const file = JSON.parse(
      readFileSync(
        new URL(
          '../fixtures/formats/letta-agent-file/ours-companion.af',
          import.meta.url,
        ),
        'utf8',
      ),
    ) as { agents: Array<{ tool_rules: unknown[] }> }
    file.agents[0]?.tool_rules.push({ tool_name: 'x', type: { toString: 1 } })
    const result = letta.parse(textFile('agent.af', JSON.stringify(file)))
    expect(result.agents.length).toBeGreaterThan(0)
  })
})

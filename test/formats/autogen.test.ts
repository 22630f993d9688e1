import { describe, expect, it } from 'vitest'
import autogen from '../../src/core/formats/autogen/index.js'
import { AgentProfileSchema } from '../../src/core/profile/schema.js'
import {
  DECOYS,
  expectCleanRejection,
  expectDecoyRefused,
  otherExportFixtures,
} from '../support/export-decoys.js'
import { fixtureFile, textFile } from '../support/files.js'

const DIR = 'formats/autogen'

function read(name: string) {
  const result = autogen.parse(fixtureFile(`${DIR}/${name}`))
  for (const agent of result.agents) {
    expect(AgentProfileSchema.parse(agent)).toEqual(agent)
  }
  return result
}

function claims(path: string, text: string): boolean {
  const claim = autogen.matchPath(path)
  return (
    claim === 'yes' ||
    (claim === 'maybe' &&
      (autogen.sniff?.(text.slice(0, 16384), path) ?? false))
  )
}

describe('autogen', () => {
  it('considers JSON and YAML files, and nothing else', () => {
    expect(autogen.matchPath('teams/travel_team.json')).toBe('maybe')
    expect(autogen.matchPath('config/team.yaml')).toBe('maybe')
    expect(autogen.matchPath('team.py')).toBe('no')
    expect(autogen.matchPath('README.md')).toBe('no')
  })

  it.each([
    'microsoft__autogen__team.json',
    'microsoft__autogen__travel_team.json',
  ])('claims the corpus file %s under its flattened name', (name) => {
    const file = fixtureFile(`${DIR}/${name}`)
    expect(claims(`autogen/${name}`, file.text)).toBe(true)
    expect(claims(name, file.text)).toBe(true)
  })

  it('reads the component team: the team orchestrates four sub-agents', () => {
    const result = read('microsoft__autogen__travel_team.json')
    expect(result.problems).toEqual([])
    expect(result.agents.map((a) => a.name)).toEqual([
      'microsoft__autogen__travel_team',
      'planner_agent',
      'local_agent',
      'language_agent',
      'travel_summary_agent',
    ])
    const [team, planner] = result.agents
    expect(team).toMatchObject({
      format: 'autogen',
      source: { file: `${DIR}/microsoft__autogen__travel_team.json`, line: 1 },
      subAgents: [
        'planner_agent',
        'local_agent',
        'language_agent',
        'travel_summary_agent',
      ],
      delegation: { canDelegate: true, mode: 'group-chat' },
      autonomy: { maxIterations: 10 },
    })
    expect(team!.evidence.autonomy).toBe(163)
    expect(team!.notes).toContain(
      'the team stops on: TextMentionTermination(TERMINATE), MaxMessageTermination(10)',
    )
    expect(planner).toMatchObject({
      parent: 'microsoft__autogen__travel_team',
      source: { line: 18 },
      model: { name: 'gpt-4', provider: 'openai' },
      tools: [],
      memory: { kind: 'session' },
      description: 'A helpful assistant that can plan trips.',
    })
    expect(planner!.instructions).toMatch(/^You are a helpful assistant/)
    expect(planner!.evidence).toMatchObject({ instructions: 42, model: 19 })
    expect(planner!.notes).toContain(
      'the chat context is unbounded: everything said in the run stays in context',
    )
    expect(planner!.controls).toEqual({})
  })

  it('reads the legacy AutoGen Studio team with its inline tool source', () => {
    const result = read('microsoft__autogen__team.json')
    expect(result.problems).toEqual([])
    const [team, writer] = result.agents
    expect(team).toMatchObject({
      name: 'weather_team',
      source: { line: 2 },
      subAgents: ['writing_agent'],
      delegation: { canDelegate: true, mode: 'group-chat' },
    })
    expect(team!.autonomy.maxIterations).toBeUndefined()
    expect(writer).toMatchObject({
      name: 'writing_agent',
      parent: 'weather_team',
      source: { line: 5 },
      model: { name: 'gpt-4o-2024-08-06', provider: 'openai' },
      tools: [
        {
          name: 'get_weather',
          kind: 'other',
          line: 11,
          source: 'code',
          description: 'Get the weather for a city',
        },
      ],
    })
    expect(writer!.notes).toContain(
      'tool get_weather embeds its Python source in the manifest: it is code the agent runs (not evaluated here)',
    )
  })

  it('reads a selector team with tools, MCP, handoffs, memory and a human', () => {
    const result = read('ours-selector-team.json')
    expect(result.problems).toEqual([])
    const [team, ops, coder] = result.agents
    expect(result.agents.map((a) => a.name)).toEqual([
      'incident_team',
      'ops_agent',
      'coder',
    ])
    expect(team).toMatchObject({
      subAgents: ['ops_agent', 'coder'],
      delegation: { mode: 'router', dynamic: true },
      controls: { humanApproval: true },
      autonomy: { maxIterations: 20 },
      model: { name: 'gpt-4o-mini' },
      description: 'Handles production incidents.',
    })
    expect(team!.instructions).toMatch(/^Select the next role/)
    expect(team!.notes).toContain(
      'a human (UserProxyAgent oncall_engineer) takes part in the conversation and can stop or steer it',
    )
    expect(ops).toMatchObject({
      parent: 'incident_team',
      model: { name: 'gpt-4o-2024-08-06', temperature: 0.1, seed: 42 },
      memory: { kind: 'persistent', stores: ['ChromaDBVectorMemory'] },
      delegation: {
        canDelegate: true,
        mode: 'handoff',
        peers: ['coder', 'user'],
      },
      autonomy: { maxIterations: 5 },
    })
    expect(ops!.tools.map((t) => [t.name, t.kind, t.source])).toEqual([
      ['restart_service', 'shell', 'code'],
      ['GitHub MCP', 'cloud-admin', 'mcp'],
      ['transfer_to_coder', 'agent-call', 'builtin'],
      ['transfer_to_user', 'agent-call', 'builtin'],
    ])
    expect(ops!.tools[1]).toMatchObject({
      wildcard: true,
      server: { transport: 'stdio', command: 'npx', pinned: false },
    })
    expect(ops!.identity.credentials).toEqual([
      'model_client.api_key',
      'GITHUB_PERSONAL_ACCESS_TOKEN',
    ])
    expect(ops!.notes).toContain(
      'model_client.api_key holds a literal value in the manifest: a secret may be committed',
    )
    // The key is named, never copied.
    expect(JSON.stringify(result.agents)).not.toContain('sk-fixture')
    expect(coder).toMatchObject({
      tools: [{ name: 'code_executor', kind: 'code-exec', line: 116 }],
      controls: { sandbox: false },
      autonomy: { codeExecution: true },
    })
    expect(coder!.evidence['controls.sandbox']).toBe(116)
  })

  it('reads a YAML swarm whose agents hand off to each other', () => {
    const result = read('ours-swarm.yaml')
    expect(result.problems).toEqual([])
    const [swarm, planner, booker] = result.agents
    expect(swarm).toMatchObject({
      name: 'travel_swarm',
      delegation: { mode: 'swarm', dynamic: true },
      subAgents: ['planner', 'booker'],
    })
    expect(swarm!.notes).toContain(
      'the team stops on: HandoffTermination(user)',
    )
    expect(planner).toMatchObject({
      model: {
        name: '${PLANNER_MODEL}',
        provider: 'anthropic',
        unresolved: true,
      },
      delegation: { peers: ['booker'], mode: 'handoff' },
      source: { line: 13 },
    })
    expect(booker!.tools[0]).toMatchObject({
      name: 'book_flight',
      kind: 'network',
      line: 32,
    })
  })

  it('reads the teams and agents of an AutoGen Studio gallery', () => {
    const result = read('ours-gallery.json')
    expect(result.agents.map((a) => [a.name, a.parent])).toEqual([
      ['writing_team', undefined],
      ['writer', 'writing_team'],
      ['web_surfer', undefined],
    ])
    expect(result.agents[0]!.notes).toContain(
      'no termination condition or max_turns: the team runs until stopped from code',
    )
    expect(result.agents[2]).toMatchObject({
      tools: [{ name: 'web_surfer', kind: 'browser' }],
      exposure: { untrustedInput: true },
    })
  })

  it('caps And-terminations only when every branch has a cap', () => {
    const team = (termination: string) =>
      autogen.parse(
        textFile(
          't.json',
          `{"provider":"autogen_agentchat.teams.RoundRobinGroupChat","component_type":"team","config":{"name":"t","participants":[],"termination_condition":${termination}}}`,
        ),
      ).agents[0]!
    const max = (n: number) =>
      `{"provider":"autogen_agentchat.conditions.MaxMessageTermination","config":{"max_messages":${n}}}`
    const text =
      '{"provider":"autogen_agentchat.conditions.TextMentionTermination","config":{"text":"DONE"}}'
    const and = (a: string, b: string) =>
      `{"provider":"autogen_agentchat.base.AndTerminationCondition","config":{"conditions":[${a},${b}]}}`
    expect(team(and(max(5), text)).autonomy.maxIterations).toBeUndefined()
    expect(team(and(max(5), max(8))).autonomy.maxIterations).toBe(8)
  })

  it("leaves other tools' agent_type fields alone", () => {
    const result = autogen.parse(
      textFile(
        'agent.json',
        '{"agent_type":"memgpt_agent","name":"x","llm_config":{"model":"gpt-4"}}',
      ),
    )
    expect(result.rejected).toMatch(/not an AutoGen component/)
  })

  it('rejects components that are not teams or agents', () => {
    const result = autogen.parse(
      textFile(
        'model.json',
        '{"provider":"autogen_ext.models.openai.OpenAIChatCompletionClient","component_type":"model","config":{"model":"gpt-4o"}}',
      ),
    )
    expect(result.agents).toEqual([])
    expect(result.rejected).toMatch(/is not a team or an agent/)
  })

  it.each(otherExportFixtures(autogen))(
    'rejects %s, another export format, cleanly',
    (path) => {
      expectCleanRejection(autogen, path)
    },
  )

  it.each(DECOYS)('does not take the decoy %s', (path, text) => {
    expectDecoyRefused(autogen, path, text)
  })

  it('reports broken JSON with its line and does not throw', () => {
    const result = autogen.parse(
      textFile(
        'team.json',
        '{\n  "provider": "autogen_agentchat.teams.RoundRobinGroupChat",\n  "config": {\n    "participants": [,]\n  }\n}\n',
      ),
    )
    expect(result.agents).toEqual([])
    expect(result.problems[0]).toMatchObject({ file: 'team.json', line: 4 })
  })

  it('survives hostile shapes with a problem instead of an exception', () => {
    const result = autogen.parse(
      textFile(
        'team.json',
        '{"provider":"autogen_agentchat.teams.RoundRobinGroupChat","component_type":"team","config":{"participants":[null,{"provider":"autogen_agentchat.agents.AssistantAgent","component_type":"agent","config":{"tools":"all","handoffs":{}}}]}}',
      ),
    )
    expect(result.problems.map((p) => p.message)).toEqual([
      'participant is not a component',
      'agent component has no config.name',
    ])
    expect(result.agents.map((a) => a.name)).toEqual([
      'team',
      'AssistantAgent-2',
    ])
  })

  it('looks a team class up by its own name: a class called constructor is unknown', () => {
    const result = autogen.parse(
      textFile(
        'team.json',
        '{"provider":"autogen_agentchat.teams.constructor","component_type":"team","config":{"name":"t","participants":[{"provider":"autogen_agentchat.agents.AssistantAgent","component_type":"agent","config":{"name":"a"}}]}}',
      ),
    )
    const [team] = result.agents
    expect(team!.delegation.mode).toBeUndefined()
    expect(team!.notes).toContain(
      'unknown team class constructor: delegation mode not known',
    )
  })

  it('looks an agent class up by its own name: a class called constructor adds no tool', () => {
    const result = autogen.parse(
      textFile(
        'agent.json',
        '{"provider":"autogen_agentchat.agents.constructor","component_type":"agent","config":{"name":"a"}}',
      ),
    )
    const [agent] = result.agents
    expect(agent!.tools).toEqual([])
    expect(AgentProfileSchema.parse(agent)).toEqual(agent)
  })

  it('names a component_type mapping with its own toString and valueOf without throwing', () => {
    const result = autogen.parse(
      textFile(
        'model.json',
        '{"provider":"autogen_ext.models.openai.OpenAIChatCompletionClient","component_type":{"toString":1,"valueOf":1},"config":{}}',
      ),
    )
    expect(result.rejected).toBe(
      'AutoGen component component (autogen_ext.models.openai.OpenAIChatCompletionClient) is not a team or an agent',
    )
  })
})

import { describe, expect, it } from 'vitest'
import langgraph from '../../src/core/formats/langgraph/index.js'
import type { FormatResult } from '../../src/core/manifest/types.js'
import { AgentProfileSchema } from '../../src/core/profile/schema.js'
import { fixtureFile, textFile } from '../support/files.js'

const DIR = 'formats/langgraph'

function valid(result: FormatResult): FormatResult {
  expect(result.rejected).toBeUndefined()
  expect(result.problems).toEqual([])
  for (const agent of result.agents) {
    expect(AgentProfileSchema.parse(agent)).toEqual(agent)
  }
  return result
}

describe('LangGraph langgraph.json', () => {
  it('claims langgraph.json anywhere, other JSON by content', () => {
    expect(langgraph.matchPath('langgraph.json')).toBe('yes')
    expect(langgraph.matchPath('apps/agent/langgraph.json')).toBe('yes')
    expect(langgraph.matchPath('langgraph.dev.json')).toBe('yes')
    expect(langgraph.matchPath('config.json')).toBe('maybe')
    expect(langgraph.matchPath('langgraph.yaml')).toBe('no')
  })

  it.each([
    '100-Stars-Co__open-swe__langgraph.json',
    '314yang__deer-flow__langgraph.json',
  ])('claims the corpus file %s under its flattened name', (name) => {
    const file = fixtureFile(`${DIR}/${name}`)
    expect(langgraph.matchPath(name)).toBe('maybe')
    expect(langgraph.sniff?.(file.text, name)).toBe(true)
  })

  it('profiles one agent per graph and says where the graph really is', () => {
    const result = valid(
      langgraph.parse(fixtureFile(`${DIR}/314yang__deer-flow__langgraph.json`)),
    )
    expect(result.agents.map((a) => [a.name, a.source.line])).toEqual([
      ['deep_research', 4],
      ['podcast_generation', 5],
      ['ppt_generation', 6],
    ])
    const first = result.agents[0]!
    expect(first.notes[0]).toBe(
      'the graph is defined in code at formats/langgraph/src/workflow.py (graph); no tools, model or sub-agents are declared in langgraph.json',
    )
    expect(first).toMatchObject({
      format: 'langgraph',
      tools: [],
      memory: { kind: 'session', stores: [] },
      triggers: ['api'],
      subAgents: [],
    })
    expect(first.model).toEqual({})
    expect(first.controls.authentication).toBeUndefined()
    expect(first.notes).toContain(
      'environment (and any secrets) come from ./.env',
    )
  })

  it('reads the TypeScript deployment with a custom HTTP app', () => {
    const result = valid(
      langgraph.parse(
        fixtureFile(`${DIR}/100-Stars-Co__open-swe__langgraph.json`),
      ),
    )
    expect(result.agents).toHaveLength(1)
    const agent = result.agents[0]!
    expect(agent.name).toBe('agent')
    expect(agent.source.line).toBe(5)
    expect(agent.notes).toEqual(
      expect.arrayContaining([
        'the graph is defined in code at formats/langgraph/src/server.ts (getAgent); no tools, model or sub-agents are declared in langgraph.json',
        'custom HTTP routes from ./src/webapp.ts:app are served next to the graphs',
        'no custom auth handler (auth.path): who may call the graph depends on the deployment',
      ]),
    )
  })

  it('reads store, checkpointer, auth, env and CORS', () => {
    const [agent] = valid(
      langgraph.parse(fixtureFile(`${DIR}/ours-langgraph.json`)),
    ).agents
    expect(agent).toMatchObject({
      name: 'support',
      description: 'Our fixture: answers tickets',
      memory: {
        kind: 'persistent',
        writable: true,
        stores: [
          'langgraph store with semantic index (openai:text-embedding-3-small) (TTL 1440 min)',
          'checkpointer (TTL 43200 min)',
        ],
      },
      controls: { authentication: true },
      identity: { authSchemes: ['custom'], credentials: ['OPENAI_API_KEY'] },
      evidence: { memory: 8, 'controls.authentication': 13, identity: 7 },
    })
    expect(agent?.notes).toEqual(
      expect.arrayContaining([
        'requests are authenticated by the custom handler ./auth.py:auth',
        'CORS allows any origin (allow_origins "*")',
      ]),
    )
  })

  it('rejects JSON without a graphs map, and does not sniff decoys', () => {
    expect(
      langgraph.parse(textFile('langgraph.json', '{ "dependencies": ["."] }'))
        .rejected,
    ).toMatch(/no graphs map/)
    for (const text of [
      '{ "name": "x", "version": "1.0.0", "main": "index.js" }',
      '{ "compilerOptions": { "paths": { "@/*": ["./src/*"] } } }',
      '{ "graphs": "a chart library setting" }',
    ]) {
      expect(langgraph.sniff?.(text, 'x.json')).toBe(false)
    }
  })

  it('reports malformed JSON with the file and line, without throwing', () => {
    const result = langgraph.parse(
      textFile('langgraph.json', '{\n  "graphs": {\n    "a": \n  }\n}'),
    )
    expect(result.agents).toEqual([])
    expect(result.problems[0]).toMatchObject({
      file: 'langgraph.json',
      line: 4,
      level: 'error',
    })
  })
})

import { describe, expect, it } from 'vitest'
import oasf from '../../src/core/formats/oasf-record/index.js'
import type { FormatResult } from '../../src/core/manifest/types.js'
import {
  AgentProfileSchema,
  type AgentProfile,
} from '../../src/core/profile/schema.js'
import { fixtureFile, textFile } from '../support/files.js'

const DIR = 'formats/oasf-record'

function only(result: FormatResult): AgentProfile {
  expect(result.rejected).toBeUndefined()
  expect(result.problems).toEqual([])
  expect(result.agents).toHaveLength(1)
  const agent = result.agents[0]!
  expect(AgentProfileSchema.parse(agent)).toEqual(agent)
  return agent
}

describe('AGNTCY OASF record', () => {
  it('leaves every JSON to the content, and sniffs for the record shape', () => {
    expect(oasf.matchPath('records/agent.json')).toBe('maybe')
    expect(oasf.matchPath('record.yaml')).toBe('no')
    const name = 'agntcy__dir__record_080.json'
    const file = fixtureFile(`${DIR}/${name}`)
    expect(oasf.matchPath(name)).toBe('maybe')
    expect(oasf.sniff?.(file.text, name)).toBe(true)
  })

  it('reads the corpus record: skills, framework and locator', () => {
    const agent = only(
      oasf.parse(fixtureFile(`${DIR}/agntcy__dir__record_080.json`)),
    )
    expect(agent).toMatchObject({
      name: 'directory.agntcy.org/example/research-assistant-v4',
      format: 'oasf-record',
      source: { line: 2 },
      description:
        'AI research assistant for data analysis and problem solving.',
      skills: [
        {
          name: 'natural_language_processing/natural_language_generation/text_completion',
          description: 'OASF skill 10201',
        },
        {
          name: 'natural_language_processing/analytical_reasoning/problem_solving',
          description: 'OASF skill 10702',
        },
      ],
      tools: [],
      controls: {},
    })
    expect(agent.memory.kind).toBeUndefined()
    expect(agent.evidence.skills).toBe(13)
    expect(agent.notes).toEqual([
      "built with crewai 0.55.2: its tools and model are defined in that framework's code or manifest, not in this record",
      'published as docker_image https://ghcr.io/agntcy/research-assistant',
      'an OASF record is catalogue metadata: the tools, memory and controls it does not list must be read from the implementation',
    ])
  })

  it('reads MCP, A2A and model modules', () => {
    const agent = only(
      oasf.parse(fixtureFile(`${DIR}/ours-record-modules.json`)),
    )
    expect(agent.tools).toMatchObject([
      {
        name: 'github',
        kind: 'cloud-admin',
        source: 'mcp',
        line: 14,
        server: {
          transport: 'stdio',
          command: 'npx',
          env: ['GITHUB_TOKEN'],
          pinned: false,
        },
      },
    ])
    expect(agent.identity.credentials).toEqual(['GITHUB_TOKEN'])
    expect(agent.model).toEqual({
      name: 'gpt-4o',
      provider: 'openai',
      temperature: 0.3,
    })
    expect(agent.exposure).toMatchObject({
      reach: 'public',
      endpoint: 'https://support.example.org/a2a',
      channels: ['a2a'],
    })
    expect(agent.triggers).toEqual(['api'])
    expect(agent.controls.authentication).toBe(false)
    expect(agent.evidence['controls.authentication']).toBe(28)
    expect(agent.notes).toEqual(
      expect.arrayContaining([
        'MCP server github runs an unpinned package (npx -y @modelcontextprotocol/server-github)',
        'its A2A card exposes https://support.example.org/a2a with no securitySchemes',
        'the record is signed',
      ]),
    )
  })

  it('reads the newer MCP module shape (name + connections)', () => {
    const record = {
      name: 'r',
      schema_version: '0.8.0',
      skills: [],
      locators: [],
      modules: [
        {
          name: 'integration/mcp',
          data: {
            name: 'remote-search',
            connections: [
              { type: 'streamable-http', url: 'https://mcp.example.com/mcp' },
            ],
          },
        },
      ],
    }
    const agent = only(
      oasf.parse(textFile('r.json', JSON.stringify(record, null, 2))),
    )
    expect(agent.tools).toMatchObject([
      {
        name: 'remote-search',
        source: 'mcp',
        server: { transport: 'http', url: 'https://mcp.example.com/mcp' },
      },
    ])
  })

  it('rejects JSON that only resembles a record, and leaves decoys alone', () => {
    expect(
      oasf.parse(
        textFile(
          'x.json',
          '{ "name": "x", "schema_version": "1", "skills": [] }',
        ),
      ).rejected,
    ).toMatch(/^not an OASF record/)
    expect(oasf.parse(textFile('x.json', '[1, 2]')).rejected).toMatch(
      /not a JSON object/,
    )
    for (const text of [
      '{ "name": "x", "version": "1.0.0", "dependencies": {} }',
      '{ "$schema": "http://json-schema.org/draft-07/schema#", "properties": { "skills": { "type": "array" } } }',
    ]) {
      expect(oasf.sniff?.(text, 'x.json')).toBe(false)
    }
  })

  it('reports malformed JSON with the file and line, without throwing', () => {
    const result = oasf.parse(
      textFile('record.json', '{\n  "name": "x",\n  "skills": [,\n}'),
    )
    expect(result.agents).toEqual([])
    expect(result.problems[0]).toMatchObject({
      file: 'record.json',
      line: 3,
      level: 'error',
    })
  })
})

import { describe, expect, it } from 'vitest'
import roo from '../../src/core/formats/roo-modes/index.js'
import { AgentProfileSchema } from '../../src/core/profile/schema.js'
import { fixtureFile, textFile } from '../support/files.js'

const DIR = 'formats/roo-modes'

describe('roo-modes: paths', () => {
  it('claims .roomodes and the custom modes file', () => {
    expect(roo.matchPath('.roomodes')).toBe('yes')
    expect(roo.matchPath('packages/app/.roomodes')).toBe('yes')
    expect(roo.matchPath('settings/custom_modes.yaml')).toBe('yes')
    expect(roo.matchPath('owner__repo__.roomodes')).toBe('maybe')
    expect(roo.matchPath('.roo/mcp.json')).toBe('no')
    expect(roo.matchPath('modes.yaml')).toBe('no')
    expect(roo.sniff?.('customModes:\n  - slug: a\n', 'x.roomodes')).toBe(true)
    expect(roo.sniff?.('{ "customModes": [] }', 'x.roomodes')).toBe(true)
    expect(roo.sniff?.('apiVersion: v1\nkind: Pod\n', 'x.roomodes')).toBe(false)
  })
})

describe('roo-modes: our fixtures', () => {
  const path = `${DIR}/ours-yaml/.roomodes`
  const result = roo.parse(fixtureFile(path))

  it('gives one profile per mode with its groups as tools', () => {
    for (const agent of result.agents)
      expect(AgentProfileSchema.parse(agent)).toEqual(agent)
    expect(result.agents.map((a) => [a.name, a.source.line])).toEqual([
      ['orchestrator', 6],
      ['docs-writer', 21],
      ['reviewer', 30],
      ['typo', 39],
    ])
    const [orchestrator, docs, reviewer] = result.agents
    expect(orchestrator).toMatchObject({
      format: 'roo-modes',
      description: 'Use for multi-step projects that span several modes.',
      tools: [
        { name: 'read', kind: 'file-read', line: 14 },
        { name: 'edit', kind: 'file-write', line: 15 },
        { name: 'command', kind: 'shell', line: 18 },
        {
          name: 'mcp',
          kind: 'mcp-server',
          line: 19,
          wildcard: true,
          source: 'mcp',
        },
      ],
      exposure: { reach: 'local' },
      triggers: ['chat'],
      evidence: { name: 6, instructions: 8, tools: 13 },
    })
    expect(orchestrator?.instructions).toMatch(
      /^You coordinate complex work .*\n\nAlways delegate implementation with new_task\.$/s,
    )
    // A regex that matches every file narrows nothing.
    expect(orchestrator?.controls.allowlists).toBeUndefined()
    expect(orchestrator?.notes).toContain(
      'fileRegex .* matches every file: it limits nothing',
    )
    expect(docs).toMatchObject({
      description: '📝 Docs Writer',
      tools: [
        { name: 'read' },
        {
          name: 'edit',
          description: 'only files matching \\.(md|mdx)$ (Markdown files only)',
        },
        { name: 'browser', kind: 'browser' },
      ],
      controls: { allowlists: true },
      evidence: { 'controls.allowlists': 26 },
    })
    expect(reviewer).toMatchObject({
      description: 'Reviews code without changing it',
      tools: [{ name: 'read', kind: 'file-read', readOnly: true }],
    })
    // Approvals live in the editor, not in this file.
    expect(orchestrator?.controls.humanApproval).toBeUndefined()
  })

  it('reports a mode without slug and an unknown group, and keeps the rest', () => {
    expect(result.problems).toMatchObject([
      { file: path, line: 36, field: 'customModes[3].slug', level: 'error' },
      {
        file: path,
        line: 44,
        field: 'customModes[4].groups[1]',
        level: 'warning',
      },
    ])
    expect(result.agents.find((a) => a.name === 'typo')?.tools).toHaveLength(1)
  })

  it('reads the JSON form', () => {
    const json = roo.parse(fixtureFile(`${DIR}/ours-json/.roomodes`))
    expect(json.problems).toEqual([])
    expect(json.agents).toHaveLength(1)
    expect(json.agents[0]).toMatchObject({
      name: 'test-runner',
      source: { line: 4 },
      tools: [
        { name: 'read', kind: 'file-read' },
        { name: 'command', kind: 'shell' },
        {
          name: 'edit',
          kind: 'file-write',
          description: 'only files matching ^(src|test)/.*\\.ts$',
        },
      ],
      controls: { allowlists: true },
    })
  })

  it('rejects YAML that is not a modes file and reports broken YAML with its line', () => {
    expect(
      roo.parse(textFile('.roomodes', 'services:\n  web: {}\n')).rejected,
    ).toMatch(/no customModes/)
    const broken = roo.parse(
      textFile('.roomodes', 'customModes:\n  - slug: a\n   groups: [read\n'),
    )
    expect(broken.agents).toEqual([])
    expect(broken.problems[0]).toMatchObject({
      file: '.roomodes',
      level: 'error',
    })
    expect(broken.problems[0]?.line).toBeGreaterThanOrEqual(2)
    const notList = roo.parse(
      textFile('.roomodes', 'customModes:\n  slug: a\n'),
    )
    expect(notList.problems).toMatchObject([{ field: 'customModes', line: 1 }])
  })

  it('reads a mode without groups as a mode without tools', () => {
    const none = roo.parse(
      textFile('.roomodes', 'customModes:\n  - slug: chat\n    name: Chat\n'),
    )
    expect(none.agents[0]).toMatchObject({ name: 'chat', tools: [] })
    expect(none.agents[0]?.notes).toContain('no groups: the mode has no tools')
  })
})

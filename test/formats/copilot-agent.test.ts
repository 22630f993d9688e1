import { describe, expect, it } from 'vitest'
import copilot from '../../src/core/formats/copilot-agent/index.js'
import { AgentProfileSchema } from '../../src/core/profile/schema.js'
import { fixtureFile, textFile } from '../support/files.js'

const DIR = 'formats/copilot-agent'
const REPO = `${DIR}/ours-repo/.github`

function claims(path: string, text: string): boolean {
  const candidacy = copilot.matchPath(path)
  return (
    candidacy === 'yes' ||
    (candidacy === 'maybe' &&
      (copilot.sniff?.(text.slice(0, 16384), path) ?? false))
  )
}

function only(
  path: string,
): ReturnType<typeof copilot.parse>['agents'][number] {
  const result = copilot.parse(fixtureFile(path))
  expect(result.rejected).toBeUndefined()
  expect(result.problems).toEqual([])
  expect(result.agents).toHaveLength(1)
  const agent = result.agents[0]!
  expect(AgentProfileSchema.parse(agent)).toEqual(agent)
  return agent
}

describe('copilot-agent: paths', () => {
  it('claims custom agents and chat modes', () => {
    expect(copilot.matchPath('.github/agents/reviewer.agent.md')).toBe('yes')
    expect(copilot.matchPath('.github/agents/team/reviewer.agent.md')).toBe(
      'yes',
    )
    expect(copilot.matchPath('.github/agents/reviewer.md')).toBe('yes')
    expect(copilot.matchPath('.github/chatmodes/plan.chatmode.md')).toBe('yes')
    expect(copilot.matchPath('agents/reviewer.agent.md')).toBe('yes')
    expect(copilot.matchPath('docs/examples/reviewer.agent.md')).toBe('maybe')
    expect(copilot.matchPath('docs/plan.chatmode.md')).toBe('maybe')
    expect(copilot.matchPath('.github/agents/README.md')).toBe('no')
    expect(copilot.matchPath('.github/workflows/ci.yml')).toBe('no')
    expect(copilot.matchPath('.claude/agents/reviewer.md')).toBe('no')
  })

  it.each([
    'github__awesome-copilot__context7.agent.md',
    'github__awesome-copilot__ai-team-producer.agent.md',
    'github__awesome-copilot__agent-governance-reviewer.agent.md',
  ])('claims the corpus file %s under its flattened name', (name) => {
    const file = fixtureFile(`${DIR}/${name}`)
    expect(copilot.matchPath(file.path)).toBe('maybe')
    expect(claims(file.path, file.text)).toBe(true)
  })

  it('does not sniff an .agent.md without front matter', () => {
    const file = fixtureFile(`${DIR}/ours-decoys/notes.agent.md`)
    expect(claims(file.path, file.text)).toBe(false)
    expect(copilot.parse(file).rejected).toMatch(/no YAML front matter/)
  })
})

describe('copilot-agent: corpus', () => {
  it('reads an MCP server with a secret header, MCP tools and a handoff', () => {
    const agent = only(`${DIR}/github__awesome-copilot__context7.agent.md`)
    expect(agent.tools.map((t) => [t.name, t.kind, t.line, t.source])).toEqual([
      ['context7', 'search', 7, 'mcp'],
      ['read', 'file-read', 5, 'builtin'],
      ['search', 'file-read', 5, 'builtin'],
      ['web', 'network', 5, 'builtin'],
      ['agent/runSubagent', 'agent-call', 5, 'builtin'],
    ])
    expect(agent.tools[0]).toMatchObject({
      wildcard: false,
      server: { transport: 'http', url: 'https://mcp.context7.com/mcp' },
    })
    expect(agent).toMatchObject({
      name: 'Context7-Expert',
      source: { line: 2 },
      identity: {
        kind: 'scoped',
        credentials: ['CONTEXT7_API_KEY', 'COPILOT_MCP_CONTEXT7'],
      },
      delegation: { canDelegate: true, mode: 'handoff', peers: ['agent'] },
      model: { unresolved: true },
      triggers: ['chat'],
      evidence: { tools: 5, identity: 7, instructions: 18 },
    })
    expect(JSON.stringify(agent)).not.toContain('${{')
    expect(agent.notes).toContain(
      'MCP server context7 receives the secrets COPILOT_MCP_CONTEXT7 at run time (placeholders, not values)',
    )
  })

  it('gives an agent without a tools list every tool', () => {
    const agent = only(
      `${DIR}/github__awesome-copilot__ai-team-producer.agent.md`,
    )
    expect(agent).toMatchObject({
      name: 'ai-team-producer',
      allTools: true,
      tools: [],
      evidence: { tools: 2 },
    })
    expect(agent.notes).toContain(
      'no tools list: the agent gets every tool, MCP servers included',
    )
  })

  it('reads a pinned model and a terminal tool', () => {
    const agent = only(
      `${DIR}/github__awesome-copilot__agent-governance-reviewer.agent.md`,
    )
    expect(agent).toMatchObject({
      name: 'Agent Governance Reviewer',
      source: { line: 5 },
      model: { name: 'gpt-4o', provider: 'openai' },
      tools: [
        { name: 'codebase', kind: 'file-read', line: 4 },
        { name: 'terminalCommand', kind: 'shell', line: 4 },
      ],
    })
    expect(agent.model.unresolved).toBeUndefined()
    expect(agent.allTools).toBeUndefined()
  })
})

describe('copilot-agent: our fixtures', () => {
  it('reads a cloud agent with secrets, variables, sub-agents and a sending handoff', () => {
    const agent = only(`${REPO}/agents/deployer.agent.md`)
    expect(agent.tools.map((t) => [t.name, t.kind, t.readOnly])).toEqual([
      ['deploy-tools', 'mcp-server', undefined],
      ['execute', 'shell', undefined],
      ['edit', 'file-write', undefined],
      ['github/*', 'network', true],
    ])
    expect(agent).toMatchObject({
      name: 'deployer',
      triggers: ['event'],
      model: { name: 'Claude Sonnet 4.5 (copilot)', provider: 'anthropic' },
      subAgents: ['release-notes', 'smoke-tester'],
      delegation: {
        canDelegate: true,
        mode: 'handoff',
        peers: ['release-notes'],
      },
      evidence: { triggers: 4, model: 6, subAgents: 19, delegation: 22 },
    })
    expect(agent.identity.credentials).toEqual([
      'DEPLOY_TOKEN',
      'COPILOT_MCP_DEPLOY_TOKEN',
    ])
    expect(agent.notes).toEqual(
      expect.arrayContaining([
        'MCP server deploy-tools is configured by the variables COPILOT_MCP_REGION, set outside the file',
        'MCP server unused is configured but none of its tools is in tools',
        'model list: falls back from Claude Sonnet 4.5 (copilot) to GPT-5 (copilot)',
        'handoff to release-notes sends its prompt without the user editing it',
        'only a person can pick it; other agents do not start it',
      ]),
    )
    expect(agent.tools.some((t) => t.name === 'unused')).toBe(false)
  })

  it('reads a plain .md agent with a comma-separated tools string', () => {
    const agent = only(`${REPO}/agents/reader.md`)
    expect(agent).toMatchObject({
      name: 'reader',
      source: { line: 2 },
      tools: [
        { name: 'read', kind: 'file-read' },
        { name: 'search', kind: 'file-read' },
        { name: 'web/fetch', kind: 'network' },
      ],
      triggers: [],
      model: { name: 'GPT-4.1', provider: 'openai' },
    })
  })

  it('reads tools: [] and agents: [] as nothing', () => {
    const agent = only(`${REPO}/agents/no-tools.agent.md`)
    expect(agent).toMatchObject({
      tools: [],
      delegation: { canDelegate: false },
    })
    expect(agent.allTools).toBeUndefined()
  })

  it('reads a legacy chat mode', () => {
    const agent = only(`${REPO}/chatmodes/plan.chatmode.md`)
    expect(agent).toMatchObject({
      name: 'plan',
      triggers: ['chat'],
      model: { name: 'Claude Sonnet 4' },
    })
    expect(agent.tools.map((t) => t.name)).toEqual([
      'codebase',
      'fetch',
      'findTestFiles',
      'githubRepo',
      'search',
      'usages',
    ])
  })

  it('reports broken front matter with its file and line', () => {
    const path = `${REPO}/agents/broken.agent.md`
    const result = copilot.parse(fixtureFile(path))
    // Read line by line, as VS Code reads it, with a warning.
    expect(result.agents.map((a) => a.description)).toEqual(['"unterminated'])
    expect(result.problems[0]).toMatchObject({ file: path, level: 'warning' })
    expect(result.problems[0]?.message).toMatch(/^invalid YAML/)
    expect(result.problems[0]?.line).toBeGreaterThanOrEqual(3)
  })

  it('warns about a missing description and a tools field of the wrong type', () => {
    const result = copilot.parse(
      textFile('.github/agents/x.agent.md', '---\nname: x\ntools: 7\n---\n'),
    )
    expect(result.agents).toHaveLength(1)
    expect(result.problems.map((p) => [p.field, p.line, p.level])).toEqual([
      ['description', 1, 'warning'],
      ['tools', 3, 'error'],
    ])
  })
})

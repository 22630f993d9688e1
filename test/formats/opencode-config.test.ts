import { describe, expect, it } from 'vitest'
import opencode from '../../src/core/formats/opencode-config/index.js'
import {
  AgentProfileSchema,
  type AgentProfile,
} from '../../src/core/profile/schema.js'
import { fixtureFile, textFile } from '../support/files.js'

const DIR = 'formats/opencode-config'
const CORPUS = `${DIR}/0rac1e__opencode-kit__opencode.json`

function claims(path: string, text: string): boolean {
  const candidacy = opencode.matchPath(path)
  return (
    candidacy === 'yes' ||
    (candidacy === 'maybe' &&
      (opencode.sniff?.(text.slice(0, 16384), path) ?? false))
  )
}

function agents(path: string): AgentProfile[] {
  const result = opencode.parse(fixtureFile(path))
  expect(result.rejected).toBeUndefined()
  for (const agent of result.agents)
    expect(AgentProfileSchema.parse(agent)).toEqual(agent)
  return result.agents
}

function byName(list: readonly AgentProfile[], name: string): AgentProfile {
  const agent = list.find((a) => a.name === name)
  expect(agent, name).toBeDefined()
  return agent!
}

function toolsOf(agent: AgentProfile): unknown[] {
  return agent.tools.map((t) => [
    t.name,
    t.kind,
    t.requiresApproval,
    t.readOnly,
  ])
}

describe('opencode-config: paths', () => {
  it('claims config files and Markdown agents', () => {
    expect(opencode.matchPath('opencode.json')).toBe('yes')
    expect(opencode.matchPath('tools/opencode.jsonc')).toBe('yes')
    expect(opencode.matchPath('.opencode/agent/review.md')).toBe('yes')
    expect(opencode.matchPath('pkg/.opencode/agents/review.md')).toBe('yes')
    expect(opencode.matchPath('.opencode/command/review.md')).toBe('no')
    expect(opencode.matchPath('legacy-opencode.json')).toBe('maybe')
    expect(opencode.matchPath('package.json')).toBe('no')
  })

  it('claims the corpus file under its flattened name', () => {
    const file = fixtureFile(CORPUS)
    expect(opencode.matchPath(file.path)).toBe('maybe')
    expect(claims(file.path, file.text)).toBe(true)
  })

  it('does not sniff a JSON file that only has the name', () => {
    const file = fixtureFile(`${DIR}/ours-decoys/legacy-opencode.json`)
    expect(claims(file.path, file.text)).toBe(false)
  })
})

describe('opencode-config: corpus', () => {
  const list = agents(CORPUS)

  it('gives one profile per agent, linked by mode', () => {
    expect(list.map((a) => [a.name, a.source.line, a.parent])).toEqual([
      ['build', 70, undefined],
      ['plan', 98, undefined],
      ['plan-reviewer', 117, 'build'],
      ['code-reviewer', 135, 'build'],
      ['code-researcher', 153, 'build'],
    ])
    expect(byName(list, 'build')).toMatchObject({
      subAgents: ['plan-reviewer', 'code-reviewer', 'code-researcher'],
      delegation: { canDelegate: true, peers: [] },
      evidence: { subAgents: 69, delegation: 69 },
    })
    // One parent per subagent: plan reaches them as peers.
    expect(byName(list, 'plan')).toMatchObject({
      subAgents: [],
      delegation: {
        canDelegate: true,
        peers: ['plan-reviewer', 'code-reviewer', 'code-researcher'],
      },
    })
  })

  it('reads the build agent: edits allowed, bash asks with pre-approved commands', () => {
    const build = byName(list, 'build')
    expect(toolsOf(build)).toEqual([
      ['bash', 'shell', true, undefined],
      ['bash (pre-approved)', 'shell', false, undefined],
      ['edit', 'file-write', false, undefined],
      ['webfetch', 'network', true, true],
      ['read', 'file-read', false, true],
      ['task', 'agent-call', false, undefined],
    ])
    expect(build.tools[1]?.description).toMatch(
      /^runs without asking: make \*, go test \*/,
    )
    expect(build).toMatchObject({
      description: 'Full development work with all tools enabled',
      controls: { allowlists: true },
      evidence: { name: 70, tools: 73, 'controls.allowlists': 73 },
    })
    // Edits run unasked while bash asks: the approval control is mixed.
    expect(build.controls.humanApproval).toBeUndefined()
    // The agent's own "*": "ask" comes after the global refusals.
    expect(build.notes.join('\n')).toMatch(
      /bash: a later "\*": "ask" rule overrides the refusals written before it \(rm -rf \*/,
    )
  })

  it('reads the plan agent: everything that changes things asks', () => {
    const plan = byName(list, 'plan')
    expect(toolsOf(plan).slice(0, 3)).toEqual([
      ['bash', 'shell', true, undefined],
      ['bash (pre-approved)', 'shell', false, true],
      ['edit', 'file-write', true, undefined],
    ])
    expect(plan.controls).toMatchObject({ humanApproval: true })
  })

  it('reads the reviewers as read-only', () => {
    for (const name of ['plan-reviewer', 'code-reviewer', 'code-researcher']) {
      const agent = byName(list, name)
      expect(agent.tools.some((t) => t.kind === 'file-write')).toBe(false)
      expect(agent.tools.find((t) => t.name === 'bash')).toMatchObject({
        requiresApproval: false,
        readOnly: true,
        description: expect.stringMatching(/^only ls \*, cat \*/),
      })
      expect(agent.notes).toContain('edit is denied')
      expect(agent.tools.some((t) => t.kind === 'agent-call')).toBe(false)
    }
  })

  it('keeps the global instruction files as a note', () => {
    expect(byName(list, 'build').notes).toContain(
      'instructions also come from AGENTS.md, PROJECT-KNOWLEDGE.md, .opencode/rules/*.md',
    )
  })
})

describe('opencode-config: our fixtures', () => {
  const path = `${DIR}/ours-project/opencode.jsonc`
  const list = agents(path)

  it('adds the default agent, honours default_agent and task refusals', () => {
    expect(list.map((a) => [a.name, a.parent])).toEqual([
      ['build', undefined],
      ['dev', undefined],
      ['reviewer', 'dev'],
      ['deployer', undefined],
      ['odd', undefined],
    ])
    expect(byName(list, 'dev').subAgents).toEqual(['reviewer'])
    expect(byName(list, 'deployer').notes).toContain(
      'no primary agent of this file may start it',
    )
    expect(byName(list, 'build').notes).toContain('task refuses: deployer')
  })

  it('reads a primary agent with its own model, prompt file and step cap', () => {
    const dev = byName(list, 'dev')
    expect(dev).toMatchObject({
      model: { name: 'openai/gpt-5', provider: 'openai', temperature: 0.2 },
      instructions: 'You write code for this project and run its tests.',
      autonomy: { maxIterations: 40 },
      evidence: { model: 22, autonomy: 24, instructions: 25 },
    })
    expect(toolsOf(dev).slice(0, 3)).toEqual([
      ['bash', 'shell', true, undefined],
      ['bash (pre-approved)', 'shell', false, undefined],
      ['edit', 'file-write', false, undefined],
    ])
    expect(dev.tools.some((t) => t.name === 'webfetch')).toBe(false)
  })

  it('reads MCP servers: toggled off, disabled, and env references as credentials', () => {
    const build = byName(list, 'build')
    const servers = build.tools.filter((t) => t.source === 'mcp')
    expect(servers.map((t) => [t.name, t.line])).toEqual([['search', 15]])
    expect(build.identity.credentials).toContain('SEARCH_KEY')
    expect(build.notes).toContain('MCP server jira is switched off in tools')
    expect(build).toMatchObject({
      model: { name: 'anthropic/claude-sonnet-4-5', provider: 'anthropic' },
      controls: { humanApproval: true, allowlists: true },
    })
  })

  it('reads a subagent whose own "*" rule reopens bash', () => {
    const deployer = byName(list, 'deployer')
    expect(deployer.tools.find((t) => t.name === 'bash')).toMatchObject({
      requiresApproval: false,
    })
    expect(deployer.notes.join('\n')).toMatch(
      /overrides the refusals written before it \(rm \*\)/,
    )
    const reviewer = byName(list, 'reviewer')
    expect(reviewer.tools.map((t) => t.name)).toEqual(['read', 'search'])
    expect(reviewer.notes).toContain('webfetch is switched off in tools')
  })

  it('warns about an unknown mode and skips disabled agents', () => {
    const result = opencode.parse(fixtureFile(path))
    expect(result.problems).toMatchObject([
      { file: path, line: 41, field: 'mode', level: 'warning' },
    ])
    expect(result.agents.some((a) => a.name === 'retired')).toBe(false)
  })

  it('reads a Markdown subagent on top of the project config', () => {
    const [security] = agents(`${DIR}/ours-project/.opencode/agent/security.md`)
    expect(security).toMatchObject({
      name: 'security',
      parent: 'build',
      description: 'Audits the code for vulnerabilities',
      model: { name: 'anthropic/claude-opus-4-1' },
      instructions: 'You audit code for vulnerabilities. Report, do not fix.',
    })
    expect(toolsOf(security!)).toEqual([
      ['bash', 'shell', false, true],
      ['read', 'file-read', false, true],
      ['search', 'search', false, undefined],
    ])
    expect(security!.tools[2]?.line).toBeUndefined()
    expect(security!.notes).toContain(
      `global settings come from ${DIR}/ours-project/opencode.jsonc`,
    )
  })

  it('reads a config without permissions as "allow everything"', () => {
    const [build] = agents(`${DIR}/ours-minimal/opencode.json`)
    expect(build).toMatchObject({
      name: 'build',
      autonomy: { permissionMode: 'allow' },
      controls: { humanApproval: false },
    })
    expect(build!.tools.map((t) => t.name)).toEqual([
      'bash',
      'edit',
      'webfetch',
      'read',
      'task',
      'browser',
    ])
    expect(build!.tools.find((t) => t.name === 'browser')?.server?.pinned).toBe(
      false,
    )
  })

  it('reports broken JSON with its file and line', () => {
    const broken = `${DIR}/ours-broken/opencode.json`
    const result = opencode.parse(fixtureFile(broken))
    expect(result.agents).toEqual([])
    expect(result.problems).toMatchObject([
      {
        file: broken,
        line: 3,
        level: 'error',
        message: expect.stringMatching(/^invalid JSON/),
      },
    ])
  })

  it('reports broken front matter and a permission of the wrong type', () => {
    const md = opencode.parse(
      textFile('.opencode/agent/x.md', '---\ndescription: [oops\n---\nbody\n'),
    )
    // OpenCode reads such front matter permissively: so does the reader.
    expect(md.agents.map((a) => a.description)).toEqual(['[oops'])
    expect(md.problems[0]).toMatchObject({
      file: '.opencode/agent/x.md',
      level: 'warning',
    })
    const bad = opencode.parse(
      textFile(
        'opencode.json',
        '{\n  "permission": {\n    "bash": 3\n  }\n}\n',
      ),
    )
    expect(bad.problems).toMatchObject([{ field: 'permission.bash', line: 3 }])
  })
})

import { describe, expect, it } from 'vitest'
import plugin from '../../src/core/formats/claude-code-plugin/index.js'
import client from '../../src/core/formats/mcp-client-config/index.js'
import type { FormatResult } from '../../src/core/manifest/types.js'
import {
  AgentProfileSchema,
  type AgentProfile,
} from '../../src/core/profile/schema.js'
import { fixtureFile, textFile } from '../support/files.js'

const DIR = 'formats/claude-code-plugin'

function only(result: FormatResult): AgentProfile {
  expect(result.rejected).toBeUndefined()
  expect(result.agents).toHaveLength(1)
  const agent = result.agents[0]!
  expect(AgentProfileSchema.parse(agent)).toEqual(agent)
  return agent
}

describe('claude-code-plugin', () => {
  it('claims plugin and marketplace manifests only', () => {
    expect(plugin.matchPath('.claude-plugin/plugin.json')).toBe('yes')
    expect(plugin.matchPath('plugins/x/.claude-plugin/plugin.json')).toBe('yes')
    expect(plugin.matchPath('.claude-plugin/marketplace.json')).toBe('yes')
    expect(plugin.matchPath('plugin.json')).toBe('no')
    expect(plugin.matchPath('.claude/settings.json')).toBe('no')
    expect(plugin.matchPath('.claude-plugin/other.json')).toBe('no')
  })

  it('reads inline servers, agents, commands and hooks', () => {
    const path = `${DIR}/ours-release-tools/.claude-plugin/plugin.json`
    const result = plugin.parse(fixtureFile(path))
    expect(result.problems).toEqual([])
    const agent = only(result)
    expect(agent).toMatchObject({
      name: 'release-tools',
      format: 'claude-code-plugin',
      source: { file: path, line: 2 },
      description: 'Cut releases: changelog, version bump, tag and publish.',
      subAgents: ['release-manager'],
      delegation: { canDelegate: true },
      exposure: { reach: 'local', channels: ['cli'] },
      triggers: ['chat'],
      identity: { kind: 'scoped', credentials: ['NPM_TOKEN', 'Authorization'] },
      evidence: { subAgents: 10, tools: 13 },
    })
    expect(agent.tools).toMatchObject([
      {
        name: 'npm-registry',
        kind: 'mcp-server',
        line: 13,
        server: {
          transport: 'stdio',
          command: './servers/npm-registry',
          args: ['--config', './config.json'],
        },
      },
      {
        name: 'github',
        kind: 'cloud-admin',
        line: 18,
        server: {
          transport: 'http',
          url: 'https://api.githubcopilot.com/mcp/',
        },
      },
    ])
    expect(agent.skills.map((s) => s.name)).toEqual(['/release', '/changelog'])
    expect(agent.notes).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/run commands on PreToolUse, PostToolUse/),
        expect.stringMatching(/may under-report/),
      ]),
    )
    expect(agent.notes.join('\n')).not.toMatch(/placeholders/)
  })

  it('reads the defaults: .mcp.json and hooks/hooks.json at the plugin root', () => {
    const agent = only(
      plugin.parse(
        fixtureFile(`${DIR}/ours-sql-helper/.claude-plugin/plugin.json`),
      ),
    )
    expect(agent.name).toBe('sql-helper')
    expect(agent.tools).toMatchObject([
      {
        name: 'sqlite',
        kind: 'database',
        server: { command: 'uvx', pinned: false },
      },
    ])
    expect(agent.tools[0]?.line).toBeUndefined()
    expect(agent.subAgents).toEqual([])
    expect(agent.notes).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/sqlite runs an unpinned package/),
        `MCP servers are read from ${DIR}/ours-sql-helper/.mcp.json`,
        expect.stringMatching(
          /ours-sql-helper\/agents are profiled from their own files/,
        ),
        expect.stringMatching(/run commands on SessionStart/),
      ]),
    )
  })

  it('leaves the plugin .mcp.json to the plugin, not to the client-config reader', () => {
    const result = client.parse(fixtureFile(`${DIR}/ours-sql-helper/.mcp.json`))
    expect(result.agents).toEqual([])
    expect(result.rejected).toMatch(/profiled with the plugin/)
  })

  it('reports a server file named in plugin.json that is missing', () => {
    const result = plugin.parse(
      textFile(
        'p/.claude-plugin/plugin.json',
        '{\n  "name": "p",\n  "mcpServers": "./mcp-config.json",\n  "agents": "../outside.md"\n}',
      ),
    )
    const agent = only(result)
    expect(agent.tools).toEqual([])
    expect(agent.subAgents).toEqual([])
    expect(result.problems).toMatchObject([
      {
        file: 'p/.claude-plugin/plugin.json',
        line: 3,
        field: 'mcpServers',
        level: 'warning',
      },
    ])
    expect(result.problems[0]?.message).toMatch(/p\/mcp-config\.json/)
  })

  it('reports a server file that is not valid JSON, naming that file', () => {
    const result = plugin.parse(
      textFile(
        'p/.claude-plugin/plugin.json',
        '{"name": "p", "mcpServers": "./servers.json"}',
        { 'p/servers.json': '{\n  "mcpServers": {\n    "x": \n}' },
      ),
    )
    expect(result.agents).toHaveLength(1)
    expect(result.problems).toMatchObject([{ file: 'p/servers.json', line: 4 }])
  })

  it('names sub-agents by their front matter, else by their file', () => {
    const agent = only(
      plugin.parse(
        textFile(
          '.claude-plugin/plugin.json',
          '{"name": "p", "agents": ["./agents/a.md", "./agents/b.md"]}',
          { 'agents/a.md': '---\nname: alpha\n---\nbody\n' },
        ),
      ),
    )
    expect(agent.subAgents).toEqual(['alpha', 'b'])
  })

  it('rejects a marketplace with a reason', () => {
    const result = plugin.parse(
      fixtureFile(`${DIR}/ours-marketplace/.claude-plugin/marketplace.json`),
    )
    expect(result.agents).toEqual([])
    expect(result.rejected).toMatch(/marketplace listing 2 plugin\(s\)/)
  })

  it('reports a missing name but keeps the profile', () => {
    const result = plugin.parse(
      textFile('tools/x/.claude-plugin/plugin.json', '{"version": "1.0.0"}'),
    )
    expect(only(result).name).toBe('x')
    expect(result.problems).toMatchObject([{ field: 'name', line: 1 }])
  })

  it('reports unreadable JSON with its file and line', () => {
    const path = `${DIR}/ours-malformed/.claude-plugin/plugin.json`
    const result = plugin.parse(fixtureFile(path))
    expect(result.agents).toEqual([])
    expect(result.problems).toMatchObject([
      { file: path, line: 4, level: 'error' },
    ])
    expect(result.problems[0]?.message).toMatch(/^invalid JSON/)
  })
})

describe('plugin bundles of other hosts', () => {
  const manifest = JSON.stringify({
    name: 'release-tools',
    description: 'Release helpers',
    agents: ['./agents/releaser.md'],
    mcpServers: {
      github: {
        command: 'npx',
        args: ['-y', '@modelcontextprotocol/server-github@1.0.0'],
      },
    },
  })
  const agent =
    '---\nname: releaser\ndescription: Cuts releases\n---\nCut the release.\n'

  it.each([
    ['plugins/rt/.codex-plugin/plugin.json', 'Codex'],
    ['plugins/rt/.cursor-plugin/plugin.json', 'Cursor'],
    ['plugins/rt/.github/plugin/plugin.json', 'Copilot CLI'],
    ['plugins/rt/.plugin/plugin.json', 'Copilot CLI'],
  ])(
    'reads %s like a Claude Code plugin, from the plugin root',
    (path, host) => {
      expect(plugin.matchPath(path)).toBe('yes')
      const profile = only(
        plugin.parse(
          textFile(path, manifest, { 'plugins/rt/agents/releaser.md': agent }),
        ),
      )
      expect(profile.name).toBe('release-tools')
      expect(profile.subAgents).toEqual(['releaser'])
      expect(profile.tools.map((t) => t.name)).toContain('github')
      expect(profile.notes.join('\n')).toContain(`a ${host} plugin`)
    },
  )

  it('claims no plugin.json outside a plugin folder', () => {
    expect(plugin.matchPath('plugin.json')).toBe('no')
    expect(plugin.matchPath('src/plugin/plugin.json')).toBe('no')
    expect(plugin.matchPath('x.plugin/plugin.json')).toBe('no')
  })
})

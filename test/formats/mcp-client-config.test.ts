import { describe, expect, it } from 'vitest'
import client from '../../src/core/formats/mcp-client-config/index.js'
import type { FormatResult } from '../../src/core/manifest/types.js'
import {
  AgentProfileSchema,
  type AgentProfile,
} from '../../src/core/profile/schema.js'
import { fixtureFile, textFile } from '../support/files.js'

const DIR = 'formats/mcp-client-config'

/** A fixture's text under another path (its canonical name). */
function as(path: string, fixture: string): ReturnType<typeof textFile> {
  return textFile(path, fixtureFile(`${DIR}/${fixture}`).text)
}

function only(result: FormatResult): AgentProfile {
  expect(result.rejected).toBeUndefined()
  expect(result.agents).toHaveLength(1)
  const agent = result.agents[0]!
  expect(AgentProfileSchema.parse(agent)).toEqual(agent)
  return agent
}

/** Whether the scanner would hand this path and text to the format. */
function claims(path: string, text: string): boolean {
  const claim = client.matchPath(path)
  return claim === 'yes' || (claim === 'maybe' && client.sniff!(text, path))
}

describe('mcp-client-config paths', () => {
  it.each([
    '.mcp.json',
    'services/api/.mcp.json',
    '.cursor/mcp.json',
    '.vscode/mcp.json',
    'claude_desktop_config.json',
    'config/claude_desktop_config.json',
    '.gemini/settings.json',
    '.codeium/windsurf/mcp_config.json',
    'cline_mcp_settings.json',
    '.roo/mcp.json',
    'mcp_settings.json',
    '.kiro/settings/mcp.json',
    '.amazonq/mcp.json',
    'tools/mcp.json',
  ])('claims %s by name', (path) => {
    expect(client.matchPath(path)).toBe('yes')
  })

  it('leaves generic JSON to the content and ignores other names', () => {
    expect(client.matchPath('config/servers.json')).toBe('maybe')
    expect(client.matchPath('.vscode/settings.json')).toBe('maybe')
    expect(client.matchPath('settings.jsonc')).toBe('maybe')
    expect(client.matchPath('package.json')).toBe('no')
    expect(client.matchPath('web/tsconfig.build.json')).toBe('no')
    expect(client.matchPath('ext/gemini-extension.json')).toBe('no')
    expect(client.matchPath('p/.claude-plugin/plugin.json')).toBe('no')
    expect(client.matchPath('.mcp.yaml')).toBe('no')
    expect(client.matchPath('README.md')).toBe('no')
  })

  it.each([
    'mcp-config/0K-cool__athena__.mcp.json',
    'mcp-config/0GiS0__home-assistant-mcp__vscode_mcp.json',
    'mcp-config/0xJacky__nginx-ui__cursor_mcp.json',
  ])('claims the corpus file %s under its flattened name', (path) => {
    const fixture = path.replace('mcp-config/', '')
    expect(client.matchPath(path)).toBe('maybe')
    expect(claims(path, fixtureFile(`${DIR}/${fixture}`).text)).toBe(true)
  })
})

describe('mcp-client-config corpus', () => {
  it('reads the Claude Code project config with pentest servers', () => {
    const agent = only(
      client.parse(as('.mcp.json', '0K-cool__athena__.mcp.json')),
    )
    expect(agent).toMatchObject({
      name: 'Claude Code (project .mcp.json)',
      format: 'mcp-client-config',
      source: { file: '.mcp.json', line: 2 },
      exposure: { reach: 'local', channels: ['cli'] },
      triggers: ['chat'],
      identity: { kind: 'scoped', credentials: ['KALI_API_KEY'] },
    })
    expect(agent.tools.map((t) => [t.name, t.kind, t.line])).toEqual([
      ['athena-knowledge-base', 'search', 3],
      ['velociraptor', 'shell', 14],
      ['kali_external', 'shell', 20],
      ['kali_internal', 'shell', 29],
      ['playwright', 'browser', 41],
    ])
    expect(agent.tools.every((t) => t.source === 'mcp' && t.wildcard)).toBe(
      true,
    )
    expect(agent.tools[0]?.description).toMatch(/Pentest Knowledge Base/)
    expect(agent.tools[4]?.server).toMatchObject({
      transport: 'stdio',
      command: 'npx',
      pinned: false,
    })
    expect(agent.memory.kind).toBeUndefined()
    expect(agent.controls).toEqual({})
    expect(agent.notes).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/playwright runs an unpinned package/),
        expect.stringMatching(
          /kali_internal has a literal value for KALI_API_KEY/,
        ),
        expect.stringMatching(/under-reports/),
      ]),
    )
  })

  it('names a nested project config after its directory', () => {
    const agent = only(
      client.parse(as('services/api/.mcp.json', '0K-cool__athena__.mcp.json')),
    )
    expect(agent.name).toBe('Claude Code (project .mcp.json in services/api)')
  })

  it('reads the VS Code servers, secret inputs and placeholders (JSONC)', () => {
    const agent = only(
      client.parse(
        as('.vscode/mcp.json', '0GiS0__home-assistant-mcp__vscode_mcp.json'),
      ),
    )
    expect(agent).toMatchObject({
      name: 'VS Code',
      source: { line: 15 },
      exposure: { reach: 'local', channels: ['ide'] },
      tools: [
        {
          name: 'home-assistant-mcp',
          kind: 'cloud-admin',
          line: 16,
          server: {
            transport: 'http',
            url: 'https://${input:home-assistant-domain}/mcp_server/sse',
            env: ['Authorization'],
          },
        },
      ],
      identity: { credentials: ['Authorization', 'home-assistant-token'] },
    })
    expect(agent.notes).toEqual(
      expect.arrayContaining([expect.stringMatching(/placeholders/)]),
    )
  })

  it('reads the Cursor config and flags @latest and unversioned packages', () => {
    const agent = only(
      client.parse(
        as('.cursor/mcp.json', '0xJacky__nginx-ui__cursor_mcp.json'),
      ),
    )
    expect(agent.name).toBe('Cursor')
    expect(agent.tools.map((t) => [t.name, t.kind, t.server?.pinned])).toEqual([
      ['eslint', 'mcp-server', false],
      ['context7', 'search', false],
    ])
    expect(agent.identity.credentials).toEqual([])
    expect(agent.identity.kind).toBeUndefined()
  })

  it('names corpus copies under generic names after their path', () => {
    const path = `${DIR}/0xJacky__nginx-ui__cursor_mcp.json`
    const agent = only(client.parse(fixtureFile(path)))
    expect(agent.name).toBe(`MCP client (${path})`)
    expect(agent.exposure.channels).toEqual([])
  })
})

describe('mcp-client-config hosts', () => {
  it('reads Gemini CLI settings (flat layout) with their tool controls', () => {
    const agent = only(
      client.parse(as('.gemini/settings.json', 'ours-gemini-settings-v1.json')),
    )
    expect(agent.name).toBe('Gemini CLI')
    expect(agent.allTools).toBeUndefined()
    expect(agent.tools.map((t) => [t.name, t.kind, t.line])).toEqual([
      ['ReadFileTool', 'file-read', 4],
      ['GlobTool', 'file-read', 5],
      ['ShellTool(git status)', 'shell', 6],
      ['run_shell_command(npm test)', 'shell', 7],
      ['github', 'cloud-admin', 16],
      ['pythonTools', 'mcp-server', 21],
    ])
    // write_file is in both lists: excluded wins.
    expect(agent.tools.find((t) => t.name === 'write_file')).toBeUndefined()
    expect(agent.tools[2]?.requiresApproval).toBe(false)
    expect(agent.tools[3]?.requiresApproval).toBeUndefined()
    expect(agent.tools[5]).toMatchObject({
      requiresApproval: false,
      wildcard: false,
    })
    expect(agent.controls).toEqual({
      allowlists: true,
      sandbox: true,
      logging: true,
    })
    expect(agent.evidence).toMatchObject({
      'controls.allowlists': 3,
      'controls.sandbox': 13,
      'controls.logging': 37,
    })
    expect(agent.identity.credentials).toEqual(['Authorization', 'API_KEY'])
    expect(agent.notes).toEqual(
      expect.arrayContaining([
        'MCP server legacy-search is excluded by the host settings: not counted as a tool',
        expect.stringMatching(/autoAccept/),
        expect.stringMatching(/allowedTools: ShellTool\(git status\)/),
        expect.stringMatching(/pythonTools has tools approved in advance/),
      ]),
    )
    // `Bearer $GITHUB_PAT` refers to a variable: not a committed secret.
    expect(agent.notes.join('\n')).not.toMatch(/literal value/)
    expect(agent.notes.join('\n')).not.toMatch(/under-reports/)
  })

  it('reads Gemini CLI settings (nested layout): open tool list, approval mode, model', () => {
    const agent = only(
      client.parse(as('.gemini/settings.json', 'ours-gemini-settings-v2.json')),
    )
    expect(agent).toMatchObject({
      allTools: true,
      model: { name: 'gemini-2.5-pro', provider: 'google' },
      autonomy: { permissionMode: 'auto_edit', maxIterations: 40 },
      controls: { allowlists: true, sandbox: false, logging: false },
      memory: { kind: 'persistent', stores: ['memory'] },
      evidence: { model: 6, 'controls.sandbox': 8, memory: 13 },
    })
    expect(agent.controls.humanApproval).toBeUndefined()
    expect(agent.tools.map((t) => t.name)).toEqual(['memory'])
    expect(agent.notes).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/No coreTools list/),
        expect.stringMatching(/auto_edit/),
        'MCP server playwright is not in the allowed server list: not counted as a tool',
      ]),
    )
  })

  it('states human approval only when the approval mode asks and nothing bypasses it', () => {
    const agent = only(
      client.parse(
        textFile(
          '.gemini/settings.json',
          '{\n  "general": { "defaultApprovalMode": "default" }\n}\n',
        ),
      ),
    )
    expect(agent.controls.humanApproval).toBe(true)
    expect(agent.evidence['controls.humanApproval']).toBe(2)
    expect(agent.tools).toEqual([])
    expect(agent.allTools).toBe(true)
  })

  it('rejects Gemini settings that say nothing about tools', () => {
    const result = client.parse(
      as('.gemini/settings.json', 'ours-gemini-settings-context-only.json'),
    )
    expect(result.agents).toEqual([])
    expect(result.rejected).toMatch(/no MCP servers and no tool/)
  })

  it('reads Cline auto-approval, disabled servers and literal secrets', () => {
    const agent = only(
      client.parse(
        as('cline_mcp_settings.json', 'ours-cline_mcp_settings.json'),
      ),
    )
    expect(agent.name).toBe('Cline')
    expect(
      agent.tools.map((t) => [t.name, t.kind, t.requiresApproval]),
    ).toEqual([
      ['github', 'cloud-admin', false],
      ['shell', 'shell', false],
    ])
    expect(agent.tools[0]?.server?.pinned).toBe(true)
    expect(agent.controls.humanApproval).toBeUndefined()
    expect(agent.identity.credentials).toEqual(['GITHUB_PERSONAL_ACCESS_TOKEN'])
    expect(agent.notes).toEqual(
      expect.arrayContaining([
        'MCP server postgres is disabled: not counted as a tool',
        expect.stringMatching(/github has tools approved in advance/),
        expect.stringMatching(
          /github has a literal value for GITHUB_PERSONAL_ACCESS_TOKEN/,
        ),
      ]),
    )
  })

  it('reads Claude Desktop: a filesystem server writes, a memory server persists', () => {
    const agent = only(
      client.parse(
        as(
          'Library/Application Support/Claude/claude_desktop_config.json',
          'ours-claude_desktop_config.json',
        ),
      ),
    )
    expect(agent.name).toBe(
      'Claude Desktop (Library/Application Support/Claude)',
    )
    expect(agent.exposure.channels).toEqual(['desktop'])
    expect(agent.tools.map((t) => [t.name, t.kind])).toEqual([
      ['filesystem', 'file-write'],
      ['memory', 'mcp-server'],
      ['brave-search', 'search'],
    ])
    expect(agent.memory).toEqual({ kind: 'persistent', stores: ['memory'] })
    expect(agent.evidence.memory).toBe(12)
    expect(agent.identity.credentials).toEqual(['BRAVE_API_KEY'])
    expect(agent.notes.join('\n')).not.toMatch(/literal value/)
  })

  it('reads Windsurf remote servers and payment servers', () => {
    const agent = only(
      client.parse(
        as(
          '.codeium/windsurf/mcp_config.json',
          'ours-windsurf_mcp_config.json',
        ),
      ),
    )
    expect(agent.name).toBe('Windsurf (.codeium/windsurf)')
    expect(agent.tools).toMatchObject([
      {
        name: 'docs',
        server: {
          transport: 'http',
          url: 'https://mcp.docs.example.com/sse',
        },
      },
      { name: 'stripe', kind: 'payments', server: { pinned: true } },
    ])
    expect(agent.notes).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/docs is remote .* no authentication header/),
      ]),
    )
  })

  it.each([
    ['.roo/mcp.json', 'Roo Code'],
    ['mcp_settings.json', 'Roo Code'],
    ['.kiro/settings/mcp.json', 'Kiro'],
    ['.amazonq/mcp.json', 'Amazon Q Developer'],
    ['apps/web/.cursor/mcp.json', 'Cursor (apps/web)'],
    ['mcp_config.json', 'MCP client (mcp_config.json)'],
    ['tools/mcp.json', 'MCP client (tools/mcp.json)'],
  ])('names the agent of %s "%s"', (path, name) => {
    const agent = only(
      client.parse(
        textFile(
          path,
          '{"mcpServers": {"commander": {"command": "npx", "args": ["-y", "@wonderwhy-er/desktop-commander@0.2.3"], "alwaysAllow": ["execute_command"]}}}',
        ),
      ),
    )
    expect(agent.name).toBe(name)
    expect(agent.tools).toMatchObject([
      { name: 'commander', kind: 'shell', requiresApproval: false },
    ])
  })

  it('reads the servers of VS Code workspace settings (mcp.servers)', () => {
    const text = fixtureFile(`${DIR}/ours-vscode-settings.json`).text
    expect(claims('.vscode/settings.json', text)).toBe(true)
    const agent = only(client.parse(textFile('.vscode/settings.json', text)))
    expect(agent.name).toBe('VS Code (.vscode/settings.json)')
    expect(agent.source.line).toBe(5)
    expect(agent.tools).toMatchObject([
      { name: 'fetch', kind: 'network', line: 6 },
    ])
  })

  it('leaves the .mcp.json of a Claude Code plugin to the plugin', () => {
    const result = client.parse(
      textFile(
        'plugins/sql/.mcp.json',
        '{"mcpServers": {"sqlite": {"command": "uvx", "args": ["mcp-server-sqlite"]}}}',
        { 'plugins/sql/.claude-plugin/plugin.json': '{"name": "sql"}' },
      ),
    )
    expect(result.agents).toEqual([])
    expect(result.rejected).toMatch(/Claude Code plugin/)
  })
})

describe('mcp-client-config decoys and errors', () => {
  it('does not sniff OpenAPI documents or unrelated JSON', () => {
    const openapi = fixtureFile(`${DIR}/ours-decoy-openapi.json`).text
    expect(claims('api/openapi.json', openapi)).toBe(false)
    expect(
      claims('locales/en.json', '{"settings": {"mcpServers": "MCP servers"}}'),
    ).toBe(false)
    expect(claims('tsconfig.json', '{"compilerOptions": {}}')).toBe(false)
    const pkg = fixtureFile(`${DIR}/ours-decoy-package.json`).text
    expect(claims('package.json', pkg)).toBe(false)
  })

  it.each([
    ['ours-decoy-game-servers.json', /no mcpServers/],
    ['ours-decoy-json-schema.json', /no mcpServers/],
    ['ours-decoy-openapi.json', /no mcpServers/],
    ['ours-empty.json', /empty/],
  ])('rejects %s with a reason', (fixture, reason) => {
    const result = client.parse(fixtureFile(`${DIR}/${fixture}`))
    expect(result.agents).toEqual([])
    expect(result.problems).toEqual([])
    expect(result.rejected).toMatch(reason)
  })

  it('reports unreadable JSON with its file and line', () => {
    const path = `${DIR}/ours-malformed.json`
    const result = client.parse(fixtureFile(path))
    expect(result.agents).toEqual([])
    expect(result.problems).toHaveLength(1)
    expect(result.problems[0]).toMatchObject({ file: path, level: 'error' })
    expect(result.problems[0]?.message).toMatch(/^invalid JSON/)
    expect(result.problems[0]?.line).toBe(6)
  })

  it('keeps the good servers when one entry is not an object', () => {
    const path = `${DIR}/ours-bad-entry.json`
    const result = client.parse(fixtureFile(path))
    expect(result.agents[0]?.tools.map((t) => t.name)).toEqual(['ok'])
    expect(result.problems).toMatchObject([
      { file: path, line: 4, field: 'mcpServers.bad', level: 'warning' },
    ])
  })

  it('reports a canonical config whose mcpServers is not an object', () => {
    const result = client.parse(
      textFile('.cursor/mcp.json', '{\n  "mcpServers": []\n}\n'),
    )
    expect(result.agents).toEqual([])
    expect(result.problems).toMatchObject([
      { file: '.cursor/mcp.json', line: 2, field: 'mcpServers' },
    ])
  })

  it('rejects a document that is not an object', () => {
    const result = client.parse(textFile('.mcp.json', '["npx"]'))
    expect(result.rejected).toMatch(/not a JSON object/)
  })
})

import { describe, expect, it } from 'vitest'
import server from '../../src/core/formats/mcp-server-manifest/index.js'
import type { FormatResult } from '../../src/core/manifest/types.js'
import {
  AgentProfileSchema,
  type AgentProfile,
} from '../../src/core/profile/schema.js'
import { fixtureFile, textFile } from '../support/files.js'

const DIR = 'formats/mcp-server-manifest'

function only(result: FormatResult): AgentProfile {
  expect(result.rejected).toBeUndefined()
  expect(result.agents).toHaveLength(1)
  const agent = result.agents[0]!
  expect(AgentProfileSchema.parse(agent)).toEqual(agent)
  return agent
}

function claims(path: string, text: string): boolean {
  const claim = server.matchPath(path)
  return claim === 'yes' || (claim === 'maybe' && server.sniff!(text, path))
}

function text(fixture: string): string {
  return fixtureFile(`${DIR}/${fixture}`).text
}

describe('mcp-server-manifest paths', () => {
  it('claims server.json by name and other JSON by content', () => {
    expect(server.matchPath('server.json')).toBe('yes')
    expect(server.matchPath('packages/mcp/server.json')).toBe('yes')
    expect(server.matchPath('examples/with-package.json')).toBe('maybe')
    expect(server.matchPath('server.yaml')).toBe('no')
    expect(server.matchPath('server.json.md')).toBe('no')
  })

  it.each([
    'mcp-server-json/1inch__1inch-ai__server.json',
    'mcp-server-json/modelcontextprotocol__registry__with-package.json',
  ])('claims the corpus file %s under its flattened name', (path) => {
    const fixture = path.replace('mcp-server-json/', '')
    expect(server.matchPath(path)).toBe('maybe')
    expect(claims(path, text(fixture))).toBe(true)
  })

  it('does not sniff MCP client configs, package.json or OpenAPI', () => {
    expect(
      claims(
        '.cursor/mcp.json',
        '{"mcpServers": {"x": {"command": "npx", "args": ["x"]}}}',
      ),
    ).toBe(false)
    expect(
      claims(
        'package.json',
        '{"name": "x", "version": "1.0.0", "dependencies": {}}',
      ),
    ).toBe(false)
    expect(
      claims(
        'openapi.json',
        '{"openapi": "3.1.0", "servers": [{"url": "https://x"}]}',
      ),
    ).toBe(false)
  })
})

describe('mcp-server-manifest corpus', () => {
  it('reads the remote-only 1inch server as a public payments surface', () => {
    const path = `${DIR}/1inch__1inch-ai__server.json`
    const agent = only(server.parse(fixtureFile(path)))
    expect(agent).toMatchObject({
      name: 'com.1inch.business/mcp',
      format: 'mcp-server-manifest',
      source: { file: path, line: 3 },
      description:
        '1inch MCP: Doc search, intent & cross-chain swaps, limit orders, portfolio, spot prices, gas & all APIs.',
      tools: [
        {
          name: '1inch MCP (streamable-http)',
          kind: 'payments',
          line: 19,
          source: 'mcp',
          wildcard: true,
          server: {
            transport: 'http',
            url: 'https://api.1inch.com/mcp/protocol',
          },
        },
      ],
      exposure: {
        reach: 'public',
        endpoint: 'https://api.1inch.com/mcp/protocol',
        channels: ['mcp'],
      },
      triggers: ['api'],
    })
    expect(agent.controls.authentication).toBeUndefined()
    expect(agent.identity.credentials).toEqual([])
    expect(agent.notes).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/no authentication header declared/),
        expect.stringMatching(/^Remote only/),
        expect.stringMatching(/^An MCP server, not an agent/),
      ]),
    )
  })

  it('reads the npm package example with its secret env var', () => {
    const agent = only(
      server.parse(
        fixtureFile(`${DIR}/modelcontextprotocol__registry__with-package.json`),
      ),
    )
    expect(agent).toMatchObject({
      name: 'io.github.user/local-weather',
      description: 'Local MCP server distributed as an npm package.',
      source: { line: 3 },
      exposure: { reach: 'local' },
      identity: { kind: 'fixed', credentials: ['API_KEY'] },
      evidence: { name: 3, tools: 7, identity: 7 },
    })
    // The io.github namespace says who publishes it, not what it does.
    expect(agent.tools).toMatchObject([
      {
        name: '@modelcontextprotocol/server-weather',
        kind: 'mcp-server',
        line: 7,
        server: {
          transport: 'stdio',
          command: 'npx',
          args: ['@modelcontextprotocol/server-weather@1.0.0'],
          env: ['API_KEY'],
          pinned: true,
        },
      },
    ])
    expect(agent.notes.join('\n')).not.toMatch(/unpinned|Remote only/)
  })
})

describe('mcp-server-manifest cases of ours', () => {
  it('reads OCI and PyPI packages and an authenticated public remote', () => {
    const agent = only(
      server.parse(fixtureFile(`${DIR}/ours-postgres-admin.json`)),
    )
    expect(
      agent.tools.map((t) => [t.name, t.kind, t.line, t.server?.pinned]),
    ).toEqual([
      ['ghcr.io/acme/postgres-admin-mcp', 'database', 8, true],
      ['acme-postgres-admin-mcp', 'database', 18, true],
      ['Acme Postgres Admin (streamable-http)', 'database', 27, undefined],
    ])
    expect(agent.tools[0]?.server?.args).toEqual([
      'run',
      '-i',
      '--rm',
      'ghcr.io/acme/postgres-admin-mcp:2.3.0',
    ])
    expect(agent).toMatchObject({
      identity: {
        kind: 'fixed',
        credentials: ['PG_CONNECTION_STRING', 'Authorization'],
        authSchemes: ['bearer'],
      },
      controls: { authentication: true },
      evidence: { 'controls.authentication': 27 },
      exposure: {
        reach: 'public',
        endpoint: 'https://mcp.acme.example/postgres',
      },
    })
    expect(agent.identity.credentials).not.toContain('LOG_LEVEL')
  })

  it('reads the older snake_case fields, unversioned and hashed packages', () => {
    const agent = only(
      server.parse(fixtureFile(`${DIR}/ours-files-snake-case.json`)),
    )
    expect(agent.tools.map((t) => [t.name, t.kind, t.server?.pinned])).toEqual([
      ['@example/files-mcp', 'file-write', false],
      [
        'https://downloads.example.com/files-mcp/0.4.1/files.mcpb',
        'file-write',
        true,
      ],
    ])
    expect(agent.identity.credentials).toEqual(['FILES_SERVICE_TOKEN'])
    expect(agent.notes).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/@example\/files-mcp runs an unpinned package/),
      ]),
    )
  })

  it('keeps a localhost remote local', () => {
    const agent = only(
      server.parse(fixtureFile(`${DIR}/ours-local-remote.json`)),
    )
    expect(agent.exposure.reach).toBe('local')
    expect(agent.exposure.endpoint).toBeUndefined()
    expect(agent.tools).toMatchObject([
      { name: 'notes (sse)', server: { transport: 'sse' } },
    ])
  })

  it('reports a missing name and a package without identifier', () => {
    const path = `${DIR}/ours-no-name.json`
    const result = server.parse(fixtureFile(path))
    const agent = only(result)
    expect(agent.name).toBe(path)
    expect(agent.tools).toEqual([])
    expect(result.problems).toMatchObject([
      { file: path, line: 1, field: 'name', level: 'error' },
      {
        file: path,
        line: 5,
        field: 'packages[0].identifier',
        level: 'warning',
      },
    ])
  })

  it('notes a description that declares no way to run the server', () => {
    const agent = only(
      server.parse(
        textFile(
          'server.json',
          '{"$schema": "https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json", "name": "io.example/empty"}',
        ),
      ),
    )
    expect(agent.notes).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/Neither packages nor remotes/),
      ]),
    )
  })
})

describe('mcp-server-manifest decoys and errors', () => {
  it.each([
    ['ours-decoy-json-server.json', /not an MCP server\.json/],
    ['ours-decoy-game-server.json', /not an MCP server\.json/],
    ['ours-decoy-schema.json', /JSON Schema/],
  ])('rejects %s named server.json with a reason', (fixture, reason) => {
    const result = server.parse(textFile('server.json', text(fixture)))
    expect(result.agents).toEqual([])
    expect(result.problems).toEqual([])
    expect(result.rejected).toMatch(reason)
  })

  it('does not sniff the json-server and game-server decoys', () => {
    expect(claims('db.json', text('ours-decoy-json-server.json'))).toBe(false)
    expect(claims('game.json', text('ours-decoy-game-server.json'))).toBe(false)
  })

  it('reports unreadable JSON with its file and line', () => {
    const path = `${DIR}/ours-malformed.json`
    const result = server.parse(fixtureFile(path))
    expect(result.agents).toEqual([])
    expect(result.problems).toMatchObject([
      { file: path, line: 5, level: 'error' },
    ])
    expect(result.problems[0]?.message).toMatch(/^invalid JSON/)
  })

  it('rejects a document that is not an object', () => {
    expect(server.parse(textFile('server.json', '[1, 2]')).rejected).toMatch(
      /not a JSON object/,
    )
  })

  it.each(['constructor', 'toString', '__proto__'])(
    'reads a package whose registryType is %s without throwing',
    (registryType) => {
      const manifest = JSON.stringify({
        $schema:
          'https://static.modelcontextprotocol.io/schemas/2025-09-29/server.schema.json',
        name: 'io.example/hostile',
        description: 'A server.',
        version: '1.0.0',
        packages: [{ registryType, identifier: 'hostile', version: '1.0.0' }],
      })
      const result = server.parse(textFile('server.json', manifest))
      expect(result.rejected).toBeUndefined()
      expect(result.agents).toHaveLength(1)
    },
  )
})

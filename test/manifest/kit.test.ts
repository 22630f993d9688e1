import { describe, expect, it } from 'vitest'
import { splitFrontMatter } from '../../src/core/manifest/front-matter.js'
import { harnessTool } from '../../src/core/manifest/harness-tools.js'
import { mcpServerTool } from '../../src/core/manifest/mcp-servers.js'

describe('front matter', () => {
  it('splits YAML front matter from the body with file line numbers', () => {
    const fm = splitFrontMatter(
      '---\nname: reviewer\ntools: Read, Grep\n---\nYou review code.\n',
      'a.md',
    )
    expect(fm?.document.value).toEqual({
      name: 'reviewer',
      tools: 'Read, Grep',
    })
    expect(fm?.document.lineOf(['tools'])).toBe(3)
    expect(fm?.body).toBe('You review code.\n')
    expect(fm?.bodyLine).toBe(5)
  })

  it('returns undefined without front matter', () => {
    expect(splitFrontMatter('# Title\n', 'a.md')).toBeUndefined()
    expect(
      splitFrontMatter('---\nname: x\nno closing fence\n', 'a.md'),
    ).toBeUndefined()
  })
})

describe('MCP server entries', () => {
  it('reads a stdio server: command, pinning, env names, kind', () => {
    const r = mcpServerTool(
      'filesystem',
      {
        command: 'npx',
        args: [
          '-y',
          '@modelcontextprotocol/server-filesystem@2025.1.1',
          '/repo',
        ],
        env: { API_TOKEN: 'xyz' },
      },
      4,
    )
    expect(r.tool).toMatchObject({
      name: 'filesystem',
      kind: 'file-write',
      line: 4,
      source: 'mcp',
      wildcard: true,
    })
    expect(r.tool.server).toMatchObject({
      transport: 'stdio',
      command: 'npx',
      env: ['API_TOKEN'],
      pinned: true,
    })
    expect(JSON.stringify(r)).not.toContain('xyz')
    expect(r.credentials).toEqual(['API_TOKEN'])
  })

  it('flags unpinned packages, unauthenticated remotes and auto-approval', () => {
    expect(
      mcpServerTool('x', { command: 'npx', args: ['-y', 'some-server'] }).tool
        .server?.pinned,
    ).toBe(false)
    expect(
      mcpServerTool('x', { command: 'uvx', args: ['mcp-server-fetch==1.2.0'] })
        .tool.server?.pinned,
    ).toBe(true)
    expect(
      mcpServerTool('x', {
        command: 'docker',
        args: ['run', '-i', 'ghcr.io/acme/server:latest'],
      }).tool.server?.pinned,
    ).toBe(false)
    const remote = mcpServerTool('docs', {
      type: 'http',
      url: 'https://example.com/mcp',
    })
    expect(remote.tool.server?.transport).toBe('http')
    expect(remote.notes.join()).toMatch(/remote .* no authentication header/)
    const auto = mcpServerTool('shell', {
      command: 'node',
      args: ['shell.js'],
      autoApprove: ['run'],
    })
    expect(auto.tool).toMatchObject({ kind: 'shell', requiresApproval: false })
  })

  it('recognises memory servers and disabled entries', () => {
    expect(
      mcpServerTool('memory', {
        command: 'npx',
        args: ['@modelcontextprotocol/server-memory'],
      }).memory,
    ).toBe(true)
    expect(mcpServerTool('x', { command: 'x', disabled: true }).disabled).toBe(
      true,
    )
  })
})

describe('coding-assistant tool names', () => {
  it.each([
    ['Bash', 'shell', undefined, undefined],
    ['Bash(*)', 'shell', true, undefined],
    ['Bash(npm run test:*)', 'shell', undefined, 'npm run test:*'],
    ['Read', 'file-read', undefined, undefined],
    ['Edit', 'file-write', undefined, undefined],
    ['WebFetch', 'network', undefined, undefined],
    ['Task', 'agent-call', undefined, undefined],
    ['mcp__github__create_issue', 'network', undefined, undefined],
    ['mcp__*', 'mcp-server', true, undefined],
    ['context7/*', 'search', true, undefined],
    ['execute', 'shell', undefined, undefined],
    ['agent/runSubagent', 'agent-call', undefined, undefined],
  ])('%s → %s', (entry, kind, wildcard, scope) => {
    const r = harnessTool(entry)
    expect(r.tool.kind).toBe(kind)
    expect(r.tool.wildcard).toBe(wildcard)
    expect(r.scope).toBe(scope)
  })
})

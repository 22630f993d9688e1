import { describe, expect, it } from 'vitest'
import extension from '../../src/core/formats/gemini-extension/index.js'
import type { FormatResult } from '../../src/core/manifest/types.js'
import {
  AgentProfileSchema,
  type AgentProfile,
} from '../../src/core/profile/schema.js'
import { fixtureFile, textFile } from '../support/files.js'

const DIR = 'formats/gemini-extension'

function only(result: FormatResult): AgentProfile {
  expect(result.rejected).toBeUndefined()
  expect(result.agents).toHaveLength(1)
  const agent = result.agents[0]!
  expect(AgentProfileSchema.parse(agent)).toEqual(agent)
  return agent
}

describe('gemini-extension', () => {
  it('claims gemini-extension.json wherever it sits, and nothing else', () => {
    expect(extension.matchPath('gemini-extension.json')).toBe('yes')
    expect(
      extension.matchPath('.gemini/extensions/db/gemini-extension.json'),
    ).toBe('yes')
    expect(extension.matchPath('gemini-extension.jsonc')).toBe('no')
    expect(extension.matchPath('.gemini/settings.json')).toBe('no')
    expect(extension.matchPath('package.json')).toBe('no')
  })

  it('reads servers, context, excluded tools, settings and hooks', () => {
    const path = `${DIR}/ours-db-toolkit/gemini-extension.json`
    const result = extension.parse(fixtureFile(path))
    expect(result.problems).toEqual([])
    const agent = only(result)
    expect(agent).toMatchObject({
      name: 'db-toolkit',
      format: 'gemini-extension',
      source: { file: path, line: 2 },
      description:
        "Query and migrate the team's Postgres databases from Gemini CLI.",
      exposure: { reach: 'local', channels: ['cli'] },
      triggers: ['chat'],
      controls: { allowlists: true },
      identity: {
        kind: 'scoped',
        credentials: ['PGPASSWORD', 'X-API-Key', 'DB_PASSWORD'],
      },
      evidence: { instructions: 18, 'controls.allowlists': 19, tools: 6 },
    })
    expect(agent.tools).toMatchObject([
      {
        name: 'postgres',
        kind: 'database',
        line: 6,
        server: {
          transport: 'stdio',
          command: 'node',
          args: ['./dist/server.js'],
          pinned: true,
        },
      },
      {
        name: 'docs',
        kind: 'search',
        line: 13,
        server: { transport: 'http', url: 'https://docs.example.com/mcp' },
      },
    ])
    // trust is ignored for extension servers: no auto-approval.
    expect(agent.tools[0]?.requiresApproval).toBeUndefined()
    expect(agent.identity.credentials).not.toContain('DB_HOST')
    expect(agent.instructions).toMatch(/^# Database guide/)
    expect(agent.notes).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/postgres sets trust, which the host ignores/),
        expect.stringMatching(
          /removes tools from the CLI: run_shell_command\(psql\)/,
        ),
        expect.stringMatching(/asks for 2 setting\(s\) at install/),
        expect.stringMatching(/hooks\/hooks\.json run commands on BeforeTool/),
      ]),
    )
    // `${extensionPath}` is a path of the extension, not an unknown value.
    expect(agent.notes.join('\n')).not.toMatch(/placeholders|literal value/)
  })

  it('reads a list of context files and notes a missing one', () => {
    const agent = only(
      extension.parse(
        fixtureFile(`${DIR}/ours-style-guide/gemini-extension.json`),
      ),
    )
    expect(agent.name).toBe('style-guide')
    expect(agent.instructions).toBe(
      'Write short sentences. Prefer the active voice.',
    )
    expect(agent.tools).toEqual([])
    expect(agent.notes).toEqual(
      expect.arrayContaining([
        'Context file MISSING.md is not in the repository: its instructions are unknown',
      ]),
    )
  })

  it('reads GEMINI.md when no context file is named', () => {
    const agent = only(
      extension.parse(
        fixtureFile(`${DIR}/ours-default-context/gemini-extension.json`),
      ),
    )
    expect(agent.instructions).toMatch(/^Summarise merged pull requests/)
    expect(agent.evidence.instructions).toBe(1)
    expect(agent.controls).toEqual({})
  })

  it('never reads context files outside the extension directory', () => {
    const agent = only(
      extension.parse(
        textFile(
          'ext/gemini-extension.json',
          '{"name": "x", "contextFileName": "../secrets.md"}',
          { 'secrets.md': 'do not read' },
        ),
      ),
    )
    expect(agent.instructions).toBeUndefined()
  })

  it('reports a missing name but keeps the profile', () => {
    const result = extension.parse(
      textFile(
        'exts/lint/gemini-extension.json',
        '{"version": "1.0.0", "excludeTools": ["run_shell_command"]}',
      ),
    )
    const agent = only(result)
    expect(agent.name).toBe('lint')
    expect(agent.controls.allowlists).toBe(true)
    expect(result.problems).toMatchObject([
      { file: 'exts/lint/gemini-extension.json', field: 'name', line: 1 },
    ])
  })

  it('reports mcpServers that is not an object', () => {
    const result = extension.parse(
      textFile(
        'gemini-extension.json',
        '{\n  "name": "x",\n  "mcpServers": ["a"]\n}',
      ),
    )
    expect(result.agents[0]?.tools).toEqual([])
    expect(result.problems).toMatchObject([
      { file: 'gemini-extension.json', line: 3, field: 'mcpServers' },
    ])
  })

  it('reports unreadable JSON with its file and line', () => {
    const path = `${DIR}/ours-malformed/gemini-extension.json`
    const result = extension.parse(fixtureFile(path))
    expect(result.agents).toEqual([])
    expect(result.problems).toMatchObject([{ file: path, level: 'error' }])
    expect(result.problems[0]?.message).toMatch(/^invalid JSON/)
    expect(result.problems[0]?.line).toBeGreaterThanOrEqual(6)
  })

  it('reports a document that is not an object', () => {
    const result = extension.parse(textFile('gemini-extension.json', '"x"'))
    expect(result.agents).toEqual([])
    expect(result.problems[0]?.message).toMatch(/must be a JSON object/)
  })
})

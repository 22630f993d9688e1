import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { FORMATS } from '../../src/core/formats/index.js'
import { harnessTool } from '../../src/core/manifest/harness-tools.js'
import type { HostId } from '../../src/core/manifest/hosts/index.js'
import type { FormatModule } from '../../src/core/manifest/types.js'
import { FIXTURES } from '../support/files.js'

/**
 * Every tool name that a coding assistant's manifest in the corpus or the
 * fixtures lists must be known: a host's table (or a host's MCP naming)
 * says what it does, or it is below on purpose, with the reason. A new
 * name the tables miss fails here instead of being guessed from its words.
 */

/** The harness formats, with the host whose table speaks for their tools. */
const HOST_OF: Readonly<Record<string, HostId>> = {
  'claude-code-subagent': 'claude-code',
  'claude-code-settings': 'claude-code',
  'claude-code-plugin': 'claude-code',
  'copilot-agent': 'copilot',
  'codex-config': 'codex',
  'opencode-config': 'opencode',
  'amazon-q-agent': 'amazon-q',
  'roo-modes': 'roo',
}

/** Names that no host documents, each kept unknown for a reason. */
const UNKNOWN_ON_PURPOSE: Readonly<Record<string, string>> = {
  // None today. A name goes here only with the reason no host documents it
  // (a misspelling the host ignores, a tool of a private extension).
}

/** The shared corpus beside the checkout (or beside its worktree folder). */
const SHARED =
  [
    join(FIXTURES, '../../../shared/corpus'),
    join(FIXTURES, '../../../../shared/corpus'),
  ].find((dir) => existsSync(dir)) ?? ''

/** Corpus files are flattened; the path each one had in its repository. */
const CORPUS: ReadonlyArray<readonly [string, string, string]> = [
  ['claude-code-subagent', '.claude/agents/', 'claude-code-subagent'],
  ['copilot-custom-agent', '.github/agents/', 'copilot-agent'],
]

function format(id: string): FormatModule {
  const found = FORMATS.find((f) => f.id === id)
  if (!found) throw new Error(`no format ${id}`)
  return found
}

interface Listed {
  readonly name: string
  readonly host: HostId
  readonly file: string
}

function toolsOf(
  module: FormatModule,
  path: string,
  text: string,
  file: string,
  readSibling: (other: string) => string | undefined = () => undefined,
): Listed[] {
  const host = HOST_OF[module.id]
  if (!host) return []
  const result = module.parse({ path, text, readSibling })
  return result.agents.flatMap((agent) =>
    agent.tools
      // A configured MCP server is named by its configuration, not listed.
      .filter((t) => t.server === undefined && t.line !== undefined)
      .map((t) => ({
        name: t.name.replace(/ \(pre-approved\)$/, ''),
        host,
        file,
      })),
  )
}

function fixtureTools(): Listed[] {
  const files = readdirSync(FIXTURES, { recursive: true, encoding: 'utf8' })
  const listed: Listed[] = []
  for (const path of files) {
    const full = join(FIXTURES, path)
    let text: string
    try {
      text = readFileSync(full, 'utf8')
    } catch {
      continue
    }
    const relative = path.split('\\').join('/')
    for (const module of FORMATS) {
      if (!HOST_OF[module.id] || module.matchPath(relative) !== 'yes') continue
      const sibling = (other: string): string | undefined => {
        try {
          return readFileSync(join(FIXTURES, other), 'utf8')
        } catch {
          return undefined
        }
      }
      listed.push(...toolsOf(module, relative, text, relative, sibling))
      break
    }
  }
  return listed
}

function corpusTools(): Listed[] {
  if (SHARED === '') return []
  const listed: Listed[] = []
  for (const [dir, prefix, id] of CORPUS) {
    for (const name of readdirSync(join(SHARED, dir))) {
      const file = join(SHARED, dir, name)
      listed.push(
        ...toolsOf(
          format(id),
          `${prefix}${name}`,
          readFileSync(file, 'utf8'),
          file,
        ),
      )
    }
  }
  const config = join(SHARED, 'coding-agent-config')
  for (const name of existsSync(config) ? readdirSync(config) : []) {
    const text = readFileSync(join(config, name), 'utf8')
    const [id, path] = /settings\.json$/.test(name)
      ? ['claude-code-settings', '.claude/settings.json']
      : ['opencode-config', 'opencode.json']
    listed.push(...toolsOf(format(id), path, text, join(config, name)))
  }
  return listed
}

function unknown(listed: readonly Listed[]): string[] {
  return [
    ...new Set(
      listed
        .filter((l) => {
          const found = harnessTool(l.name, undefined, l.host)
          // Known by the manifest's own host, or by MCP naming.
          const known =
            found.known === 'mcp' ||
            (found.known === 'host' &&
              (found.host === l.host || found.host === undefined))
          return !known && !(l.name in UNKNOWN_ON_PURPOSE)
        })
        .map((l) => `${l.name} (${l.host}, ${l.file})`),
    ),
  ]
}

describe('the hosts tool tables cover every tool the manifests list', () => {
  it('knows every tool name of the fixtures', () => {
    const listed = fixtureTools()
    expect(listed.length).toBeGreaterThan(50)
    expect(unknown(listed)).toEqual([])
  })

  it.runIf(SHARED !== '')('knows every tool name of the corpus', () => {
    const listed = corpusTools()
    expect(listed.length).toBeGreaterThan(10)
    expect(unknown(listed)).toEqual([])
  })

  it('keeps only names that are still unknown on purpose', () => {
    for (const name of Object.keys(UNKNOWN_ON_PURPOSE))
      expect(harnessTool(name).known, name).toBe('guess')
  })
})

describe('what the host tables say about single tools', () => {
  it.each([
    // [entry, host, kind, readOnly, asks by default]
    ['Bash', 'claude-code', 'shell', undefined, true],
    ['BashOutput', 'claude-code', 'other', true, false],
    ['KillShell', 'claude-code', 'other', undefined, false],
    ['SendMessage', 'claude-code', 'agent-call', undefined, false],
    ['Edit', 'claude-code', 'file-write', undefined, true],
    ['Read', 'claude-code', 'file-read', true, false],
    ['WebFetch', 'claude-code', 'network', true, true],
    ['Task', 'claude-code', 'agent-call', undefined, false],
    ['execute/runInTerminal', 'copilot', 'shell', undefined, true],
    ['execute/runTask', 'copilot', 'shell', undefined, true],
    ['execute/runTests', 'copilot', 'shell', undefined, undefined],
    ['vscode/runCommand', 'copilot', 'other', undefined, true],
    ['vscode/installExtension', 'copilot', 'other', undefined, true],
    ['vscode/extensions', 'copilot', 'search', true, false],
    ['edit/editFiles', 'copilot', 'file-write', undefined, false],
    ['read/readFile', 'copilot', 'file-read', true, false],
    ['web/fetch', 'copilot', 'network', true, true],
    ['agent/runSubagent', 'copilot', 'agent-call', undefined, false],
    ['todo', 'copilot', 'other', undefined, false],
    ['run_shell_command', 'gemini-cli', 'shell', undefined, true],
    ['fs_read', 'amazon-q', 'file-read', true, false],
    ['use_aws', 'amazon-q', 'cloud-admin', undefined, true],
    ['apply_patch', 'codex', 'file-write', undefined, undefined],
  ] as const)('%s (%s) → %s', (entry, host, kind, readOnly, asks) => {
    const found = harnessTool(entry, undefined, host)
    expect(found.tool).toMatchObject({ kind, source: 'builtin' })
    expect(found.tool.readOnly).toBe(readOnly)
    expect(found.asks).toBe(asks)
    expect(found.known).toBe('host')
  })

  it('tells GitHub MCP reads from writes, and never calls them cloud administration', () => {
    for (const read of [
      'github/search_issues',
      'github/issue_read',
      'github/get_file_contents',
      'github/list_pull_requests',
      'mcp__github__get_issue',
    ])
      expect(harnessTool(read).tool, read).toMatchObject({
        kind: 'network',
        readOnly: true,
        source: 'mcp',
      })
    for (const write of [
      'github/create_issue',
      'github/update_pull_request',
      'github/merge_pull_request',
      'github/push_files',
      'github/add_issue_comment',
      'github/delete_file',
      'mcp__github__create_pull_request',
    ])
      expect(harnessTool(write).tool, write).toMatchObject({
        kind: 'network',
        readOnly: false,
      })
    expect(harnessTool('github/*').tool.kind).toBe('network')
  })

  it('marks the tools that keep memory across sessions', () => {
    expect(harnessTool('vscode/memory', undefined, 'copilot').memory).toBe(true)
    expect(harnessTool('save_memory', undefined, 'gemini-cli').memory).toBe(
      true,
    )
    expect(harnessTool('memory', undefined, 'copilot').memory).toBe(true)
    expect(harnessTool('mcp__memory__create_entities').memory).toBe(true)
    expect(harnessTool('Read').memory).toBeUndefined()
  })

  it('answers approvals only for the host whose table it is', () => {
    // OpenCode runs bash unasked; that says nothing about Claude Code's Bash.
    expect(harnessTool('bash', undefined, 'opencode').asks).toBe(false)
    expect(harnessTool('Bash', undefined, 'claude-code').asks).toBe(true)
    expect(
      harnessTool('run_shell_command', undefined, 'claude-code').asks,
    ).toBe(undefined)
    // Own keys only: a name from Object.prototype is no tool.
    expect(harnessTool('constructor').known).toBe('guess')
  })
})

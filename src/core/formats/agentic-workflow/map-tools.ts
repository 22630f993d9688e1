import {
  addServerMemory,
  addTool,
  cite,
  mcpServerTool,
  recordServerReading,
  type AgentProfile,
  type Reading,
  type Tool,
} from '../../manifest/kit.js'
import {
  BashTool,
  ClaudeTools,
  GithubTool,
  ServerLike,
  type FrontMatter,
} from './schema.js'

/**
 * `tools:` and `mcp-servers:` as the agent's tools. `bash` is a shell (all
 * commands with `:*`), `edit` writes files, `web-fetch` and `web-search`
 * reach the web, `playwright` drives a browser, `github` reads (or, not
 * read-only, writes) through its toolsets, `cache-memory` and
 * `repo-memory` give it memory that outlives the run, and any other entry
 * with a command, URL or container is an MCP server.
 */
const SIMPLE: ReadonlyMap<string, Pick<Tool, 'kind' | 'readOnly'>> = new Map([
  ['edit', { kind: 'file-write' }],
  ['web-fetch', { kind: 'network', readOnly: true }],
  ['web-search', { kind: 'search', readOnly: true }],
  ['playwright', { kind: 'browser' }],
  ['agentic-workflows', { kind: 'other', readOnly: true }],
])
const CLAUDE: ReadonlyMap<string, Tool['kind']> = new Map([
  ['Bash', 'shell'],
  ['Edit', 'file-write'],
  ['MultiEdit', 'file-write'],
  ['Write', 'file-write'],
  ['NotebookEdit', 'file-write'],
  ['WebFetch', 'network'],
  ['WebSearch', 'search'],
  ['Read', 'file-read'],
])
const MEMORY = new Set(['cache-memory', 'repo-memory'])
const WRITES =
  /^(create|update|delete|push|merge|add|remove|assign|close|fork|set)_/

export function readTools(
  profile: AgentProfile,
  front: FrontMatter,
  read: Reading<unknown>,
): void {
  for (const [name, value] of front.tools ?? []) {
    const line = read.lineOf(['tools', name])
    const simple = SIMPLE.get(name)
    if (value === false) continue
    if (name === 'bash') readBash(profile, value, line)
    else if (name === 'github') readGithub(profile, value, line)
    else if (name === 'claude') readClaude(profile, value, line)
    else if (MEMORY.has(name)) readMemory(profile, name, line)
    else if (simple)
      addTool(profile, { name, line, source: 'builtin', ...simple })
    else if (ServerLike.parse(value)) readServer(profile, name, value, line)
    else addTool(profile, { name, kind: 'other', line, source: 'builtin' })
  }
  for (const [name, value] of front['mcp-servers'] ?? [])
    readServer(profile, name, value, read.lineOf(['mcp-servers', name]))
  cite(profile, 'tools', read.lineOf(['tools']) ?? read.lineOf(['mcp-servers']))
}

function readBash(profile: AgentProfile, value: unknown, line?: number): void {
  const bash = BashTool.parse(value)
  if (!bash) return
  addTool(profile, {
    name: 'bash',
    kind: 'shell',
    line,
    source: 'builtin',
    ...(bash.all ? { wildcard: true } : {}),
    description: bash.all
      ? 'every command'
      : bash.commands.length > 0
        ? `commands: ${bash.commands.join(', ')}`
        : "gh-aw's default safe commands",
  })
}

function readGithub(
  profile: AgentProfile,
  value: unknown,
  line?: number,
): void {
  const github = GithubTool.parse(value)
  const writes =
    github.readOnly === false ||
    github.allowed.some((tool) => WRITES.test(tool))
  const toolsets = github.toolsets.length > 0 ? github.toolsets : ['default']
  for (const toolset of toolsets)
    addTool(profile, {
      name: `github:${toolset}`,
      kind: 'network',
      line,
      source: 'mcp',
      readOnly: !writes,
      ...(toolset === 'all' ? { wildcard: true } : {}),
    })
  for (const tool of github.allowed.filter((t) => WRITES.test(t)))
    addTool(profile, {
      name: `github:${tool}`,
      kind: 'network',
      line,
      source: 'mcp',
      readOnly: false,
    })
}

function readClaude(
  profile: AgentProfile,
  value: unknown,
  line?: number,
): void {
  for (const name of ClaudeTools.parse(value)) {
    const kind = CLAUDE.get(name)
    if (kind) addTool(profile, { name, kind, line, source: 'builtin' })
  }
}

function readMemory(profile: AgentProfile, name: string, line?: number): void {
  addServerMemory(profile, name, line)
  profile.memory.writable = true
}

function readServer(
  profile: AgentProfile,
  name: string,
  value: unknown,
  line?: number,
): void {
  const reading = mcpServerTool(name, value, line)
  if (reading.disabled) return
  addTool(profile, reading.tool)
  recordServerReading(profile, reading)
  if (reading.memory) addServerMemory(profile, name, line)
}

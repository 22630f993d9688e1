import { asArray, asString } from '../parse/data.js'
import type { ParsedDocument } from '../parse/document.js'
import { addTool, cite, pushUnique } from '../profile/build.js'
import type { AgentProfile, Tool, ToolKind } from '../profile/schema.js'
import { classifyTool } from '../profile/tool-kinds.js'
import {
  githubMcpTool,
  hostTool,
  isGithubServer,
  type HostId,
  type HostTool,
} from './hosts/index.js'
import { serverKind } from './mcp-servers.js'

/**
 * Copilot's tool sets, written `set/tool` or `set/*`: built into the editor,
 * never MCP servers.
 */
const TOOL_SETS = new Set([
  'agent',
  'edit',
  'execute',
  'read',
  'search',
  'web',
  'todo',
  'vscode',
  'browser',
  // Set names of older VS Code releases.
  'terminal',
  'runcommands',
])

export interface HarnessTool {
  readonly tool: Tool
  /** `Bash(npm test:*)`: the pattern that narrows the tool, when there is one. */
  readonly scope?: string
  /**
   * Where the kind came from: a host's tool table, the MCP naming of a tool
   * (`mcp__server__tool`, `server/tool`, `@server`), or a guess from the
   * name's words.
   */
  readonly known: 'host' | 'mcp' | 'guess'
  /**
   * Whether the host asks before the tool runs when nothing configures it,
   * from the host's own table (undefined: its documentation does not say,
   * or the manifest's host is not the tool's).
   */
  readonly asks?: boolean
  /** The tool writes notes the agent reads back in later sessions. */
  readonly memory?: boolean
  /** The host whose table knew the tool, when one did. */
  readonly host?: HostId
}

/**
 * A tool entry of a coding assistant: a built-in name, a permission pattern
 * such as `Bash(git diff:*)`, an MCP tool (`mcp__server__tool`,
 * `server/tool`, `@server`), or a wildcard (`*`, `mcp__*`, `Bash(*)`).
 * `host` is the assistant whose manifest lists it: its table answers first
 * and alone speaks for default approvals.
 */
export function harnessTool(
  entry: string,
  line?: number,
  host?: HostId,
): HarnessTool {
  const text = entry.trim()
  const pattern = /^([\w.-]+)\((.*)\)$/.exec(text)
  const name = pattern?.[1] ?? text
  const scope = pattern?.[2]?.trim()
  const wildcard =
    text === '*' ||
    /\*$/.test(name) ||
    scope === '*' ||
    scope === '' ||
    (pattern === null && /(^|[/_])\*$/.test(text))
  if (text === '*') {
    return {
      tool: {
        name: '*',
        kind: 'other',
        line,
        wildcard: true,
        source: 'builtin',
      },
      known: 'host',
    }
  }
  // Amazon Q / Kiro: `@builtin` is every built-in tool, `@server` every tool
  // of that MCP server.
  const bare = /^@([\w.*-]+)$/.exec(text)
  if (bare) {
    const server = bare[1] ?? ''
    return server === 'builtin'
      ? {
          tool: {
            name: text,
            kind: 'other',
            line,
            wildcard: true,
            source: 'builtin',
          },
          known: 'host',
        }
      : {
          tool: {
            name: text,
            kind: mcpKind(server, '*'),
            line,
            wildcard: true,
            source: 'mcp',
          },
          known: 'mcp',
        }
  }
  const mcp = /^mcp__(.+?)(?:__(.+))?$/.exec(name)
  if (mcp) {
    const server = mcp[1] ?? ''
    return serverTool(
      text,
      server,
      mcp[2] ?? '*',
      line,
      wildcard,
      server === '*' ? 'mcp-server' : undefined,
    )
  }
  const own = hostTool(name, host)
  const namespaced = /^@?([\w.-]+)\/([\w.*-]+)$/.exec(name)
  if (namespaced && !own) {
    const [, set = '', member = ''] = namespaced
    if (TOOL_SETS.has(set.toLowerCase())) {
      // `edit/*` is the set; an unknown member still does what its set does.
      const whole = hostTool(set, host)
      if (whole)
        return builtin(
          text,
          whole,
          line,
          wildcard,
          undefined,
          host,
          member === '*',
        )
    }
    return serverTool(text, set, member, line, wildcard)
  }
  if (own) return builtin(text, own, line, wildcard, scope, host, true)
  return {
    tool: {
      name: text,
      kind: classifyTool(name),
      line,
      wildcard: wildcard || undefined,
      source: 'builtin',
    },
    scope,
    known: 'guess',
  }
}

function builtin(
  text: string,
  found: { readonly tool: HostTool; readonly host: HostId },
  line: number | undefined,
  wildcard: boolean,
  scope: string | undefined,
  host: HostId | undefined,
  exact: boolean,
): HarnessTool {
  const fact = found.tool
  return {
    tool: {
      name: text,
      kind: fact.kind,
      readOnly: fact.readOnly,
      line,
      wildcard: wildcard || undefined,
      source: 'builtin',
    },
    scope: scope && scope !== '*' ? scope : undefined,
    known: exact ? 'host' : 'guess',
    asks: found.host === host ? fact.asks : undefined,
    memory: fact.memory,
    host: found.host,
  }
}

/** A tool of an MCP server: the GitHub server by its own tool list. */
function serverTool(
  text: string,
  server: string,
  member: string,
  line: number | undefined,
  wildcard: boolean,
  kind?: ToolKind,
): HarnessTool {
  const github = isGithubServer(server) ? githubMcpTool(member) : undefined
  return {
    tool: {
      name: text,
      kind: kind ?? github?.kind ?? mcpKind(server, member),
      readOnly: github?.readOnly,
      line,
      wildcard: wildcard || undefined,
      source: 'mcp',
    },
    known: 'mcp',
    memory: /(^|[-_])memory($|[-_])/i.test(server) || undefined,
  }
}

/** GitHub's server talks to an API; it administers no cloud. */
function mcpKind(server: string, member: string): ToolKind {
  if (isGithubServer(server)) return githubMcpTool(member)?.kind ?? 'network'
  return serverKind(server)
}

/** Adds a harness tool, and the memory it writes to when it keeps one. */
export function addHarnessTool(
  profile: AgentProfile,
  harness: HarnessTool,
): void {
  addTool(profile, harness.tool)
  if (!harness.memory) return
  profile.memory.kind = 'persistent'
  profile.memory.writable = true
  pushUnique(profile.memory.stores, harness.tool.name)
  cite(profile, 'memory', harness.tool.line)
}

/** Splits `Read, Bash(git diff:*, git log:*)` on the commas outside brackets. */
export function splitToolList(text: string): string[] {
  const items: string[] = []
  let depth = 0
  let current = ''
  for (const char of text) {
    if (char === '(' || char === '[') depth++
    if (char === ')' || char === ']') depth = Math.max(0, depth - 1)
    if (char === ',' && depth === 0) {
      items.push(current)
      current = ''
    } else current += char
  }
  items.push(current)
  return items.map((s) => s.trim()).filter((s) => s.length > 0)
}

/**
 * A flow list that the front matter reader kept as text (`['execute',
 * 'edit'`, never closed, which the host may still read as that list): its
 * inside, so that its items are the tools rather than one unknown name.
 */
function flowListText(text: string): string {
  const trimmed = text.trim()
  return trimmed.startsWith('[') ? trimmed.slice(1).replace(/\]\s*$/, '') : text
}

function unquoted(entry: string): string {
  return /^(['"]).*\1$/.test(entry) && entry.length >= 2
    ? entry.slice(1, -1).trim()
    : entry
}

/** Entries of a tool list field written as a comma string or a YAML list. */
export function listEntries(
  value: unknown,
  doc: ParsedDocument,
  key: string,
): Array<{ entry: string; line: number | undefined }> {
  const text = asString(value)
  if (text !== undefined)
    return splitToolList(flowListText(text)).map((entry) => ({
      entry: unquoted(entry),
      line: doc.lineOf([key]),
    }))
  return (asArray(value) ?? []).flatMap((item, i) =>
    typeof item === 'string' && item.trim()
      ? [
          {
            entry: item.trim(),
            line: doc.lineOf([key, i]) ?? doc.lineOf([key]),
          },
        ]
      : [],
  )
}

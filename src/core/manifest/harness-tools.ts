import type { Tool, ToolKind } from '../profile/schema.js'
import { classifyTool } from '../profile/tool-kinds.js'
import { asArray, asString } from '../parse/data.js'
import type { ParsedDocument } from '../parse/document.js'
import { serverKind } from './mcp-servers.js'

/**
 * The built-in tool names of coding assistants (Claude Code, GitHub Copilot,
 * OpenCode, Gemini CLI, Codex, Amazon Q, Roo), which decide what an agent
 * may do in a repository. Names are matched case-insensitively.
 */
const BUILTINS: Readonly<
  Record<string, { kind: ToolKind; readOnly?: boolean }>
> = {
  // Claude Code
  bash: { kind: 'shell' },
  bashoutput: { kind: 'shell' },
  killshell: { kind: 'shell' },
  read: { kind: 'file-read', readOnly: true },
  glob: { kind: 'file-read', readOnly: true },
  grep: { kind: 'file-read', readOnly: true },
  ls: { kind: 'file-read', readOnly: true },
  notebookread: { kind: 'file-read', readOnly: true },
  write: { kind: 'file-write' },
  edit: { kind: 'file-write' },
  multiedit: { kind: 'file-write' },
  notebookedit: { kind: 'file-write' },
  webfetch: { kind: 'network', readOnly: true },
  websearch: { kind: 'search', readOnly: true },
  task: { kind: 'agent-call' },
  agent: { kind: 'agent-call' },
  todowrite: { kind: 'other' },
  todoread: { kind: 'other', readOnly: true },
  exitplanmode: { kind: 'other' },
  skill: { kind: 'other' },
  slashcommand: { kind: 'other' },
  // GitHub Copilot aliases and VS Code tool sets
  execute: { kind: 'shell' },
  shell: { kind: 'shell' },
  powershell: { kind: 'shell' },
  view: { kind: 'file-read', readOnly: true },
  terminal: { kind: 'shell' },
  runcommands: { kind: 'shell' },
  runinterminal: { kind: 'shell' },
  terminalcommand: { kind: 'shell' },
  runtasks: { kind: 'shell' },
  runtests: { kind: 'shell' },
  readfile: { kind: 'file-read', readOnly: true },
  codebase: { kind: 'file-read', readOnly: true },
  search: { kind: 'file-read', readOnly: true },
  usages: { kind: 'file-read', readOnly: true },
  problems: { kind: 'file-read', readOnly: true },
  changes: { kind: 'file-read', readOnly: true },
  editfiles: { kind: 'file-write' },
  createfile: { kind: 'file-write' },
  new: { kind: 'file-write' },
  web: { kind: 'network', readOnly: true },
  fetch: { kind: 'network', readOnly: true },
  githubrepo: { kind: 'search', readOnly: true },
  runsubagent: { kind: 'agent-call' },
  'custom-agent': { kind: 'agent-call' },
  todo: { kind: 'other' },
  todos: { kind: 'other' },
  // OpenCode
  patch: { kind: 'file-write' },
  list: { kind: 'file-read', readOnly: true },
  // Gemini CLI
  run_shell_command: { kind: 'shell' },
  read_file: { kind: 'file-read', readOnly: true },
  read_many_files: { kind: 'file-read', readOnly: true },
  write_file: { kind: 'file-write' },
  replace: { kind: 'file-write' },
  search_file_content: { kind: 'file-read', readOnly: true },
  list_directory: { kind: 'file-read', readOnly: true },
  web_fetch: { kind: 'network', readOnly: true },
  google_web_search: { kind: 'search', readOnly: true },
  save_memory: { kind: 'other' },
  // Amazon Q / Kiro
  execute_bash: { kind: 'shell' },
  fs_read: { kind: 'file-read', readOnly: true },
  fs_write: { kind: 'file-write' },
  use_aws: { kind: 'cloud-admin' },
  introspect: { kind: 'other', readOnly: true },
  knowledge: { kind: 'search', readOnly: true },
  report_issue: { kind: 'other' },
  thinking: { kind: 'other', readOnly: true },
  todo_list: { kind: 'other' },
  aws: { kind: 'cloud-admin' },
  // Codex
  apply_patch: { kind: 'file-write' },
  update_plan: { kind: 'other' },
  web_search: { kind: 'search', readOnly: true },
  view_image: { kind: 'file-read', readOnly: true },
  spawn_agent: { kind: 'agent-call' },
  // Roo / Cline groups
  command: { kind: 'shell' },
  browser: { kind: 'browser' },
  mcp: { kind: 'mcp-server' },
  modes: { kind: 'other' },
}

/** Copilot's built-in tool sets, written `set/tool`. */
const TOOL_SETS = new Set([
  'agent',
  'edit',
  'execute',
  'read',
  'search',
  'web',
  'todo',
  'vscode',
  'terminal',
  'runcommands',
])

export interface HarnessTool {
  readonly tool: Tool
  /** `Bash(npm test:*)`: the pattern that narrows the tool, when there is one. */
  readonly scope?: string
}

/**
 * A tool entry of a coding assistant: a built-in name, a permission pattern
 * such as `Bash(git diff:*)`, an MCP tool (`mcp__server__tool`,
 * `server/tool`, `@server`), or a wildcard (`*`, `mcp__*`, `Bash(*)`).
 */
export function harnessTool(entry: string, line?: number): HarnessTool {
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
    }
  }
  // Amazon Q / Kiro: `@builtin` is every built-in tool, `@server` every tool
  // of that MCP server.
  const bare = /^@([\w.*-]+)$/.exec(text)
  if (bare) {
    const server = bare[1] ?? ''
    return {
      tool:
        server === 'builtin'
          ? {
              name: text,
              kind: 'other',
              line,
              wildcard: true,
              source: 'builtin',
            }
          : {
              name: text,
              kind: serverKind(server),
              line,
              wildcard: true,
              source: 'mcp',
            },
    }
  }
  const mcp = /^mcp__(.+?)(?:__(.+))?$/.exec(name)
  if (mcp) {
    const server = mcp[1] ?? ''
    return {
      tool: {
        name: text,
        kind: server === '*' ? 'mcp-server' : serverKind(server),
        line,
        wildcard: wildcard || undefined,
        source: 'mcp',
      },
    }
  }
  const namespaced = /^@?([\w.-]+)\/([\w.*-]+)$/.exec(name)
  if (namespaced && !BUILTINS[name.toLowerCase()]) {
    const [, set = '', member = ''] = namespaced
    // Copilot tool sets (`edit/editFiles`, `agent/runSubagent`) are built in;
    // any other `server/tool` is a tool of an MCP server.
    const builtin =
      BUILTINS[member.toLowerCase()] ??
      (member === '*' ? BUILTINS[set.toLowerCase()] : undefined)
    if (TOOL_SETS.has(set.toLowerCase()) && builtin) {
      return {
        tool: {
          name: text,
          kind: builtin.kind,
          readOnly: builtin.readOnly,
          line,
          wildcard: wildcard || undefined,
          source: 'builtin',
        },
      }
    }
    return {
      tool: {
        name: text,
        kind: serverKind(set),
        line,
        wildcard: wildcard || undefined,
        source: 'mcp',
      },
    }
  }
  const builtin = BUILTINS[name.toLowerCase()]
  if (builtin) {
    return {
      tool: {
        name: text,
        kind: builtin.kind,
        readOnly: builtin.readOnly,
        line,
        wildcard: wildcard || undefined,
        source: 'builtin',
      },
      scope: scope && scope !== '*' ? scope : undefined,
    }
  }
  return {
    tool: {
      name: text,
      kind: classifyTool(name),
      line,
      wildcard: wildcard || undefined,
      source: 'builtin',
    },
    scope,
  }
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

import type { Model, Tool, ToolKind } from '../profile/schema.js'
import {
  classifyTool,
  isReadOnlyTool,
  SIDE_EFFECT_KINDS,
} from '../profile/tool-kinds.js'
import {
  asArray,
  asRecord,
  asString,
  entriesOf,
  isPlaceholder,
} from '../parse/data.js'
import type { DataPath } from '../parse/document.js'
import { addNote, cite } from '../profile/build.js'
import type { AgentProfile } from '../profile/schema.js'
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

/**
 * The approval control a harness's tool list implies: true when every tool
 * that changes things waits for a person, false when none does, undefined
 * when it is mixed or not stated (the per-tool flags then tell the story).
 */
export function approvalOf(tools: readonly Tool[]): boolean | undefined {
  const acting = tools.filter(
    (t) => SIDE_EFFECT_KINDS.has(t.kind) && !isReadOnlyTool(t),
  )
  if (acting.length === 0) return undefined
  if (acting.every((t) => t.requiresApproval === true)) return true
  if (acting.every((t) => t.requiresApproval === false)) return false
  return undefined
}

/** Commands that only look (`ls`, `git diff`…), as permission patterns name them. */
const READ_ONLY_COMMANDS =
  /^(ls|cat|head|tail|wc|grep|rg|find|tree|pwd|stat|file|du|df|less|more|which|whoami|env|printenv|date|diff|echo|git (status|diff|log|show|branch|rev-parse|blame|ls-files|remote -v))\b/

/**
 * Whether a command pattern (`git diff *`, `ls:*`, `^git status$`) only reads.
 * Anything with shell chaining or redirection is not read-only.
 */
export function isReadOnlyCommand(pattern: string): boolean {
  const command = pattern
    .trim()
    .replace(/^\^/, '')
    .replace(/[$]$/, '')
    .replace(/:\*$/, '')
    .trim()
  if (/[;&|`>]|\$\(/.test(command)) return false
  return READ_ONLY_COMMANDS.test(command)
}

export interface HookReading {
  /** The hook can stop an action and looks like a policy check. */
  readonly guardrail: boolean
  /** The hook looks like it records what the agent does. */
  readonly logging: boolean
}

/** Hook events that run before an action (or the end of a turn) and can block it. */
const BLOCKING_EVENTS =
  /^(pretooluse|userpromptsubmit|permissionrequest|stop|subagentstop|beforeshellexecution|beforemcpexecution|beforereadfile|pre_tool_use)$/i
const GUARD_WORDS =
  /\b(guard\w*|block\w*|deny|denylist|validat\w*|secur\w*|polic(y|ies)|gates?|protect\w*|safety|safe|sanitiz\w*|firewall|lint\w*|scan\w*|verify\w*)\b/
const LOG_WORDS =
  /\b(log|logs|logger|logging|audit\w*|record\w*|telemetry|trac(e|es|ing)|observ\w*|journal\w*|otel)\b/

/**
 * What a hook command clearly is, judged from its event and the words of its
 * command: a blocking event running a `guard`/`validate`/`policy` script is a
 * guardrail; a command that logs or audits is logging. Hooks are scripts
 * outside the manifest, so this is a reading of names, not of behaviour.
 */
export function readHook(event: string, command: string): HookReading {
  const words = command.toLowerCase().replace(/[^a-z0-9]+/g, ' ')
  return {
    guardrail: BLOCKING_EVENTS.test(event) && GUARD_WORDS.test(words),
    logging: LOG_WORDS.test(words),
  }
}

const MODEL_ALIASES =
  /^(inherit|default|auto|best|sonnet|opus|haiku|opusplan|sonnet\[1m\]|latest)$/i

/**
 * A coding assistant's model setting. Aliases (`sonnet`, `inherit`, `auto`)
 * follow whatever the host resolves them to, so they are not pinned and count
 * as unresolved; `provider/model` names give the provider.
 */
export function harnessModel(value: string): Model {
  const text = value.trim()
  const slash = /^([\w.-]+)\/(.+)$/.exec(text)
  const name = slash?.[2] ?? text
  const provider =
    slash?.[1] ??
    (/^(claude|sonnet|opus|haiku)/i.test(name)
      ? 'anthropic'
      : /^(gpt|o\d|codex|chatgpt)/i.test(name)
        ? 'openai'
        : /^gemini/i.test(name)
          ? 'google'
          : undefined)
  const unresolved =
    MODEL_ALIASES.test(name) ||
    isPlaceholder(text) ||
    /^\{(env|file):/.test(text)
  return {
    name: text,
    provider,
    unresolved: unresolved || undefined,
  }
}

/** One hook of a harness's hook table. */
export interface HookCommand {
  readonly event: string
  /** `command` runs a script; `prompt` and `agent` hooks ask a model. */
  readonly type: string
  readonly command: string
  /** Runs in the background: it cannot stop the action. */
  readonly async: boolean
  /** Path of the hook inside the hook table. */
  readonly path: DataPath
}

/**
 * The hooks of a hook table, in both shapes harnesses use: Claude Code's
 * `{Event: [{matcher, hooks: [{type, command}]}]}` and the flat
 * `{event: [{command}]}` of Amazon Q and Kiro.
 */
export function hookCommands(table: unknown): HookCommand[] {
  const found: HookCommand[] = []
  const push = (event: string, hook: unknown, path: DataPath): void => {
    const record = asRecord(hook)
    if (!record) return
    found.push({
      event,
      type: asString(record.type) ?? 'command',
      command: asString(record.command) ?? asString(record.prompt) ?? '',
      async: record.async === true,
      path,
    })
  }
  for (const [event, groups] of entriesOf(table)) {
    ;(asArray(groups) ?? []).forEach((group, i) => {
      const inner = asArray(asRecord(group)?.hooks)
      if (inner)
        inner.forEach((hook, j) => push(event, hook, [event, i, 'hooks', j]))
      else push(event, group, [event, i])
    })
  }
  return found
}

/**
 * Records what a hook table tells: guardrails and logging when hooks clearly
 * are (see readHook; model-judged hooks on blocking events are guardrails),
 * and a note that hooks run code outside the manifest.
 */
export function applyHooks(
  profile: AgentProfile,
  hooks: readonly HookCommand[],
  lineOf: (path: DataPath) => number | undefined,
): void {
  if (hooks.length === 0) return
  for (const hook of hooks) {
    const line = lineOf(hook.path)
    const reading =
      hook.type === 'command'
        ? readHook(hook.event, hook.command)
        : { guardrail: BLOCKING_EVENTS.test(hook.event), logging: false }
    if (reading.guardrail && !hook.async) {
      profile.controls.guardrails = true
      cite(profile, 'controls.guardrails', line)
    }
    if (reading.logging) {
      profile.controls.logging = true
      cite(profile, 'controls.logging', line)
    }
  }
  const events = [...new Set(hooks.map((h) => h.event))]
  addNote(
    profile,
    `${hooks.length} hook${hooks.length === 1 ? '' : 's'} on ${events.join(', ')} run commands outside the manifest on the agent's actions`,
  )
}

/**
 * **In short:** `*.md` under `.claude/agents/` (any depth), plugin `agents/*.md` → tools (none listed: all), model, permission mode, memory, hooks
 *
 * Claude Code subagents: Markdown with YAML front matter under
 * `.claude/agents/` (any depth), and `agents/*.md` of a Claude Code plugin
 * (a directory next to `.claude-plugin/`). Elsewhere a `*.md` is only a
 * candidate, claimed when its front matter has name, description and a
 * subagent key, so that website pages with front matter are left alone.
 *
 * Mapping: name, description; the body → instructions; tools (a comma string
 * or a list, `Agent(a, b)` naming the agents it may start) → tools and
 * subAgents; disallowedTools → removed from the list and noted; model →
 * model (aliases and `inherit` follow the session: unresolved); permissionMode
 * → autonomy.permissionMode and humanApproval (bypassPermissions, dontAsk,
 * acceptEdits, auto → false; default, plan → true); maxTurns →
 * autonomy.maxIterations; memory user|project|local → persistent memory the
 * agent writes and reads back into its own prompt (selfEditing); skills →
 * skills; mcpServers → MCP tools; hooks → guardrails or logging when their
 * commands clearly are; isolation: worktree → sandbox; effort → planning.
 *
 * Defaults: no `tools` → the agent inherits every tool of the session, MCP
 * servers included: allTools = true. A misspelt key (`allowedTools`,
 * `allowed-tools`) restricts nothing, since Claude Code ignores unknown keys:
 * its entries are listed, allTools stays true and a note says why. No
 * permissionMode → the project's `.claude/settings.json` and
 * `settings.local.json` (beside `.claude/agents/`) govern it: their deny
 * rules take tools away, ask and allow rules set approvals, their
 * defaultMode applies; what is still unstated gets Claude Code's documented
 * defaults (Bash, edits, WebFetch, WebSearch, Skill ask; reads, Task and the
 * todo list do not; MCP tools ask), each cited in approvalSource and
 * humanApproval in `defaults`. Reach is local; it runs from a chat or for
 * the main agent.
 */
import {
  frontMatterBlock,
  frontMatterKeys,
  noteLenientRead,
  readFrontMatter,
  type FrontMatterFile,
} from '../manifest/front-matter.js'
import {
  applyProjectSettings,
  readProjectSettings,
} from '../manifest/claude-project-settings.js'
import {
  addHarnessTool,
  harnessTool,
  listEntries,
  splitToolList,
} from '../manifest/harness-tools.js'
import { applyHostDefaults } from '../manifest/host-defaults.js'
import { CLAUDE_CODE_MCP_ASKS } from '../manifest/hosts/claude-code.js'
import { applyHooks, hookCommands } from '../manifest/hooks.js'
import { mcpServerTool, recordServerReading } from '../manifest/mcp-servers.js'
import { harnessModel } from '../manifest/models.js'
import { fileStem, pathSegments, splitPath } from '../manifest/paths.js'
import {
  applyPermissionMode,
  CLAUDE_PERMISSION_MODES,
} from '../manifest/permissions.js'
import { problem, rejected, unknownValue } from '../manifest/result.js'
import type {
  FormatModule,
  FormatResult,
  ManifestFile,
} from '../manifest/types.js'
import {
  asArray,
  asNumber,
  asString,
  asStrings,
  entriesOf,
  isRecord,
  type DataRecord,
} from '../parse/data.js'
import type { DataPath, ParsedDocument } from '../parse/document.js'
import type { Problem } from '../problems.js'
import {
  addNote,
  addTool,
  cite,
  newProfile,
  pushUnique,
} from '../profile/build.js'
import type { AgentProfile } from '../profile/schema.js'

const FORMAT = 'claude-code-subagent'

/**
 * Keys only a subagent has: a page with a name and a description alone is
 * not one. `model` counts only with a Claude model (`sonnet`, `inherit`,
 * `claude-…`), since product pages have models too.
 */
const AGENT_KEYS = [
  'tools',
  'disallowedTools',
  'permissionMode',
  'maxTurns',
  'mcpServers',
  'isolation',
]
const CLAUDE_MODEL =
  /^['"]?(sonnet|opus|haiku|inherit|opusplan|claude-[\w.-]+)['"]?\s*$/i
/** Keys of static-site pages (Hugo, Jekyll, Docusaurus), never of subagents. */
const PAGE_KEYS = [
  'layout',
  'date',
  'permalink',
  'slug',
  'sidebar_position',
  'sidebar_label',
  'draft',
  'weight',
]
/** Keys people write for `tools` that Claude Code ignores. */
const MISSPELT_TOOLS = [
  'allowedTools',
  'allowed-tools',
  'allowed_tools',
  'tool',
  'Tools',
]
const MEMORY_SCOPES = ['user', 'project', 'local']

const subagent: FormatModule = {
  id: FORMAT,
  title: 'Claude Code subagent',
  nameEndings: ['.md'],
  matchPath,
  sniff,
  parse,
}
export default subagent

function matchPath(path: string): 'yes' | 'maybe' | 'no' {
  const segments = pathSegments(path)
  const name = segments[segments.length - 1] ?? ''
  if (!/\.md$/i.test(name)) return 'no'
  if (/\.(agent|chatmode|prompt|instructions)\.md$/i.test(name)) return 'no'
  if (isClaudeAgentsPath(segments)) return 'yes'
  if (
    /^(readme|skill|changelog|license|contributing|claude|agents)\.md$/i.test(
      name,
    )
  )
    return 'no'
  const dirs = segments.slice(0, -1)
  if (
    dirs.some((d) =>
      /^(\.github|\.opencode|\.claude|\.cursor|commands|skills|node_modules)$/i.test(
        d,
      ),
    )
  )
    return 'no'
  return 'maybe'
}

function isClaudeAgentsPath(segments: readonly string[]): boolean {
  return (
    segments.some(
      (segment, i) => segment === '.claude' && segments[i + 1] === 'agents',
    ) && segments.length > 2
  )
}

function sniff(head: string, path: string): boolean {
  const keys = frontMatterKeys(head)
  if (!keys || !keys.has('name') || !keys.has('description')) return false
  if (PAGE_KEYS.some((k) => keys.has(k))) return false
  if (AGENT_KEYS.some((k) => keys.has(k))) return true
  const block = frontMatterBlock(head) ?? ''
  const model = /^model[ \t]*:(.*)$/m.exec(block)?.[1] ?? ''
  if (CLAUDE_MODEL.test(model.trim())) return true
  // A plugin's agents may have nothing but a name and a description.
  return /(^|\/)agents\/[^/]+\.md$/i.test(path)
}

function parse(file: ManifestFile): FormatResult {
  const canonical = isClaudeAgentsPath(pathSegments(file.path))
  const read = readFrontMatter(file, {
    missing: 'no YAML front matter: Claude Code does not load it as a subagent',
    reportUnclosed: canonical,
    unclosedHelp: 'Close the front matter with a line holding only ---.',
    notMapping: 'the front matter must be a mapping of subagent fields',
    notMappingHelp:
      'Write name, description and the other fields as "key: value" lines.',
    // Claude Code loads front matter whose values hold ": ".
    lenient: true,
  })
  if (!read.ok) return read.result
  const { fm, data } = read
  const doc = fm.document
  if (!canonical) {
    const page = PAGE_KEYS.filter((k) => k in data)
    if (page.length > 0)
      return rejected(
        `front matter of a website page (${page.join(', ')}), not a subagent`,
      )
    const claudeModel = CLAUDE_MODEL.test(asString(data.model) ?? '')
    if (
      !AGENT_KEYS.some((k) => k in data) &&
      !claudeModel &&
      pluginOf(file) === undefined
    )
      return rejected(
        'front matter has no subagent field and the file is neither under .claude/agents/ nor in a Claude Code plugin',
      )
  }
  const problems: Problem[] = []
  const profile = toProfile(file, fm, data, problems)
  noteLenientRead(fm, profile, problems)
  return { agents: [profile], problems, document: doc }
}

/** The plugin manifest next to a plugin's `agents/` folder, if there is one. */
function pluginOf(file: ManifestFile): string | undefined {
  const { dir } = splitPath(file.path)
  const match = /^(.*\/)?agents\/$/.exec(dir)
  if (!match) return undefined
  const manifest = `${match[1] ?? ''}.claude-plugin/plugin.json`
  return file.readSibling(manifest) === undefined ? undefined : manifest
}

function toProfile(
  file: ManifestFile,
  fm: FrontMatterFile,
  data: DataRecord,
  problems: Problem[],
): AgentProfile {
  const doc = fm.document
  const lineOf = (...path: DataPath): number | undefined => doc.lineOf(path)
  const declared = asString(data.name)?.trim()
  const profile = newProfile({
    name: declared || fileStem(file.path, /\.md$/i),
    format: FORMAT,
    file: file.path,
    line: lineOf('name') ?? 1,
  })
  if (!declared) {
    problems.push(
      problem(
        file.path,
        1,
        'the subagent has no name; Claude Code requires one',
        {
          field: 'name',
          level: 'warning',
          help: 'Add "name: <lowercase-with-hyphens>" to the front matter.',
        },
      ),
    )
  }
  cite(profile, 'name', lineOf('name'))
  const description = asString(data.description)?.trim()
  if (description) profile.description = description
  else
    problems.push(
      problem(
        file.path,
        lineOf('name') ?? 1,
        'the subagent has no description; Claude Code requires one to decide when to use it',
        {
          field: 'description',
          level: 'warning',
        },
      ),
    )
  const body = fm.body.trim()
  if (body) {
    profile.instructions = body
    cite(profile, 'instructions', fm.bodyLine)
  }
  profile.exposure.reach = 'local'
  profile.triggers.push('chat')
  const plugin = pluginOf(file)
  if (plugin)
    addNote(profile, `agent of the Claude Code plugin described in ${plugin}`)

  readTools(profile, data, doc, problems, file.path)
  readModel(profile, data, lineOf('model'))
  const mode = readPermissionMode(
    profile,
    data,
    lineOf('permissionMode'),
    problems,
    file.path,
  )
  readTurns(profile, data, lineOf('maxTurns'))
  readMemory(profile, data, lineOf('memory'), problems, file.path)
  readSkills(profile, data, lineOf('skills'))
  readMcpServers(profile, data.mcpServers, doc)
  applyHooks(profile, hookCommands(data.hooks), (path) =>
    doc.lineOf(['hooks', ...path]),
  )
  readIsolation(profile, data, lineOf('isolation'))
  if (data.background === true)
    addNote(
      profile,
      "background: true: it always runs as a background task, out of the user's sight",
    )
  const effort = asString(data.effort)
  if (effort && !/^(low|minimal|none)$/i.test(effort)) {
    profile.autonomy.planning = true
    cite(profile, 'autonomy', lineOf('effort'))
  }
  readApprovals(profile, mode, lineOf('permissionMode'), problems, file)
  return profile
}

/**
 * Who approves what, once every tool is listed: the project's settings
 * (rules, then its defaultMode), the agent's own permissionMode over that
 * mode, and Claude Code's documented defaults for what is left.
 */
function readApprovals(
  profile: AgentProfile,
  mode: string | undefined,
  line: number | undefined,
  problems: Problem[],
  file: ManifestFile,
): void {
  const settings = readProjectSettings(file, problems)
  if (settings) applyProjectSettings(profile, settings, mode)
  if (mode) applyPermissionMode(profile, mode, line)
  applyHostDefaults(profile, 'claude-code', { mcpAsks: CLAUDE_CODE_MCP_ASKS })
}

function readTools(
  profile: AgentProfile,
  data: DataRecord,
  doc: ParsedDocument,
  problems: Problem[],
  file: string,
): void {
  cite(profile, 'tools', doc.lineOf(['tools']))
  const denied = listEntries(data.disallowedTools, doc, 'disallowedTools')
  if (denied.length > 0) {
    addNote(
      profile,
      `disallowedTools removes: ${denied.map((d) => d.entry).join(', ')}`,
    )
    cite(profile, 'tools', doc.lineOf(['disallowedTools']))
  }
  const refused = new Set(denied.map((d) => d.entry.toLowerCase()))
  if (data.tools === undefined || data.tools === null) {
    inheritTools(profile, data, doc, problems, file, refused)
    return
  }
  if (asString(data.tools) === undefined && !Array.isArray(data.tools)) {
    problems.push(
      problem(
        file,
        doc.lineOf(['tools']),
        'tools must be a comma-separated string or a list of tool names',
        { field: 'tools' },
      ),
    )
    return
  }
  cite(profile, 'tools', doc.lineOf(['tools']))
  listTools(profile, data.tools, 'tools', doc, refused)
}

/**
 * No `tools`: every tool of the session. A misspelt key beside it is listed
 * too (those tools are available, like all others) and reported.
 */
function inheritTools(
  profile: AgentProfile,
  data: DataRecord,
  doc: ParsedDocument,
  problems: Problem[],
  file: string,
  refused: ReadonlySet<string>,
): void {
  profile.allTools = true
  const misspelt = MISSPELT_TOOLS.find((k) => k in data)
  if (!misspelt) {
    addNote(
      profile,
      'no tools list: the agent inherits every tool of the session, MCP servers included',
    )
    cite(profile, 'tools', profile.source.line)
    return
  }
  addNote(
    profile,
    `"${misspelt}" is not a subagent field and is ignored: with no "tools" the agent inherits every tool, MCP included`,
  )
  problems.push(
    problem(
      file,
      doc.lineOf([misspelt]),
      `"${misspelt}" is not a Claude Code subagent field; it restricts nothing`,
      {
        field: misspelt,
        level: 'warning',
        help: 'Rename it to "tools" to limit the agent to these tools.',
      },
    ),
  )
  cite(profile, 'tools', doc.lineOf([misspelt]))
  listTools(profile, data[misspelt], misspelt, doc, refused)
}

function listTools(
  profile: AgentProfile,
  value: unknown,
  key: string,
  doc: ParsedDocument,
  refused: ReadonlySet<string>,
): void {
  for (const { entry, line } of listEntries(value, doc, key)) {
    if (refused.has(entry.toLowerCase())) continue
    if (entry === '*') {
      profile.allTools = true
      continue
    }
    const harness = harnessTool(entry, line, 'claude-code')
    const { tool, scope } = harness
    addHarnessTool(profile, harness)
    if (tool.kind === 'agent-call')
      readAgentTool(profile, tool.name, scope, line)
  }
}

/** `Agent` lets it start subagents; `Agent(a, b)` only those. */
function readAgentTool(
  profile: AgentProfile,
  name: string,
  scope: string | undefined,
  line: number | undefined,
): void {
  profile.delegation.canDelegate = true
  cite(profile, 'delegation', line)
  const names = scope ? splitToolList(scope).filter((n) => n !== '*') : []
  if (names.length > 0) {
    for (const child of names) pushUnique(profile.subAgents, child)
    cite(profile, 'subAgents', line)
  } else {
    profile.delegation.dynamic = true
    addNote(profile, `${name}: it may start any subagent`)
  }
}

function readModel(
  profile: AgentProfile,
  data: DataRecord,
  line: number | undefined,
): void {
  const value = asString(data.model)
  if (!value) {
    profile.model = { name: 'inherit', provider: 'anthropic', unresolved: true }
    addNote(profile, "no model: it runs on the session's model")
    return
  }
  profile.model = harnessModel(value)
  profile.model.provider ??= 'anthropic'
  cite(profile, 'model', line)
  if (profile.model.unresolved)
    addNote(profile, `model "${value}" is an alias, not a pinned model version`)
}

/** The agent's own permissionMode, when it is one Claude Code knows. */
function readPermissionMode(
  profile: AgentProfile,
  data: DataRecord,
  line: number | undefined,
  problems: Problem[],
  file: string,
): string | undefined {
  const mode = asString(data.permissionMode)
  if (!mode) return undefined
  profile.autonomy.permissionMode = mode
  cite(profile, 'autonomy', line)
  if (!CLAUDE_PERMISSION_MODES.includes(mode)) {
    problems.push(
      unknownValue(file, line, 'permissionMode', mode, CLAUDE_PERMISSION_MODES),
    )
    return undefined
  }
  return mode
}

function readTurns(
  profile: AgentProfile,
  data: DataRecord,
  line: number | undefined,
): void {
  const turns = asNumber(data.maxTurns)
  if (turns === undefined) return
  profile.autonomy.maxIterations = turns
  cite(profile, 'autonomy', line)
}

function readMemory(
  profile: AgentProfile,
  data: DataRecord,
  line: number | undefined,
  problems: Problem[],
  file: string,
): void {
  const scope = asString(data.memory)
  if (scope === undefined) return
  if (!MEMORY_SCOPES.includes(scope)) {
    problems.push(
      unknownValue(file, line, 'memory scope', scope, MEMORY_SCOPES, 'memory'),
    )
    return
  }
  profile.memory = {
    kind: 'persistent',
    stores: [`${scope} agent memory`],
    writable: true,
  }
  profile.autonomy.selfEditing = true
  cite(profile, 'memory', line)
  cite(profile, 'autonomy', line)
  addNote(
    profile,
    `memory: ${scope}: it keeps notes across sessions and reads them back into its prompt`,
  )
}

function readSkills(
  profile: AgentProfile,
  data: DataRecord,
  line: number | undefined,
): void {
  const skills =
    asString(data.skills) !== undefined
      ? splitToolList(asString(data.skills) ?? '')
      : asStrings(data.skills)
  for (const name of skills) profile.skills.push({ name })
  if (skills.length > 0) cite(profile, 'skills', line)
}

/**
 * `mcpServers`: names of servers the session already has, or inline
 * `{name: config}` entries (as a list or a mapping).
 */
function readMcpServers(
  profile: AgentProfile,
  value: unknown,
  doc: ParsedDocument,
  key = 'mcpServers',
): void {
  const entries: Array<[string, unknown, DataPath]> = []
  const list = asArray(value)
  if (list) {
    list.forEach((item, i) => {
      if (typeof item === 'string') entries.push([item, undefined, [key, i]])
      else
        for (const [name, config] of entriesOf(item))
          entries.push([name, config, [key, i, name]])
    })
  } else {
    for (const [name, config] of entriesOf(value))
      entries.push([name, config, [key, name]])
  }
  for (const [name, config, path] of entries) {
    const line = doc.lineOf(path)
    cite(profile, 'tools', line)
    if (!isRecord(config)) {
      addTool(profile, harnessTool(`mcp__${name}__*`, line).tool)
      continue
    }
    const server = mcpServerTool(name, config, line)
    if (server.disabled) {
      addNote(profile, `MCP server ${name} is disabled`)
      continue
    }
    addTool(profile, server.tool)
    recordServerReading(profile, server)
    if (server.memory) {
      profile.memory.kind = 'persistent'
      profile.memory.stores.push(name)
    }
  }
}

function readIsolation(
  profile: AgentProfile,
  data: DataRecord,
  line: number | undefined,
): void {
  const isolation = asString(data.isolation)
  if (isolation !== 'worktree') return
  profile.controls.sandbox = true
  cite(profile, 'controls.sandbox', line)
  addNote(
    profile,
    'isolation: worktree: it works in a temporary git worktree (file isolation, not a security sandbox)',
  )
}

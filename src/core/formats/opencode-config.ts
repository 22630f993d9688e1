/**
 * **In short:** `opencode.json(c)`, `.opencode/agent(s)/*.md` → permissions (allow/ask/deny), agents and their modes
 *
 * OpenCode: `opencode.json` / `opencode.jsonc` (JSON with comments and
 * trailing commas) and agents written as Markdown with front matter in
 * `.opencode/agent/*.md` or `.opencode/agents/*.md`.
 *
 * Profiles: one per agent. A config file gives each entry of `agent` (mode
 * primary, subagent or all) plus OpenCode's default `build` agent when the
 * file does not define it, since that agent always runs with the file's
 * global settings. A subagent's parent is the default agent
 * (`default_agent`, else `build`) when its `task` rules let it start the
 * subagent, else the first primary agent that may; other primary agents
 * (mode primary or all) that may start it list it among their peers.
 * A Markdown agent is one profile whose global settings come from the
 * project's opencode.json(c) when there is one; a Markdown subagent's parent
 * is then `build`.
 *
 * Mapping: `permission` (global, then per agent on top; last matching
 * pattern wins) → tools: bash (shell), edit (file-write, also write and
 * patch), webfetch (network), read (file-read) and task (agent-call, primary
 * agents only): allow → requiresApproval false, ask → true, deny → the tool
 * is absent; a pattern map (`"git diff *": "allow"`) → allowlists and a tool
 * whose description lists what it may run (read-only when every allowed
 * command only reads); `tools` toggles (`bash: false`, `server_*: false`)
 * switch tools off; `mcp` → MCP tools; model (`provider/model`) →
 * model; temperature, top_p; prompt (`{file:…}` is read from the file it
 * names) or the Markdown body → instructions; maxSteps → maxIterations;
 * humanApproval follows from the tools (true when every tool that changes
 * things asks).
 *
 * Defaults: OpenCode allows every tool that no permission mentions, so an
 * absent permission means no confirmation (permissionMode "allow" when no
 * permission is configured at all); mode defaults to all. Reach is local.
 */
import { addCredential, isCredentialName } from '../manifest/credentials.js'
import { noteLenientRead, readFrontMatter } from '../manifest/front-matter.js'
import { mcpServerTool, recordServerReading } from '../manifest/mcp-servers.js'
import { harnessModel } from '../manifest/models.js'
import {
  fileStem,
  joinPath,
  pathSegments,
  splitPath,
} from '../manifest/paths.js'
import {
  approvalOf,
  globPattern,
  isReadOnlyCommand,
} from '../manifest/permissions.js'
import { hostDefaultText, settleApproval } from '../manifest/host-defaults.js'
import { parseMapping, problem, rejected } from '../manifest/result.js'
import type {
  FormatModule,
  FormatResult,
  ManifestFile,
} from '../manifest/types.js'
import {
  asArray,
  asBoolean,
  asNumber,
  asRecord,
  asString,
  asStrings,
  entriesOf,
  isRecord,
  type DataRecord,
} from '../parse/data.js'
import {
  parseJsonDocument,
  type DataPath,
  type ParsedDocument,
} from '../parse/document.js'
import type { Problem } from '../problems.js'
import {
  addNote,
  addTool,
  cite,
  listSummary,
  newProfile,
} from '../profile/build.js'
import type { AgentProfile, Tool, ToolKind } from '../profile/schema.js'
import { isReadOnlyTool, SIDE_EFFECT_KINDS } from '../profile/tool-kinds.js'

const FORMAT = 'opencode-config'
const DEFAULT_AGENT = 'build'

type Action = 'allow' | 'ask' | 'deny'
/** Permission patterns in the order they are written; the last match wins. */
type Rule = ReadonlyArray<readonly [string, Action]>
type Permissions = ReadonlyMap<string, Rule>

/** Global settings every agent of a project starts from. */
interface Base {
  readonly permission: Permissions
  readonly permissionLine?: number
  readonly tools: ReadonlyMap<string, boolean>
  readonly mcp: ReadonlyArray<readonly [string, unknown, number | undefined]>
  readonly model?: string
  readonly modelLine?: number
  readonly source?: string
}

const opencode: FormatModule = {
  id: FORMAT,
  title: 'OpenCode configuration',
  nameEndings: ['.json', '.jsonc', '.md'],
  matchPath,
  sniff,
  parse,
}
export default opencode

function matchPath(path: string): 'yes' | 'maybe' | 'no' {
  const segments = pathSegments(path)
  const name = segments[segments.length - 1] ?? ''
  if (/^opencode\.jsonc?$/i.test(name)) return 'yes'
  const parent = segments[segments.length - 2]
  if (
    segments[segments.length - 3] === '.opencode' &&
    (parent === 'agent' || parent === 'agents') &&
    /\.md$/i.test(name)
  )
    return 'yes'
  return /opencode\.jsonc?$/i.test(name) ? 'maybe' : 'no'
}

function sniff(head: string): boolean {
  if (/opencode\.ai\/config\.json/.test(head)) return true
  const permission =
    /"permission"\s*:/.test(head) &&
    /"(bash|edit|webfetch)"\s*:\s*("(allow|ask|deny)"|\{)/.test(head)
  const agents =
    /"agent"\s*:\s*\{/.test(head) &&
    /"mode"\s*:\s*"(primary|subagent|all)"/.test(head)
  return permission || agents
}

function parse(file: ManifestFile): FormatResult {
  return /\.md$/i.test(file.path) ? parseMarkdown(file) : parseConfig(file)
}

// ---------------------------------------------------------------- config

/** An agent of a config file with what linking needs. */
interface Entry {
  readonly profile: AgentProfile
  readonly mode: string
  readonly task: Rule
}

function parseConfig(file: ManifestFile): FormatResult {
  const parsed = parseMapping(file, 'json', {
    problem: 'an OpenCode config must be a JSON object',
  })
  if (!parsed.ok) return parsed.result
  const { doc, root: data } = parsed
  const problems: Problem[] = []
  const base = readBase(data, doc, problems, file.path)
  const entries: Entry[] = []
  const defined = new Set<string>()
  for (const [name, value] of entriesOf(data.agent)) {
    if (!isRecord(value)) continue
    defined.add(name)
    if (asBoolean(value.disable) === true) continue
    entries.push(
      agentEntry(file, name, value, ['agent', name], doc, base, problems),
    )
  }
  if (!defined.has(DEFAULT_AGENT)) {
    const build = agentEntry(file, DEFAULT_AGENT, {}, [], doc, base, problems)
    build.profile.description =
      "OpenCode's default agent, with this file's global settings"
    entries.unshift(build)
  }
  linkAgents(entries, asString(data.default_agent), doc)
  const notes = globalNotes(data)
  for (const { profile } of entries)
    for (const note of notes) addNote(profile, note)
  return { agents: entries.map((e) => e.profile), problems, document: doc }
}

function globalNotes(data: DataRecord): string[] {
  const notes: string[] = []
  const instructions = asStrings(data.instructions)
  if (instructions.length > 0)
    notes.push(`instructions also come from ${instructions.join(', ')}`)
  if ((asArray(data.plugin)?.length ?? 0) > 0)
    notes.push(
      'plugins run code of their own inside OpenCode; the config under-reports them',
    )
  return notes
}

function readBase(
  data: DataRecord,
  doc: ParsedDocument,
  problems: Problem[],
  file: string,
  source?: string,
): Base {
  // Lines of another file than the agent's would mislead: keep them only here.
  const here = source === undefined
  return {
    permission: readPermissions(
      data.permission,
      doc,
      ['permission'],
      problems,
      file,
    ),
    permissionLine: here ? doc.lineOf(['permission']) : undefined,
    tools: readToggles(data.tools),
    mcp: entriesOf(data.mcp).map(
      ([name, config]) =>
        [name, config, here ? doc.lineOf(['mcp', name]) : undefined] as const,
    ),
    model: asString(data.model),
    modelLine: here ? doc.lineOf(['model']) : undefined,
    source,
  }
}

function readPermissions(
  value: unknown,
  doc: ParsedDocument,
  path: DataPath,
  problems: Problem[],
  file: string,
): Permissions {
  const result = new Map<string, Rule>()
  const all = action(value)
  if (all) {
    result.set('*', [['*', all]])
    return result
  }
  for (const [key, rule] of entriesOf(value)) {
    const single = action(rule)
    if (single) {
      result.set(key, [['*', single]])
      continue
    }
    if (!isRecord(rule)) {
      problems.push(
        problem(
          file,
          doc.lineOf([...path, key]),
          `permission.${key} must be allow, ask, deny or a map of patterns`,
          { field: `permission.${key}`, level: 'warning' },
        ),
      )
      continue
    }
    const patterns: Array<[string, Action]> = []
    for (const [pattern, act] of entriesOf(rule)) {
      const a = action(act)
      if (a) patterns.push([pattern, a])
    }
    result.set(key, patterns)
  }
  return result
}

function action(value: unknown): Action | undefined {
  return value === 'allow' || value === 'ask' || value === 'deny'
    ? value
    : undefined
}

function readToggles(value: unknown): Map<string, boolean> {
  const toggles = new Map<string, boolean>()
  for (const [name, on] of entriesOf(value))
    if (typeof on === 'boolean') toggles.set(name, on)
  return toggles
}

/**
 * The rules that decide one tool, in evaluation order: the global layer,
 * then the agent's; within a layer, the `*` key before the tool's own.
 */
function rulesFor(layers: readonly Permissions[], key: string): Rule {
  return layers.flatMap((layer) => [
    ...(key === '*' ? [] : (layer.get('*') ?? [])),
    ...(layer.get(key) ?? []),
  ])
}

// ---------------------------------------------------------------- agents

function agentEntry(
  file: ManifestFile,
  name: string,
  definition: DataRecord,
  path: DataPath,
  doc: ParsedDocument,
  base: Base,
  problems: Problem[],
  body?: { text: string; line: number },
): Entry {
  const lineOf = (...sub: DataPath): number | undefined =>
    doc.lineOf([...path, ...sub])
  const own = path.length > 0
  const profile = newProfile({
    name,
    format: FORMAT,
    file: file.path,
    line: (own ? lineOf() : undefined) ?? 1,
  })
  cite(profile, 'name', own ? lineOf() : undefined)
  const description = asString(definition.description)?.trim()
  if (description) profile.description = description
  const mode = asString(definition.mode) ?? 'all'
  if (!['primary', 'subagent', 'all'].includes(mode))
    problems.push(
      problem(file.path, lineOf('mode'), `unknown mode "${mode}"`, {
        field: 'mode',
        level: 'warning',
        help: 'Use primary, subagent or all.',
      }),
    )
  profile.exposure.reach = 'local'
  // Subagents can be @-mentioned in a chat too, unless they are hidden.
  if (asBoolean(definition.hidden) !== true) profile.triggers.push('chat')
  readAgentModel(profile, definition, lineOf('model'), base)
  readPrompt(profile, definition, lineOf('prompt'), file, body, base)
  const steps = asNumber(definition.maxSteps) ?? asNumber(definition.steps)
  if (steps !== undefined) {
    profile.autonomy.maxIterations = steps
    cite(
      profile,
      'autonomy',
      lineOf(definition.maxSteps !== undefined ? 'maxSteps' : 'steps'),
    )
  }
  const layers = [
    base.permission,
    own || body
      ? readPermissions(
          definition.permission,
          doc,
          [...path, 'permission'],
          problems,
          file.path,
        )
      : new Map<string, Rule>(),
  ]
  const toggles = new Map([...base.tools, ...readToggles(definition.tools)])
  const line =
    (own || body ? (lineOf('permission') ?? lineOf('tools')) : undefined) ??
    base.permissionLine
  buildTools(profile, layers, toggles, mode !== 'subagent', line)
  addServers(profile, base, toggles)
  const approval = approvalOf(profile.tools)
  const acting = profile.tools.filter(
    (t) => SIDE_EFFECT_KINDS.has(t.kind) && !isReadOnlyTool(t),
  )
  if (approval !== undefined && acting.every((t) => t.approvalSource)) {
    // Only OpenCode's defaults decided it: cite them, not a line.
    settleApproval(profile)
  } else if (approval !== undefined) {
    profile.controls.humanApproval = approval
    cite(profile, 'controls.humanApproval', line)
  }
  return { profile, mode, task: rulesFor(layers, 'task') }
}
function readAgentModel(
  profile: AgentProfile,
  definition: DataRecord,
  line: number | undefined,
  base: Base,
): void {
  const own = asString(definition.model)
  const value = own ?? base.model
  if (value) {
    profile.model = harnessModel(value)
    cite(profile, 'model', own ? line : base.modelLine)
    if (profile.model.unresolved)
      addNote(profile, `model "${value}" is resolved at run time`)
  } else {
    profile.model = { unresolved: true }
    addNote(profile, "no model: it runs on the user's default model")
  }
  const temperature = asNumber(definition.temperature)
  if (temperature !== undefined) profile.model.temperature = temperature
}

function readPrompt(
  profile: AgentProfile,
  definition: DataRecord,
  line: number | undefined,
  file: ManifestFile,
  body: { text: string; line: number } | undefined,
  base: Base,
): void {
  const prompt = asString(definition.prompt)
  if (prompt) {
    const ref = /^\{file:([^}]+)\}$/.exec(prompt.trim())?.[1]
    if (ref) {
      const path = joinPath(
        splitPath(base.source ?? file.path).dir,
        ref.trim().replace(/^~\//, ''),
        { clampAtRoot: true },
      )
      const text = file.readSibling(path)
      addNote(
        profile,
        `instructions are read from ${path}${text === undefined ? ', which is not in the scan' : ''}`,
      )
      if (text !== undefined) profile.instructions = text.trim()
    } else profile.instructions = prompt.trim()
    cite(profile, 'instructions', line)
    return
  }
  if (body && body.text.trim()) {
    profile.instructions = body.text.trim()
    cite(profile, 'instructions', body.line)
  }
}

interface ToolSpec {
  readonly key: string
  readonly name: string
  readonly kind: ToolKind
  readonly readOnly?: boolean
  /** Toggle names that switch it off. */
  readonly toggles: readonly string[]
}

const TOOL_SPECS: readonly ToolSpec[] = [
  { key: 'bash', name: 'bash', kind: 'shell', toggles: ['bash'] },
  {
    key: 'edit',
    name: 'edit',
    kind: 'file-write',
    toggles: ['edit', 'write', 'patch'],
  },
  {
    key: 'webfetch',
    name: 'webfetch',
    kind: 'network',
    readOnly: true,
    toggles: ['webfetch'],
  },
  {
    key: 'read',
    name: 'read',
    kind: 'file-read',
    readOnly: true,
    toggles: ['read'],
  },
]

function buildTools(
  profile: AgentProfile,
  layers: readonly Permissions[],
  toggles: ReadonlyMap<string, boolean>,
  primary: boolean,
  line: number | undefined,
): void {
  const specs: readonly ToolSpec[] = primary
    ? [
        ...TOOL_SPECS,
        { key: 'task', name: 'task', kind: 'agent-call', toggles: ['task'] },
      ]
    : TOOL_SPECS
  cite(profile, 'tools', line)
  for (const spec of specs) {
    if (spec.toggles.every((t) => toggles.get(t) === false)) {
      addNote(profile, `${spec.name} is switched off in tools`)
      continue
    }
    addFromRule(profile, spec, rulesFor(layers, spec.key), line)
  }
  if (layers.every((layer) => layer.size === 0)) {
    profile.autonomy.permissionMode = 'allow'
    cite(profile, 'autonomy', line)
    addNote(
      profile,
      'no permission settings: OpenCode runs every tool without asking',
    )
  }
}

/**
 * A rule list read the way OpenCode reads it, the last matching entry
 * winning: the last `*` entry gives the default (allow when there is none)
 * and hides every pattern written before it.
 */
function effective(rule: Rule): {
  readonly otherwise: Action
  readonly patterns: ReadonlyArray<readonly [string, Action]>
  readonly hidden: readonly string[]
} {
  let star = -1
  rule.forEach(([pattern], i) => {
    if (pattern === '*') star = i
  })
  const last = new Map<string, Action>()
  for (const [pattern, act] of rule.slice(star + 1)) last.set(pattern, act)
  return {
    otherwise: star >= 0 ? (rule[star]?.[1] ?? 'allow') : 'allow',
    patterns: [...last],
    hidden: rule
      .slice(0, Math.max(star, 0))
      .filter(([pattern, act]) => pattern !== '*' && act === 'deny')
      .map(([pattern]) => pattern),
  }
}

function addFromRule(
  profile: AgentProfile,
  spec: ToolSpec,
  rule: Rule,
  line: number | undefined,
): void {
  const { otherwise, patterns, hidden } = effective(rule)
  const allowed = patterns.filter(([, a]) => a === 'allow').map(([p]) => p)
  const asked = patterns.filter(([, a]) => a === 'ask').map(([p]) => p)
  const refused = patterns.filter(([, a]) => a === 'deny').map(([p]) => p)
  const base: Tool = {
    name: spec.name,
    kind: spec.kind,
    line,
    source: 'builtin',
    readOnly: spec.readOnly,
  }
  if (refused.length > 0)
    addNote(profile, `${spec.name} refuses: ${listSummary(refused)}`)
  if (hidden.length > 0 && otherwise !== 'deny')
    addNote(
      profile,
      `${spec.name}: a later "*": "${otherwise}" rule overrides the refusals written before it (${listSummary(hidden)}), which no longer apply`,
    )
  if (patterns.length > 0) {
    profile.controls.allowlists = true
    cite(profile, 'controls.allowlists', line)
  }
  const onlyReads = (list: readonly string[]): boolean | undefined =>
    spec.kind === 'shell' && list.length > 0 && list.every(isReadOnlyCommand)
      ? true
      : spec.readOnly
  if (otherwise === 'deny') {
    const permitted = [...allowed, ...asked]
    if (permitted.length === 0) {
      addNote(profile, `${spec.name} is denied`)
      return
    }
    addTool(profile, {
      ...base,
      description: `only ${listSummary(permitted)}`,
      requiresApproval: allowed.length === 0,
      readOnly: onlyReads(permitted),
    })
    return
  }
  // No "*" rule: OpenCode's own default, which lets the tool run.
  const byDefault = !rule.some(([pattern]) => pattern === '*')
  addTool(profile, {
    ...base,
    requiresApproval: otherwise === 'ask',
    ...(byDefault
      ? { approvalSource: hostDefaultText('opencode', spec.name, false) }
      : {}),
  })
  if (otherwise === 'ask' && allowed.length > 0) {
    addTool(profile, {
      ...base,
      name: `${spec.name} (pre-approved)`,
      description: `runs without asking: ${listSummary(allowed)}`,
      requiresApproval: false,
      readOnly: onlyReads(allowed),
    })
  }
}

function addServers(
  profile: AgentProfile,
  base: Base,
  toggles: ReadonlyMap<string, boolean>,
): void {
  for (const [name, config, line] of base.mcp) {
    const off = [...toggles].some(
      ([key, on]) =>
        !on && (key === name || globPattern(key).test(`${name}_tool`)),
    )
    if (off) {
      addNote(profile, `MCP server ${name} is switched off in tools`)
      continue
    }
    const server = mcpServerTool(name, serverEntry(config), line)
    if (server.disabled) continue
    cite(profile, 'tools', line)
    addTool(profile, {
      ...server.tool,
      requiresApproval: server.tool.requiresApproval ?? false,
      ...(server.tool.requiresApproval === undefined
        ? { approvalSource: hostDefaultText('opencode', name, false) }
        : {}),
    })
    recordServerReading(profile, server)
    for (const credential of envRefs(config)) addCredential(profile, credential)
    if (server.memory) {
      profile.memory.kind = 'persistent'
      profile.memory.stores.push(name)
    }
  }
}

/** OpenCode's server entry in the common shape: `command` is a list there. */
function serverEntry(config: unknown): DataRecord {
  const record = asRecord(config) ?? {}
  const command = asStrings(record.command)
  return {
    ...record,
    command: command[0] ?? asString(record.command),
    args: command.length > 1 ? command.slice(1) : record.args,
    env: record.environment ?? record.env,
    type:
      record.type === 'remote'
        ? 'http'
        : record.type === 'local'
          ? 'stdio'
          : record.type,
  }
}

/** `{env:NAME}` references in a server's environment and headers. */
function envRefs(config: unknown): string[] {
  const record = asRecord(config) ?? {}
  const values = [
    ...entriesOf(record.environment),
    ...entriesOf(record.headers),
  ]
  const names: string[] = []
  for (const [key, value] of values) {
    const ref = /\{env:([A-Za-z_][\w]*)\}/.exec(asString(value) ?? '')?.[1]
    if (ref) names.push(ref)
    else if (isCredentialName(key) && asString(value)) names.push(key)
  }
  return names
}

/**
 * Links the file's subagents to the primary agents whose `task` rules let
 * them start them. A profile has one parent, so each subagent belongs to the
 * default agent when it may start it (else to the first primary that may);
 * the other primaries that reach it list it as a peer.
 */
function linkAgents(
  entries: readonly Entry[],
  defaultAgent: string | undefined,
  doc: ParsedDocument,
): void {
  const primaries = entries.filter((e) => e.mode !== 'subagent')
  const children = entries.filter((e) => e.mode === 'subagent')
  const root =
    primaries.find((e) => e.profile.name === defaultAgent) ??
    primaries.find((e) => e.profile.name === DEFAULT_AGENT) ??
    primaries[0]
  const ordered = root
    ? [root, ...primaries.filter((p) => p !== root)]
    : primaries
  const line = doc.lineOf(['agent'])
  for (const { profile } of children) {
    const reaching = ordered.filter((primary) =>
      mayStart(primary, profile.name),
    )
    const [owner, ...others] = reaching
    if (!owner) {
      addNote(profile, 'no primary agent of this file may start it')
      continue
    }
    profile.parent = owner.profile.name
    owner.profile.subAgents.push(profile.name)
    cite(owner.profile, 'subAgents', line)
    for (const other of others)
      other.profile.delegation.peers.push(profile.name)
  }
  for (const primary of primaries) {
    const { profile } = primary
    if (profile.subAgents.length + profile.delegation.peers.length === 0)
      continue
    profile.delegation.canDelegate = true
    cite(profile, 'delegation', line)
  }
}

/** The primary has the task tool and its task rules do not refuse the name. */
function mayStart(primary: Entry, name: string): boolean {
  if (!primary.profile.tools.some((t) => t.kind === 'agent-call')) return false
  const act = [...primary.task]
    .reverse()
    .find(([pattern]) => globPattern(pattern).test(name))?.[1]
  return act !== 'deny'
}

// ---------------------------------------------------------------- markdown

function parseMarkdown(file: ManifestFile): FormatResult {
  const read = readFrontMatter(file, {
    missing: 'no YAML front matter: not an OpenCode agent',
    notMapping: 'the front matter must be a mapping of agent fields',
    // OpenCode falls back to a permissive reading of invalid front matter.
    lenient: true,
  })
  if (!read.ok) return read.result
  const { fm, data } = read
  if (asBoolean(data.disable) === true)
    return rejected('disable: true: OpenCode does not load this agent')
  const problems: Problem[] = []
  const base = projectBase(file, problems)
  const name = asString(data.name)?.trim() || fileStem(file.path, /\.md$/i)
  const { profile, mode } = agentEntry(
    file,
    name,
    data,
    [],
    fm.document,
    base,
    problems,
    {
      text: fm.body,
      line: fm.bodyLine,
    },
  )
  if (base.source) addNote(profile, `global settings come from ${base.source}`)
  noteLenientRead(fm, profile, problems)
  if (mode === 'subagent') {
    // OpenCode's default agent starts subagents; it exists when the project has a config.
    if (base.source) profile.parent = DEFAULT_AGENT
    else
      addNote(
        profile,
        "subagent: OpenCode's primary agents start it through the task tool",
      )
  }
  return { agents: [profile], problems, document: fm.document }
}

/** The project's opencode.json(c), which a Markdown agent starts from. */
function projectBase(file: ManifestFile, problems: Problem[]): Base {
  const { dir } = splitPath(file.path)
  const root = dir.replace(/\.opencode\/agents?\/$/, '')
  for (const candidate of [
    `${root}opencode.json`,
    `${root}opencode.jsonc`,
    `${root}.opencode/opencode.json`,
    `${root}.opencode/opencode.jsonc`,
  ]) {
    const text = file.readSibling(candidate)
    if (text === undefined) continue
    try {
      const doc = parseJsonDocument(text, candidate)
      const data = asRecord(doc.value) ?? {}
      return readBase(data, doc, [], candidate, candidate)
    } catch {
      problems.push(
        problem(
          file.path,
          1,
          `${candidate} could not be read; the agent is read without the global settings`,
          {
            level: 'warning',
          },
        ),
      )
      break
    }
  }
  return { permission: new Map(), tools: new Map(), mcp: [] }
}

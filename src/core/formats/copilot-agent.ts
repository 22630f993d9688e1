/**
 * GitHub Copilot custom agents (`.github/agents/**\/*.agent.md`, also plain
 * `*.md` there, and `agents/*.agent.md` of an organisation's `.github`
 * repository) and the legacy VS Code chat modes
 * (`.github/chatmodes/*.chatmode.md`): Markdown with YAML front matter.
 * Other `*.agent.md` / `*.chatmode.md` files are candidates, claimed when
 * their front matter has a description.
 *
 * Mapping: name (else the file name), description; the body → instructions;
 * tools (a list or a comma string of aliases such as `execute`, `read`,
 * `edit`, `search`, `agent`, `web`, and `server/tool` or `server/*` for MCP)
 * → tools; model (a string, or a list tried in order) → model; mcp-servers →
 * MCP tools, with `${{ secrets.X }}` placeholders → credential names; handoffs
 * → delegation (mode handoff, peers); agents → the agents it may call
 * (subAgents; `*` → any); target → triggers (`github-copilot` is the cloud
 * agent, which works on a task unattended and opens pull requests: event;
 * `vscode` is a chat); disable-model-invocation / infer / user-invocable →
 * notes; hooks (VS Code) → guardrails or logging when their commands clearly
 * are. A tools entry naming a server the file defines stands for that
 * server's tool; a defined server that no entry names is not available.
 * `github/*` is Copilot's own read-only GitHub server.
 *
 * Defaults: no `tools` (or `*`) → every tool, MCP included: allTools = true;
 * `tools: []` → none. No target → both the IDE and the cloud agent. No model
 * → the user's default model (unresolved). Approvals: the cloud agent
 * works unattended, so for it (target github-copilot, or no target) nothing
 * asks; for VS Code the workspace's `.vscode/settings.json` auto-approve
 * settings apply, then VS Code's documented defaults (terminal commands,
 * fetches, tasks and MCP tools ask; reads and edits do not), each cited in
 * approvalSource and humanApproval in `defaults`. Reach is local.
 */
import { addCredential } from '../manifest/credentials.js'
import {
  frontMatterKeys,
  noteLenientRead,
  readFrontMatter,
  type FrontMatterFile,
} from '../manifest/front-matter.js'
import {
  addHarnessTool,
  harnessTool,
  listEntries,
} from '../manifest/harness-tools.js'
import { applyHostDefaults, citeDefault } from '../manifest/host-defaults.js'
import { COPILOT_MCP_ASKS } from '../manifest/hosts/copilot.js'
import { applyWorkspaceSettings } from '../manifest/vscode-settings.js'
import { applyHooks, hookCommands } from '../manifest/hooks.js'
import { mcpServerTool, recordServerReading } from '../manifest/mcp-servers.js'
import { harnessModel } from '../manifest/models.js'
import { fileStem, pathSegments } from '../manifest/paths.js'
import { problem } from '../manifest/result.js'
import type {
  FormatModule,
  FormatResult,
  ManifestFile,
} from '../manifest/types.js'
import {
  asArray,
  asBoolean,
  asRecord,
  asString,
  asStrings,
  entriesOf,
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
import type { AgentProfile, Tool } from '../profile/schema.js'

const FORMAT = 'copilot-agent'
/** `${{ secrets.X }}`, `${{ vars.X }}`, `$X`, `${X}`, `${X:-default}`. */
const SECRET_REF = /\$\{\{\s*(secrets|vars)\.([A-Za-z0-9_]+)\s*\}\}/g
const ENV_REF = /\$\{?([A-Z][A-Z0-9_]*)(?::-[^}]*)?\}?/g

const copilot: FormatModule = {
  id: FORMAT,
  title: 'GitHub Copilot custom agent',
  nameEndings: ['.md'],
  matchPath,
  sniff,
  parse,
}
export default copilot

function matchPath(path: string): 'yes' | 'maybe' | 'no' {
  const segments = pathSegments(path)
  const name = segments[segments.length - 1] ?? ''
  const dirs = segments.slice(0, -1)
  const github = dirs.indexOf('.github')
  if (github >= 0) {
    const area = dirs[github + 1]
    if (area === 'agents' && /\.md$/i.test(name) && !/^readme\.md$/i.test(name))
      return 'yes'
    if (area === 'chatmodes' && /\.chatmode\.md$/i.test(name)) return 'yes'
  }
  if (/\.agent\.md$/i.test(name))
    return dirs[dirs.length - 1] === 'agents' ? 'yes' : 'maybe'
  return /\.chatmode\.md$/i.test(name) ? 'maybe' : 'no'
}

function sniff(head: string): boolean {
  const keys = frontMatterKeys(head)
  return keys !== undefined && keys.has('description')
}

function isChatMode(path: string): boolean {
  return /\.chatmode\.md$/i.test(path)
}

function parse(file: ManifestFile): FormatResult {
  const read = readFrontMatter(file, {
    missing: 'no YAML front matter: not a Copilot custom agent',
    notMapping: 'the front matter must be a mapping of agent fields',
    // VS Code loads front matter whose values hold ": ".
    lenient: true,
  })
  if (!read.ok) return read.result
  const { fm, data } = read
  const doc = fm.document
  const problems: Problem[] = []
  const profile = toProfile(file, fm, data, problems)
  noteLenientRead(fm, profile, problems)
  return { agents: [profile], problems, document: doc }
}

function toProfile(
  file: ManifestFile,
  fm: FrontMatterFile,
  data: DataRecord,
  problems: Problem[],
): AgentProfile {
  const doc = fm.document
  const lineOf = (...path: DataPath): number | undefined => doc.lineOf(path)
  const name = asString(data.name)?.trim()
  const profile = newProfile({
    name: name || fileStem(file.path, /(\.agent|\.chatmode)?\.md$/i),
    format: FORMAT,
    file: file.path,
    line: lineOf('name') ?? lineOf('description') ?? 1,
  })
  cite(profile, 'name', lineOf('name'))
  const description = asString(data.description)?.trim()
  if (description) profile.description = description
  else
    problems.push(
      problem(
        file.path,
        1,
        'description is required for a Copilot custom agent',
        { field: 'description', level: 'warning' },
      ),
    )
  const body = fm.body.trim()
  if (body) {
    profile.instructions = body
    cite(profile, 'instructions', fm.bodyLine)
    if (body.length > 30000)
      addNote(
        profile,
        'the prompt is longer than the 30,000 characters Copilot reads',
      )
  }
  profile.exposure.reach = 'local'
  if (isChatMode(file.path))
    addNote(profile, 'legacy VS Code chat mode (now a custom agent)')
  cite(profile, 'tools', lineOf('tools'))
  const servers = readMcpServers(profile, data['mcp-servers'], doc)
  readTools(profile, data, doc, servers, problems, file.path)
  readModel(profile, data, lineOf('model'))
  readTarget(profile, data, lineOf('target'), file.path)
  readHandoffs(profile, data.handoffs, doc)
  readAgents(profile, data, doc)
  if (!isChatMode(file.path)) readInvocation(profile, data)
  applyHooks(profile, hookCommands(data.hooks), (path) =>
    doc.lineOf(['hooks', ...path]),
  )
  readApprovals(profile, file, problems)
  return profile
}

/**
 * Who approves what: the cloud agent works on its task unattended, so
 * nothing asks there; in VS Code the workspace's auto-approve settings
 * govern it, and VS Code's documented defaults fill the rest.
 */
function readApprovals(
  profile: AgentProfile,
  file: ManifestFile,
  problems: Problem[],
): void {
  if (profile.triggers.includes('event')) {
    applyHostDefaults(profile, 'copilot', {
      nothingAsks:
        'host default: the Copilot cloud agent works unattended: nothing asks',
    })
    if (profile.controls.sandbox === undefined) {
      profile.controls.sandbox = true
      citeDefault(
        profile,
        'controls.sandbox',
        'host default: the Copilot cloud agent runs in an ephemeral GitHub Actions environment behind a firewall',
      )
    }
    return
  }
  applyWorkspaceSettings(profile, file, problems)
  applyHostDefaults(profile, 'copilot', { mcpAsks: COPILOT_MCP_ASKS })
}

function readTools(
  profile: AgentProfile,
  data: DataRecord,
  doc: ParsedDocument,
  servers: ReadonlySet<string>,
  problems: Problem[],
  file: string,
): void {
  const line = doc.lineOf(['tools'])
  if (data.tools === undefined || data.tools === null) {
    profile.allTools = true
    cite(profile, 'tools', profile.source.line)
    addNote(
      profile,
      'no tools list: the agent gets every tool, MCP servers included',
    )
    return
  }
  if (asString(data.tools) === undefined && !Array.isArray(data.tools)) {
    problems.push(
      problem(file, line, 'tools must be a list or a comma-separated string', {
        field: 'tools',
      }),
    )
    return
  }
  const entries = listEntries(data.tools, doc, 'tools')
  if (entries.length === 0) addNote(profile, 'tools: [] turns every tool off')
  const used = new Set<string>()
  for (const { entry, line: at } of entries) {
    if (entry === '*') {
      profile.allTools = true
      continue
    }
    // A tool of a server this file defines is already that server's tool.
    const server = /^([^/]+)\/.+$/.exec(entry)?.[1]
    if (server !== undefined && servers.has(server)) {
      used.add(server)
      continue
    }
    const harness = harnessTool(entry, at, 'copilot')
    const { tool } = harness
    builtInServer(profile, tool, server)
    addHarnessTool(profile, harness)
    if (tool.kind === 'agent-call') {
      profile.delegation.canDelegate = true
      cite(profile, 'delegation', at)
    }
  }
  if (profile.allTools) return
  // Only the tools the list names are available, servers' tools included.
  for (const server of servers) {
    if (used.has(server)) continue
    profile.tools = profile.tools.filter(
      (t) => !(t.source === 'mcp' && t.name === server),
    )
    addNote(
      profile,
      `MCP server ${server} is configured but none of its tools is in tools`,
    )
  }
}

/**
 * The MCP servers Copilot's cloud agent brings along: `github` (read-only
 * tools, a token scoped to the repository) and `playwright` (localhost only).
 */
function builtInServer(
  profile: AgentProfile,
  tool: Tool,
  server: string | undefined,
): void {
  if (server === 'github') {
    // The cloud agent's own server only reads; a tool name that writes
    // (`github/create_issue`) is the user's full GitHub server.
    if (tool.readOnly !== false) tool.readOnly = true
    addNote(
      profile,
      tool.readOnly
        ? "github/*: Copilot's own GitHub MCP server, read-only and scoped to this repository"
        : `${tool.name}: a GitHub MCP server tool that changes things on GitHub`,
    )
  } else if (server === 'playwright') {
    addNote(
      profile,
      "playwright/*: Copilot's own browser server, limited to localhost",
    )
  }
}

/** `mcp-servers`: the cloud agent's MCP JSON written as YAML. */
function readMcpServers(
  profile: AgentProfile,
  value: unknown,
  doc: ParsedDocument,
): Set<string> {
  const names = new Set<string>()
  for (const [name, config] of entriesOf(value)) {
    const line = doc.lineOf(['mcp-servers', name])
    names.add(name)
    cite(profile, 'tools', line)
    const server = mcpServerTool(name, config, line)
    if (server.disabled) {
      addNote(profile, `MCP server ${name} is disabled`)
      continue
    }
    addTool(profile, server.tool)
    recordServerReading(profile, server)
    const { secrets, vars } = referencedNames(config)
    for (const secret of secrets) addCredential(profile, secret)
    if (secrets.length > 0) {
      cite(profile, 'identity', line)
      addNote(
        profile,
        `MCP server ${name} receives the secrets ${secrets.join(', ')} at run time (placeholders, not values)`,
      )
    }
    if (vars.length > 0)
      addNote(
        profile,
        `MCP server ${name} is configured by the variables ${vars.join(', ')}, set outside the file`,
      )
    if (server.memory) {
      profile.memory.kind = 'persistent'
      profile.memory.stores.push(name)
    }
  }
  if (profile.identity.credentials.length > 0)
    profile.identity.kind ??= 'scoped'
  return names
}

/**
 * Names an MCP entry's env and headers refer to: secrets (`${{ secrets.X }}`,
 * `$X`, `${X}`) hold credentials; `${{ vars.X }}` are plain settings.
 */
function referencedNames(config: unknown): {
  secrets: string[]
  vars: string[]
} {
  const record = asRecord(config) ?? {}
  const values = [...entriesOf(record.env), ...entriesOf(record.headers)]
    .map(([, value]) => asString(value) ?? '')
    .filter((value) => value.length > 0)
  const secrets = new Set<string>()
  const vars = new Set<string>()
  for (const value of values) {
    for (const match of value.matchAll(SECRET_REF))
      (match[1] === 'vars' ? vars : secrets).add(match[2] ?? '')
    if (!value.includes('${{'))
      for (const match of value.matchAll(ENV_REF)) secrets.add(match[1] ?? '')
  }
  secrets.delete('')
  vars.delete('')
  return { secrets: [...secrets], vars: [...vars] }
}

function readModel(
  profile: AgentProfile,
  data: DataRecord,
  line: number | undefined,
): void {
  const list = asArray(data.model)
  const names = list
    ? asStrings(list)
    : asString(data.model)
      ? [asString(data.model) ?? '']
      : []
  if (names.length === 0) {
    profile.model = { unresolved: true }
    addNote(profile, "no model: it runs on the user's default model")
    return
  }
  profile.model = harnessModel(names[0] ?? '')
  cite(profile, 'model', line)
  if (names.length > 1)
    addNote(
      profile,
      `model list: falls back from ${names[0]} to ${names.slice(1).join(', ')}`,
    )
}

function readTarget(
  profile: AgentProfile,
  data: DataRecord,
  line: number | undefined,
  path: string,
): void {
  const target = asString(data.target)
  cite(profile, 'triggers', line)
  if (isChatMode(path) || target === 'vscode') {
    profile.triggers.push('chat')
    return
  }
  if (target === 'github-copilot') {
    profile.triggers.push('event')
    addNote(
      profile,
      'target github-copilot: the Copilot cloud agent works on an assigned task unattended and opens pull requests',
    )
    return
  }
  // The cloud agent may run it too, but there in an ephemeral, firewalled
  // environment whose work arrives as a pull request someone must review;
  // on the developer's machine nothing contains it, so the IDE decides.
  profile.triggers.push('chat')
  addNote(
    profile,
    'no target: scored as a VS Code agent; the Copilot cloud agent may also run it on an assigned task, in its own sandbox, opening a pull request for review',
  )
}

function readHandoffs(
  profile: AgentProfile,
  value: unknown,
  doc: ParsedDocument,
): void {
  const handoffs = asArray(value) ?? []
  handoffs.forEach((item, i) => {
    const handoff = asRecord(item)
    const agent = asString(handoff?.agent)
    if (!handoff || !agent) return
    profile.delegation.canDelegate = true
    profile.delegation.mode = 'handoff'
    pushUnique(profile.delegation.peers, agent)
    cite(profile, 'delegation', doc.lineOf(['handoffs', i]))
    if (handoff.send === true)
      addNote(
        profile,
        `handoff to ${agent} sends its prompt without the user editing it`,
      )
  })
}

function readAgents(
  profile: AgentProfile,
  data: DataRecord,
  doc: ParsedDocument,
): void {
  const list = asArray(data.agents)
  if (!list) return
  const line = doc.lineOf(['agents'])
  const names = asStrings(list)
  if (names.length === 0) {
    profile.delegation.canDelegate = false
    cite(profile, 'delegation', line)
    return
  }
  profile.delegation.canDelegate = true
  cite(profile, 'delegation', line)
  if (names.includes('*')) {
    profile.delegation.dynamic = true
    addNote(profile, 'agents: * lets it call any other custom agent')
    return
  }
  for (const name of names) pushUnique(profile.subAgents, name)
  cite(profile, 'subAgents', line)
}

function readInvocation(profile: AgentProfile, data: DataRecord): void {
  const manualOnly =
    asBoolean(data['disable-model-invocation']) ??
    (asBoolean(data.infer) === false ? true : undefined)
  if (manualOnly === true)
    addNote(profile, 'only a person can pick it; other agents do not start it')
  else if (manualOnly === undefined || manualOnly === false)
    addNote(
      profile,
      'Copilot may pick it on its own when a task fits its description',
    )
  if (asBoolean(data['user-invocable']) === false) {
    addNote(profile, 'user-invocable: false: only other agents start it')
    profile.triggers = profile.triggers.filter((t) => t !== 'chat')
  }
}

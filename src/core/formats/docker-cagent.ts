/**
 * **In short:** YAML with `agents:` and `root` → models, toolsets, sub-agents, handoffs, permissions
 *
 * Docker cagent (`docker agent`) configurations: any YAML with a top-level
 * `agents:` map holding a `root` agent, usually started by a
 * `#!/usr/bin/env cagent run` or `#!/usr/bin/env docker agent run` shebang.
 *
 * Fields → profile, per agent: description, instruction → instructions;
 * model (a key of the top-level `models:` map with provider, model,
 * temperature, token_key — or an inline `provider/model`) → model; fallback
 * models → a note; toolsets[] by type → tools (shell, filesystem, fetch,
 * memory, think, todo/tasks, script, api, openapi, a2a, lsp, user_prompt;
 * `mcp` through the shared MCP reader, a `docker:` ref being a server of the
 * Docker MCP catalog); a memory toolset → persistent, writable memory stored
 * at its path; todo/tasks → planning; sub_agents → subAgents (and each sub-agent's
 * parent within the file; `transfer_task` tool, hierarchical mode); handoffs
 * → peers (handoff mode); max_iterations → maxIterations; code_mode_tools →
 * codeExecution; a shell toolset's `sandbox` → sandbox; env and header names,
 * token_key → credentials. hooks, add_environment_info, add_prompt_files,
 * skills and rag become notes (rag sources are search tools).
 *
 * The top-level `permissions: {allow, ask, deny}` applies to every agent:
 * cagent refuses what deny matches, runs what allow matches without asking,
 * and asks for everything else. A permissions block therefore means
 * allowlists and human approval (unless allow is `*`). Without one, cagent
 * still asks before running tools unless started with `--yolo`, which the
 * manifest cannot show: humanApproval stays "not stated" and a note says so.
 * The shebang's flags count as the file's own: `--sandbox` runs every agent
 * in a container (sandbox), `--yolo` skips confirmation (humanApproval false).
 * A shebang also marks a local, interactive CLI agent (reach local, chat).
 */
import { addCredential } from '../manifest/credentials.js'
import { urlHost } from '../manifest/endpoints.js'
import { setApproval, settleApproval } from '../manifest/host-defaults.js'
import { mcpServerTool, recordServerReading } from '../manifest/mcp-servers.js'
import { modelFromName } from '../manifest/models.js'
import type {
  FormatModule,
  FormatResult,
  ManifestFile,
} from '../manifest/types.js'
import { parseManifest, problem, rejected } from '../manifest/result.js'
import {
  asArray,
  asBoolean,
  asNumber,
  asRecord,
  asString,
  asStrings,
  entriesOf,
  isPlaceholder,
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
import type { AgentProfile, Model, Tool } from '../profile/schema.js'
import { classifyTool } from '../profile/tool-kinds.js'

const FORMAT = 'docker-cagent'
const SHEBANG = /^#!.*\b(cagent|docker[ \t]+agent)\b/
/**
 * Keys of env vars and headers that hold credentials. Narrower than the
 * kit's isCredentialName (no bearer in a key: a bearer value is caught in
 * addCredentials); kept so, since widening it would change what configs
 * report.
 */
const CREDENTIAL_NAME = /key|token|secret|pass|auth|credential|cookie/i

const dockerCagent: FormatModule = {
  id: FORMAT,
  title: 'Docker cagent',
  nameEndings: ['.yaml', '.yml'],
  matchPath: (path) => (/\.ya?ml$/i.test(path) ? 'maybe' : 'no'),
  sniff,
  parse,
}
export default dockerCagent

function sniff(head: string): boolean {
  if (SHEBANG.test(head.split('\n', 1)[0] ?? '')) return true
  return (
    /^agents[ \t]*:[ \t]*(#.*)?$/m.test(head) &&
    /^[ \t]+root[ \t]*:[ \t]*(#.*)?$/m.test(head) &&
    /^[ \t]+(instruction|toolsets|sub_agents|model)[ \t]*:/m.test(head) &&
    !/^(apiVersion|kind|services)[ \t]*:/m.test(head)
  )
}

/** What the file says once for all of its agents. */
interface Context {
  readonly file: ManifestFile
  readonly doc: ParsedDocument
  readonly root: DataRecord
  readonly sandbox: boolean
  readonly yolo: boolean
  readonly interactive: boolean
  readonly problems: Problem[]
}

function parse(file: ManifestFile): FormatResult {
  const parsed = parseManifest(file, 'yaml')
  if (!parsed.ok) return parsed.result
  const doc = parsed.doc
  const root = asRecord(doc.value)
  const agents = asRecord(root?.agents)
  if (!root || !agents) {
    return rejected('no top-level agents map: not a Docker cagent config')
  }
  if (root.apiVersion !== undefined || root.services !== undefined) {
    return rejected(
      'a Kubernetes or Compose file with an agents key: not a Docker cagent config',
    )
  }
  const entries = entriesOf(agents).filter(([, value]) => isAgentShape(value))
  if (entries.length === 0) {
    return rejected(
      'no agent under agents has a model, instruction or toolsets: not a Docker cagent config',
    )
  }
  const shebang = file.text.split('\n', 1)[0] ?? ''
  const hasShebang = SHEBANG.test(shebang)
  const context: Context = {
    file,
    doc,
    root,
    sandbox: hasShebang && /\s--sandbox\b/.test(shebang),
    yolo: hasShebang && /\s--yolo\b/.test(shebang),
    interactive: hasShebang,
    problems: [],
  }
  if (agents.root === undefined) {
    context.problems.push(
      problem(
        file.path,
        doc.lineOf(['agents']),
        'no root agent: cagent starts the agent named root',
        { field: 'agents.root', level: 'warning' },
      ),
    )
  }
  for (const [name, value] of entriesOf(agents)) {
    if (isAgentShape(value)) continue
    context.problems.push(
      problem(
        file.path,
        doc.lineOf(['agents', name]),
        `agents.${name} is not an agent`,
        {
          field: `agents.${name}`,
          help: 'An agent has at least a model, an instruction or toolsets.',
          level: 'warning',
        },
      ),
    )
  }
  const profiles = entries.map(([name, value]) =>
    readAgent(context, name, asRecord(value) ?? {}),
  )
  linkAgents(context, profiles)
  return { agents: profiles, problems: context.problems, document: doc }
}

function isAgentShape(value: unknown): boolean {
  const record = asRecord(value)
  return (
    record !== undefined &&
    ['model', 'instruction', 'toolsets', 'description', 'sub_agents'].some(
      (key) => record[key] !== undefined,
    )
  )
}

function readAgent(
  context: Context,
  name: string,
  record: DataRecord,
): AgentProfile {
  const base: DataPath = ['agents', name]
  const line = (...path: DataPath): number | undefined =>
    context.doc.lineOf([...base, ...path])
  const profile = newProfile({
    name,
    format: FORMAT,
    file: context.file.path,
    line: line() ?? 1,
  })
  cite(profile, 'name', line())
  profile.description = asString(record.description)?.trim()
  const instruction = asString(record.instruction)
  if (instruction?.trim()) {
    profile.instructions = instruction.trim()
    cite(profile, 'instructions', line('instruction'))
  }
  readModel(context, profile, record, line('model'))
  ;(asArray(record.toolsets) ?? []).forEach((toolset, index) => {
    readToolset(
      context,
      profile,
      asRecord(toolset) ?? {},
      line('toolsets', index),
    )
  })
  if (record.toolsets !== undefined) cite(profile, 'tools', line('toolsets'))
  readDelegation(profile, record, line)
  readBehaviour(profile, record, line)
  readRag(context, profile, record, line('rag'))
  applyFileWide(context, profile)
  return profile
}

// ---------------------------------------------------------------- model

function readModel(
  context: Context,
  profile: AgentProfile,
  record: DataRecord,
  line: number | undefined,
): void {
  const reference = asString(record.model)?.trim()
  if (!reference) return
  const [first, ...alternates] = reference.split(',').map((m) => m.trim())
  profile.model = modelFor(context, profile, first ?? reference)
  cite(profile, 'model', line)
  if (alternates.length > 0) {
    addNote(profile, `it alternates between models: ${reference}`)
  }
  const fallback = asStrings(asRecord(record.fallback)?.models)
  if (fallback.length > 0) {
    addNote(profile, `falls back to other models: ${fallback.join(', ')}`)
  }
}

/** A key of `models:`, or an inline `provider/model`. */
function modelFor(
  context: Context,
  profile: AgentProfile,
  reference: string,
): Model {
  const defined = asRecord(asRecord(context.root.models)?.[reference])
  if (!defined) return modelFromName(reference)
  const model: Model = {
    name: asString(defined.model),
    provider: asString(defined.provider),
  }
  const temperature = asNumber(defined.temperature)
  if (temperature !== undefined) model.temperature = temperature
  if ([defined.model, defined.provider, defined.base_url].some(isPlaceholder)) {
    model.unresolved = true
  }
  const provider = asRecord(
    asRecord(context.root.providers)?.[model.provider ?? ''],
  )
  for (const key of [defined.token_key, provider?.token_key]) {
    if (typeof key === 'string') addCredential(profile, key)
  }
  if (asArray(defined.routing)) {
    addNote(profile, `model ${reference} routes each request to other models`)
  }
  return model
}

// ---------------------------------------------------------------- toolsets

function readToolset(
  context: Context,
  profile: AgentProfile,
  toolset: DataRecord,
  line: number | undefined,
): void {
  const type = asString(toolset.type) ?? ''
  const add = (tool: Omit<Tool, 'line'>): void =>
    addTool(profile, { ...tool, line })
  addCredentials(profile, toolset.env)
  switch (type) {
    case 'shell':
      add({ name: 'shell', kind: 'shell', source: 'builtin' })
      readSandbox(profile, toolset, line)
      return
    case 'filesystem':
      add({ name: 'filesystem', kind: 'file-write', source: 'builtin' })
      if ((asArray(toolset.post_edit)?.length ?? 0) > 0) {
        addNote(profile, 'filesystem post_edit runs shell commands after edits')
      }
      return
    case 'memory':
      add({ name: 'memory', kind: 'other', source: 'builtin' })
      readMemory(profile, toolset, line)
      return
    case 'think':
      add({ name: 'think', kind: 'other', readOnly: true, source: 'builtin' })
      return
    case 'todo':
    case 'tasks':
      add({ name: type, kind: 'other', source: 'builtin' })
      profile.autonomy.planning = true
      cite(profile, 'autonomy', line)
      return
    case 'fetch':
      add({ name: 'fetch', kind: 'network', readOnly: true, source: 'builtin' })
      profile.exposure.untrustedInput = true
      return
    case 'mcp':
      readMcp(context, profile, toolset, line)
      return
    case 'a2a':
      readA2a(profile, toolset, add)
      return
    case 'api':
      readApi(profile, toolset, add)
      return
    case 'openapi':
      add({
        name: `openapi ${asString(toolset.url) ?? ''}`.trim(),
        kind: 'network',
        source: 'openapi',
      })
      addNote(profile, 'an openapi toolset turns a remote API into tools')
      return
    case 'script':
      readScripts(profile, toolset, add)
      return
    case 'lsp':
      add({ name: 'lsp', kind: 'other', source: 'builtin' })
      addNote(
        profile,
        `lsp toolset starts ${asString(toolset.command) ?? 'a language server'}`,
      )
      return
    case 'user_prompt':
      add({ name: 'user_prompt', kind: 'other', source: 'builtin' })
      return
    case 'background_agents':
      add({ name: 'background_agents', kind: 'agent-call', source: 'builtin' })
      profile.delegation.canDelegate = true
      return
    default:
      add({
        name: type || 'toolset',
        kind: classifyTool(type),
        source: 'declared',
      })
      addNote(profile, `unknown toolset type "${type}"`)
  }
}

function readSandbox(
  profile: AgentProfile,
  toolset: DataRecord,
  line: number | undefined,
): void {
  const sandbox = asRecord(toolset.sandbox)
  if (!sandbox) return
  profile.controls.sandbox = true
  cite(profile, 'controls.sandbox', line)
  const writable = asStrings(sandbox.paths).filter((p) => !/:ro$/.test(p))
  addNote(
    profile,
    `shell commands run in a container (${asString(sandbox.image) ?? 'alpine:latest'})${writable.length > 0 ? ` with write access to ${writable.join(', ')}` : ''}`,
  )
}

function readMemory(
  profile: AgentProfile,
  toolset: DataRecord,
  line: number | undefined,
): void {
  profile.memory.kind = 'persistent'
  profile.memory.writable = true
  pushUnique(profile.memory.stores, asString(toolset.path) ?? 'memory')
  cite(profile, 'memory', line)
}

function readMcp(
  context: Context,
  profile: AgentProfile,
  toolset: DataRecord,
  line: number | undefined,
): void {
  const ref = asString(toolset.ref)
  const catalog = ref?.startsWith('docker:')
    ? ref.slice('docker:'.length)
    : undefined
  const shared =
    ref && !catalog ? asRecord(asRecord(context.root.mcps)?.[ref]) : undefined
  const source = shared ?? toolset
  const remote = asRecord(source.remote)
  const entry: DataRecord = remote
    ? {
        url: remote.url,
        type: remote.transport_type,
        headers: remote.headers,
      }
    : { command: source.command, args: source.args, env: source.env }
  if (asStrings(toolset.tools).length > 0) entry.tools = toolset.tools
  const name =
    catalog ??
    ref ??
    (remote ? hostOf(asString(remote.url)) : undefined) ??
    asStrings(source.args).find(
      (a) => !a.startsWith('-') && /[a-z]/i.test(a),
    ) ??
    asString(source.command) ??
    'mcp'
  const reading = mcpServerTool(name, entry, line)
  addTool(profile, reading.tool)
  addCredentials(profile, remote?.headers)
  recordServerReading(profile, reading)
  if (reading.memory) {
    profile.memory.kind = 'persistent'
    cite(profile, 'memory', line)
  }
  if (catalog) {
    addNote(
      profile,
      `MCP server ${catalog} comes from the Docker MCP catalog and runs in a container`,
    )
  }
}

function hostOf(url: string | undefined): string | undefined {
  return url ? urlHost(url) : undefined
}

function readA2a(
  profile: AgentProfile,
  toolset: DataRecord,
  add: (tool: Omit<Tool, 'line'>) => void,
): void {
  const url = asString(toolset.url)
  const name = asString(toolset.name) ?? hostOf(url) ?? 'a2a'
  add({ name, kind: 'agent-call', source: 'a2a', description: url })
  pushUnique(profile.delegation.peers, name)
  profile.delegation.canDelegate = true
  addCredentials(profile, toolset.headers)
  addNote(profile, `calls the remote agent ${name}${url ? ` at ${url}` : ''}`)
}

function readApi(
  profile: AgentProfile,
  toolset: DataRecord,
  add: (tool: Omit<Tool, 'line'>) => void,
): void {
  const config = asRecord(toolset.api_config) ?? {}
  const method = (asString(config.method) ?? 'GET').toUpperCase()
  add({
    name: asString(config.name) ?? 'api',
    kind: 'network',
    readOnly: method === 'GET',
    description: `${method} ${asString(config.endpoint) ?? ''}`.trim(),
    source: 'declared',
  })
  addCredentials(profile, config.headers)
}

function readScripts(
  profile: AgentProfile,
  toolset: DataRecord,
  add: (tool: Omit<Tool, 'line'>) => void,
): void {
  for (const [name, script] of entriesOf(toolset.shell)) {
    const record = asRecord(script) ?? {}
    add({
      name,
      kind: 'shell',
      description: asString(record.description),
      source: 'declared',
    })
    addCredentials(profile, record.env)
  }
  addNote(profile, 'script tools run shell commands written in the config')
}

/** Names (never values) of env vars and headers that carry secrets. */
function addCredentials(profile: AgentProfile, map: unknown): void {
  for (const [key, value] of entriesOf(map)) {
    const secret =
      CREDENTIAL_NAME.test(key) ||
      (typeof value === 'string' && /\$\{?env\.|bearer/i.test(value))
    if (secret) addCredential(profile, key)
  }
}

// ---------------------------------------------------------------- behaviour

function readDelegation(
  profile: AgentProfile,
  record: DataRecord,
  line: (...path: DataPath) => number | undefined,
): void {
  const subAgents = asStrings(record.sub_agents)
  if (subAgents.length > 0) {
    profile.subAgents = [...subAgents]
    profile.delegation.canDelegate = true
    profile.delegation.mode = 'hierarchical'
    addTool(profile, {
      name: 'transfer_task',
      kind: 'agent-call',
      line: line('sub_agents'),
      source: 'builtin',
    })
    cite(profile, 'subAgents', line('sub_agents'))
    cite(profile, 'delegation', line('sub_agents'))
  }
  const handoffs = asStrings(record.handoffs)
  if (handoffs.length > 0) {
    for (const peer of handoffs) {
      if (!profile.delegation.peers.includes(peer))
        profile.delegation.peers.push(peer)
    }
    profile.delegation.canDelegate = true
    profile.delegation.mode ??= 'handoff'
    addTool(profile, {
      name: 'handoff',
      kind: 'agent-call',
      line: line('handoffs'),
      source: 'builtin',
    })
    cite(profile, 'delegation', line('handoffs'))
  }
}

function readBehaviour(
  profile: AgentProfile,
  record: DataRecord,
  line: (...path: DataPath) => number | undefined,
): void {
  const maxIterations = asNumber(record.max_iterations)
  if (maxIterations !== undefined) {
    profile.autonomy.maxIterations = maxIterations
    cite(profile, 'autonomy', line('max_iterations'))
  }
  if (asBoolean(record.code_mode_tools) === true) {
    profile.autonomy.codeExecution = true
    cite(profile, 'autonomy', line('code_mode_tools'))
    addNote(profile, 'code_mode_tools: it writes code that calls its tools')
  }
  if (asBoolean(record.add_environment_info) === true) {
    addNote(
      profile,
      'add_environment_info: details of the machine it runs on are put in its context',
    )
  }
  const promptFiles = asStrings(record.add_prompt_files)
  if (promptFiles.length > 0) {
    addNote(
      profile,
      `instructions also come from files: ${promptFiles.join(', ')}`,
    )
  }
  if (asBoolean(record.skills) === true) {
    addNote(profile, 'skills: it loads SKILL.md files found in the workspace')
  }
  if (record.structured_output !== undefined) {
    addNote(profile, 'structured_output: its answers follow a JSON schema')
  }
  for (const [event, hooks] of entriesOf(record.hooks)) {
    const commands = (asArray(hooks) ?? []).flatMap((hook) => {
      const nested = asArray(asRecord(hook)?.hooks)
      return (nested ?? [hook]).map((h) => asString(asRecord(h)?.command))
    })
    const shown = commands.filter((c): c is string => Boolean(c))
    addNote(
      profile,
      `hooks.${event} run shell commands${shown.length > 0 ? ` (${shown.join('; ').slice(0, 120)})` : ''}${event === 'pre_tool_use' ? ' that can allow or deny tool calls' : ''}`,
    )
  }
}

function readRag(
  context: Context,
  profile: AgentProfile,
  record: DataRecord,
  line: number | undefined,
): void {
  for (const name of asStrings(record.rag)) {
    const source = asRecord(asRecord(context.root.rag)?.[name])
    const tool = asRecord(source?.tool)
    addTool(profile, {
      name: asString(tool?.name) ?? name,
      kind: 'search',
      readOnly: true,
      line,
      source: 'builtin',
      description: asString(tool?.description),
    })
    const docs = asStrings(source?.docs)
    if (docs.length > 0) {
      addNote(profile, `rag ${name} retrieves from ${docs.join(', ')}`)
    }
  }
}

// ---------------------------------------------------------------- file-wide

function applyFileWide(context: Context, profile: AgentProfile): void {
  if (context.sandbox) {
    profile.controls.sandbox = true
    cite(profile, 'controls.sandbox', 1)
    addNote(profile, '--sandbox on the shebang line: it runs in a container')
  }
  if (context.interactive) {
    profile.exposure.reach = 'local'
    if (profile.name === 'root' && !profile.triggers.includes('chat')) {
      profile.triggers.push('chat')
      cite(profile, 'triggers', 1)
    }
  }
  applyPermissions(context, profile)
}

function applyPermissions(context: Context, profile: AgentProfile): void {
  const permissions = asRecord(context.root.permissions)
  const line = (key?: string): number | undefined =>
    context.doc.lineOf(key ? ['permissions', key] : ['permissions'])
  if (context.yolo) {
    profile.controls.humanApproval = false
    cite(profile, 'controls.humanApproval', 1)
    addNote(
      profile,
      '--yolo on the shebang line: tools run without confirmation',
    )
  }
  if (!permissions) {
    if (!context.yolo && profile.tools.length > 0) {
      addNote(
        profile,
        'no permissions block: cagent asks before running tools unless started with --yolo',
      )
    }
    applyCagentDefaults(context, profile)
    return
  }
  const allow = asStrings(permissions.allow)
  const ask = asStrings(permissions.ask)
  const deny = asStrings(permissions.deny)
  if (allow.length + deny.length > 0) {
    profile.controls.allowlists = true
    cite(
      profile,
      'controls.allowlists',
      line(deny.length > 0 ? 'deny' : 'allow'),
    )
  }
  const allowsAll = allow.some((pattern) => pattern.trim() === '*')
  if (!context.yolo) {
    profile.controls.humanApproval = !allowsAll
    cite(profile, 'controls.humanApproval', line())
  }
  for (const tool of profile.tools) {
    if (
      allow.some((p) =>
        [tool.name, `${tool.name}*`, `${tool.name}:*`, '*'].includes(p.trim()),
      )
    ) {
      tool.requiresApproval = false
    } else if (
      ask.some((p) =>
        [tool.name, `${tool.name}*`, `${tool.name}:*`].includes(p.trim()),
      )
    ) {
      tool.requiresApproval = true
    }
  }
  applyCagentDefaults(context, profile)
  if (allow.length > 0) {
    addNote(
      profile,
      `permissions.allow: ${allow.length} patterns run without confirmation (${allow.slice(0, 3).join(', ')}${allow.length > 3 ? ', ...' : ''})`,
    )
  }
  if (deny.length > 0) {
    addNote(
      profile,
      `permissions.deny: ${deny.length} patterns are always refused`,
    )
  }
  if (ask.length > 0) {
    addNote(profile, `permissions.ask: ${ask.length} patterns always ask first`)
  }
}

/**
 * cagent's documented default: it confirms each tool call unless started
 * with `--yolo`. Tools no permissions pattern decided take that default, so
 * a bypass (`--yolo`, `allow: ['*']`) always ranks above the default run.
 */
function applyCagentDefaults(context: Context, profile: AgentProfile): void {
  for (const tool of profile.tools) {
    if (tool.requiresApproval !== undefined) continue
    setApproval(
      tool,
      !context.yolo,
      context.yolo
        ? `--yolo: cagent runs ${tool.name} without asking`
        : `host default: cagent asks before running ${tool.name} unless started with --yolo`,
    )
  }
  settleApproval(profile)
}

/** Sub-agents defined in the file get their parent; unknown names a problem. */
function linkAgents(context: Context, profiles: AgentProfile[]): void {
  const byName = new Map(profiles.map((p) => [p.name, p]))
  for (const parent of profiles) {
    for (const childName of parent.subAgents) {
      const child = byName.get(childName)
      if (child && child.parent === undefined) child.parent = parent.name
      if (!child) unknownAgent(context, parent, childName, 'sub_agents')
    }
    for (const peer of parent.delegation.peers) {
      const isA2a = parent.tools.some(
        (t) => t.source === 'a2a' && t.name === peer,
      )
      if (!byName.has(peer) && !isA2a) {
        unknownAgent(context, parent, peer, 'handoffs')
      }
    }
  }
}

function unknownAgent(
  context: Context,
  agent: AgentProfile,
  name: string,
  key: string,
): void {
  context.problems.push(
    problem(
      context.file.path,
      context.doc.lineOf(['agents', agent.name, key]),
      `${key} of ${agent.name} names "${name}", which this file does not define`,
      { field: `agents.${agent.name}.${key}`, level: 'warning' },
    ),
  )
}

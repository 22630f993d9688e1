/**
 * **In short:** `.codex/config.toml`, `.codex/agents/*.toml` → approval policy, sandbox mode, MCP servers, profiles
 *
 * OpenAI Codex: the project configuration `.codex/config.toml` and custom
 * agents `.codex/agents/*.toml` (TOML, read with its lines by
 * parse/toml.ts).
 *
 * Profiles: config.toml gives "Codex", the agent that runs in the project,
 * plus one "Codex (profile <name>)" per `[profiles.<name>]`, since
 * `codex --profile` switches to those settings; `profile = "<name>"` makes one
 * the default. `[agents.<name>]` entries are Codex's sub-agents (subAgents);
 * an entry whose `config_file` is not an agent file of this scan becomes a
 * profile here. An agent file is one profile whose parent is "Codex" when
 * the project has a config.toml; keys it leaves out are inherited from that
 * config.
 *
 * Mapping: model, model_provider → model; model_reasoning_effort (medium
 * and up) → planning; approval_policy → autonomy.permissionMode and
 * humanApproval (untrusted → true; never → false; on-request and on-failure
 * → false, since commands inside the sandbox run unasked, except with a
 * read-only sandbox, where every change asks); sandbox_mode → sandbox
 * (read-only, workspace-write → true; danger-full-access → false);
 * `[sandbox_workspace_write]` network_access and writable_roots → notes;
 * `[mcp_servers.<name>]` → MCP tools (bearer_token_env_var, env_http_headers
 * and env names → credentials); `[model_providers.*]` env_key → credentials;
 * developer_instructions / instructions → instructions; web_search → a
 * search tool; `[features] multi_agent` or `[agents.*]` → a spawn_agent tool.
 *
 * Defaults: Codex always has a shell and a file-patching tool, so both are
 * listed whatever the file says. Codex reads a project's config only when it
 * trusts the project, and then its documented defaults are the
 * workspace-write sandbox (sandbox true) and approval_policy on-request
 * (commands inside the sandbox run unasked: the shell and apply_patch need
 * no approval, humanApproval false), each cited in `defaults` and the
 * tools' approvalSource (see hosts/codex.ts).
 * Reach is local; it runs from a chat.
 */
import { addCredential } from '../manifest/credentials.js'
import { harnessTool } from '../manifest/harness-tools.js'
import { mcpServerTool } from '../manifest/mcp-servers.js'
import { harnessModel } from '../manifest/models.js'
import { joinPath, pathSegments, splitPath } from '../manifest/paths.js'
import {
  citeDefault,
  setApproval,
  settleApproval,
} from '../manifest/host-defaults.js'
import { CODEX_DEFAULTS } from '../manifest/hosts/codex.js'
import { approvalOf } from '../manifest/permissions.js'
import { problem, unknownValue } from '../manifest/result.js'
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
  isRecord,
  type DataRecord,
} from '../parse/data.js'
import type { DataPath, ParsedDocument } from '../parse/document.js'
import { parseTomlDocument } from '../parse/toml.js'
import { problemFrom, type Problem } from '../problems.js'
import { addNote, addTool, cite, newProfile } from '../profile/build.js'
import type { AgentProfile } from '../profile/schema.js'

const FORMAT = 'codex-config'
const MAIN = 'Codex'
const APPROVAL = ['untrusted', 'on-failure', 'on-request', 'never']
const SANDBOX = ['read-only', 'workspace-write', 'danger-full-access']

const codex: FormatModule = {
  id: FORMAT,
  title: 'OpenAI Codex configuration',
  nameEndings: ['.toml'],
  matchPath,
  parse,
}
export default codex

function matchPath(path: string): 'yes' | 'no' {
  const segments = pathSegments(path)
  const name = segments[segments.length - 1] ?? ''
  const parent = segments[segments.length - 2]
  if (parent === '.codex' && name === 'config.toml') return 'yes'
  return parent === 'agents' &&
    segments[segments.length - 3] === '.codex' &&
    /\.toml$/i.test(name)
    ? 'yes'
    : 'no'
}

// ---------------------------------------------------------------- parse

function parse(file: ManifestFile): FormatResult {
  let doc: ParsedDocument
  try {
    doc = parseTomlDocument(file.text, file.path)
  } catch (error) {
    return { agents: [], problems: [problemFrom(error, file.path)] }
  }
  const data = asRecord(doc.value) ?? {}
  const problems: Problem[] = []
  const agents = splitPath(file.path).dir.endsWith('agents/')
    ? [agentFile(file, data, doc, problems)]
    : configFile(file, data, doc, problems)
  return { agents, problems, document: doc }
}

/** One layer of settings: a table and where its keys are written. */
interface Layer {
  readonly table: DataRecord
  /** Path of the table in the file, or undefined when it is another file's. */
  readonly path?: DataPath
  readonly from?: string
}

interface Setting {
  readonly value: unknown
  readonly line: number | undefined
  readonly inherited?: string
}

/** Settings read through layers, the last one that has a key winning. */
class Settings {
  constructor(
    private readonly layers: readonly Layer[],
    private readonly doc: ParsedDocument,
  ) {}

  get(...key: string[]): Setting | undefined {
    for (let i = this.layers.length - 1; i >= 0; i--) {
      const layer = this.layers[i]
      if (!layer) continue
      let value: unknown = layer.table
      for (const part of key) value = asRecord(value)?.[part]
      if (value === undefined) continue
      return {
        value,
        line: layer.path ? this.doc.lineOf([...layer.path, ...key]) : undefined,
        inherited: layer.from,
      }
    }
    return undefined
  }

  string(...key: string[]): string | undefined {
    return asString(this.get(...key)?.value)
  }

  line(...key: string[]): number | undefined {
    return this.get(...key)?.line
  }

  /** Entries of a table from every layer (a later layer's entry wins). */
  entries(key: string): Array<[string, unknown, Setting]> {
    const found = new Map<string, [string, unknown, Setting]>()
    for (const layer of this.layers) {
      for (const [name, value] of entriesOf(layer.table[key])) {
        const line = layer.path
          ? this.doc.lineOf([...layer.path, key, name])
          : undefined
        found.set(name, [name, value, { value, line, inherited: layer.from }])
      }
    }
    return [...found.values()]
  }
}

function configFile(
  file: ManifestFile,
  data: DataRecord,
  doc: ParsedDocument,
  problems: Problem[],
): AgentProfile[] {
  const profiles = asRecord(data.profiles) ?? {}
  const chosen = asString(data.profile)
  const root: Layer = { table: data, path: [] }
  const layers: Layer[] = [root]
  const selected = chosen ? asRecord(profiles[chosen]) : undefined
  if (chosen && selected)
    layers.push({ table: selected, path: ['profiles', chosen] })
  else if (chosen)
    problems.push(
      problem(
        file.path,
        doc.lineOf(['profile']),
        `profile "${chosen}" is not defined under [profiles]`,
        {
          field: 'profile',
          level: 'warning',
        },
      ),
    )
  const main = codexProfile(
    MAIN,
    file,
    new Settings(layers, doc),
    data,
    doc,
    problems,
  )
  main.description = 'Codex in this project, with the settings of this file'
  if (chosen && selected)
    addNote(main, `profile = "${chosen}": its settings are the default`)
  const agents = [main]
  for (const [name, table] of entriesOf(profiles)) {
    if (!isRecord(table) || name === chosen) continue
    const profile = codexProfile(
      `${MAIN} (profile ${name})`,
      file,
      new Settings([root, { table, path: ['profiles', name] }], doc),
      data,
      doc,
      problems,
    )
    profile.source.line = doc.lineOf(['profiles', name]) ?? 1
    profile.description = `Codex run with --profile ${name}`
    agents.push(profile)
  }
  agents.push(...subAgents(file, data, doc, main, problems))
  return agents
}

/** `[agents.<name>]` entries: names for the main agent, profiles when needed. */
function subAgents(
  file: ManifestFile,
  data: DataRecord,
  doc: ParsedDocument,
  main: AgentProfile,
  problems: Problem[],
): AgentProfile[] {
  const extra: AgentProfile[] = []
  const configDir = splitPath(file.path).dir
  for (const [name, entry] of entriesOf(data.agents)) {
    if (!isRecord(entry)) continue
    const line = doc.lineOf(['agents', name])
    main.subAgents.push(name)
    cite(main, 'subAgents', line)
    const ref = asString(entry.config_file)
    const target = ref ? join(configDir, ref) : undefined
    const text = target ? file.readSibling(target) : undefined
    if (target && text !== undefined && matchPath(target) === 'yes') continue
    const layers: Layer[] = [{ table: data, path: [] }]
    if (target && text !== undefined) {
      try {
        const role = parseTomlDocument(text, target)
        layers.push({ table: asRecord(role.value) ?? {}, from: target })
      } catch {
        problems.push(
          problem(
            file.path,
            line,
            `${target} is not valid TOML; agent ${name} is read without it`,
            {
              level: 'warning',
            },
          ),
        )
      }
    } else if (ref) addNote(main, `agent ${name}: ${ref} is not in the scan`)
    const profile = codexProfile(
      name,
      file,
      new Settings(layers, doc),
      data,
      doc,
      problems,
      true,
    )
    profile.source.line = line ?? 1
    profile.parent = MAIN
    const description =
      asString(entry.description) ?? asString(layers[1]?.table.description)
    if (description) profile.description = description
    extra.push(profile)
  }
  if (main.subAgents.length > 0) {
    main.delegation.canDelegate = true
    cite(main, 'delegation', doc.lineOf(['agents']))
  }
  return extra
}

function agentFile(
  file: ManifestFile,
  data: DataRecord,
  doc: ParsedDocument,
  problems: Problem[],
): AgentProfile {
  const { dir, name: fileName } = splitPath(file.path)
  const configPath = dir.replace(/agents\/$/, 'config.toml')
  const configText = file.readSibling(configPath)
  let config: DataRecord | undefined
  if (configText !== undefined) {
    try {
      config = asRecord(parseTomlDocument(configText, configPath).value)
    } catch {
      config = undefined
    }
  }
  const registered = entriesOf(config?.agents).find(
    ([, entry]) =>
      isRecord(entry) &&
      typeof entry.config_file === 'string' &&
      join(dir.replace(/agents\/$/, ''), entry.config_file) === file.path,
  )
  const name =
    registered?.[0] ??
    asString(data.name)?.trim() ??
    fileName.replace(/\.toml$/i, '')
  const layers: Layer[] = []
  if (config) layers.push({ table: config, from: configPath })
  layers.push({ table: data, path: [] })
  const profile = codexProfile(
    name,
    file,
    new Settings(layers, doc),
    data,
    doc,
    problems,
    true,
  )
  profile.source.line = doc.lineOf(['name']) ?? 1
  cite(profile, 'name', doc.lineOf(['name']))
  const description =
    asString(data.description) ??
    asString(asRecord(registered?.[1])?.description)
  if (description) profile.description = description
  if (config) {
    profile.parent = MAIN
    addNote(profile, `settings it leaves out come from ${configPath}`)
  }
  if (
    registered &&
    asString(data.name) &&
    asString(data.name) !== registered[0]
  )
    addNote(
      profile,
      `Codex calls it ${registered[0]} (its [agents] entry), not ${asString(data.name)}`,
    )
  return profile
}

/** A path relative to a directory; undefined for absolute and home paths. */
function join(dir: string, ref: string): string | undefined {
  if (/^(\/|~|[A-Za-z]:)/.test(ref)) return undefined
  return joinPath(dir, ref, { clampAtRoot: true })
}

// ---------------------------------------------------------------- profile

function codexProfile(
  name: string,
  file: ManifestFile,
  settings: Settings,
  data: DataRecord,
  doc: ParsedDocument,
  problems: Problem[],
  subAgent = false,
): AgentProfile {
  const profile = newProfile({ name, format: FORMAT, file: file.path, line: 1 })
  profile.exposure.reach = 'local'
  profile.triggers.push('chat')
  readModel(profile, settings)
  readInstructions(profile, settings)
  const shell = harnessTool('shell', undefined, 'codex').tool
  const patch = harnessTool('apply_patch', undefined, 'codex').tool
  addTool(profile, shell)
  addTool(profile, patch)
  addNote(profile, 'Codex always has a shell and edits files with apply_patch')
  readWebSearch(profile, settings)
  if (
    !subAgent &&
    (asBoolean(settings.get('features', 'multi_agent')?.value) === true ||
      entriesOf(data.agents).some(([, v]) => isRecord(v)))
  ) {
    const line =
      settings.line('features', 'multi_agent') ?? doc.lineOf(['agents'])
    addTool(profile, harnessTool('spawn_agent', line).tool)
    profile.delegation.canDelegate = true
    cite(profile, 'delegation', line)
  }
  readSandbox(profile, settings, problems, file.path)
  readApproval(profile, settings, problems, file.path)
  readServers(profile, settings)
  readProviders(profile, data, doc)
  readEnvironment(profile, settings)
  for (const [path, project] of entriesOf(data.projects))
    if (asString(asRecord(project)?.trust_level) === 'trusted')
      addNote(profile, `the project ${path} is marked trusted`)
  const agents = asRecord(data.agents)
  if (
    !subAgent &&
    agents &&
    typeof agents.max_depth === 'number' &&
    agents.max_depth > 1
  )
    addNote(
      profile,
      `sub-agents may start sub-agents of their own (max_depth ${agents.max_depth})`,
    )
  return profile
}

function readModel(profile: AgentProfile, settings: Settings): void {
  const model = settings.get('model')
  const name = asString(model?.value)
  if (name) {
    profile.model = harnessModel(name)
    cite(profile, 'model', model?.line)
  } else {
    profile.model = { provider: 'openai', unresolved: true }
    addNote(profile, "no model: it runs on Codex's default model")
  }
  const provider = settings.string('model_provider')
  if (provider) profile.model.provider = provider
  const effort = settings.get('model_reasoning_effort')
  const level = asString(effort?.value)
  if (level && !/^(none|minimal|low)$/i.test(level)) {
    profile.autonomy.planning = true
    cite(profile, 'autonomy', effort?.line)
  }
}

function readInstructions(profile: AgentProfile, settings: Settings): void {
  for (const key of [
    'developer_instructions',
    'instructions',
    'base_instructions',
  ]) {
    const setting = settings.get(key)
    const text = asString(setting?.value)?.trim()
    if (!text) continue
    profile.instructions = text
    cite(profile, 'instructions', setting?.line)
    return
  }
  const file =
    settings.string('model_instructions_file') ??
    settings.string('experimental_instructions_file')
  if (file) addNote(profile, `instructions are read from ${file}`)
}

function readWebSearch(profile: AgentProfile, settings: Settings): void {
  const mode = settings.get('web_search')
  const flag =
    settings.get('tools', 'web_search') ??
    settings.get('features', 'web_search_request')
  const on =
    (typeof mode?.value === 'string' && mode.value !== 'disabled') ||
    mode?.value === true ||
    flag?.value === true
  if (on)
    addTool(profile, harnessTool('web_search', mode?.line ?? flag?.line).tool)
}

function readSandbox(
  profile: AgentProfile,
  settings: Settings,
  problems: Problem[],
  file: string,
): void {
  const setting = settings.get('sandbox_mode')
  const mode = asString(setting?.value)
  const line = setting?.line
  if (mode === undefined) {
    // Codex reads a project's config only when it trusts the project, and a
    // trusted project runs in the workspace-write sandbox by default.
    profile.controls.sandbox = true
    citeDefault(
      profile,
      'controls.sandbox',
      `host default: Codex runs commands in its ${CODEX_DEFAULTS.sandboxMode} sandbox`,
    )
    addNote(
      profile,
      "sandbox_mode not set: Codex's default workspace-write sandbox applies unless the user overrides it",
    )
    return
  }
  if (setting?.inherited)
    addNote(profile, `sandbox_mode ${mode} comes from ${setting.inherited}`)
  if (!SANDBOX.includes(mode)) {
    problems.push(unknownValue(file, line, 'sandbox_mode', mode, SANDBOX))
    return
  }
  profile.controls.sandbox = mode !== 'danger-full-access'
  cite(profile, 'controls.sandbox', line)
  if (mode === 'danger-full-access') {
    addNote(
      profile,
      'sandbox_mode danger-full-access: commands run with no sandbox, with full disk and network access',
    )
    return
  }
  if (mode === 'read-only') {
    addNote(
      profile,
      'sandbox_mode read-only: commands cannot change files or reach the network',
    )
    return
  }
  const network = settings.get('sandbox_workspace_write', 'network_access')
  if (network?.value === true)
    addNote(
      profile,
      'sandbox_workspace_write.network_access: sandboxed commands may reach the network',
    )
  const roots = asStrings(
    settings.get('sandbox_workspace_write', 'writable_roots')?.value,
  )
  if (roots.length > 0)
    addNote(profile, `it may also write to ${roots.join(', ')}`)
}

function readApproval(
  profile: AgentProfile,
  settings: Settings,
  problems: Problem[],
  file: string,
): void {
  const setting = settings.get('approval_policy')
  const line = setting?.line
  const sandbox = settings.string('sandbox_mode')
  if (setting === undefined) {
    if (sandbox === 'danger-full-access')
      profile.autonomy.permissionMode = sandbox
    // on-request: commands run unasked inside the sandbox and ask to leave
    // it; with no sandbox nothing stops them, with a read-only one every
    // change asks.
    const asks = sandbox === 'read-only'
    const source = `host default: Codex approval_policy ${CODEX_DEFAULTS.approvalPolicy}${
      asks
        ? ' with a read-only sandbox asks before every change'
        : sandbox === 'danger-full-access'
          ? ' with danger-full-access runs commands without asking'
          : ' runs commands inside the sandbox without asking'
    }`
    for (const tool of profile.tools)
      if (
        (tool.kind === 'shell' || tool.kind === 'file-write') &&
        tool.requiresApproval === undefined
      )
        setApproval(tool, asks, source)
    settleApproval(profile)
    addNote(
      profile,
      "approval_policy not set: Codex's default (on-request: asking before leaving the sandbox) applies unless the user overrides it",
    )
    return
  }
  cite(profile, 'autonomy', line)
  const policy = asString(setting.value)
  if (policy === undefined) {
    profile.autonomy.permissionMode = 'granular'
    addNote(
      profile,
      'approval_policy is a granular table: some requests ask, others are refused or allowed',
    )
    return
  }
  profile.autonomy.permissionMode = policy
  if (setting.inherited)
    addNote(
      profile,
      `approval_policy ${policy} comes from ${setting.inherited}`,
    )
  if (!APPROVAL.includes(policy)) {
    problems.push(unknownValue(file, line, 'approval_policy', policy, APPROVAL))
    return
  }
  const asks =
    policy === 'untrusted' || (policy !== 'never' && sandbox === 'read-only')
  for (const tool of profile.tools)
    if (tool.kind === 'shell' || tool.kind === 'file-write')
      tool.requiresApproval = asks
  const approval = approvalOf(profile.tools) ?? asks
  profile.controls.humanApproval = approval
  cite(profile, 'controls.humanApproval', line)
  addNote(
    profile,
    policy === 'never'
      ? 'approval_policy never: Codex never stops to ask'
      : policy === 'untrusted'
        ? 'approval_policy untrusted: commands other than known read-only ones ask first'
        : asks
          ? `approval_policy ${policy} with a read-only sandbox: every change asks first`
          : `approval_policy ${policy}: commands inside the sandbox run without asking`,
  )
}

function readServers(profile: AgentProfile, settings: Settings): void {
  for (const [name, entry, { line, inherited }] of settings.entries(
    'mcp_servers',
  )) {
    const config = asRecord(entry) ?? {}
    const reading = mcpServerTool(name, serverEntry(config), line)
    if (reading.disabled) {
      addNote(profile, `MCP server ${name} is disabled`)
      continue
    }
    cite(profile, 'tools', line)
    addTool(profile, reading.tool)
    for (const note of reading.notes) addNote(profile, note)
    if (inherited)
      addNote(profile, `MCP server ${name} comes from ${inherited}`)
    // The Authorization header stands for the bearer token variable.
    const credentials = [
      ...reading.credentials.filter((c) => c !== 'Authorization'),
      ...asStrings([config.bearer_token_env_var]),
      ...entriesOf(config.env_http_headers).flatMap(([, v]) => asStrings([v])),
      ...asStrings(config.env_vars),
    ]
    for (const credential of credentials)
      if (credential) addCredential(profile, credential)
    if (credentials.length > 0) cite(profile, 'identity', line)
    if (reading.memory) {
      profile.memory.kind = 'persistent'
      profile.memory.stores.push(name)
    }
  }
}

/** Codex's server entry in the common shape: headers come in three keys. */
function serverEntry(config: DataRecord): DataRecord {
  const headers: DataRecord = {
    ...(asRecord(config.http_headers) ?? {}),
    ...(asRecord(config.env_http_headers) ?? {}),
  }
  if (typeof config.bearer_token_env_var === 'string')
    headers.Authorization = 'Bearer'
  return {
    ...config,
    headers: Object.keys(headers).length > 0 ? headers : undefined,
    disabled: config.enabled === false,
    tools: asArray(config.enabled_tools),
  }
}

function readProviders(
  profile: AgentProfile,
  data: DataRecord,
  doc: ParsedDocument,
): void {
  for (const [name, provider] of entriesOf(data.model_providers)) {
    const key = asString(asRecord(provider)?.env_key)
    if (!key) continue
    addCredential(
      profile,
      key,
      doc.lineOf(['model_providers', name, 'env_key']),
    )
  }
}

function readEnvironment(profile: AgentProfile, settings: Settings): void {
  const inherit = settings.string('shell_environment_policy', 'inherit')
  if (inherit === 'all')
    addNote(
      profile,
      'shell_environment_policy inherit = "all": commands see every environment variable',
    )
  if (
    settings.get('shell_environment_policy', 'ignore_default_excludes')
      ?.value === true
  )
    addNote(
      profile,
      'shell commands also see variables named like KEY, SECRET or TOKEN',
    )
}

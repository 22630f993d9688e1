/**
 * Microsoft 365 Copilot declarative agents: `declarativeAgent.json` (usually
 * in `appPackage/`), with the API plugins (`ai-plugin.json`) its actions
 * point to.
 *
 * Mapping: name, description → profile (build placeholders such as
 * `${{APP_NAME_SUFFIX}}` are dropped from the name and noted); instructions
 * → instructions, read from the sibling file when they are
 * `$[file('instruction.txt')]`; capabilities[] → built-in tools of the
 * matching kind (WebSearch and knowledge sources → search, Email and
 * TeamsMessages → email, CodeInterpreter → code-exec, Dataverse → database,
 * EmailActions/MeetingActions → mail that sends), with
 * untrustedInput for sources others write; WebSearch `sites` →
 * allowlists; actions[] → the plugin's functions as tools (source from the
 * runtime: OpenApi → openapi, RemoteMCPServer → mcp, LocalPlugin → plugin),
 * `capabilities.confirmation` → requiresApproval, runtime `auth.type` →
 * identity and notes; worker_agents → sub-agents; behavior_overrides,
 * sensitivity_label, user_overrides → notes; conversation_starters → chat.
 *
 * Defaults: the agent runs inside Microsoft 365 Copilot for signed-in users
 * of the tenant (reach internal, trigger chat, authentication true) and
 * reads Microsoft Graph data as that user (identity delegated). Without
 * capabilities it has no built-in tools; a function without a confirmation
 * leaves approval not stated.
 *
 * An `ai-plugin.json` is read through the declarative agent that references
 * it: when a declarativeAgent.json of the same folder lists it among its
 * actions the file is rejected with that reason. A plugin that no agent of
 * its folder references is profiled on its own, as the surface it offers to
 * whatever agent loads it, with a note saying so.
 */
import { addCredential } from '../manifest/credentials.js'
import { mcpServerTool } from '../manifest/mcp-servers.js'
import { joinPath, splitPath } from '../manifest/paths.js'
import { parseMapping, problem, rejected } from '../manifest/result.js'
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
  isPlaceholder,
  type DataRecord,
} from '../parse/data.js'
import { parseJsonDocument, type ParsedDocument } from '../parse/document.js'
import type { Problem } from '../problems.js'
import { problemFrom } from '../problems.js'
import { addNote, addTool, cite, newProfile } from '../profile/build.js'
import type { AgentProfile, Tool, ToolKind } from '../profile/schema.js'
import { classifyTool } from '../profile/tool-kinds.js'

const ID = 'm365-declarative-agent'

const AGENT_NAME =
  /^declarativeAgent[\w.-]*\.json$|[_.-]declarativeAgent\.json$/i
const PLUGIN_NAME = /^ai-plugin[\w.-]*\.json$|[_.-]ai-plugin\.json$/i

function matchPath(path: string): 'yes' | 'maybe' | 'no' {
  const { name } = splitPath(path)
  if (AGENT_NAME.test(name) || PLUGIN_NAME.test(name)) return 'yes'
  return /\.json$/i.test(name) ? 'maybe' : 'no'
}

const AGENT_SCHEMA = /json-schemas\/copilot\/declarative-agent/
const PLUGIN_SCHEMA = /json-schemas\/copilot\/plugin/

function sniff(head: string): boolean {
  if (AGENT_SCHEMA.test(head) || PLUGIN_SCHEMA.test(head)) return true
  return (
    /"instructions"\s*:/.test(head) &&
    /"conversation_starters"\s*:/.test(head) &&
    /"version"\s*:\s*"v1\.\d+"/.test(head)
  )
}

const format: FormatModule = {
  id: ID,
  title: 'Microsoft 365 Copilot declarative agent',
  nameEndings: ['.json'],
  matchPath,
  sniff,
  parse: parseM365,
}
export default format

function parseM365(file: ManifestFile): FormatResult {
  const parsed = parseMapping(
    file,
    'json',
    'not a Microsoft 365 manifest: not a JSON object',
  )
  if (!parsed.ok) return parsed.result
  const { doc, root } = parsed
  if (isPlugin(root)) return parsePlugin(file, doc, root)
  if (root.api !== undefined && root.name_for_model !== undefined) {
    return rejected(
      'a ChatGPT plugin manifest (schema v1), not a Microsoft 365 API plugin',
    )
  }
  if (!isDeclarativeAgent(root)) {
    return rejected(
      'not a Microsoft 365 declarative agent: no declarative-agent $schema, and no name with instructions',
    )
  }
  const problems: Problem[] = []
  const profile = readAgent(file, doc, root, problems)
  return { agents: [profile], problems, document: doc }
}

function isDeclarativeAgent(root: DataRecord): boolean {
  if (AGENT_SCHEMA.test(asString(root.$schema) ?? '')) return true
  return (
    typeof root.name === 'string' &&
    typeof root.instructions === 'string' &&
    (Array.isArray(root.capabilities) ||
      Array.isArray(root.actions) ||
      Array.isArray(root.conversation_starters))
  )
}

function isPlugin(root: DataRecord): boolean {
  if (PLUGIN_SCHEMA.test(asString(root.$schema) ?? '')) return true
  return (
    /^v2\./.test(asString(root.schema_version) ?? '') &&
    (Array.isArray(root.functions) || Array.isArray(root.runtimes))
  )
}

// ---------------------------------------------------------------- the agent

function readAgent(
  file: ManifestFile,
  doc: ParsedDocument,
  root: DataRecord,
  problems: Problem[],
): AgentProfile {
  const rawName = asString(root.name) ?? splitPath(file.path).name
  const { dir } = splitPath(file.path)
  const name = withoutPlaceholders(rawName) || rawName
  const profile = newProfile({
    name,
    format: ID,
    file: file.path,
    line: doc.lineOf(['name']) ?? 1,
  })
  cite(profile, 'name', doc.lineOf(['name']))
  if (name !== rawName) {
    addNote(
      profile,
      `name "${rawName}" carries build placeholders filled in by the Agents Toolkit`,
    )
  }
  const description = asString(root.description)
  profile.description = description
  if (description && isPlaceholder(description)) {
    addNote(profile, 'the description is a placeholder resolved at build time')
  }
  readInstructions(file, doc, root, profile, dir)
  // The host decides these, whatever the manifest says.
  profile.triggers.push('chat')
  profile.exposure.channels.push('microsoft-365-copilot')
  profile.exposure.reach = 'internal'
  profile.controls.authentication = true
  profile.identity.kind = 'delegated'
  addNote(
    profile,
    'runs in Microsoft 365 Copilot for signed-in users of the tenant and reads Microsoft Graph data on their behalf',
  )
  readCapabilities(doc, root, profile)
  readActions(file, doc, root, profile, dir, problems)
  readWorkers(doc, root, profile)
  readOverrides(root, profile)
  return profile
}

function withoutPlaceholders(text: string): string {
  return text
    .replace(/\$\{\{[^}]*\}\}/g, '')
    .replace(/\$\{[^}]*\}/g, '')
    .trim()
}

const FILE_REFERENCE = /^\s*\$\[file\(\s*['"]([^'"]+)['"]\s*\)\]\s*$/

/** Joins a manifest-relative path onto its folder, refusing to leave the scan root. */
function resolveRelative(dir: string, relative: string): string | undefined {
  if (/^([a-z]+:|\/|\\)/i.test(relative)) return undefined
  return joinPath(dir, relative.replace(/\\/g, '/'))
}

function readInstructions(
  file: ManifestFile,
  doc: ParsedDocument,
  root: DataRecord,
  profile: AgentProfile,
  dir: string,
): void {
  const instructions = asString(root.instructions)
  if (instructions === undefined) return
  const line = doc.lineOf(['instructions'])
  cite(profile, 'instructions', line)
  const reference = FILE_REFERENCE.exec(instructions)?.[1]
  if (!reference) {
    profile.instructions = instructions
    return
  }
  const path = resolveRelative(dir, reference)
  const text = path === undefined ? undefined : file.readSibling(path)
  if (text === undefined) {
    addNote(
      profile,
      `instructions are kept in ${reference}, which could not be read: they are unknown`,
    )
    return
  }
  profile.instructions = text
  addNote(profile, `instructions read from ${path}`)
}

// ---------------------------------------------------------------- capabilities

interface CapabilitySpec {
  readonly kind: ToolKind
  readonly readOnly?: boolean
  /** It brings in content other people wrote. */
  readonly untrusted?: boolean
  readonly note?: string
}

const CAPABILITIES: Readonly<Record<string, CapabilitySpec>> = {
  websearch: { kind: 'search', readOnly: true, untrusted: true },
  onedriveandsharepoint: { kind: 'search', readOnly: true, untrusted: true },
  graphconnectors: { kind: 'search', readOnly: true, untrusted: true },
  embeddedknowledge: { kind: 'file-read', readOnly: true },
  dataverse: { kind: 'database', readOnly: true },
  email: { kind: 'email', readOnly: true, untrusted: true },
  teamsmessages: { kind: 'email', readOnly: true, untrusted: true },
  people: { kind: 'search', readOnly: true },
  meetings: { kind: 'search', readOnly: true, untrusted: true },
  graphicart: { kind: 'other', readOnly: true },
  codeinterpreter: {
    kind: 'code-exec',
    note: 'CodeInterpreter: the agent writes and runs Python code',
  },
  scenariomodels: {
    kind: 'other',
    note: 'ScenarioModels: task-specific models answer some requests',
  },
  emailactions: {
    kind: 'email',
    readOnly: false,
    note: 'EmailActions: the agent can send mail as the user',
  },
  meetingactions: {
    kind: 'email',
    readOnly: false,
    note: 'MeetingActions: the agent can schedule and change meetings as the user',
  },
}

/** Keys that narrow a knowledge capability to named sources. */
const SCOPE_KEYS = [
  'sites',
  'items_by_url',
  'items_by_sharepoint_ids',
  'connections',
  'folders',
  'group_mailboxes',
  'knowledge_sources',
  'files',
  'urls',
]

function readCapabilities(
  doc: ParsedDocument,
  root: DataRecord,
  profile: AgentProfile,
): void {
  asArray(root.capabilities)?.forEach((entry, index) => {
    const capability = asRecord(entry)
    const name = asString(capability?.name)
    if (!capability || !name) return
    const line = doc.lineOf(['capabilities', index])
    const spec = CAPABILITIES[name.toLowerCase()]
    const tool: Tool = {
      name,
      kind: spec?.kind ?? classifyTool(name),
      readOnly: spec?.readOnly,
      line,
      source: 'builtin',
    }
    addTool(profile, tool)
    cite(profile, 'tools', line)
    if (!spec) {
      addNote(profile, `capability ${name} is not one this reader knows`)
    } else {
      if (spec.note) addNote(profile, spec.note)
      if (spec.untrusted) profile.exposure.untrustedInput = true
      if (spec.kind === 'code-exec') {
        profile.autonomy.codeExecution = true
        cite(profile, 'autonomy', line)
      }
    }
    readCapabilityScope(profile, name, capability, line)
  })
}

function readCapabilityScope(
  profile: AgentProfile,
  name: string,
  capability: DataRecord,
  line: number | undefined,
): void {
  const scoped = SCOPE_KEYS.filter(
    (key) => (asArray(capability[key])?.length ?? 0) > 0,
  )
  if (scoped.length > 0) {
    addNote(
      profile,
      `${name} is limited to the sources in ${scoped.join(', ')}`,
    )
    if (name.toLowerCase() === 'websearch') {
      profile.controls.allowlists = true
      cite(profile, 'controls.allowlists', line)
    }
  } else if (
    CAPABILITIES[name.toLowerCase()]?.untrusted === true &&
    name.toLowerCase() !== 'websearch'
  ) {
    addNote(
      profile,
      `${name} is not scoped: it reaches everything the user can read there`,
    )
  }
}

// ---------------------------------------------------------------- actions

interface PluginReading {
  readonly tools: Tool[]
  readonly notes: string[]
  readonly credentials: string[]
  /** Every function asks for confirmation. */
  readonly allConfirmed: boolean
  readonly oauth: boolean
}

function readActions(
  file: ManifestFile,
  doc: ParsedDocument,
  root: DataRecord,
  profile: AgentProfile,
  dir: string,
  problems: Problem[],
): void {
  const confirmed: boolean[] = []
  asArray(root.actions)?.forEach((entry, index) => {
    const action = asRecord(entry)
    const pluginFile = asString(action?.file)
    const id = asString(action?.id) ?? pluginFile ?? `action ${index + 1}`
    const line = doc.lineOf(['actions', index])
    cite(profile, 'tools', line)
    const path = pluginFile ? resolveRelative(dir, pluginFile) : undefined
    const text = path === undefined ? undefined : file.readSibling(path)
    if (path === undefined || text === undefined) {
      addTool(profile, {
        name: id,
        kind: 'network',
        line,
        source: 'plugin',
        wildcard: true,
      })
      addNote(
        profile,
        `action ${id}: its plugin file ${pluginFile ?? '(none given)'} could not be read, so its functions are unknown`,
      )
      return
    }
    let pluginDoc: ParsedDocument
    try {
      pluginDoc = parseJsonDocument(text, path)
    } catch (error) {
      problems.push(problemFrom(error, path))
      return
    }
    const plugin = asRecord(pluginDoc.value) ?? {}
    const reading = readPlugin(plugin, () => line, path)
    for (const tool of reading.tools) addTool(profile, tool)
    addNote(profile, `action ${id}: functions read from ${path}`)
    for (const note of reading.notes) addNote(profile, note)
    for (const credential of reading.credentials)
      addCredential(profile, credential, line)
    if (reading.tools.length > 0) confirmed.push(reading.allConfirmed)
  })
  if (confirmed.length > 0 && confirmed.every(Boolean)) {
    profile.controls.humanApproval = true
    cite(profile, 'controls.humanApproval', doc.lineOf(['actions']))
  }
}

const RUNTIME_SOURCE: Readonly<Record<string, Tool['source']>> = {
  openapi: 'openapi',
  remotemcpserver: 'mcp',
  localplugin: 'plugin',
}

/** Which runtime serves a function: the first that lists it, or one that lists none. */
function runtimeFor(
  runtimes: readonly DataRecord[],
  functionName: string,
): DataRecord | undefined {
  return (
    runtimes.find((runtime) =>
      asStrings(runtime.run_for_functions).includes(functionName),
    ) ??
    runtimes.find((runtime) => {
      const listed = asStrings(runtime.run_for_functions)
      return listed.length === 0 || listed.includes('*')
    })
  )
}

function confirmationOf(fn: DataRecord): boolean | undefined {
  const confirmation = asRecord(asRecord(fn.capabilities)?.confirmation)
  if (!confirmation) return undefined
  const type = asString(confirmation.type)
  return type === undefined ? true : !/^none$/i.test(type)
}

/** The functions of an API plugin as tools, with what its runtimes say. */
function readPlugin(
  plugin: DataRecord,
  lineOf: (functionIndex?: number) => number | undefined,
  path: string,
): PluginReading {
  const runtimes = (asArray(plugin.runtimes) ?? [])
    .map(asRecord)
    .filter((r): r is DataRecord => r !== undefined)
  const notes: string[] = []
  const credentials: string[] = []
  const tools: Tool[] = []
  const namespace =
    asString(plugin.namespace) ?? asString(plugin.name_for_human) ?? path
  let oauth = false
  for (const runtime of runtimes) {
    const auth = readRuntimeAuth(runtime, namespace)
    notes.push(...auth.notes)
    credentials.push(...auth.credentials)
    oauth ||= auth.oauth
    const spec = asRecord(runtime.spec)
    const type = asString(runtime.type) ?? 'unknown'
    if (asBoolean(spec?.enable_dynamic_discovery) === true) {
      const reading = mcpServerTool(
        namespace,
        { url: asString(spec?.url), type: 'http' },
        lineOf(),
      )
      tools.push({ ...reading.tool, wildcard: true })
      notes.push(
        `plugin ${namespace}: ${type} runtime discovers tools dynamically: every tool the server offers is available`,
      )
    }
    const url = asString(spec?.url)
    if (url && isPlaceholder(url)) {
      notes.push(
        `plugin ${namespace}: ${type} runtime address ${url} is a placeholder resolved at deployment`,
      )
    }
  }
  let confirmedCount = 0
  const functions = asArray(plugin.functions) ?? []
  functions.forEach((entry, index) => {
    const fn = asRecord(entry)
    const name = asString(fn?.name)
    if (!fn || !name) return
    const description = asString(fn.description)
    const runtime = runtimeFor(runtimes, name)
    const runtimeType = (asString(runtime?.type) ?? '').toLowerCase()
    const kind = classifyTool(name)
    const requiresApproval = confirmationOf(fn)
    if (requiresApproval === true) confirmedCount += 1
    const url = asString(asRecord(runtime?.spec)?.url)
    tools.push({
      name,
      kind: kind === 'other' ? 'network' : kind,
      description,
      line: lineOf(index),
      requiresApproval,
      source: RUNTIME_SOURCE[runtimeType] ?? 'plugin',
      server:
        runtimeType === 'remotemcpserver'
          ? { transport: 'http', url }
          : undefined,
    })
  })
  return {
    tools,
    notes,
    credentials,
    allConfirmed: confirmedCount > 0 && confirmedCount === functions.length,
    oauth,
  }
}

function readRuntimeAuth(
  runtime: DataRecord,
  namespace: string,
): { notes: string[]; credentials: string[]; oauth: boolean } {
  const auth = asRecord(runtime.auth)
  const type = asString(auth?.type)
  const runtimeType = asString(runtime.type) ?? 'unknown'
  if (!type) return { notes: [], credentials: [], oauth: false }
  if (/^none$/i.test(type)) {
    return {
      notes: [
        `plugin ${namespace}: ${runtimeType} runtime is called with auth type None (no authentication)`,
      ],
      credentials: [],
      oauth: false,
    }
  }
  const reference = asString(auth?.reference_id)
  return {
    notes: [],
    credentials: [`${type}${reference ? `:${reference}` : `:${namespace}`}`],
    oauth: /oauth/i.test(type),
  }
}

// ---------------------------------------------------------------- other agents, overrides

function readWorkers(
  doc: ParsedDocument,
  root: DataRecord,
  profile: AgentProfile,
): void {
  const workers = asArray(root.worker_agents) ?? []
  for (const entry of workers) {
    const worker = asRecord(entry)
    const id =
      typeof entry === 'string'
        ? entry
        : (asString(worker?.id) ?? asString(worker?.name))
    if (id && !profile.subAgents.includes(id)) profile.subAgents.push(id)
  }
  if (profile.subAgents.length > 0) {
    profile.delegation.canDelegate = true
    cite(profile, 'subAgents', doc.lineOf(['worker_agents']))
    cite(profile, 'delegation', doc.lineOf(['worker_agents']))
  }
}

function readOverrides(root: DataRecord, profile: AgentProfile): void {
  const behavior = asRecord(root.behavior_overrides)
  const special = asRecord(behavior?.special_instructions)
  if (asBoolean(special?.discourage_model_knowledge) === true) {
    addNote(
      profile,
      'behavior_overrides: answers are limited to its knowledge sources (discourage_model_knowledge)',
    )
  }
  if (root.sensitivity_label !== undefined) {
    addNote(profile, 'a Purview sensitivity label is applied to the agent')
  }
  const overridable = (asArray(root.user_overrides) ?? [])
    .map((entry) => asString(asRecord(entry)?.path) ?? asString(entry))
    .filter((path): path is string => path !== undefined)
  if (overridable.length > 0) {
    addNote(
      profile,
      `users may change its configuration at ${overridable.join(', ')}`,
    )
  }
}

// ---------------------------------------------------------------- a plugin on its own

/** Declarative agents of the same folder that list this plugin among their actions. */
function referencingAgent(file: ManifestFile): string | undefined {
  const { dir, name } = splitPath(file.path)
  const candidates = new Set<string>([`${dir}declarativeAgent.json`])
  const manifest = file.readSibling(`${dir}manifest.json`)
  if (manifest !== undefined) {
    try {
      const app = asRecord(parseJsonDocument(manifest, 'manifest.json').value)
      const agents = asArray(asRecord(app?.copilotAgents)?.declarativeAgents)
      for (const entry of agents ?? []) {
        const agentFile = asString(asRecord(entry)?.file)
        const path = agentFile ? resolveRelative(dir, agentFile) : undefined
        if (path) candidates.add(path)
      }
    } catch {
      // An unreadable app manifest only means no agent is found through it.
    }
  }
  for (const candidate of candidates) {
    const text = file.readSibling(candidate)
    if (text === undefined) continue
    let agent: DataRecord | undefined
    try {
      agent = asRecord(parseJsonDocument(text, candidate).value)
    } catch {
      continue
    }
    const { dir: agentDir } = splitPath(candidate)
    const listed = (asArray(agent?.actions) ?? []).some((entry) => {
      const target = asString(asRecord(entry)?.file)
      return (
        target !== undefined &&
        resolveRelative(agentDir, target) === `${dir}${name}`
      )
    })
    if (listed) return candidate
  }
  return undefined
}

function parsePlugin(
  file: ManifestFile,
  doc: ParsedDocument,
  root: DataRecord,
): FormatResult {
  const owner = referencingAgent(file)
  if (owner) {
    return rejected(
      `API plugin of the declarative agent ${owner}; it is read with that agent`,
    )
  }
  const name =
    asString(root.name_for_human) ??
    asString(root.namespace) ??
    splitPath(file.path).name
  const profile = newProfile({
    name,
    format: ID,
    file: file.path,
    line: doc.lineOf(['name_for_human']) ?? doc.lineOf(['namespace']) ?? 1,
  })
  cite(profile, 'name', profile.source.line)
  profile.description =
    asString(root.description_for_human) ?? asString(root.description_for_model)
  addNote(
    profile,
    'an API plugin that no declarative agent of its folder references: profiled as the surface it gives whichever agent loads it',
  )
  profile.triggers.push('chat')
  profile.exposure.channels.push('microsoft-365-copilot')
  profile.exposure.reach = 'internal'
  const reading = readPlugin(
    root,
    (index) =>
      index === undefined
        ? doc.lineOf(['runtimes'])
        : doc.lineOf(['functions', index]),
    file.path,
  )
  const functionsLine = doc.lineOf(['functions'])
  for (const tool of reading.tools) addTool(profile, tool)
  cite(profile, 'tools', functionsLine)
  for (const note of reading.notes) addNote(profile, note)
  profile.identity.credentials.push(...reading.credentials)
  if (reading.oauth) profile.identity.kind = 'delegated'
  if (reading.allConfirmed) profile.controls.humanApproval = true
  const problems: Problem[] = []
  if (reading.tools.length === 0) {
    problems.push(
      problem(
        file.path,
        functionsLine ?? 1,
        'the API plugin declares no functions',
        {
          level: 'warning',
        },
      ),
    )
  }
  return { agents: [profile], problems, document: doc }
}

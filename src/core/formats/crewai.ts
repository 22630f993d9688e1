/**
 * **In short:** `config/agents.yaml` with `tasks.yaml` (and `crew.py` read as text), `crew.jsonc` + `agents/*.jsonc` → role, goal, backstory, tools, delegation, code execution and its mode, memory, `human_input` on tasks
 *
 * CrewAI crews, in both of their layouts.
 *
 * Classic: `config/agents.yaml` (agent key → role, goal, backstory, llm,
 * tools, allow_delegation, allow_code_execution, code_execution_mode,
 * max_iter, max_rpm, memory, reasoning, guardrail…) is the manifest; it is
 * read together with `config/tasks.yaml` beside it and `crew.py` one
 * directory up, where tools, the process and crew memory are bound in Python.
 * Siblings named like the agents file are used too (`kyb_agents.yaml` →
 * `kyb_tasks.yaml`, `kyb_crew.py`). `crew.py` is only pattern-matched, never
 * run: tool classes passed to `Agent(tools=…)` per `@agent` method (through
 * `self.x` and module variables, two steps deep), `allow_delegation`,
 * `allow_code_execution`, and the `Crew(process=…, memory=…, planning=…)`
 * call. A tasks.yaml alone declares no agent and is rejected.
 *
 * JSON-first: `agents/<name>.jsonc` holds one agent (the same fields, with
 * behaviour under `settings`) and owns its profile; `crew.jsonc` (agents,
 * tasks, process, manager_llm, manager_agent, planning, memory, max_rpm,
 * output_log_file, tracing) is read as its sibling `../crew.jsonc`. The crew
 * file itself yields only what no agent file stands for: agents whose file is
 * missing, and the manager of a hierarchical crew.
 *
 * Fields → profile: role → description; role, goal and backstory →
 * instructions; llm (`provider/model` or an object) → model; tools (built-in
 * class names, `custom:x`, task tools) → tools; memory → memory (true:
 * persistent and writable, false: none); reasoning or planning → planning;
 * max_iter → maxIterations; max_rpm → rateLimits; guardrail(s) on the agent or
 * its tasks → guardrails; output_log_file or tracing → logging; a task's
 * output_file → a file-write tool.
 *
 * Defaults (current CrewAI): allow_delegation false → canDelegate false;
 * allow_code_execution false → codeExecution false; code_execution_mode
 * `safe` (a Docker sandbox) → sandbox true when code runs, `unsafe` → false;
 * human_input false → humanApproval false once the tasks are known (true as
 * soon as one task of the agent asks for human input); process sequential
 * when a crew is read. No `tools` list means no tools from the manifest (not
 * all tools), but in the classic layout tools live in code, so a note says
 * the manifest under-reports. max_iter and memory stay "not stated" when
 * absent, since their defaults changed between releases.
 *
 * Crew modelling: the agents of one crew are peers (delegation.peers lists
 * the others: they pass task outputs on, and with allow_delegation they hand
 * work to each other through the built-in coworker tools). A hierarchical
 * process adds a manager — the crew's manager_agent, or one CrewAI creates at
 * run time, reported here as `<crew>_manager` — whose subAgents are the crew's
 * agents and which is every agent's parent.
 */
import type {
  FormatModule,
  FormatResult,
  ManifestFile,
} from '../manifest/types.js'
import { addCredential } from '../manifest/credentials.js'
import { modelFromName, readSampling } from '../manifest/models.js'
import { splitPath } from '../manifest/paths.js'
import { parseMapping, problem, rejected } from '../manifest/result.js'
import {
  asArray,
  asBoolean,
  asNumber,
  asRecord,
  asString,
  entriesOf,
  asStrings,
  isPlaceholder,
  isRecord,
  ownValue,
  type DataRecord,
} from '../parse/data.js'
import {
  parseJsonDocument,
  parseYamlDocument,
  type DataPath,
  type ParsedDocument,
} from '../parse/document.js'
import { problemFrom, type Problem } from '../problems.js'
import { addNote, addTool, cite, newProfile } from '../profile/build.js'
import type { AgentProfile, Model, Tool, ToolKind } from '../profile/schema.js'
import { classifyTool } from '../profile/tool-kinds.js'

const FORMAT = 'crewai'

/** CrewAI's own tool classes whose kind the name alone does not tell. */
const CREWAI_TOOLS: Readonly<Record<string, ToolKind>> = {
  CodeInterpreterTool: 'code-exec',
  FileReadTool: 'file-read',
  DirectoryReadTool: 'file-read',
  FileWriterTool: 'file-write',
  SerperDevTool: 'search',
  SerplyWebSearchTool: 'search',
  EXASearchTool: 'search',
  TavilySearchTool: 'search',
  BraveSearchTool: 'search',
  LinkupSearchTool: 'search',
  WebsiteSearchTool: 'search',
  GithubSearchTool: 'search',
  CodeDocsSearchTool: 'search',
  YoutubeVideoSearchTool: 'search',
  YoutubeChannelSearchTool: 'search',
  ArxivPaperTool: 'search',
  DirectorySearchTool: 'search',
  PDFSearchTool: 'search',
  DOCXSearchTool: 'search',
  TXTSearchTool: 'search',
  CSVSearchTool: 'search',
  JSONSearchTool: 'search',
  MDXSearchTool: 'search',
  XMLSearchTool: 'search',
  RagTool: 'search',
  ScrapeWebsiteTool: 'network',
  ScrapeElementFromWebsiteTool: 'network',
  FirecrawlScrapeWebsiteTool: 'network',
  FirecrawlCrawlWebsiteTool: 'network',
  FirecrawlSearchTool: 'search',
  JinaScrapeWebsiteTool: 'network',
  ScrapflyScrapeWebsiteTool: 'network',
  SpiderTool: 'network',
  ZapierActionTool: 'network',
  ApifyActorsTool: 'network',
  SeleniumScrapingTool: 'browser',
  BrowserbaseLoadTool: 'browser',
  HyperbrowserLoadTool: 'browser',
  StagehandTool: 'browser',
  NL2SQLTool: 'database',
  PGSearchTool: 'database',
  MySQLSearchTool: 'database',
  SnowflakeSearchTool: 'database',
  DatabricksQueryTool: 'database',
  MongoDBVectorSearchTool: 'database',
  QdrantVectorSearchTool: 'database',
  S3ReaderTool: 'cloud-admin',
  S3WriterTool: 'cloud-admin',
  MCPServerAdapter: 'mcp-server',
  ComposioTool: 'other',
  DallETool: 'other',
  VisionTool: 'other',
}

const DELEGATION_TOOLS = [
  'Delegate work to coworker',
  'Ask question to coworker',
]
/**
 * Env vars crew.py reads that hold credentials. Narrower than the kit's
 * isCredentialName (no cookie, no bearer); kept so, since widening it would
 * change which names crews report.
 */
const CREDENTIAL_NAME = /key|token|secret|pass|auth|credential/i

const crewai: FormatModule = {
  id: FORMAT,
  title: 'CrewAI',
  nameEndings: ['.yaml', '.yml', '.json', '.jsonc'],
  matchPath,
  sniff,
  parse,
}
export default crewai

// ---------------------------------------------------------------- detection

function matchPath(path: string): 'yes' | 'maybe' | 'no' {
  const { dir, name } = splitPath(path)
  const lower = name.toLowerCase()
  if (/^(agents|tasks)\.ya?ml$/.test(lower) && /(^|\/)config\/$/.test(dir))
    return 'yes'
  if (lower === 'crew.jsonc') return 'yes'
  return /\.(ya?ml|jsonc?)$/.test(lower) ? 'maybe' : 'no'
}

const YAML_AGENT = [/^[ \t]+role[ \t]*:/m, /^[ \t]+goal[ \t]*:/m]
const YAML_BACKSTORY = /^[ \t]+backstory[ \t]*:/m
const YAML_TASK = [
  /^[ \t]+description[ \t]*:/m,
  /^[ \t]+expected_output[ \t]*:/m,
]
const JSON_AGENT = [/"role"\s*:/, /"goal"\s*:/, /"backstory"\s*:/]
const JSON_CREW = [
  /"agents"\s*:\s*\[/,
  /"tasks"\s*:\s*\[/,
  /"expected_output"\s*:/,
]

function sniff(head: string, path: string): boolean {
  if (/\.jsonc?$/i.test(path)) {
    return (
      JSON_AGENT.every((re) => re.test(head)) ||
      JSON_CREW.every((re) => re.test(head))
    )
  }
  return (
    (YAML_AGENT.every((re) => re.test(head)) && YAML_BACKSTORY.test(head)) ||
    YAML_TASK.every((re) => re.test(head))
  )
}

function parse(file: ManifestFile): FormatResult {
  return /\.jsonc?$/i.test(file.path)
    ? parseJsonFirst(file)
    : parseClassic(file)
}

// ---------------------------------------------------------------- shared model

/** What a crew says about its agents, wherever it is written. */
interface Crew {
  name?: string
  members: string[]
  process?: string
  /** Where the process was read, for notes (`crew.py line 76`). */
  processAt?: string
  manager?: string
  managerModel?: unknown
  managerAgent?: string
  memory?: boolean
  planning?: boolean
  logging?: boolean
  rateLimits?: boolean
  tasks: Task[]
  tasksRead: boolean
  /** Set in the classic layout: tools, process and memory live in crew.py. */
  codeNote?: string
}

interface Task {
  name: string
  agent?: string
  humanInput?: boolean
  guardrail: boolean
  tools: string[]
  outputFile?: string
  asyncExecution?: boolean
  file: string
  line: number
  /** `config/tasks.yaml line 12` */
  at: string
}

/** A field of one agent, read from the agent or its `settings`. */
interface AgentSource {
  readonly doc: ParsedDocument
  readonly base: DataPath
  readonly record: DataRecord
}

interface Field {
  readonly value: unknown
  readonly line?: number | undefined
}

function field(source: AgentSource, key: string): Field {
  if (source.record[key] !== undefined) {
    return {
      value: source.record[key],
      line: source.doc.lineOf([...source.base, key]),
    }
  }
  const settings = asRecord(source.record.settings)
  if (settings?.[key] !== undefined) {
    return {
      value: settings[key],
      line: source.doc.lineOf([...source.base, 'settings', key]),
    }
  }
  return { value: undefined }
}

function hasAgentShape(value: unknown): boolean {
  const record = asRecord(value)
  return (
    record !== undefined &&
    typeof record.role === 'string' &&
    typeof record.goal === 'string' &&
    typeof record.backstory === 'string'
  )
}

function hasTaskShape(value: unknown): boolean {
  const record = asRecord(value)
  return (
    record !== undefined &&
    record.description !== undefined &&
    record.expected_output !== undefined
  )
}

// ---------------------------------------------------------------- classic YAML

function parseClassic(file: ManifestFile): FormatResult {
  const parsed = parseMapping(file, 'yaml', 'not a mapping of CrewAI agents')
  if (!parsed.ok) return parsed.result
  const { doc, root } = parsed
  const entries = entriesOf(root).filter(([key]) => key !== 'aivss')
  if (!entries.some(([, value]) => hasAgentShape(value))) {
    return rejected(
      entries.some(([, value]) => hasTaskShape(value))
        ? 'a CrewAI tasks.yaml declares tasks, not agents: its agents are read from the agents.yaml beside it'
        : 'no entry has a role, goal and backstory, so this is not a CrewAI agents.yaml',
    )
  }
  const problems: Problem[] = []
  const { dir, name } = splitPath(file.path)
  const prefix = /agents\.ya?ml$/i.test(name)
    ? name.replace(/agents\.ya?ml$/i, '')
    : ''
  const crew: Crew = { members: [], tasks: [], tasksRead: false }
  readTasksYaml(file, dir, prefix, crew, problems)
  const code = readCrewPy(file, dir, prefix)
  const agents = readAgentEntries(file.path, doc, entries, crew, problems)
  if (code) applyCode(agents, crew, code)
  else {
    crew.codeNote = `tools, process and memory are bound in code (crew.py, not found beside ${name}); the manifest under-reports`
  }
  if (crew.process === 'hierarchical') {
    crew.manager ??= `${crew.name ?? 'crew'}_manager`
    if (!crew.members.includes(crew.manager)) {
      agents.push(managerProfile(crew, file.path, 1))
    }
  }
  problems.push(...unknownTaskAgents(crew))
  for (const agent of agents) applyCrew(agent, crew)
  return { agents, problems, document: doc }
}

/** One profile per entry with a role; a warning for anything else. */
function readAgentEntries(
  file: string,
  doc: ParsedDocument,
  entries: ReadonlyArray<[string, unknown]>,
  crew: Crew,
  problems: Problem[],
): AgentProfile[] {
  const agents: AgentProfile[] = []
  for (const [key, value] of entries) {
    const line = doc.lineOf([key]) ?? 1
    if (!isRecord(value) || typeof value.role !== 'string') {
      problems.push(
        problem(file, line, `"${key}" is not a CrewAI agent (no role)`, {
          field: key,
          level: 'warning',
        }),
      )
      continue
    }
    for (const missing of ['goal', 'backstory'].filter(
      (k) => typeof value[k] !== 'string',
    )) {
      problems.push(
        problem(file, line, `agent "${key}" has no ${missing}`, {
          field: `${key}.${missing}`,
          help: 'CrewAI requires role, goal and backstory for every agent.',
          level: 'warning',
        }),
      )
    }
    crew.members.push(key)
    agents.push(readAgent({ doc, base: [key], record: value }, key, file, line))
  }
  return agents
}

/** tasks.yaml beside the agents file: task key → description, agent… */
function readTasksYaml(
  file: ManifestFile,
  dir: string,
  prefix: string,
  crew: Crew,
  problems: Problem[],
): void {
  const candidates = [`${dir}tasks.yaml`, `${dir}tasks.yml`]
  if (prefix) candidates.unshift(`${dir}${prefix}tasks.yaml`)
  for (const path of candidates) {
    const text = file.readSibling(path)
    if (text === undefined) continue
    let doc: ParsedDocument
    try {
      doc = parseYamlDocument(text, path)
    } catch (error) {
      problems.push({ ...problemFrom(error, path), level: 'warning' })
      return
    }
    crew.tasksRead = true
    for (const [key, value] of entriesOf(doc.value)) {
      if (!isRecord(value)) continue
      crew.tasks.push(readTask(key, value, doc, [key], path))
    }
    return
  }
}

function readTask(
  name: string,
  value: DataRecord,
  doc: ParsedDocument,
  base: DataPath,
  path: string,
): Task {
  const line = doc.lineOf(base)
  const tools = asStrings(value.tools)
  return {
    name,
    agent: asString(value.agent),
    humanInput: asBoolean(value.human_input),
    guardrail:
      (value.guardrail !== undefined &&
        value.guardrail !== null &&
        value.guardrail !== '') ||
      (asArray(value.guardrails)?.length ?? 0) > 0,
    tools,
    outputFile: asString(value.output_file),
    asyncExecution: asBoolean(value.async_execution),
    file: path,
    line: line ?? 1,
    at: `${path} line ${line ?? 1}`,
  }
}

// ---------------------------------------------------------------- one agent

function readAgent(
  source: AgentSource,
  name: string,
  file: string,
  line: number,
): AgentProfile {
  const profile = newProfile({ name, format: FORMAT, file, line })
  cite(profile, 'name', line)
  const role = field(source, 'role')
  const goal = field(source, 'goal')
  const backstory = field(source, 'backstory')
  const roleText = asString(role.value)?.trim()
  if (roleText) profile.description = roleText
  const prose = [
    roleText ? `Role: ${roleText}` : undefined,
    asString(goal.value)?.trim() ? `Goal: ${asString(goal.value)?.trim()}` : '',
    asString(backstory.value)?.trim()
      ? `Backstory: ${asString(backstory.value)?.trim()}`
      : '',
  ].filter((part): part is string => Boolean(part))
  if (prose.length > 0) {
    profile.instructions = prose.join('\n\n')
    cite(profile, 'instructions', goal.line ?? backstory.line ?? role.line)
  }
  readLlm(profile, field(source, 'llm'))
  readTools(profile, source)
  readDelegation(profile, field(source, 'allow_delegation'))
  readCodeExecution(
    profile,
    field(source, 'allow_code_execution'),
    field(source, 'code_execution_mode'),
  )
  readAutonomy(profile, source)
  readMemory(profile, field(source, 'memory'))
  readAgentControls(profile, source)
  return profile
}

function readLlm(profile: AgentProfile, llm: Field): void {
  if (llm.value === undefined || llm.value === null) {
    addNote(
      profile,
      'no llm: the model comes from the environment (CrewAI default)',
    )
    return
  }
  profile.model = modelOf(llm.value)
  cite(profile, 'model', llm.line)
  if (profile.model.unresolved) {
    addNote(profile, 'the llm is a placeholder resolved at run time')
  }
  const apiKey = asRecord(llm.value)?.api_key
  if (typeof apiKey === 'string' && !isPlaceholder(apiKey)) {
    profile.identity.credentials.push('llm.api_key')
    addNote(profile, 'llm.api_key is written into the manifest itself')
  }
}

/** `provider/model`, a bare model name, or `{model, provider, temperature}`. */
function modelOf(value: unknown): Model {
  if (typeof value === 'string') return modelFromName(value)
  const record = asRecord(value) ?? {}
  const text = asString(record.model) ?? asString(record.deployment_name)
  const model: Model = text ? modelFromName(text) : {}
  const provider = asString(record.provider)
  if (provider) model.provider = provider
  readSampling(model, record)
  if ([record.model, record.provider, record.base_url].some(isPlaceholder))
    model.unresolved = true
  return model
}

function readTools(profile: AgentProfile, source: AgentSource): void {
  const tools = field(source, 'tools')
  if (tools.value === undefined) return
  cite(profile, 'tools', tools.line)
  ;(asArray(tools.value) ?? []).forEach((entry, index) => {
    if (typeof entry === 'string' && entry.trim()) {
      const line = source.doc.lineOf([...source.base, 'tools', index])
      addTool(profile, crewTool(entry.trim(), line ?? tools.line))
    }
  })
}

/** A tool named in YAML/JSON: a CrewAI class, `custom:x`, or a code tool. */
function crewTool(raw: string, line?: number): Tool {
  if (raw.startsWith('custom:')) {
    const name = raw.slice('custom:'.length)
    return { name, kind: classifyTool(name), line, source: 'code' }
  }
  const known = ownValue(CREWAI_TOOLS, raw)
  return known
    ? { name: raw, kind: known, line, source: 'builtin' }
    : { name: raw, kind: classifyTool(raw), line, source: 'code' }
}

function readDelegation(profile: AgentProfile, allow: Field): void {
  const allowed = asBoolean(allow.value) ?? false
  setDelegation(profile, allowed, allow.line)
}

function setDelegation(
  profile: AgentProfile,
  allowed: boolean,
  line: number | undefined,
): void {
  profile.delegation.canDelegate = allowed
  cite(profile, 'delegation', line)
  if (!allowed) return
  for (const name of DELEGATION_TOOLS) {
    addTool(profile, { name, kind: 'agent-call', line, source: 'builtin' })
  }
}

function readCodeExecution(
  profile: AgentProfile,
  allow: Field,
  mode: Field,
): void {
  setCodeExecution(
    profile,
    asBoolean(allow.value) ?? false,
    asString(mode.value),
    allow.line,
    mode.line,
  )
}

function setCodeExecution(
  profile: AgentProfile,
  allowed: boolean,
  mode: string | undefined,
  line: number | undefined,
  modeLine: number | undefined,
): void {
  profile.autonomy.codeExecution = allowed
  cite(profile, 'autonomy', line)
  if (!allowed) return
  addTool(profile, {
    name: 'CodeInterpreterTool',
    kind: 'code-exec',
    line,
    source: 'builtin',
  })
  const unsafe = mode?.toLowerCase() === 'unsafe'
  profile.controls.sandbox = !unsafe
  cite(profile, 'controls.sandbox', modeLine ?? line)
  addNote(
    profile,
    unsafe
      ? 'allow_code_execution with code_execution_mode unsafe: generated code runs directly on the host'
      : `allow_code_execution: generated code runs in a Docker sandbox (code_execution_mode ${mode ?? 'safe, the default'})`,
  )
}

function readAutonomy(profile: AgentProfile, source: AgentSource): void {
  const maxIter = field(source, 'max_iter')
  const iterations = asNumber(maxIter.value)
  if (iterations !== undefined) {
    profile.autonomy.maxIterations = iterations
    cite(profile, 'autonomy', maxIter.line)
  }
  for (const key of ['reasoning', 'planning']) {
    const flag = field(source, key)
    if (asBoolean(flag.value) === true) {
      profile.autonomy.planning = true
      cite(profile, 'autonomy', flag.line)
    }
  }
  if (asRecord(field(source, 'planning_config').value)) {
    profile.autonomy.planning = true
  }
}

function readMemory(profile: AgentProfile, memory: Field): void {
  const enabled = asBoolean(memory.value)
  if (enabled === undefined) return
  setMemory(profile, enabled)
  cite(profile, 'memory', memory.line)
}

function setMemory(profile: AgentProfile, enabled: boolean): void {
  profile.memory.kind = enabled ? 'persistent' : 'none'
  profile.memory.writable = enabled ? true : undefined
}

function readAgentControls(profile: AgentProfile, source: AgentSource): void {
  const guardrail = field(source, 'guardrail')
  if (guardrail.value !== undefined && guardrail.value !== null) {
    profile.controls.guardrails = true
    cite(profile, 'controls.guardrails', guardrail.line)
  }
  const rpm = field(source, 'max_rpm')
  if (asNumber(rpm.value) !== undefined) {
    profile.controls.rateLimits = true
    cite(profile, 'controls.rateLimits', rpm.line)
  }
  if ((asArray(field(source, 'knowledge_sources').value)?.length ?? 0) > 0) {
    addNote(
      profile,
      'knowledge_sources: retrieved documents are added to its context',
    )
  }
  if (field(source, 'step_callback').value !== undefined) {
    addNote(profile, 'step_callback runs code after every step')
  }
}

// ---------------------------------------------------------------- the crew

function applyCrew(profile: AgentProfile, crew: Crew): void {
  const isManager = profile.name === crew.manager
  profile.delegation.peers = crew.members.filter(
    (member) => member !== profile.name,
  )
  if (crew.process === 'sequential' || crew.process === 'hierarchical') {
    profile.delegation.mode = crew.process
  } else if (crew.process !== undefined) {
    addNote(profile, `unknown crew process "${crew.process}"`)
  }
  if (crew.process === 'hierarchical') {
    if (isManager) {
      profile.subAgents = crew.members.filter((m) => m !== profile.name)
      profile.delegation.peers = []
      setDelegation(profile, true, profile.evidence.delegation)
      profile.autonomy.planning = true
      addNote(
        profile,
        `manages a hierarchical crew${crew.processAt ? ` (${crew.processAt})` : ''}: it plans the work and delegates every task`,
      )
    } else if (crew.manager) {
      profile.parent = crew.manager
    }
  }
  if (crew.memory !== undefined && profile.memory.kind === undefined) {
    setMemory(profile, crew.memory)
  }
  // Crew memory is shared by every agent, whatever the agent's own setting.
  if (crew.memory === true) setMemory(profile, true)
  if (crew.planning) profile.autonomy.planning = true
  if (crew.logging) profile.controls.logging = true
  if (crew.rateLimits) profile.controls.rateLimits = true
  applyTasks(profile, crew)
  if (crew.codeNote) addNote(profile, crew.codeNote)
}

function applyTasks(profile: AgentProfile, crew: Crew): void {
  const own = crew.tasks.filter((task) => task.agent === profile.name)
  for (const task of own) {
    if (task.humanInput === true) {
      profile.controls.humanApproval = true
      addNote(
        profile,
        `task ${task.name} asks for human input before it completes (${task.at})`,
      )
    }
    if (task.guardrail) profile.controls.guardrails = true
    for (const tool of task.tools) addTool(profile, crewTool(tool))
    if (task.outputFile) {
      addTool(profile, {
        name: `output_file ${task.outputFile}`,
        kind: 'file-write',
        source: 'builtin',
      })
    }
    if (task.asyncExecution) {
      addNote(profile, `task ${task.name} runs asynchronously (${task.at})`)
    }
  }
  if (crew.tasksRead && profile.controls.humanApproval === undefined) {
    profile.controls.humanApproval = false
    if (own.length > 0) {
      addNote(
        profile,
        'none of its tasks sets human_input: it works without human review',
      )
    }
  }
}

function managerProfile(crew: Crew, file: string, line: number): AgentProfile {
  const name = crew.manager ?? 'crew_manager'
  const profile = newProfile({ name, format: FORMAT, file, line })
  profile.description =
    'Crew manager created by CrewAI for a hierarchical process'
  if (crew.managerModel !== undefined) {
    profile.model = modelOf(crew.managerModel)
    cite(profile, 'model', line)
  }
  cite(profile, 'delegation', line)
  addNote(
    profile,
    'not declared as an agent: CrewAI creates this manager at run time',
  )
  return profile
}

// ---------------------------------------------------------------- crew.py

interface CodeAgent {
  readonly key: string
  readonly line: number
  readonly tools: ReadonlyArray<{ name: string; line: number }>
  readonly unresolved: readonly string[]
  readonly flags: ReadonlyMap<string, { value: string; line: number }>
}

interface CrewCode {
  readonly path: string
  readonly className?: string
  readonly agents: readonly CodeAgent[]
  readonly crewFlags: ReadonlyMap<string, { value: string; line: number }>
  readonly credentials: readonly string[]
}

function readCrewPy(
  file: ManifestFile,
  dir: string,
  prefix: string,
): CrewCode | undefined {
  const parent = dir.replace(/[^/]*\/$/, '')
  const candidates = [`${parent}crew.py`, `${dir}crew.py`]
  if (prefix) candidates.unshift(`${dir}${prefix}crew.py`)
  for (const path of new Set(candidates)) {
    const text = file.readSibling(path)
    if (text !== undefined) return readCrewCode(path, text)
  }
  return undefined
}

const AGENT_FLAGS: ReadonlyArray<readonly [string, RegExp]> = [
  ['allow_delegation', /\ballow_delegation\s*=\s*(True|False)\b/],
  ['allow_code_execution', /\ballow_code_execution\s*=\s*(True|False)\b/],
  ['code_execution_mode', /\bcode_execution_mode\s*=\s*["'](\w+)["']/],
  ['memory', /\bmemory\s*=\s*(True|False)\b/],
  ['reasoning', /\breasoning\s*=\s*(True|False)\b/],
  ['max_iter', /\bmax_iter\s*=\s*(\d+)/],
]

const CREW_FLAGS: ReadonlyArray<readonly [string, RegExp]> = [
  ['process', /\bprocess\s*=\s*Process\.(\w+)/],
  ['memory', /\bmemory\s*=\s*(True|False)\b/],
  ['planning', /\bplanning\s*=\s*(True|False)\b/],
  ['manager_llm', /\bmanager_llm\s*=\s*["']([^"'\n]+)["']/],
  ['manager_agent', /\bmanager_agent\s*=\s*self\.(\w+)\s*\(/],
  ['output_log_file', /\boutput_log_file\s*=\s*(["'][^"'\n]*["']|True)/],
  ['max_rpm', /\bmax_rpm\s*=\s*(\d+)/],
]

/**
 * Reads crew.py as text. Only literal keyword arguments and simple
 * assignments are understood; anything computed is reported as unresolved.
 */
function readCrewCode(path: string, text: string): CrewCode {
  const lines = text.split(/\r?\n/)
  const agents: CodeAgent[] = []
  lines.forEach((line, index) => {
    if (/^\s*@agent\b/.test(line)) {
      const agent = readCodeAgent(lines, index, text)
      if (agent) agents.push(agent)
    }
  })
  const credentials = new Set<string>()
  for (const match of text.matchAll(
    /os\.(?:environ\.get|getenv)\(\s*["'](\w+)["']|os\.environ\[\s*["'](\w+)["']\s*\]/g,
  )) {
    const name = match[1] ?? match[2]
    if (name && CREDENTIAL_NAME.test(name)) credentials.add(name)
  }
  return {
    path,
    className: /@CrewBase\s*\r?\n\s*class\s+(\w+)/.exec(text)?.[1],
    agents,
    crewFlags: readCrewCall(lines),
    credentials: [...credentials],
  }
}

function readCodeAgent(
  lines: readonly string[],
  decorator: number,
  text: string,
): CodeAgent | undefined {
  let defIndex = decorator + 1
  while (defIndex < lines.length && /^\s*@/.test(lines[defIndex] ?? '')) {
    defIndex += 1
  }
  const def = /^(\s*)def\s+(\w+)\s*\(/.exec(lines[defIndex] ?? '')
  if (!def) return undefined
  const indent = def[1]?.length ?? 0
  const body: Array<{ text: string; line: number }> = []
  for (let i = defIndex + 1; i < lines.length && body.length < 400; i++) {
    const line = lines[i] ?? ''
    if (line.trim() && (/^\s*/.exec(line)?.[0].length ?? 0) <= indent) break
    body.push({ text: line, line: i + 1 })
  }
  const joined = body.map((b) => b.text).join('\n')
  const key =
    /agents_config\s*\[\s*["']([^"'\n]+)["']\s*\]/.exec(joined)?.[1] ??
    def[2] ??
    ''
  const flags = new Map<string, { value: string; line: number }>()
  for (const [name, pattern] of AGENT_FLAGS) {
    const hit = body.find((b) => pattern.test(b.text))
    const value = hit ? pattern.exec(hit.text)?.[1] : undefined
    if (hit && value !== undefined) flags.set(name, { value, line: hit.line })
  }
  const toolsLine = body.find((b) => /\btools\s*=/.test(b.text))
  const expression = toolsLine
    ? toolsExpression(joined.slice(joined.search(/\btools\s*=/)))
    : undefined
  const resolved = expression ? resolveClasses(expression, text, 0) : undefined
  return {
    key,
    line: defIndex + 1,
    tools: (resolved?.classes ?? []).map((name) => ({
      name,
      line: toolsLine?.line ?? defIndex + 1,
    })),
    unresolved: resolved?.unresolved ?? [],
    flags,
  }
}

/** The text after `tools=`: a bracketed list, or one expression. */
function toolsExpression(text: string): string {
  const rest = text.replace(/^tools\s*=\s*/, '')
  if (!rest.startsWith('[')) return /^[^,)\n]*/.exec(rest)?.[0] ?? ''
  let depth = 0
  for (let i = 0; i < rest.length && i < 4000; i++) {
    if (rest[i] === '[') depth += 1
    if (rest[i] === ']') depth -= 1
    if (depth === 0) return rest.slice(0, i + 1)
  }
  return rest.slice(0, 4000)
}

const PYTHON_WORDS = new Set([
  'self',
  'None',
  'True',
  'False',
  'for',
  'in',
  'if',
  'else',
  'and',
  'or',
  'not',
  'lambda',
])

/**
 * Tool classes an expression constructs: `SerperDevTool()` directly, or
 * through `self.x = …` and `name = …` assignments, a few steps deep. The
 * budget bounds the look-ups, whatever the file holds.
 */
function resolveClasses(
  expression: string,
  text: string,
  depth: number,
  budget = { left: 64 },
): { classes: string[]; unresolved: string[] } {
  const classes = new Set<string>()
  const unresolved: string[] = []
  for (const match of expression.matchAll(/\b([A-Z][A-Za-z0-9_]*)\s*\(/g)) {
    if (match[1]) classes.add(match[1])
  }
  for (const { ref, assignment } of referencesIn(expression)) {
    budget.left -= 1
    const rhs =
      depth < 3 && budget.left >= 0 ? assignment.exec(text)?.[1] : undefined
    const inner = rhs ? resolveClasses(rhs, text, depth + 1, budget) : undefined
    if (inner && inner.classes.length > 0) {
      inner.classes.forEach((c) => classes.add(c))
    } else {
      unresolved.push(ref)
    }
  }
  return { classes: [...classes], unresolved }
}

/** `self.x` and bare names an expression uses, with their assignment. */
function referencesIn(
  expression: string,
): Array<{ ref: string; assignment: RegExp }> {
  const withoutCalls = expression
    .replace(/(["'])(?:\\.|(?!\1)[^\\\n])*\1/g, '')
    .replace(/\b[A-Z][A-Za-z0-9_]*\s*\([^)]*\)/g, '')
  const attributes = [...withoutCalls.matchAll(/\bself\.(\w+)/g)]
    .map((m) => m[1] ?? '')
    .filter(Boolean)
  const names = [
    ...withoutCalls
      .replace(/\bself\.\w+(\.\w+)*/g, '')
      .matchAll(/(?<![.\w])([a-z_][A-Za-z0-9_]*)\b(?!\s*[(=])/g),
  ]
    .map((m) => m[1] ?? '')
    .filter((name) => name && !PYTHON_WORDS.has(name))
  return [
    ...[...new Set(attributes)].map((name) => ({
      ref: `self.${name}`,
      assignment: new RegExp(`\\bself\\.${name}\\s*=\\s*([^\\n]+)`),
    })),
    ...[...new Set(names)].map((name) => ({
      ref: name,
      assignment: new RegExp(`^\\s*${name}\\s*=\\s*([^\\n]+)`, 'm'),
    })),
  ]
}

function readCrewCall(
  lines: readonly string[],
): Map<string, { value: string; line: number }> {
  const flags = new Map<string, { value: string; line: number }>()
  const start = lines.findIndex((line) => /(?<![\w.])Crew\s*\(/.test(line))
  if (start < 0) return flags
  let depth = 0
  for (let i = start; i < lines.length && i < start + 200; i++) {
    const line = lines[i] ?? ''
    for (const [name, pattern] of CREW_FLAGS) {
      const value = pattern.exec(line)?.[1]
      if (value !== undefined && !flags.has(name)) {
        flags.set(name, {
          value: value.replace(/^["']|["']$/g, ''),
          line: i + 1,
        })
      }
    }
    depth += (line.match(/\(/g)?.length ?? 0) - (line.match(/\)/g)?.length ?? 0)
    if (depth <= 0 && i > start) break
    if (depth <= 0 && /\)/.test(line)) break
  }
  return flags
}

function applyCode(agents: AgentProfile[], crew: Crew, code: CrewCode): void {
  crew.name = code.className
  const flag = (name: string): { value: string; line: number } | undefined =>
    code.crewFlags.get(name)
  const at = (line: number): string => `${code.path} line ${line}`
  const process = flag('process')
  crew.process = process?.value.toLowerCase() ?? 'sequential'
  crew.processAt = process ? at(process.line) : undefined
  const memory = flag('memory')
  if (memory) crew.memory = memory.value === 'True'
  if (flag('planning')?.value === 'True') crew.planning = true
  if (flag('output_log_file')) crew.logging = true
  if (flag('max_rpm')) crew.rateLimits = true
  crew.managerModel = flag('manager_llm')?.value
  const managerAgent = flag('manager_agent')?.value
  if (managerAgent) crew.manager = managerAgent
  crew.codeNote = `tools, process and memory are bound in code (${code.path}), read here by pattern only; the manifest may under-report`
  const byKey = new Map(agents.map((agent) => [agent.name, agent]))
  for (const codeAgent of code.agents) {
    const agent = byKey.get(codeAgent.key)
    if (!agent) continue
    applyCodeAgent(agent, codeAgent, at)
  }
  // Environment secrets read in crew.py go to the agents given code tools.
  for (const agent of agents) {
    if (!agent.tools.some((tool) => tool.source === 'code')) continue
    for (const credential of code.credentials) addCredential(agent, credential)
  }
  for (const codeAgent of code.agents) {
    if (!byKey.has(codeAgent.key)) {
      for (const agent of agents) {
        addNote(
          agent,
          `${code.path} defines agent ${codeAgent.key}, which the agents file does not declare`,
        )
      }
    }
  }
}

function applyCodeAgent(
  agent: AgentProfile,
  code: CodeAgent,
  at: (line: number) => string,
): void {
  for (const tool of code.tools) {
    const kind = ownValue(CREWAI_TOOLS, tool.name) ?? classifyTool(tool.name)
    addTool(agent, {
      name: tool.name,
      kind,
      line: undefined,
      source: 'code',
      wildcard: /Toolkit$|Tools$/.test(tool.name) ? true : undefined,
    })
    addNote(agent, `tool ${tool.name} is bound in code (${at(tool.line)})`)
  }
  for (const ref of code.unresolved) {
    addNote(
      agent,
      `tools from ${ref} are computed in code and could not be read (${at(code.line)})`,
    )
  }
  const flag = (name: string): string | undefined => code.flags.get(name)?.value
  if (flag('allow_delegation') !== undefined) {
    setDelegation(agent, flag('allow_delegation') === 'True', undefined)
  }
  if (flag('allow_code_execution') !== undefined) {
    setCodeExecution(
      agent,
      flag('allow_code_execution') === 'True',
      flag('code_execution_mode') ?? undefined,
      undefined,
      undefined,
    )
  }
  if (flag('memory') !== undefined) setMemory(agent, flag('memory') === 'True')
  if (flag('reasoning') === 'True') agent.autonomy.planning = true
  const maxIter = Number(flag('max_iter'))
  if (Number.isFinite(maxIter) && flag('max_iter') !== undefined) {
    agent.autonomy.maxIterations = maxIter
  }
}

// ---------------------------------------------------------------- JSON-first

function parseJsonFirst(file: ManifestFile): FormatResult {
  let doc: ParsedDocument
  try {
    doc = parseJsonDocument(file.text, file.path)
  } catch (error) {
    return { agents: [], problems: [problemFrom(error, file.path)] }
  }
  const root = asRecord(doc.value)
  if (root && Array.isArray(root.agents) && Array.isArray(root.tasks)) {
    return parseCrewJson(file, doc, root)
  }
  if (root && hasAgentShape(root)) return parseAgentJson(file, doc, root)
  return rejected(
    'neither a CrewAI crew.jsonc (agents and tasks) nor an agent file (role, goal, backstory)',
  )
}

function readCrewJson(
  record: DataRecord,
  doc: ParsedDocument,
  path: string,
): Crew {
  const at = (key: string): string => `${path} line ${doc.lineOf([key]) ?? 1}`
  const crew: Crew = {
    name: asString(record.name),
    members: asStrings(record.agents),
    process: asString(record.process) ?? 'sequential',
    processAt: record.process === undefined ? undefined : at('process'),
    managerModel: record.manager_llm ?? undefined,
    managerAgent: asString(record.manager_agent),
    memory: asBoolean(record.memory),
    planning: asBoolean(record.planning),
    logging:
      asString(record.output_log_file) !== undefined ||
      asBoolean(record.output_log_file) === true ||
      asBoolean(record.tracing) === true ||
      undefined,
    rateLimits: asNumber(record.max_rpm) !== undefined || undefined,
    tasks: [],
    tasksRead: true,
  }
  if (crew.process === 'hierarchical') {
    crew.manager = crew.managerAgent ?? `${crew.name ?? 'crew'}_manager`
  }
  ;(asArray(record.tasks) ?? []).forEach((task, index) => {
    if (!isRecord(task)) return
    const name = asString(task.name) ?? `task ${index + 1}`
    crew.tasks.push(readTask(name, task, doc, ['tasks', index], path))
  })
  return crew
}

function parseCrewJson(
  file: ManifestFile,
  doc: ParsedDocument,
  root: DataRecord,
): FormatResult {
  const crew = readCrewJson(root, doc, file.path)
  const { dir } = splitPath(file.path)
  const agents: AgentProfile[] = []
  const problems: Problem[] = []
  const stub = (name: string, line: number): AgentProfile => {
    const profile = newProfile({ name, format: FORMAT, file: file.path, line })
    cite(profile, 'name', line)
    addNote(
      profile,
      `agents/${name}.jsonc was not found: its role, model and tools are unknown`,
    )
    return profile
  }
  crew.members.forEach((name, index) => {
    if (file.readSibling(`${dir}agents/${name}.jsonc`) !== undefined) return
    agents.push(stub(name, doc.lineOf(['agents', index]) ?? 1))
  })
  problems.push(...unknownTaskAgents(crew))
  if (crew.manager) {
    const line = doc.lineOf(['process']) ?? 1
    if (crew.managerAgent === undefined) {
      agents.push(managerProfile(crew, file.path, line))
    } else if (
      file.readSibling(`${dir}agents/${crew.managerAgent}.jsonc`) === undefined
    ) {
      agents.push(
        stub(crew.managerAgent, doc.lineOf(['manager_agent']) ?? line),
      )
    }
  }
  if (agents.length === 0) {
    return {
      ...rejected(
        'crew.jsonc holds the crew settings; each of its agents is read from agents/<name>.jsonc',
      ),
      problems,
    }
  }
  for (const agent of agents) applyCrew(agent, crew)
  return { agents, problems, document: doc }
}

/** Tasks that name an agent the crew does not have. */
function unknownTaskAgents(crew: Crew): Problem[] {
  return crew.tasks
    .filter(
      (task) =>
        task.agent !== undefined &&
        !crew.members.includes(task.agent) &&
        task.agent !== crew.manager,
    )
    .map((task) =>
      problem(
        task.file,
        task.line,
        `task ${task.name} names agent "${task.agent ?? ''}", which the crew does not have`,
        { field: 'agent', level: 'warning' },
      ),
    )
}

function parseAgentJson(
  file: ManifestFile,
  doc: ParsedDocument,
  root: DataRecord,
): FormatResult {
  const { dir, name: fileName } = splitPath(file.path)
  const name = asString(root.name) ?? fileName.replace(/\.jsonc?$/i, '')
  const line = doc.lineOf(['role']) ?? 1
  const profile = readAgent(
    { doc, base: [], record: root },
    name,
    file.path,
    line,
  )
  const problems: Problem[] = []
  const crewPath = /(^|\/)agents\/$/.test(dir)
    ? `${dir.replace(/agents\/$/, '')}crew.jsonc`
    : undefined
  const crewText = crewPath ? file.readSibling(crewPath) : undefined
  if (crewPath && crewText !== undefined) {
    try {
      const crewDoc = parseJsonDocument(crewText, crewPath)
      const record = asRecord(crewDoc.value)
      if (record) {
        const crew = readCrewJson(record, crewDoc, crewPath)
        if (crew.members.includes(name) || crew.managerAgent === name) {
          applyCrew(profile, crew)
        } else {
          addNote(profile, `${crewPath} does not list this agent`)
        }
      }
    } catch (error) {
      problems.push({ ...problemFrom(error, crewPath), level: 'warning' })
    }
  } else {
    addNote(profile, 'no crew.jsonc found: its tasks and process are unknown')
  }
  return { agents: [profile], problems, document: doc }
}

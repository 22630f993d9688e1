/**
 * **In short:** gitagent `agent.yaml` → tools, sub-agents, supervision
 *
 * gitagent (open-gitagent, spec 0.1): an agent is a directory with
 * `agent.yaml`, `SOUL.md` (identity), `RULES.md` (constraints), `skills/`,
 * `tools/<name>.yaml`, `memory/`, `hooks/hooks.yaml` and sub-agents under
 * `agents/<name>/agent.yaml` (or lightweight `agents/<name>.md`).
 *
 * Mapping: name, description, `model.preferred` (`provider:model`) → model,
 * `model.constraints.temperature` (or `runtime.temperature`), `model.fallback`
 * → a note; SOUL.md + RULES.md beside the manifest → instructions; `tools`
 * (the runtime's built-ins cli/read/write/edit/memory, else `tools/<name>.yaml`
 * with `annotations.requires_confirmation`/`read_only`), the runtime's
 * `mcp_servers`; `skills` (descriptions from `skills/<name>/SKILL.md`);
 * `agents` and `dependencies` → sub-agents, `delegation.mode`; `a2a` →
 * exposure and inbound auth, `a2a_agents` → peers; `runtime.max_turns` →
 * maxIterations; `compliance.supervision.human_in_the_loop` → humanApproval
 * (always → true, advisory/none → false), `recordkeeping.audit_logging` →
 * logging; `hooks/hooks.yaml` pre_tool_use/pre_query hooks → guardrails;
 * `registries` and `extends` → notes. A manifest under `agents/<name>/` is a
 * sub-agent of the `agent.yaml` two levels up.
 *
 * Defaults: the reference runtime always gives its built-in tools (cli,
 * read, write, edit, memory) and every `tools/*.yaml`, so an omitted `tools`
 * list means every tool (allTools = true) and a listed one may under-report.
 * An omitted `skills` list loads every skill under `skills/`. The memory
 * tool writes `memory/MEMORY.md` and commits it: persistent, writable memory
 * that is fed back into the prompt. `agent.yaml` is a generic name: without
 * gitagent markers (spec_version and name, or a SOUL.md beside it) the file
 * is refused.
 */
import { addCredential } from '../manifest/credentials.js'
import { reachOfAddress } from '../manifest/endpoints.js'
import {
  frontMatterData,
  hasFrontMatter,
  splitFrontMatter,
} from '../manifest/front-matter.js'
import {
  addServerMemory,
  mcpServerTool,
  recordServerReading,
} from '../manifest/mcp-servers.js'
import { fileStem, lastSegment, splitPath } from '../manifest/paths.js'
import { parseManifest, problem, rejected } from '../manifest/result.js'
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
  isPlaceholder,
  isRecord,
  ownValue,
  type DataRecord,
} from '../parse/data.js'
import { parseYamlDocument, type ParsedDocument } from '../parse/document.js'
import { problemFrom, type Problem } from '../problems.js'
import {
  addNote,
  addTool,
  cite,
  newProfile,
  pushUnique,
} from '../profile/build.js'
import type { AgentProfile, Tool, ToolKind } from '../profile/schema.js'
import { classifyTool } from '../profile/tool-kinds.js'

const ID = 'gitagent'

/** The reference runtime's built-in tools. */
const BUILTIN_TOOLS: Readonly<
  Record<string, { kind: ToolKind; readOnly?: boolean }>
> = {
  cli: { kind: 'shell' },
  read: { kind: 'file-read', readOnly: true },
  write: { kind: 'file-write' },
  edit: { kind: 'file-write' },
  memory: { kind: 'other' },
  task_tracker: { kind: 'other' },
  skill_learner: { kind: 'file-write' },
  capture_photo: { kind: 'other', readOnly: true },
}
const ALWAYS_BUILT_IN = ['cli', 'read', 'write', 'edit', 'memory']

const SPEC_LINE = /^spec_version:[ \t]*["']?\d+\.\d+(?:\.\d+)?["']?[ \t]*$/m
const CANONICAL = /(^|\/)agent\.ya?ml$/i
const LIGHT_SUBAGENT = /(^|\/)agents\/[^/]+\.md$/i

const gitagent: FormatModule = {
  id: ID,
  title: 'gitagent',
  priority: 25,
  nameEndings: ['.yaml', '.yml', '.md'],
  matchPath: (path) => {
    if (CANONICAL.test(path)) return 'yes'
    if (/\.ya?ml$/i.test(path) || LIGHT_SUBAGENT.test(path)) return 'maybe'
    return 'no'
  },
  sniff: (head, path) =>
    LIGHT_SUBAGENT.test(path)
      ? hasFrontMatter(head) &&
        /^\s+preferred:/m.test(head) &&
        /^description:/m.test(head)
      : SPEC_LINE.test(head) && /^name:/m.test(head),
  parse: (file) =>
    LIGHT_SUBAGENT.test(file.path)
      ? parseLightSubAgent(file)
      : parseAgent(file),
}
export default gitagent

interface Context {
  readonly file: ManifestFile
  readonly doc: ParsedDocument
  /** Directory of the agent, with a trailing slash ('' at the root). */
  readonly dir: string
  readonly problems: Problem[]
  readonly profile: AgentProfile
}

function parseAgent(file: ManifestFile): FormatResult {
  const parsed = parseManifest(file, 'yaml')
  if (!parsed.ok) return parsed.result
  const doc = parsed.doc
  const root = asRecord(doc.value)
  const { dir } = splitPath(file.path)
  const soul = file.readSibling(`${dir}SOUL.md`)
  if (!root || !isGitagent(root, soul !== undefined))
    return rejected(
      'no gitagent markers (spec_version and name, or a SOUL.md beside it): not a gitagent manifest',
    )
  const problems: Problem[] = []
  const name = asString(root.name) ?? lastSegment(dir) ?? 'agent'
  if (asString(root.description) === undefined)
    problems.push(
      problem(
        file.path,
        doc.lineOf(['name']),
        'gitagent requires a description',
        {
          field: 'description',
          level: 'warning',
        },
      ),
    )
  const profile = newProfile({
    name,
    format: ID,
    file: file.path,
    line: doc.lineOf([]) ?? 1,
  })
  const ctx: Context = { file, doc, dir, problems, profile }
  readAgentFields(ctx, root)
  readInstructions(ctx, soul)
  linkToRoot(ctx)
  return { agents: [profile], problems, document: doc }
}

function isGitagent(root: DataRecord, hasSoul: boolean): boolean {
  const named = asString(root.name) !== undefined
  if (asString(root.spec_version) !== undefined && named) return true
  return (
    hasSoul &&
    named &&
    (root.version !== undefined || root.description !== undefined)
  )
}

/** The fields an agent.yaml and a lightweight sub-agent share. */
function readAgentFields(ctx: Context, root: DataRecord): void {
  const { profile, doc } = ctx
  cite(profile, 'name', doc.lineOf(['name']))
  const description = asString(root.description)
  if (description) profile.description = description.trim()
  readModel(ctx, root)
  readTools(ctx, root)
  readMcpServers(ctx, root.mcp_servers)
  readSkills(ctx, root)
  readSubAgents(ctx, root)
  readA2a(ctx, root)
  readRuntime(ctx, root)
  readCompliance(ctx, asRecord(root.compliance))
  readHooks(ctx)
  readMemory(ctx)
  readProvenance(ctx, root)
}

// ---------------------------------------------------------------- model

function readModel(ctx: Context, root: DataRecord): void {
  const { profile, doc } = ctx
  const model = asRecord(root.model)
  if (!model) return
  cite(profile, 'model', doc.lineOf(['model']))
  const preferred = asString(model.preferred)?.trim()
  if (preferred) {
    const cut = preferred.indexOf(':')
    if (cut > 0) {
      profile.model.provider = preferred.slice(0, cut)
      profile.model.name = preferred.slice(cut + 1)
    } else profile.model.name = preferred
    if (isPlaceholder(preferred)) profile.model.unresolved = true
  } else {
    addNote(
      profile,
      'no preferred model: the runtime picks one from its environment',
    )
  }
  const fallback = asStrings(model.fallback).filter((m) => m.trim() !== '')
  if (fallback.length > 0)
    addNote(
      profile,
      `model fallback list (${fallback.join(', ')}): the model that answers can change at run time`,
    )
  const constraints = asRecord(model.constraints)
  const runtime = asRecord(root.runtime)
  const temperature =
    asNumber(runtime?.temperature) ?? asNumber(constraints?.temperature)
  if (temperature !== undefined) profile.model.temperature = temperature
}

// ---------------------------------------------------------------- tools

function readTools(ctx: Context, root: DataRecord): void {
  const { profile, doc } = ctx
  if (root.tools === undefined) {
    profile.allTools = true
    addNote(
      profile,
      `no tools list: the runtime gives its built-in tools (${ALWAYS_BUILT_IN.join(', ')}) and every tools/*.yaml`,
    )
    // The built-ins stand in the profile as a list would name them, so that
    // leaving the list out never gives less (the memory tool's memory).
    for (const name of ALWAYS_BUILT_IN)
      profile.tools.push(toolNamed(ctx, name, undefined))
    return
  }
  const list = asArray(root.tools)
  if (!list) {
    ctx.problems.push(
      problem(
        ctx.file.path,
        doc.lineOf(['tools']),
        'tools must be a list of names',
        {
          field: 'tools',
        },
      ),
    )
    return
  }
  cite(profile, 'tools', doc.lineOf(['tools']))
  list.forEach((item, index) => {
    const name = asString(item)
    const line = doc.lineOf(['tools', index]) ?? doc.lineOf(['tools'])
    if (name === undefined) {
      ctx.problems.push(
        problem(ctx.file.path, line, 'tool entry must be a name', {
          field: `tools[${index}]`,
          level: 'warning',
        }),
      )
      return
    }
    addTool(profile, toolNamed(ctx, name, line))
  })
  const listed = new Set(list.map((t) => String(t)))
  const implicit = ALWAYS_BUILT_IN.filter((name) => !listed.has(name))
  if (implicit.length > 0 && listed.size > 0)
    addNote(
      profile,
      `the reference runtime also gives ${implicit.join(', ')} and every tools/*.yaml whatever the list says`,
    )
}

function toolNamed(ctx: Context, name: string, line: number | undefined): Tool {
  const { profile } = ctx
  const key = name.toLowerCase().replace(/-/g, '_')
  const builtin = ownValue(BUILTIN_TOOLS, key)
  const definition = readToolFile(ctx, name)
  if (key === 'memory') {
    profile.memory.kind = 'persistent'
    profile.memory.writable = true
    pushUnique(profile.memory.stores, 'memory/MEMORY.md')
    cite(profile, 'memory', line)
  }
  if (key === 'skill_learner') {
    profile.autonomy.selfEditing = true
    addNote(profile, 'skill_learner writes new skills the agent loads later')
  }
  if (builtin && !definition)
    return {
      name,
      kind: builtin.kind,
      line,
      readOnly: builtin.readOnly,
      source: 'builtin',
    }
  if (!definition) {
    addNote(
      profile,
      `tool ${name} is listed but tools/${name}.yaml was not found: what it does is not known`,
    )
    return { name, kind: classifyTool(name), line, source: 'declared' }
  }
  return toolFromFile(ctx, name, definition, line)
}

function readToolFile(ctx: Context, name: string): DataRecord | undefined {
  for (const ext of ['yaml', 'yml']) {
    const path = `${ctx.dir}tools/${name}.${ext}`
    const text = ctx.file.readSibling(path)
    if (text === undefined) continue
    try {
      return asRecord(parseYamlDocument(text, path).value)
    } catch (error) {
      ctx.problems.push({ ...problemFrom(error, path), level: 'warning' })
      return undefined
    }
  }
  return undefined
}

function toolFromFile(
  ctx: Context,
  name: string,
  definition: DataRecord,
  line: number | undefined,
): Tool {
  const description = asString(definition.description)
  const annotations = asRecord(definition.annotations)
  const implementation = asRecord(definition.implementation)
  const confirm = asBoolean(annotations?.requires_confirmation)
  const readOnly = asBoolean(annotations?.read_only)
  if (implementation)
    addNote(
      ctx.profile,
      `tool ${name} runs ${asString(implementation.path) ?? 'a script'} (${asString(implementation.runtime) ?? asString(implementation.type) ?? 'code'}); the manifest under-reports what it does`,
    )
  return {
    name,
    kind: classifyTool(name, description),
    description,
    line,
    requiresApproval: confirm,
    readOnly,
    source: implementation ? 'code' : 'declared',
  }
}

function readMcpServers(ctx: Context, servers: unknown): void {
  const { profile, doc } = ctx
  for (const [name, entry] of entriesOf(servers)) {
    const reading = mcpServerTool(
      name,
      entry,
      doc.lineOf(['mcp_servers', name]),
    )
    if (reading.disabled) continue
    addTool(profile, reading.tool)
    recordServerReading(profile, reading)
    if (reading.memory) addServerMemory(profile, name)
    cite(profile, 'tools', doc.lineOf(['mcp_servers']))
  }
}

// ---------------------------------------------------------------- skills

function readSkills(ctx: Context, root: DataRecord): void {
  const { profile } = ctx
  const skills = asStrings(root.skills)
  if (root.skills === undefined || skills.length === 0) {
    addNote(profile, 'no skills list: every skill under skills/ is loaded')
    return
  }
  for (const name of skills) {
    profile.skills.push({ name, description: skillDescription(ctx, name) })
  }
}

function skillDescription(ctx: Context, name: string): string | undefined {
  const path = `${ctx.dir}skills/${name}/SKILL.md`
  return asString(
    frontMatterData(ctx.file.readSibling(path), path)?.description,
  )
}

// ---------------------------------------------------------------- agents

function readSubAgents(ctx: Context, root: DataRecord): void {
  const { profile, doc } = ctx
  for (const [name, config] of entriesOf(root.agents)) {
    pushUnique(profile.subAgents, name)
    const mode = asString(asRecord(asRecord(config)?.delegation)?.mode)
    if (mode) addNote(profile, `sub-agent ${name} is called in ${mode} mode`)
  }
  asArray(root.dependencies)?.forEach((entry) => {
    const dep = asRecord(entry)
    const name = asString(dep?.name)
    if (!dep || !name) return
    pushUnique(profile.subAgents, name)
    const version = asString(dep.version) ?? ''
    if (!/^\d+\.\d+\.\d+$/.test(version))
      addNote(
        profile,
        `dependency ${name} comes from ${asString(dep.source) ?? 'an unstated source'} at ${version || 'no pinned version'}`,
      )
  })
  if (profile.subAgents.length > 0) {
    profile.delegation.canDelegate = true
    cite(
      profile,
      'subAgents',
      doc.lineOf(['agents']) ?? doc.lineOf(['dependencies']),
    )
  }
  const delegation = asRecord(root.delegation)
  const mode = asString(delegation?.mode)
  if (mode) {
    profile.delegation.canDelegate = true
    profile.delegation.mode = mode === 'router' ? 'router' : 'hierarchical'
    cite(profile, 'delegation', doc.lineOf(['delegation']))
    if (mode === 'auto')
      addNote(
        profile,
        'delegation auto: the model decides when to hand work to sub-agents',
      )
  } else if (profile.subAgents.length > 0) {
    profile.delegation.mode = 'hierarchical'
  }
  for (const [name] of entriesOf(root.a2a_agents)) {
    pushUnique(profile.delegation.peers, name)
    profile.delegation.canDelegate = true
    cite(profile, 'delegation', doc.lineOf(['a2a_agents']))
  }
}

/** agents/<name>/agent.yaml belongs to the agent two directories up. */
function linkToRoot(ctx: Context): void {
  const match = /^(.*\/)?agents\/[^/]+\/$/.exec(ctx.dir)
  if (!match) return
  const rootDir = match[1] ?? ''
  const text =
    ctx.file.readSibling(`${rootDir}agent.yaml`) ??
    ctx.file.readSibling(`${rootDir}agent.yml`)
  if (text === undefined) return
  try {
    const parent = asRecord(
      parseYamlDocument(text, `${rootDir}agent.yaml`).value,
    )
    const name = asString(parent?.name)
    if (name && name !== ctx.profile.name) ctx.profile.parent = name
  } catch {
    // The parent's own parse reports its problems.
  }
}

function readA2a(ctx: Context, root: DataRecord): void {
  const { profile, doc } = ctx
  const a2a = asRecord(root.a2a)
  if (!a2a) return
  const url = asString(a2a.url)
  if (url) {
    profile.exposure.endpoint = url
    const reach = reachOfAddress(url)
    if (reach) profile.exposure.reach = reach
  }
  pushUnique(profile.exposure.channels, 'a2a')
  pushUnique(profile.triggers, 'api')
  cite(profile, 'triggers', doc.lineOf(['a2a']))
  const auth = asRecord(a2a.authentication)
  const scheme = asString(auth?.type)
  if (scheme) {
    pushUnique(profile.identity.authSchemes, scheme)
    profile.controls.authentication = scheme !== 'none'
    cite(
      profile,
      'controls.authentication',
      doc.lineOf(['a2a', 'authentication']),
    )
  }
  const ref = asString(auth?.credentials_ref)
  if (ref) addCredential(profile, ref)
}

// ---------------------------------------------------------------- runtime

function readRuntime(ctx: Context, root: DataRecord): void {
  const { profile, doc } = ctx
  const runtime = asRecord(root.runtime)
  const turns = asNumber(runtime?.max_turns)
  if (turns !== undefined) {
    profile.autonomy.maxIterations = turns
    cite(profile, 'autonomy', doc.lineOf(['runtime', 'max_turns']))
  }
}

function readCompliance(
  ctx: Context,
  compliance: DataRecord | undefined,
): void {
  if (!compliance) return
  const { profile, doc } = ctx
  const tier = asString(compliance.risk_tier)
  if (tier) addNote(profile, `declared risk tier: ${tier}`)
  const supervision = asRecord(compliance.supervision)
  const hitl = asString(supervision?.human_in_the_loop)
  const hitlLine = doc.lineOf([
    'compliance',
    'supervision',
    'human_in_the_loop',
  ])
  if (hitl === 'always') profile.controls.humanApproval = true
  else if (hitl === 'advisory' || hitl === 'none')
    profile.controls.humanApproval = false
  else if (hitl === 'conditional')
    addNote(
      profile,
      'human review only when an escalation trigger fires (human_in_the_loop conditional)',
    )
  if (hitl) cite(profile, 'controls.humanApproval', hitlLine)
  if (asBoolean(supervision?.kill_switch) === true)
    addNote(profile, 'declares a kill switch')
  const audit = asBoolean(asRecord(compliance.recordkeeping)?.audit_logging)
  if (audit !== undefined) {
    profile.controls.logging = audit
    cite(
      profile,
      'controls.logging',
      doc.lineOf(['compliance', 'recordkeeping', 'audit_logging']),
    )
  }
  const pii = asString(asRecord(compliance.data_governance)?.pii_handling)
  if (pii) addNote(profile, `declared PII handling: ${pii}`)
}

/** hooks/hooks.yaml: hooks that run before a tool or query can block it. */
function readHooks(ctx: Context): void {
  const path = `${ctx.dir}hooks/hooks.yaml`
  const text = ctx.file.readSibling(path)
  if (text === undefined) return
  let hooks: DataRecord | undefined
  try {
    hooks = asRecord(asRecord(parseYamlDocument(text, path).value)?.hooks)
  } catch (error) {
    ctx.problems.push({ ...problemFrom(error, path), level: 'warning' })
    return
  }
  const gates = ['pre_tool_use', 'pre_query'].filter(
    (event) => (asArray(hooks?.[event])?.length ?? 0) > 0,
  )
  if (gates.length > 0) {
    ctx.profile.controls.guardrails = true
    addNote(
      ctx.profile,
      `hooks/hooks.yaml runs ${gates.join(' and ')} hooks that can block`,
    )
  }
}

function readMemory(ctx: Context): void {
  const { profile, file, dir } = ctx
  if (file.readSibling(`${dir}memory/MEMORY.md`) === undefined) return
  profile.memory.kind = 'persistent'
  pushUnique(profile.memory.stores, 'memory/MEMORY.md')
}

function readProvenance(ctx: Context, root: DataRecord): void {
  const { profile } = ctx
  const parent = asString(root.extends)
  if (parent)
    addNote(
      profile,
      `extends ${parent}: fields and rules not in this file come from that agent`,
    )
  const registries = (asArray(root.registries) ?? [])
    .map(
      (entry) =>
        asString(asRecord(entry)?.url) ?? asString(asRecord(entry)?.name),
    )
    .filter((entry): entry is string => entry !== undefined)
  if (registries.length > 0)
    addNote(
      profile,
      `skills can be installed from registries (${registries.join(', ')}): third-party instructions enter the agent`,
    )
  if (isRecord(root.plugins) && Object.keys(root.plugins).length > 0)
    addNote(
      profile,
      `plugins (${Object.keys(root.plugins).join(', ')}) add tools and skills in code; the manifest under-reports`,
    )
}

// ---------------------------------------------------------------- prose

function readInstructions(ctx: Context, soul: string | undefined): void {
  const { profile, file, dir } = ctx
  const rules = file.readSibling(`${dir}RULES.md`)
  const parts = [soul, rules].filter(
    (text): text is string => text !== undefined && text.trim() !== '',
  )
  if (parts.length > 0) profile.instructions = parts.join('\n\n')
  else
    addNote(
      profile,
      'no SOUL.md or RULES.md beside the manifest: its identity and rules are not in the repository here',
    )
  if (rules !== undefined)
    addNote(
      profile,
      'RULES.md constraints are instructions to the model, not enforced limits',
    )
}

// ---------------------------------------------------------------- lightweight sub-agents

function parseLightSubAgent(file: ManifestFile): FormatResult {
  const match = /^(.*\/)?agents\/[^/]+\.md$/i.exec(file.path)
  const rootDir = match?.[1] ?? ''
  const rootText =
    file.readSibling(`${rootDir}agent.yaml`) ??
    file.readSibling(`${rootDir}agent.yml`)
  let parentName: string | undefined
  try {
    const parent =
      rootText === undefined
        ? undefined
        : asRecord(parseYamlDocument(rootText, `${rootDir}agent.yaml`).value)
    if (
      parent &&
      isGitagent(parent, file.readSibling(`${rootDir}SOUL.md`) !== undefined)
    )
      parentName = asString(parent.name)
  } catch {
    parentName = undefined
  }
  if (parentName === undefined)
    return rejected('agents/*.md without a gitagent agent.yaml above it')
  let front
  try {
    front = splitFrontMatter(file.text, file.path)
  } catch (error) {
    return { agents: [], problems: [problemFrom(error, file.path)] }
  }
  const data = asRecord(front?.document.value)
  if (!front || !data)
    return rejected('no YAML front matter: not a gitagent sub-agent')
  // Tools and skills named here are the root agent's files.
  const dir = rootDir
  const name = asString(data.name) ?? fileStem(file.path, /\.md$/i)
  const profile = newProfile({
    name,
    format: ID,
    file: file.path,
    line: front.document.lineOf([]) ?? 2,
  })
  profile.parent = parentName
  const ctx: Context = { file, doc: front.document, dir, problems: [], profile }
  cite(profile, 'name', front.document.lineOf(['name']))
  const description = asString(data.description)
  if (description) profile.description = description.trim()
  readModel(ctx, data)
  if (data.tools !== undefined) readTools(ctx, data)
  else
    addNote(
      profile,
      'a lightweight sub-agent: it runs with the tools of the agent that loads it',
    )
  if (front.body.trim() !== '') {
    const blank = /^(?:[ \t]*\r?\n)*/.exec(front.body)?.[0] ?? ''
    profile.instructions = front.body.trim()
    cite(
      profile,
      'instructions',
      front.bodyLine + (blank.match(/\n/g)?.length ?? 0),
    )
  }
  return { agents: [profile], problems: ctx.problems, document: front.document }
}

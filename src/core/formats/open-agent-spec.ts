/**
 * **In short:** YAML/JSON with `component_type` and `agentspec_version` → agents, flows, tools, toolboxes, swarms, manager/workers
 *
 * Oracle Open Agent Spec (pyagentspec, WayFlow): a YAML or JSON tree of
 * components, each with a `component_type`; the root carries
 * `agentspec_version`. Components may be written inline or referenced with
 * `{$component_ref: <id>}` (also `component_ref`) and defined once under a
 * `$referenced_components` map, at any level.
 *
 * Mapping, one profile per agent component:
 * - `Agent`: name, description, `system_prompt` → instructions, `llm_config`
 *   (VllmConfig, OpenAiConfig, OllamaConfig, OciGenAiConfig…) → model
 *   (`model_id`, provider from the config type, `default_generation_parameters`
 *   temperature/seed), `tools[]` (ServerTool, ClientTool, RemoteTool, MCPTool,
 *   BuiltinTool), `toolboxes[]` (MCPToolBox with its client transport and
 *   `tool_filter`), `requires_confirmation` → a tool's approval,
 *   `human_in_the_loop`.
 * - `A2AAgent`, `RemoteAgent`, `OciAgent`: a profile for the remote agent, its
 *   endpoint, and a note that its capabilities live elsewhere.
 * - `SpecializedAgent`: its base `agent` plus the specialisation's extra
 *   instructions and tools.
 * - `Swarm`: no profile of its own; each `relationships` pair (caller,
 *   recipient) makes the recipient a peer of the caller (mode swarm).
 * - `ManagerWorkers`: `group_manager` gets the `workers` as sub-agents.
 * - `Flow`: a profile for the flow itself when it runs an agent or an LLM:
 *   AgentNode agents become its sub-agents, ToolNode/ApiNode its tools, the
 *   first LlmNode its model; sub-flows are folded in.
 *
 * Defaults (pyagentspec): `requires_confirmation` is false, so a tool that
 * omits it runs unconfirmed (requiresApproval false); `human_in_the_loop` is
 * true, which only lets the agent ask the user for input, so it is no
 * approval control; `human_in_the_loop: false` → humanApproval false. An
 * MCPToolBox whose `tool_filter` is null exposes every tool of the server
 * (wildcard). Swarm `handoff` defaults to true. ServerTools run code that the
 * runtime registers, so the manifest under-reports what they do.
 */
import { addCredential, isCredentialName } from '../manifest/credentials.js'
import { reachOfAddress } from '../manifest/endpoints.js'
import {
  addServerMemory,
  mcpServerTool,
  recordServerReading,
  type McpServerReading,
} from '../manifest/mcp-servers.js'
import { readSampling } from '../manifest/models.js'
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
  type DataRecord,
  entriesOf,
  isPlaceholder,
  isRecord,
  keysOf,
  ownValue,
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
import { classifyTool } from '../profile/tool-kinds.js'

const ID = 'open-agent-spec'

/** Component types that become a profile of their own. */
const AGENT_TYPES = new Set(['Agent', 'OpenAiAgent', 'SpecializedAgent'])
const REMOTE_AGENT_TYPES = new Set(['A2AAgent', 'RemoteAgent', 'OciAgent'])
/** Component types that run an agent, directly or through their members. */
const AGENTIC_TYPES = new Set([
  ...AGENT_TYPES,
  ...REMOTE_AGENT_TYPES,
  'Swarm',
  'ManagerWorkers',
  'Flow',
])
const ROOT_TYPES =
  /["']?component_type["']?\s*:\s*["']?(?:Agent|Flow|Swarm|ManagerWorkers|A2AAgent|RemoteAgent|OciAgent|OpenAiAgent|SpecializedAgent)\b/

/** LLM config component → provider name. */
const PROVIDERS: Readonly<Record<string, string>> = {
  VllmConfig: 'vllm',
  OpenAiConfig: 'openai',
  OpenAiCompatibleConfig: 'openai-compatible',
  OllamaConfig: 'ollama',
  OciGenAiConfig: 'oci-genai',
}

/** Node fields that hold nested flows, folded into the enclosing flow. */
const SUBFLOW_FIELDS = ['subflow', 'flow'] as const

const openAgentSpec: FormatModule = {
  id: ID,
  title: 'Oracle Open Agent Spec',
  priority: 30,
  nameEndings: ['.yaml', '.yml', '.json', '.jsonc', '.json5'],
  matchPath: (path) =>
    /\.(ya?ml|json|jsonc|json5)$/i.test(path) ? 'maybe' : 'no',
  sniff: (head) =>
    ROOT_TYPES.test(head) ||
    (/\bcomponent_type\b/.test(head) && /\bagentspec_version\b/.test(head)),
  parse: parseOpenAgentSpec,
}
export default openAgentSpec

// ---------------------------------------------------------------- references

interface Located {
  readonly value: DataRecord
  /** Where the component is defined. */
  readonly path: DataPath
}

/** `$referenced_components` entries and ids of inline components, by id. */
class Components {
  private readonly byId = new Map<string, Located>()

  constructor(root: unknown) {
    const stack: Array<[unknown, DataPath]> = [[root, []]]
    let budget = 100_000
    while (stack.length > 0 && budget-- > 0) {
      const [node, path] = stack.pop() as [unknown, DataPath]
      if (Array.isArray(node)) {
        node.forEach((item, index) => stack.push([item, [...path, index]]))
        continue
      }
      if (!isRecord(node)) continue
      const id = asString(node.id)
      if (id !== undefined && asString(node.component_type) !== undefined) {
        if (!this.byId.has(id)) this.byId.set(id, { value: node, path })
      }
      for (const [key, child] of entriesOf(node)) {
        if (key === '$referenced_components') {
          for (const [refId, component] of entriesOf(child)) {
            if (isRecord(component))
              this.byId.set(refId, {
                value: component,
                path: [...path, key, refId],
              })
          }
        }
        stack.push([child, [...path, key]])
      }
    }
  }

  /** The component a field holds, following a reference if it is one. */
  resolve(value: unknown, path: DataPath): Located | { missing: string } {
    const record = asRecord(value)
    if (!record) return { missing: '' }
    const ref =
      asString(record.$component_ref) ?? asString(record.component_ref)
    if (ref === undefined) return { value: record, path }
    return this.byId.get(ref) ?? { missing: ref }
  }
}

// ---------------------------------------------------------------- parsing

interface Context {
  readonly file: string
  readonly doc: ParsedDocument
  readonly refs: Components
  readonly problems: Problem[]
  readonly profiles: AgentProfile[]
  /** Entry profile of each component already read (undefined: none). */
  readonly done: Map<string, AgentProfile | undefined>
  readonly missing: Set<string>
}

function parseOpenAgentSpec(file: ManifestFile): FormatResult {
  const parsed = parseMapping(
    file,
    'auto',
    'not a mapping: not an Open Agent Spec file',
  )
  if (!parsed.ok) return parsed.result
  const { doc, root } = parsed
  const rootType = asString(root.component_type)
  const ctx: Context = {
    file: file.path,
    doc,
    refs: new Components(root),
    problems: [],
    profiles: [],
    done: new Map(),
    missing: new Set(),
  }
  if (rootType === undefined) return readLibrary(ctx, root)
  if (!AGENTIC_TYPES.has(rootType))
    return rejected(
      `a ${rootType} component on its own: no agent is defined in this file`,
    )
  const entry = componentProfile(ctx, { value: root, path: [] })
  if (entry) markEntry(entry, root)
  else if (ctx.profiles.length === 0) {
    ctx.problems.push(
      problem(
        file.path,
        doc.lineOf(['component_type']) ?? 1,
        `${rootType} "${asString(root.name) ?? ''}" runs no agent or LLM: nothing to assess`,
        { field: 'component_type', level: 'warning' },
      ),
    )
  }
  return finish(ctx)
}

function finish(ctx: Context): FormatResult {
  for (const ref of ctx.missing) {
    const note = `component ${ref} is referenced but defined in another file; what it does is not known here`
    for (const profile of ctx.profiles) addNote(profile, note)
  }
  return { agents: ctx.profiles, problems: ctx.problems, document: ctx.doc }
}

/**
 * A disaggregated configuration: only `$referenced_components`, used by a main
 * file elsewhere. Agents defined in it are read; anything else is no agent.
 */
function readLibrary(ctx: Context, root: DataRecord): FormatResult {
  const library = entriesOf(root.$referenced_components)
  if (library.length === 0)
    return rejected('no top-level component_type: not an Open Agent Spec file')
  for (const [id, value] of library) {
    const type = asString(asRecord(value)?.component_type)
    if (isRecord(value) && type !== undefined && AGENTIC_TYPES.has(type))
      componentProfile(ctx, {
        value,
        path: ['$referenced_components', id],
      })
  }
  if (ctx.profiles.length === 0)
    return rejected(
      'a library of referenced components with no agent: the file that uses it is read on its own',
    )
  return finish(ctx)
}

/**
 * The top-level agent talks to the user unless it may not ask them anything;
 * a flow says so itself with an InputMessageNode.
 */
function markEntry(profile: AgentProfile, root: DataRecord): void {
  if (root.component_type === 'Flow') return
  // Only human_in_the_loop false sets it: the agent never talks to a person.
  if (profile.controls.humanApproval === false) return
  pushUnique(profile.triggers, 'chat')
  if (!profile.exposure.channels.includes('chat'))
    profile.exposure.channels.push('chat')
}

function keyOf(loc: Located): string {
  return asString(loc.value.id) ?? JSON.stringify(loc.path)
}

function lineOf(ctx: Context, path: DataPath): number | undefined {
  return ctx.doc.lineOf(path)
}

/** Follows a field to its component, recording references it cannot follow. */
function follow(
  ctx: Context,
  value: unknown,
  path: DataPath,
): Located | undefined {
  const found = ctx.refs.resolve(value, path)
  if ('missing' in found) {
    if (found.missing !== '') ctx.missing.add(found.missing)
    return undefined
  }
  return found
}

/**
 * The profile that stands for an agentic component: the agent itself, a
 * swarm's first agent, a manager, or a flow. Reads each component once.
 */
function componentProfile(
  ctx: Context,
  loc: Located,
): AgentProfile | undefined {
  const key = keyOf(loc)
  if (ctx.done.has(key)) return ctx.done.get(key)
  ctx.done.set(key, undefined)
  const type = asString(loc.value.component_type) ?? ''
  let profile: AgentProfile | undefined
  if (AGENT_TYPES.has(type)) profile = readAgent(ctx, loc)
  else if (REMOTE_AGENT_TYPES.has(type)) profile = readRemoteAgent(ctx, loc)
  else if (type === 'Swarm') profile = readSwarm(ctx, loc)
  else if (type === 'ManagerWorkers') profile = readManagerWorkers(ctx, loc)
  else if (type === 'Flow') profile = readFlow(ctx, loc)
  ctx.done.set(key, profile)
  return profile
}

function startProfile(ctx: Context, loc: Located): AgentProfile {
  const type = asString(loc.value.component_type) ?? 'component'
  let name = asString(loc.value.name)
  if (name === undefined || name.trim() === '') {
    name = asString(loc.value.id) ?? type
    ctx.problems.push(
      problem(
        ctx.file,
        lineOf(ctx, loc.path),
        `${type} has no name; it is reported as "${name}"`,
        { field: 'name', level: 'warning' },
      ),
    )
  }
  const profile = newProfile({
    name,
    format: ID,
    file: ctx.file,
    line: lineOf(ctx, loc.path) ?? 1,
  })
  const description = asString(loc.value.description)
  if (description) profile.description = description.trim()
  cite(profile, 'name', lineOf(ctx, [...loc.path, 'name']))
  ctx.profiles.push(profile)
  return profile
}

// ---------------------------------------------------------------- agents

function readAgent(ctx: Context, loc: Located): AgentProfile {
  const profile = startProfile(ctx, loc)
  let base = loc
  let spec: Located | undefined
  if (loc.value.component_type === 'SpecializedAgent') {
    base = follow(ctx, loc.value.agent, [...loc.path, 'agent']) ?? loc
    spec = follow(ctx, loc.value.agent_specialization_parameters, [
      ...loc.path,
      'agent_specialization_parameters',
    ])
  }
  const agent = base.value
  const extra = asString(spec?.value.additional_instructions)
  const prompt = asString(agent.system_prompt)
  if (prompt !== undefined) {
    profile.instructions = joinText(prompt, extra)
    cite(profile, 'instructions', lineOf(ctx, [...base.path, 'system_prompt']))
    noteTemplate(profile, prompt)
  } else if (agent.component_type === 'Agent') {
    ctx.problems.push(
      problem(ctx.file, lineOf(ctx, base.path), 'Agent has no system_prompt', {
        field: 'system_prompt',
        level: 'warning',
      }),
    )
  }
  const llm = follow(ctx, agent.llm_config, [...base.path, 'llm_config'])
  if (llm) readLlm(ctx, profile, llm, [...base.path, 'llm_config'])
  else if (agent.llm_config === undefined && agent.component_type === 'Agent')
    addNote(profile, 'no llm_config: the runtime chooses the model')
  readToolList(ctx, profile, agent.tools, [...base.path, 'tools'])
  if (spec)
    readToolList(ctx, profile, spec.value.additional_tools, [
      ...spec.path,
      'additional_tools',
    ])
  readToolboxes(ctx, profile, agent.toolboxes, [...base.path, 'toolboxes'])
  // A specialisation's human_in_the_loop, when set, replaces the agent's.
  const hitl =
    spec && asBoolean(spec.value.human_in_the_loop) !== undefined ? spec : base
  readHumanInTheLoop(ctx, profile, hitl.value, hitl.path)
  if ((asArray(agent.transforms)?.length ?? 0) > 0)
    addNote(
      profile,
      'message transforms rewrite what the agent sees of the conversation',
    )
  settleApproval(profile)
  return profile
}

function joinText(first: string, second: string | undefined): string {
  return second ? `${first}\n\n${second}` : first
}

function noteTemplate(profile: AgentProfile, prompt: string): void {
  const names = [...prompt.matchAll(/\{\{\s*([\w.-]+)\s*\}\}/g)].map(
    (m) => m[1],
  )
  if (names.length > 0)
    addNote(
      profile,
      `system_prompt is filled at run time from inputs (${[...new Set(names)].slice(0, 5).join(', ')}): callers shape the instructions`,
    )
}

function readHumanInTheLoop(
  ctx: Context,
  profile: AgentProfile,
  agent: DataRecord,
  path: DataPath,
): void {
  const hitl = asBoolean(agent.human_in_the_loop)
  const line = lineOf(ctx, [...path, 'human_in_the_loop'])
  if (hitl === false) {
    profile.controls.humanApproval = false
    // This line, not a tool's confirmation flag, is what decides.
    if (line !== undefined) profile.evidence['controls.humanApproval'] = line
    addNote(
      profile,
      'human_in_the_loop false: the agent runs to completion without asking a human',
    )
  } else if (hitl === true) {
    addNote(
      profile,
      'human_in_the_loop true lets the agent ask the user for input; it does not make tool calls wait for approval',
    )
  }
}

/** Every tool waits for confirmation → the agent's actions are approved. */
function settleApproval(profile: AgentProfile): void {
  if (profile.controls.humanApproval === false) return
  if (
    profile.tools.length > 0 &&
    profile.tools.every((t) => t.requiresApproval === true)
  ) {
    profile.controls.humanApproval = true
    cite(profile, 'controls.humanApproval', profile.tools[0]?.line)
  }
}

function readRemoteAgent(ctx: Context, loc: Located): AgentProfile {
  const profile = startProfile(ctx, loc)
  const agent = loc.value
  const type = asString(agent.component_type) ?? ''
  const url =
    asString(agent.agent_url) ??
    asString(agent.url) ??
    asString(agent.agent_endpoint_id)
  const line = lineOf(ctx, [...loc.path, 'agent_url'])
  if (url !== undefined) {
    profile.exposure.endpoint = url
    const reach = reachOfAddress(url, { templatedHostUnknown: true })
    if (reach) profile.exposure.reach = reach
    if (type === 'A2AAgent') profile.exposure.channels.push('a2a')
    profile.triggers.push('api')
    cite(profile, 'triggers', line)
  }
  addNote(
    profile,
    `${type} at ${url ?? 'an unstated address'}: its model, tools and instructions live outside this manifest`,
  )
  const connection = asRecord(agent.connection_config)
  if (connection) {
    if (asBoolean(connection.verify) === false)
      addNote(profile, `${type} connection does not verify TLS certificates`)
    for (const header of keysOf(connection.headers))
      addCredential(profile, header)
    if (connection.key_file !== undefined || connection.cert_file !== undefined)
      pushUnique(profile.identity.authSchemes, 'mtls')
  }
  const llm = follow(ctx, agent.llm_config, [...loc.path, 'llm_config'])
  if (llm) readLlm(ctx, profile, llm, [...loc.path, 'llm_config'])
  return profile
}

// ---------------------------------------------------------------- multi-agent

function readSwarm(ctx: Context, loc: Located): AgentProfile | undefined {
  const at = (...path: Array<string | number>): DataPath => [
    ...loc.path,
    ...path,
  ]
  const firstLoc = follow(ctx, loc.value.first_agent, at('first_agent'))
  const first = firstLoc ? componentProfile(ctx, firstLoc) : undefined
  const handoff = asBoolean(loc.value.handoff) ?? true
  const swarmName = asString(loc.value.name) ?? 'swarm'
  const members = new Set<AgentProfile>(first ? [first] : [])
  asArray(loc.value.relationships)?.forEach((pair, index) => {
    const ends = asArray(pair)
    const caller = ends
      ? member(ctx, ends[0], at('relationships', index, 0))
      : undefined
    const recipient = ends
      ? member(ctx, ends[1], at('relationships', index, 1))
      : undefined
    if (!caller || !recipient) {
      ctx.problems.push(
        problem(
          ctx.file,
          lineOf(ctx, at('relationships', index)),
          'swarm relationship is not a pair of agents (caller, recipient)',
          { field: `relationships[${index}]`, level: 'warning' },
        ),
      )
      return
    }
    members.add(caller).add(recipient)
    caller.delegation.canDelegate = true
    caller.delegation.mode = 'swarm'
    pushUnique(caller.delegation.peers, recipient.name)
    cite(caller, 'delegation', lineOf(ctx, at('relationships', index)))
  })
  for (const profile of members) {
    addNote(
      profile,
      handoff
        ? `member of swarm ${swarmName}: agents hand the whole user conversation to each other (handoff)`
        : `member of swarm ${swarmName}: agents query each other; only the first agent talks to the user`,
    )
    if (handoff && profile !== first) {
      pushUnique(profile.triggers, 'chat')
      pushUnique(profile.exposure.channels, 'chat')
    }
  }
  return first
}

function member(
  ctx: Context,
  value: unknown,
  path: DataPath,
): AgentProfile | undefined {
  const loc = follow(ctx, value, path)
  return loc ? componentProfile(ctx, loc) : undefined
}

function readManagerWorkers(
  ctx: Context,
  loc: Located,
): AgentProfile | undefined {
  const managerPath = [...loc.path, 'group_manager']
  const manager = member(ctx, loc.value.group_manager, managerPath)
  if (!manager) {
    ctx.problems.push(
      problem(
        ctx.file,
        lineOf(ctx, loc.path),
        'ManagerWorkers has no group_manager agent',
        { field: 'group_manager', level: 'warning' },
      ),
    )
  }
  asArray(loc.value.workers)?.forEach((value, index) => {
    const worker = member(ctx, value, [...loc.path, 'workers', index])
    if (!worker || !manager || worker === manager) return
    pushUnique(manager.subAgents, worker.name)
    worker.parent ??= manager.name
    manager.delegation.canDelegate = true
    manager.delegation.mode = 'hierarchical'
    cite(manager, 'subAgents', lineOf(ctx, [...loc.path, 'workers']))
    cite(manager, 'delegation', lineOf(ctx, [...loc.path, 'workers']))
  })
  return manager
}

// ---------------------------------------------------------------- flows

interface FlowState {
  readonly profile: AgentProfile
  readonly seen: Set<string>
  ai: boolean
  parallel: boolean
}

function readFlow(ctx: Context, loc: Located): AgentProfile | undefined {
  const profile = startProfile(ctx, loc)
  const state: FlowState = {
    profile,
    seen: new Set([keyOf(loc)]),
    ai: false,
    parallel: false,
  }
  readFlowNodes(ctx, state, loc)
  if (!state.ai) {
    ctx.profiles.splice(ctx.profiles.indexOf(profile), 1)
    return undefined
  }
  if (profile.subAgents.length > 0) {
    profile.delegation.canDelegate = true
    profile.delegation.mode = state.parallel ? 'parallel' : 'sequential'
  }
  addNote(
    profile,
    'a flow: its nodes run in a fixed order, calling agents and tools as wired',
  )
  settleApproval(profile)
  return profile
}

function readFlowNodes(ctx: Context, state: FlowState, loc: Located): void {
  asArray(loc.value.nodes)?.forEach((value, index) => {
    const node = follow(ctx, value, [...loc.path, 'nodes', index])
    if (!node || state.seen.has(keyOf(node))) return
    state.seen.add(keyOf(node))
    readFlowNode(ctx, state, node)
  })
}

function readFlowNode(ctx: Context, state: FlowState, node: Located): void {
  const { profile } = state
  const type = asString(node.value.component_type) ?? ''
  const at = (field: string): DataPath => [...node.path, field]
  switch (type) {
    case 'AgentNode': {
      const agent = member(ctx, node.value.agent, at('agent'))
      if (agent) {
        state.ai = true
        pushUnique(profile.subAgents, agent.name)
        agent.parent ??= profile.name
        cite(profile, 'subAgents', lineOf(ctx, node.path))
      }
      return
    }
    case 'ToolNode': {
      const tool = follow(ctx, node.value.tool, at('tool'))
      if (tool) readTool(ctx, profile, tool, lineOf(ctx, node.path))
      return
    }
    case 'ApiNode':
      addTool(profile, apiTool(ctx, node))
      cite(profile, 'tools', lineOf(ctx, node.path))
      return
    case 'LlmNode': {
      state.ai = true
      const llm = follow(ctx, node.value.llm_config, at('llm_config'))
      if (llm && profile.model.name === undefined)
        readLlm(ctx, profile, llm, at('llm_config'))
      const prompt = asString(node.value.prompt_template)
      if (prompt && profile.instructions === undefined) {
        profile.instructions = prompt
        cite(profile, 'instructions', lineOf(ctx, at('prompt_template')))
      }
      return
    }
    case 'InputMessageNode':
      pushUnique(profile.triggers, 'chat')
      pushUnique(profile.exposure.channels, 'chat')
      cite(profile, 'triggers', lineOf(ctx, node.path))
      return
    default:
      readSubflows(ctx, state, node, type)
  }
}

function readSubflows(
  ctx: Context,
  state: FlowState,
  node: Located,
  type: string,
): void {
  if (/^Parallel/.test(type)) state.parallel = true
  const nested: Array<[unknown, DataPath]> = SUBFLOW_FIELDS.map((field) => [
    node.value[field],
    [...node.path, field],
  ])
  asArray(node.value.subflows)?.forEach((value, index) =>
    nested.push([value, [...node.path, 'subflows', index]]),
  )
  for (const [value, path] of nested) {
    const flow = follow(ctx, value, path)
    if (!flow || state.seen.has(keyOf(flow))) continue
    state.seen.add(keyOf(flow))
    readFlowNodes(ctx, state, flow)
  }
}

function apiTool(ctx: Context, node: Located): Tool {
  const name = asString(node.value.name) ?? 'api call'
  const url = asString(node.value.url)
  const method = (asString(node.value.http_method) ?? '').toUpperCase()
  const kind = classifyTool(name, asString(node.value.description))
  return {
    name,
    kind: kind === 'other' ? 'network' : kind,
    line: lineOf(ctx, node.path),
    source: 'declared',
    readOnly: readOnlyMethod(method),
    server: url ? { transport: 'http', url } : undefined,
  }
}

// ---------------------------------------------------------------- models

function readLlm(
  ctx: Context,
  profile: AgentProfile,
  llm: Located,
  site: DataPath,
): void {
  const config = llm.value
  const type = asString(config.component_type) ?? ''
  const modelId = asString(config.model_id)
  const url = asString(config.url)
  const unfilled = [
    ['model_id', modelId],
    ['url', url],
  ].filter(
    ([field, value]) => value !== undefined && looksUnfilled(value, field),
  )
  // Generated files leave model_id unfilled but often name the config after
  // the model (`meta.llama-3.3-70b-instruct`); a name like `llm` says nothing.
  const configName = asString(config.name)
  const name =
    modelId !== undefined && !looksUnfilled(modelId, 'model_id')
      ? modelId
      : configName !== undefined && /\d/.test(configName)
        ? configName
        : undefined
  if (name !== undefined) profile.model.name = name
  const provider =
    ownValue(PROVIDERS, type) ?? type.replace(/Config$/, '').toLowerCase()
  if (provider) profile.model.provider = provider
  if (unfilled.length > 0) {
    profile.model.unresolved = true
    addNote(
      profile,
      `model ${unfilled.map(([field]) => field).join(' and ')} of ${asString(config.name) ?? type} are placeholders to be filled at deployment`,
    )
  }
  readSampling(profile.model, asRecord(config.default_generation_parameters))
  if (asString(config.api_key) !== undefined)
    addNote(profile, `${type} holds an api_key in the manifest`)
  readOciClient(profile, config)
  cite(profile, 'model', lineOf(ctx, site))
}

/** Names the generator leaves for a value it did not know (`model_id: model_id`). */
function looksUnfilled(
  value: string | undefined,
  field: string | undefined,
): boolean {
  if (value === undefined) return false
  return (
    isPlaceholder(value) ||
    value === field ||
    /placeholder|^<[^>]*>$|^your[_-]/i.test(value)
  )
}

function readOciClient(profile: AgentProfile, config: DataRecord): void {
  const client = asRecord(config.client_config)
  const type = asString(client?.component_type)
  if (!type) return
  if (/InstancePrincipal|ResourcePrincipal/.test(type)) {
    profile.identity.kind = 'fixed'
    addNote(profile, `OCI access through ${type}: the host's cloud identity`)
  } else if (/ApiKey|SecurityToken/.test(type)) {
    addCredential(profile, asString(client?.auth_profile) ?? type)
  }
}

// ---------------------------------------------------------------- tools

function readToolList(
  ctx: Context,
  profile: AgentProfile,
  value: unknown,
  path: DataPath,
): void {
  const list = asArray(value)
  if (!list) return
  if (list.length > 0) cite(profile, 'tools', lineOf(ctx, path))
  const coded: string[] = []
  list.forEach((item, index) => {
    const tool = follow(ctx, item, [...path, index])
    if (!tool) return
    const read = readTool(ctx, profile, tool, lineOf(ctx, [...path, index]))
    if (read?.source === 'code') coded.push(read.name)
  })
  if (coded.length > 0)
    addNote(
      profile,
      `tools are bound in code (ServerTool ${coded.join(', ')}); the manifest shows their signatures only and under-reports what they do`,
    )
}

function readTool(
  ctx: Context,
  profile: AgentProfile,
  loc: Located,
  line: number | undefined,
): Tool | undefined {
  const spec = loc.value
  const type = asString(spec.component_type) ?? ''
  const name = asString(spec.name) ?? asString(spec.id) ?? type
  const description = asString(spec.description)?.trim()
  let tool: Tool
  if (type === 'MCPTool') {
    tool = mcpTool(ctx, profile, loc, name, line)
  } else if (type === 'RemoteTool') {
    tool = remoteTool(profile, spec, name, line)
  } else {
    tool = {
      name,
      kind: classifyTool(name, description),
      line,
      source:
        type === 'ServerTool'
          ? 'code'
          : type === 'BuiltinTool'
            ? 'builtin'
            : 'declared',
    }
    if (type === 'ClientTool')
      addNote(profile, `ClientTool ${name} is run by the calling application`)
  }
  tool.description = description || undefined
  addConfirmableTool(ctx, profile, loc, tool, name)
  return tool
}

/**
 * How every tool and toolbox is added: `requires_confirmation` (false when
 * omitted) is its approval, then its tool policy is read.
 */
function addConfirmableTool(
  ctx: Context,
  profile: AgentProfile,
  loc: Located,
  tool: Tool,
  name: string,
): void {
  const confirm = asBoolean(loc.value.requires_confirmation) ?? false
  tool.requiresApproval = confirm
  if (confirm)
    cite(
      profile,
      'controls.humanApproval',
      lineOf(ctx, [...loc.path, 'requires_confirmation']),
    )
  readToolPolicy(profile, loc.value, name)
  addTool(profile, tool)
}

function remoteTool(
  profile: AgentProfile,
  spec: DataRecord,
  name: string,
  line: number | undefined,
): Tool {
  const url = asString(spec.url)
  const method = (asString(spec.http_method) ?? '').toUpperCase()
  const kind = classifyTool(name, asString(spec.description))
  const headers = [...keysOf(spec.headers), ...keysOf(spec.sensitive_headers)]
  for (const header of headers.filter(isCredentialName))
    addCredential(profile, header)
  const allowList = asArray(spec.url_allow_list)
  if (allowList && allowList.length > 0) profile.controls.allowlists = true
  else if (url?.includes('{{'))
    addNote(
      profile,
      `RemoteTool ${name} builds its URL from inputs the model chooses and has no url_allow_list`,
    )
  if (
    url &&
    /^http:\/\//i.test(url) &&
    reachOfAddress(url, { templatedHostUnknown: true }) === 'public'
  )
    addNote(profile, `RemoteTool ${name} calls ${url} over plain http`)
  return {
    name,
    kind: kind === 'other' ? 'network' : kind,
    line,
    source: asString(spec.api_spec_uri) ? 'openapi' : 'declared',
    readOnly: readOnlyMethod(method),
    server: url
      ? {
          transport: 'http',
          url,
          env: headers.length > 0 ? headers : undefined,
        }
      : undefined,
  }
}

function readOnlyMethod(method: string): boolean | undefined {
  if (method === 'GET' || method === 'HEAD') return true
  if (method === 'PUT' || method === 'PATCH' || method === 'DELETE')
    return false
  return undefined
}

function mcpTool(
  ctx: Context,
  profile: AgentProfile,
  loc: Located,
  name: string,
  line: number | undefined,
): Tool {
  const transport = follow(ctx, loc.value.client_transport, [
    ...loc.path,
    'client_transport',
  ])
  const reading = mcpServerTool(
    name,
    transport ? transportEntry(profile, transport.value) : {},
    line,
  )
  applyReading(profile, reading)
  const named = classifyTool(name, asString(loc.value.description))
  return {
    ...reading.tool,
    kind: named === 'other' ? reading.tool.kind : named,
    wildcard: false,
  }
}

function readToolboxes(
  ctx: Context,
  profile: AgentProfile,
  value: unknown,
  path: DataPath,
): void {
  const list = asArray(value)
  if (!list) return
  if (list.length > 0) cite(profile, 'tools', lineOf(ctx, path))
  list.forEach((item, index) => {
    const box = follow(ctx, item, [...path, index])
    if (box) readToolbox(ctx, profile, box, lineOf(ctx, [...path, index]))
  })
}

function readToolbox(
  ctx: Context,
  profile: AgentProfile,
  box: Located,
  line: number | undefined,
): void {
  const spec = box.value
  const type = asString(spec.component_type) ?? 'ToolBox'
  const name = asString(spec.name) ?? asString(spec.id) ?? type
  const filter = asArray(spec.tool_filter)
  const names = (filter ?? [])
    .map((entry) => asString(entry) ?? asString(asRecord(entry)?.name))
    .filter((entry): entry is string => entry !== undefined)
  let tool: Tool
  if (type === 'MCPToolBox') {
    const transport = follow(ctx, spec.client_transport, [
      ...box.path,
      'client_transport',
    ])
    const entry = transport ? transportEntry(profile, transport.value) : {}
    const reading = mcpServerTool(name, { ...entry, tools: names }, line)
    applyReading(profile, reading)
    tool = { ...reading.tool }
  } else {
    tool = {
      name,
      kind: classifyTool(name, asString(spec.description)),
      line,
      source: 'declared',
      wildcard: names.length === 0,
    }
  }
  if (names.length === 0)
    addNote(
      profile,
      `${type} ${name} exposes every tool its server offers (no tool_filter)`,
    )
  else profile.controls.allowlists ??= true
  addConfirmableTool(ctx, profile, box, tool, name)
}

/** A pyagentspec transport as the MCP entry shape the shared reader knows. */
function transportEntry(
  profile: AgentProfile,
  transport: DataRecord,
): DataRecord {
  const type = asString(transport.component_type) ?? ''
  // Names only (values may be secrets), as own keys whatever they are.
  const headers: DataRecord = Object.fromEntries(
    [...keysOf(transport.headers), ...keysOf(transport.sensitive_headers)].map(
      (name) => [name, ''],
    ),
  )
  if (/mTLS/i.test(type)) pushUnique(profile.identity.authSchemes, 'mtls')
  const auth = asRecord(transport.auth)
  if (auth)
    addNote(
      profile,
      `MCP transport authenticates with ${asString(auth.component_type) ?? 'an auth config'}`,
    )
  if (/Stdio/i.test(type)) {
    return {
      command: transport.command,
      args: transport.args,
      env: transport.env,
    }
  }
  return {
    type: /SSE/i.test(type) ? 'sse' : 'http',
    url: transport.url,
    headers,
    auth: auth ? 'oauth' : undefined,
  }
}

function applyReading(profile: AgentProfile, reading: McpServerReading): void {
  recordServerReading(profile, reading)
  if (reading.memory) addServerMemory(profile, reading.tool.name)
}

/** pyagentspec ToolPolicy: approval and rate-limit guards, allowed callers. */
function readToolPolicy(
  profile: AgentProfile,
  spec: DataRecord,
  name: string,
): void {
  const policy = asRecord(spec.tool_policy)
  if (!policy) return
  for (const guard of asArray(policy.guards) ?? []) {
    const type = asString(asRecord(guard)?.type)
    if (type === 'rate_limit') profile.controls.rateLimits = true
    if (type === 'require_approval' || type === 'require_justification')
      profile.controls.guardrails = true
  }
  if ((asArray(policy.allowed_callers)?.length ?? 0) > 0)
    profile.controls.allowlists = true
  const classification = asString(policy.data_classification)
  if (classification)
    addNote(profile, `tool ${name} handles ${classification} data`)
}

import {
  addNote,
  addTool,
  cite,
  isPlaceholder,
  modelFromName,
  newProfile,
  readSampling,
  type AgentProfile,
  type DataPath,
} from '../../manifest/kit.js'
import { FORMAT_ID, type Agent, type AgentKey, type Llm } from './schema.js'
import { crewTool, DELEGATION_TOOLS } from './tools.js'

type Model = NonNullable<AgentProfile['model']>
type Line = number | undefined

/** An agent as read, and the line of each of its fields. */
export interface AgentSource {
  readonly agent: Agent
  line(key: AgentKey): Line
  /** The line of a tool of `tools`, by its index. */
  toolLine(index: number): Line
}

/** Where the agent's fields sit: `base` is its path in the document. */
export function agentSource(
  agent: Agent,
  lineOf: (path: DataPath) => Line,
  base: DataPath,
): AgentSource {
  const pathOf = (key: AgentKey): DataPath | undefined => {
    const at = agent.at[key]
    return at && [...base, ...at]
  }
  return {
    agent,
    line: (key) => {
      const path = pathOf(key)
      return path && lineOf(path)
    },
    toolLine: (index) => {
      const path = pathOf('tools')
      return path && lineOf([...path, index])
    },
  }
}

export function readAgent(
  source: AgentSource,
  name: string,
  file: string,
  line: number,
): AgentProfile {
  const profile = newProfile({ name, format: FORMAT_ID, file, line })
  cite(profile, 'name', line)
  const { fields } = source.agent
  const roleText = fields.role?.trim()
  if (roleText) profile.description = roleText
  const goal = fields.goal?.trim()
  const backstory = fields.backstory?.trim()
  const prose = [
    roleText ? `Role: ${roleText}` : undefined,
    goal ? `Goal: ${goal}` : '',
    backstory ? `Backstory: ${backstory}` : '',
  ].filter((part): part is string => Boolean(part))
  if (prose.length > 0) {
    profile.instructions = prose.join('\n\n')
    cite(
      profile,
      'instructions',
      source.line('goal') ?? source.line('backstory') ?? source.line('role'),
    )
  }
  readLlm(profile, fields.llm, source.line('llm'))
  readTools(profile, source)
  setDelegation(
    profile,
    fields.allow_delegation ?? false,
    source.line('allow_delegation'),
  )
  setCodeExecution(
    profile,
    fields.allow_code_execution ?? false,
    fields.code_execution_mode,
    source.line('allow_code_execution'),
    source.line('code_execution_mode'),
  )
  readAutonomy(profile, source)
  if (fields.memory !== undefined) {
    setMemory(profile, fields.memory)
    cite(profile, 'memory', source.line('memory'))
  }
  readAgentControls(profile, source)
  return profile
}

function readLlm(
  profile: AgentProfile,
  llm: Llm | undefined,
  line: Line,
): void {
  if (llm === undefined) {
    addNote(
      profile,
      'no llm: the model comes from the environment (CrewAI default)',
    )
    return
  }
  profile.model = modelOf(llm)
  cite(profile, 'model', line)
  if (profile.model.unresolved) {
    addNote(profile, 'the llm is a placeholder resolved at run time')
  }
  const apiKey = llm.kind === 'fields' ? llm.fields.api_key : undefined
  if (apiKey !== undefined && !isPlaceholder(apiKey)) {
    profile.identity.credentials.push('llm.api_key')
    addNote(profile, 'llm.api_key is written into the manifest itself')
  }
}

/** `provider/model`, a bare model name, or `{model, provider, temperature}`. */
export function modelOf(llm: Llm): Model {
  if (llm.kind === 'name') return modelFromName(llm.name)
  const { fields } = llm
  const text = fields.model ?? fields.deployment_name
  const model: Model = text ? modelFromName(text) : {}
  if (fields.provider) model.provider = fields.provider
  readSampling(model, fields)
  if ([fields.model, fields.provider, fields.base_url].some(isPlaceholder))
    model.unresolved = true
  return model
}

function readTools(profile: AgentProfile, source: AgentSource): void {
  const { tools } = source.agent.fields
  if (tools === undefined) return
  const line = source.line('tools')
  cite(profile, 'tools', line)
  for (const tool of tools) {
    addTool(profile, crewTool(tool.name, source.toolLine(tool.index) ?? line))
  }
}

export function setDelegation(
  profile: AgentProfile,
  allowed: boolean,
  line: Line,
): void {
  profile.delegation.canDelegate = allowed
  cite(profile, 'delegation', line)
  if (!allowed) return
  for (const name of DELEGATION_TOOLS) {
    addTool(profile, { name, kind: 'agent-call', line, source: 'builtin' })
  }
}

export function setCodeExecution(
  profile: AgentProfile,
  allowed: boolean,
  mode: string | undefined,
  line: Line,
  modeLine: Line,
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
  const { fields } = source.agent
  if (fields.max_iter !== undefined) {
    profile.autonomy.maxIterations = fields.max_iter
    cite(profile, 'autonomy', source.line('max_iter'))
  }
  for (const key of ['reasoning', 'planning'] as const) {
    if (fields[key] === true) {
      profile.autonomy.planning = true
      cite(profile, 'autonomy', source.line(key))
    }
  }
  if (fields.planning_config) profile.autonomy.planning = true
}

export function setMemory(profile: AgentProfile, enabled: boolean): void {
  profile.memory.kind = enabled ? 'persistent' : 'none'
  profile.memory.writable = enabled ? true : undefined
}

function readAgentControls(profile: AgentProfile, source: AgentSource): void {
  const { fields } = source.agent
  if (fields.guardrail) {
    profile.controls.guardrails = true
    cite(profile, 'controls.guardrails', source.line('guardrail'))
  }
  if (fields.max_rpm !== undefined) {
    profile.controls.rateLimits = true
    cite(profile, 'controls.rateLimits', source.line('max_rpm'))
  }
  if (fields.knowledge_sources) {
    addNote(
      profile,
      'knowledge_sources: retrieved documents are added to its context',
    )
  }
  if (fields.step_callback) {
    addNote(profile, 'step_callback runs code after every step')
  }
}

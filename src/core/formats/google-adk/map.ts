import {
  addNote,
  addTool,
  cite,
  modelFromName,
  newProfile,
  problem,
  readSampling,
  readWith,
  rejected,
  splitPath,
  type AgentProfile,
  type FormatResult,
  type ManifestFile,
  type Problem,
  type Reading,
} from '../../manifest/kit.js'
import { readSubAgents } from './map-sub-agents.js'
import { readTools, type AgentContext } from './map-tools.js'
import { ADK_SCHEMA, AgentConfig } from './schema.js'

const FORMAT_ID = 'google-adk'

type Mode = NonNullable<AgentProfile['delegation']['mode']>

/** ADK's agent classes and the delegation each stands for. */
const AGENT_CLASSES: Readonly<Record<string, Mode | undefined>> = {
  LlmAgent: undefined,
  Agent: undefined,
  SequentialAgent: 'sequential',
  ParallelAgent: 'parallel',
  LoopAgent: 'loop',
  GraphAgent: 'router',
  Workflow: 'router',
}

export function mapGoogleAdk(file: ManifestFile): FormatResult {
  const read = readWith(file, 'yaml', AgentConfig)
  if (!read.ok) return read.result
  const agent = read.data
  if (!agent || !looksLikeAdk(agent, file.text)) {
    return rejected(
      'no agent_class, ADK AgentConfig schema or name with an instruction: not a Google ADK agent config',
    )
  }
  const problems: Problem[] = [...read.problems]
  const profile = readAgent(file, read, agent, problems)
  return { agents: [profile], problems, document: read.doc }
}

function looksLikeAdk(agent: AgentConfig, text: string): boolean {
  if (agent.apiVersion || agent.kind) return false
  return (
    agent.agent_class !== undefined ||
    ADK_SCHEMA.test(text.slice(0, 4096)) ||
    (agent.name !== undefined && agent.instruction !== undefined)
  )
}

function readAgent(
  file: ManifestFile,
  read: Reading<unknown>,
  agent: AgentConfig,
  problems: Problem[],
): AgentProfile {
  const { name: fileName } = splitPath(file.path)
  const declared = agent.name
  if (!declared) {
    problems.push(
      problem(file.path, 1, 'an ADK agent config needs a name', {
        field: 'name',
        level: 'warning',
      }),
    )
  }
  const profile = newProfile({
    name: declared ?? fileName.replace(/\.ya?ml$/i, ''),
    format: FORMAT_ID,
    file: file.path,
    line: read.lineOf(['name']) ?? 1,
  })
  cite(profile, 'name', read.lineOf(['name']))
  profile.description = agent.description
  const context: AgentContext = { file, read, profile, problems }
  // ADK's default class.
  const agentClass = agent.agent_class ?? 'LlmAgent'
  readClass(profile, agentClass, read.lineOf(['agent_class']))
  readModel(context, agent)
  readInstruction(context, agent)
  readTools(context, agent.tools)
  readSubAgents(context, agent)
  readTransfer(context, agent, agentClass)
  readAutonomy(context, agent, agentClass)
  readCallbacks(profile, agent)
  readSchemas(profile, agent)
  return profile
}

/** The delegation of a known class; own keys only, for classes named `constructor`. */
function classMode(agentClass: string): Mode | undefined {
  return Object.hasOwn(AGENT_CLASSES, agentClass)
    ? AGENT_CLASSES[agentClass]
    : undefined
}

function readClass(
  profile: AgentProfile,
  agentClass: string,
  line: number | undefined,
): void {
  if (!Object.hasOwn(AGENT_CLASSES, agentClass)) {
    addNote(
      profile,
      `custom agent class ${agentClass}: its behaviour is defined in code`,
    )
  }
  const mode = classMode(agentClass)
  if (mode) {
    profile.delegation.mode = mode
    cite(profile, 'delegation', line)
  }
}

function readModel({ profile, read }: AgentContext, agent: AgentConfig): void {
  const { model } = agent
  if (model) {
    profile.model = modelFromName(model)
    if (profile.model.unresolved)
      addNote(profile, 'the model is a placeholder resolved at run time')
    else if (
      !profile.model.provider &&
      /^gemini/i.test(profile.model.name ?? '')
    )
      profile.model.provider = 'google'
    cite(profile, 'model', read.lineOf(['model']))
  }
  const config = agent.generate_content_config
  if (!config) return
  readSampling(profile.model, config.sampling)
  cite(profile, 'model', read.lineOf(['generate_content_config']))
  if (config.safetyRules > 0) {
    profile.controls.guardrails = true
    cite(
      profile,
      'controls.guardrails',
      read.lineOf(['generate_content_config', config.safetyKey]),
    )
    addNote(profile, 'safety_settings filter the model output by category')
  }
}

function readInstruction(
  { profile, read }: AgentContext,
  agent: AgentConfig,
): void {
  const parts = [agent.static_instruction, agent.instruction]
    .map((text) => text?.trim())
    .filter((text): text is string => Boolean(text))
  if (parts.length === 0) return
  profile.instructions = parts.join('\n\n')
  cite(
    profile,
    'instructions',
    read.lineOf(['instruction']) ?? read.lineOf(['static_instruction']),
  )
}

// ---------------------------------------------------------------- behaviour

function readTransfer(
  { profile, read }: AgentContext,
  agent: AgentConfig,
  agentClass: string,
): void {
  const toParent = agent.disallow_transfer_to_parent
  const toPeers = agent.disallow_transfer_to_peers
  if (toParent === true) {
    addNote(profile, 'disallow_transfer_to_parent: it cannot hand control back')
    cite(profile, 'delegation', read.lineOf(['disallow_transfer_to_parent']))
  }
  if (toPeers === true) {
    addNote(profile, 'disallow_transfer_to_peers: it cannot hand off to peers')
    cite(profile, 'delegation', read.lineOf(['disallow_transfer_to_peers']))
  }
  const llm = classMode(agentClass) === undefined
  if (
    llm &&
    toParent === true &&
    toPeers === true &&
    profile.subAgents.length === 0 &&
    profile.delegation.canDelegate === undefined
  ) {
    profile.delegation.canDelegate = false
  }
}

function readAutonomy(
  { profile, read }: AgentContext,
  agent: AgentConfig,
  agentClass: string,
): void {
  const maxIterations = agent.max_iterations
  if (maxIterations !== undefined) {
    profile.autonomy.maxIterations = maxIterations
    cite(profile, 'autonomy', read.lineOf(['max_iterations']))
  }
  if (agentClass === 'LoopAgent' || agentClass === 'GraphAgent') {
    profile.autonomy.planning = true
    cite(profile, 'autonomy', read.lineOf(['agent_class']))
    if (maxIterations === undefined && agentClass === 'LoopAgent') {
      addNote(
        profile,
        'LoopAgent without max_iterations: it loops until a sub-agent escalates',
      )
    }
  }
  if (agent.planner) {
    profile.autonomy.planning = true
    cite(profile, 'autonomy', read.lineOf(['planner']))
  }
  if (agent.code_executor) {
    profile.autonomy.codeExecution = true
    cite(profile, 'autonomy', read.lineOf(['code_executor']))
    addTool(profile, {
      name: 'code_executor',
      kind: 'code-exec',
      line: read.lineOf(['code_executor']),
      source: 'builtin',
    })
  }
}

function readCallbacks(profile: AgentProfile, agent: AgentConfig): void {
  for (const { key, names } of agent.callbacks) {
    addNote(
      profile,
      `${key} run Python code${names.length > 0 ? ` (${names.join(', ')})` : ''}; they may act as guardrails, which the manifest cannot show`,
    )
  }
}

function readSchemas(profile: AgentProfile, agent: AgentConfig): void {
  if (agent.input_schema) {
    profile.exposure.inputFiltering = true
    addNote(profile, 'input_schema: its input is validated against a schema')
  }
  if (agent.output_schema) {
    addNote(profile, 'output_schema: its output is constrained to a schema')
  }
  if (agent.include_contents === 'none') {
    addNote(profile, 'include_contents none: it sees no conversation history')
  }
}

import {
  addCredential,
  addNote,
  cite,
  isPlaceholder,
  modelFromName,
  newProfile,
  problem,
  readWith,
  rejected,
  type AgentProfile,
  type DataPath,
  type FormatResult,
  type ManifestFile,
} from '../../manifest/kit.js'
import {
  linkAgents,
  readBehaviour,
  readDelegation,
  readRag,
} from './map-behaviour.js'
import { applyFileWide } from './map-permissions.js'
import { readToolset, type CagentContext } from './map-toolsets.js'
import {
  CagentConfig,
  FORMAT_ID,
  SHEBANG,
  type Agent,
  type ModelDefinition,
} from './schema.js'

type Model = NonNullable<AgentProfile['model']>

export function mapCagent(file: ManifestFile): FormatResult {
  const read = readWith(file, 'yaml', CagentConfig)
  if (!read.ok) return read.result
  const config = read.data
  const agents = config?.agents
  if (!config || !agents) {
    return rejected('no top-level agents map: not a Docker cagent config')
  }
  if (config.apiVersion || config.services) {
    return rejected(
      'a Kubernetes or Compose file with an agents key: not a Docker cagent config',
    )
  }
  const entries = agents.filter(
    (entry): entry is [string, Agent] => entry[1] !== undefined,
  )
  if (entries.length === 0) {
    return rejected(
      'no agent under agents has a model, instruction or toolsets: not a Docker cagent config',
    )
  }
  const shebang = file.text.split('\n', 1)[0] ?? ''
  const hasShebang = SHEBANG.test(shebang)
  const context: CagentContext = {
    file,
    read,
    config,
    models: new Map(config.models),
    providers: new Map(config.providers),
    mcps: new Map(config.mcps),
    rag: new Map(config.rag),
    sandbox: hasShebang && /\s--sandbox\b/.test(shebang),
    yolo: hasShebang && /\s--yolo\b/.test(shebang),
    interactive: hasShebang,
    problems: [...read.problems],
  }
  checkAgents(context, agents)
  const profiles = entries.map(([name, agent]) =>
    readAgent(context, name, agent),
  )
  linkAgents(context, profiles)
  return { agents: profiles, problems: context.problems, document: read.doc }
}

/** A missing root agent, and entries of agents that are not agents. */
function checkAgents(
  context: CagentContext,
  agents: ReadonlyArray<readonly [string, Agent | undefined]>,
): void {
  const { file, read } = context
  if (!agents.some(([name]) => name === 'root')) {
    context.problems.push(
      problem(
        file.path,
        read.lineOf(['agents']),
        'no root agent: cagent starts the agent named root',
        { field: 'agents.root', level: 'warning' },
      ),
    )
  }
  for (const [name, agent] of agents) {
    if (agent) continue
    context.problems.push(
      problem(
        file.path,
        read.lineOf(['agents', name]),
        `agents.${name} is not an agent`,
        {
          field: `agents.${name}`,
          help: 'An agent has at least a model, an instruction or toolsets.',
          level: 'warning',
        },
      ),
    )
  }
}

function readAgent(
  context: CagentContext,
  name: string,
  agent: Agent,
): AgentProfile {
  const base: DataPath = ['agents', name]
  const line = (...path: DataPath): number | undefined =>
    context.read.lineOf([...base, ...path])
  const profile = newProfile({
    name,
    format: FORMAT_ID,
    file: context.file.path,
    line: line() ?? 1,
  })
  cite(profile, 'name', line())
  profile.description = agent.description?.trim()
  if (agent.instruction?.trim()) {
    profile.instructions = agent.instruction.trim()
    cite(profile, 'instructions', line('instruction'))
  }
  readModel(context, profile, agent, line('model'))
  ;(agent.toolsets ?? []).forEach((toolset, index) => {
    readToolset(context, profile, toolset, line('toolsets', index))
  })
  if (agent.toolsets !== undefined) cite(profile, 'tools', line('toolsets'))
  readDelegation(profile, agent, line)
  readBehaviour(profile, agent, line)
  readRag(context, profile, agent, line('rag'))
  applyFileWide(context, profile)
  return profile
}

// ---------------------------------------------------------------- model

function readModel(
  context: CagentContext,
  profile: AgentProfile,
  agent: Agent,
  line: number | undefined,
): void {
  const reference = agent.model?.trim()
  if (!reference) return
  const [first, ...alternates] = reference.split(',').map((m) => m.trim())
  profile.model = modelFor(context, profile, first ?? reference)
  cite(profile, 'model', line)
  if (alternates.length > 0) {
    addNote(profile, `it alternates between models: ${reference}`)
  }
  const fallback = agent.fallback?.models ?? []
  if (fallback.length > 0) {
    addNote(profile, `falls back to other models: ${fallback.join(', ')}`)
  }
}

/** A key of `models:`, or an inline `provider/model`. */
function modelFor(
  context: CagentContext,
  profile: AgentProfile,
  reference: string,
): Model {
  const defined: ModelDefinition | undefined = context.models.get(reference)
  if (!defined) return modelFromName(reference)
  const model: Model = {
    name: defined.model,
    provider: defined.provider,
  }
  if (defined.temperature !== undefined) model.temperature = defined.temperature
  if ([defined.model, defined.provider, defined.base_url].some(isPlaceholder)) {
    model.unresolved = true
  }
  const provider = context.providers.get(model.provider ?? '')
  for (const key of [defined.token_key, provider?.token_key]) {
    if (key !== undefined) addCredential(profile, key)
  }
  if (defined.routing) {
    addNote(profile, `model ${reference} routes each request to other models`)
  }
  return model
}

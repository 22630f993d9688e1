import {
  addNote,
  addTool,
  cite,
  newProfile,
  problem,
  pushUnique,
  type AgentProfile,
  type DataPath,
  type ToolKind,
} from '../../manifest/kit.js'
import { readModel } from './map-model.js'
import { readTeam } from './map-team.js'
import { readAgentTools } from './map-tools.js'
import { linkChild, NO_CONFIG, type Reader } from './reader.js'
import { className, FORMAT_ID, type Component, type Config } from './schema.js'

// A Map: the agent class comes from the manifest, and a plain object would
// answer `constructor` or `__proto__` with Object's own.
const AGENT_KINDS: ReadonlyMap<string, { tool: string; kind: ToolKind }> =
  new Map([
    ['MultimodalWebSurfer', { tool: 'web_surfer', kind: 'browser' }],
    ['FileSurfer', { tool: 'file_surfer', kind: 'file-read' }],
  ])

export function readAgent(
  reader: Reader,
  component: Component,
  path: DataPath,
  parent: AgentProfile | undefined,
): AgentProfile {
  const config = component.config ?? NO_CONFIG
  const at = (...rest: DataPath): number | undefined =>
    reader.doc.lineOf([...path, ...rest])
  const kind = className(component.provider)
  const name = config.name
  if (!name) {
    reader.problems.push(
      problem(reader.file, at() ?? 1, 'agent component has no config.name', {
        field: 'config.name',
        level: 'warning',
      }),
    )
  }
  const profile = newProfile({
    name: name ?? `${kind || 'agent'}-${reader.agents.length + 1}`,
    format: FORMAT_ID,
    file: reader.file,
    line: at('config', 'name') ?? at() ?? 1,
  })
  reader.agents.push(profile)
  if (parent) linkChild(parent, profile)
  profile.description = config.description ?? component.description
  const system = config.system_message
  if (system) {
    profile.instructions = system
    cite(profile, 'instructions', at('config', 'system_message'))
  }
  if (config.model_client)
    readModel(reader, profile, config.model_client, [
      ...path,
      'config',
      'model_client',
    ])
  cite(profile, 'name', at('config', 'name'))
  const base = [...path, 'config']
  readAgentTools(reader, profile, config, base)
  readHandoffs(reader, profile, config, base)
  readAgentMemory(reader, profile, config, base)
  readCodeExecutor(reader, profile, config, base)
  readSpecialAgent(profile, kind, at('provider'))
  const maxTools = config.max_tool_iterations
  if (maxTools !== undefined) {
    profile.autonomy.maxIterations = maxTools
    cite(profile, 'autonomy', at('config', 'max_tool_iterations'))
  }
  if (config.team) readTeam(reader, config.team, [...base, 'team'], profile)
  return profile
}

/** Agent classes that are a tool in themselves: a browser, a file reader. */
function readSpecialAgent(
  profile: AgentProfile,
  kind: string,
  line: number | undefined,
): void {
  const special = AGENT_KINDS.get(kind)
  if (!special) return
  addTool(profile, {
    name: special.tool,
    kind: special.kind,
    line,
    source: 'builtin',
  })
  if (special.kind === 'browser') profile.exposure.untrustedInput = true
}

export function readHandoffs(
  reader: Reader,
  profile: AgentProfile,
  config: Config,
  base: DataPath,
): void {
  ;(config.handoffs ?? []).forEach((target, index) => {
    const line = reader.doc.lineOf([...base, 'handoffs', index])
    if (!target) return
    profile.delegation.canDelegate = true
    if (profile.delegation.mode === undefined)
      profile.delegation.mode = 'handoff'
    cite(profile, 'delegation', line)
    pushUnique(profile.delegation.peers, target)
    addTool(profile, {
      name: `transfer_to_${target}`,
      kind: 'agent-call',
      line,
      source: 'builtin',
    })
    if (/^user$/i.test(target)) {
      addNote(profile, 'it can hand the conversation back to the user')
    }
  })
}

const PERSISTENT_MEMORY =
  /Chroma|Redis|Mem0|Qdrant|Pinecone|Postgres|Vector|Zep/i

function readAgentMemory(
  reader: Reader,
  profile: AgentProfile,
  config: Config,
  base: DataPath,
): void {
  const context = config.model_context
  if (context) {
    profile.memory.kind = 'session'
    cite(profile, 'memory', reader.doc.lineOf([...base, 'model_context']))
    if (/Unbounded/.test(className(context.provider))) {
      addNote(
        profile,
        'the chat context is unbounded: everything said in the run stays in context',
      )
    }
  }
  ;(config.memory ?? []).forEach((entry, index) => {
    const cls = className(entry?.provider) || 'memory'
    const line = reader.doc.lineOf([...base, 'memory', index])
    profile.memory.stores.push(cls)
    if (PERSISTENT_MEMORY.test(cls)) profile.memory.kind = 'persistent'
    else profile.memory.kind ??= 'session'
    cite(profile, 'memory', line)
  })
}

const EXECUTORS: ReadonlyArray<
  readonly [RegExp, { sandbox: boolean; note: string }]
> = [
  [
    /Docker|ACADynamicSessions|AzureContainer/,
    { sandbox: true, note: 'generated code runs in a container' },
  ],
  [
    /Local|Jupyter/,
    {
      sandbox: false,
      note: 'generated code runs on the host, outside any container',
    },
  ],
]

export function readCodeExecutor(
  reader: Reader,
  profile: AgentProfile,
  config: Config,
  base: DataPath,
): void {
  const executor = config.code_executor
  if (!executor) return
  const line = reader.doc.lineOf([...base, 'code_executor'])
  const cls = className(executor.provider)
  addTool(profile, {
    name: 'code_executor',
    kind: 'code-exec',
    description: cls || undefined,
    line,
    source: 'builtin',
  })
  profile.autonomy.codeExecution = true
  cite(profile, 'autonomy', line)
  const match = EXECUTORS.find(([pattern]) => pattern.test(cls))?.[1]
  if (match) {
    profile.controls.sandbox = match.sandbox
    cite(profile, 'controls.sandbox', line)
    addNote(profile, `${cls}: ${match.note}`)
  }
}

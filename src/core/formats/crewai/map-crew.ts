import {
  addNote,
  addTool,
  cite,
  newProfile,
  problem,
  type AgentProfile,
  type DataPath,
  type Problem,
} from '../../manifest/kit.js'
import { modelOf, setDelegation, setMemory } from './map-agent.js'
import { FORMAT_ID, type Llm, type TaskFields } from './schema.js'
import { crewTool } from './tools.js'

/** What a crew says about its agents, wherever it is written. */
export interface Crew {
  name?: string | undefined
  members: string[]
  process?: string | undefined
  /** Where the process was read, for notes (`crew.py line 76`). */
  processAt?: string | undefined
  manager?: string | undefined
  managerModel?: Llm | undefined
  managerAgent?: string | undefined
  memory?: boolean | undefined
  planning?: boolean | undefined
  logging?: boolean | undefined
  rateLimits?: boolean | undefined
  tasks: Task[]
  tasksRead: boolean
  /** Set in the classic layout: tools, process and memory live in crew.py. */
  codeNote?: string | undefined
}

export interface Task {
  name: string
  agent?: string | undefined
  humanInput?: boolean | undefined
  guardrail: boolean
  tools: string[]
  outputFile?: string | undefined
  asyncExecution?: boolean | undefined
  file: string
  line: number
  /** `config/tasks.yaml line 12` */
  at: string
}

export function readTask(
  name: string,
  task: TaskFields,
  lineOf: (path: DataPath) => number | undefined,
  base: DataPath,
  path: string,
): Task {
  const line = lineOf(base)
  return {
    name,
    agent: task.agent,
    humanInput: task.human_input,
    guardrail: task.guardrail || task.guardrails,
    tools: task.tools,
    outputFile: task.output_file,
    asyncExecution: task.async_execution,
    file: path,
    line: line ?? 1,
    at: `${path} line ${line ?? 1}`,
  }
}

export function applyCrew(profile: AgentProfile, crew: Crew): void {
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

export function managerProfile(
  crew: Crew,
  file: string,
  line: number,
): AgentProfile {
  const name = crew.manager ?? 'crew_manager'
  const profile = newProfile({ name, format: FORMAT_ID, file, line })
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

/** Tasks that name an agent the crew does not have. */
export function unknownTaskAgents(crew: Crew): Problem[] {
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

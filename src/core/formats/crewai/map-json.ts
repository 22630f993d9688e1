import {
  addNote,
  checkWith,
  cite,
  newProfile,
  parseJsonDocument,
  problemFrom,
  readWith,
  rejected,
  splitPath,
  type AgentProfile,
  type DataPath,
  type FormatResult,
  type ManifestFile,
  type Problem,
} from '../../manifest/kit.js'
import { agentSource, readAgent } from './map-agent.js'
import {
  applyCrew,
  managerProfile,
  readTask,
  unknownTaskAgents,
  type Crew,
} from './map-crew.js'
import { agentOf, CrewFile, FORMAT_ID, JsonFile, type Agent } from './schema.js'

type LineOf = (path: DataPath) => number | undefined

/** `crew.jsonc` or `agents/<name>.jsonc`. */
export function mapJsonFirst(file: ManifestFile): FormatResult {
  const read = readWith(file, 'json', JsonFile)
  if (!read.ok) return read.result
  const { crew, agent } = read.data
  if (crew?.agents !== undefined && crew.tasks !== undefined) {
    return mapCrewJson(file, crew, read.lineOf, read.doc)
  }
  const entry = agent?.entry
  if (
    agent &&
    entry?.role !== undefined &&
    entry.goal !== undefined &&
    entry.backstory !== undefined
  ) {
    return mapAgentJson(file, agentOf(agent), read.lineOf, read.doc)
  }
  return rejected(
    'neither a CrewAI crew.jsonc (agents and tasks) nor an agent file (role, goal, backstory)',
  )
}

function readCrewJson(record: CrewFile, lineOf: LineOf, path: string): Crew {
  const at = (key: string): string => `${path} line ${lineOf([key]) ?? 1}`
  const crew: Crew = {
    name: record.name,
    members: record.agents ?? [],
    process: record.process.name ?? 'sequential',
    processAt: record.process.stated ? at('process') : undefined,
    managerModel: record.manager_llm,
    managerAgent: record.manager_agent,
    memory: record.memory,
    planning: record.planning,
    logging: record.output_log_file || record.tracing === true || undefined,
    rateLimits: record.max_rpm !== undefined || undefined,
    tasks: [],
    tasksRead: true,
  }
  if (crew.process === 'hierarchical') {
    crew.manager = crew.managerAgent ?? `${crew.name ?? 'crew'}_manager`
  }
  for (const task of record.tasks ?? []) {
    const name = task.name ?? `task ${task.index + 1}`
    crew.tasks.push(readTask(name, task, lineOf, ['tasks', task.index], path))
  }
  return crew
}

/** The crew file: only what no agent file stands for. */
function mapCrewJson(
  file: ManifestFile,
  record: CrewFile,
  lineOf: LineOf,
  document: FormatResult['document'],
): FormatResult {
  const crew = readCrewJson(record, lineOf, file.path)
  const { dir } = splitPath(file.path)
  const agents: AgentProfile[] = []
  const problems: Problem[] = []
  const stub = (name: string, line: number): AgentProfile => {
    const profile = newProfile({
      name,
      format: FORMAT_ID,
      file: file.path,
      line,
    })
    cite(profile, 'name', line)
    addNote(
      profile,
      `agents/${name}.jsonc was not found: its role, model and tools are unknown`,
    )
    return profile
  }
  crew.members.forEach((name, index) => {
    if (file.readSibling(`${dir}agents/${name}.jsonc`) !== undefined) return
    agents.push(stub(name, lineOf(['agents', index]) ?? 1))
  })
  problems.push(...unknownTaskAgents(crew))
  if (crew.manager) {
    const line = lineOf(['process']) ?? 1
    if (crew.managerAgent === undefined) {
      agents.push(managerProfile(crew, file.path, line))
    } else if (
      file.readSibling(`${dir}agents/${crew.managerAgent}.jsonc`) === undefined
    ) {
      agents.push(stub(crew.managerAgent, lineOf(['manager_agent']) ?? line))
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
  return { agents, problems, document }
}

/** One agent file, with the crew.jsonc one directory up. */
function mapAgentJson(
  file: ManifestFile,
  agent: Agent,
  lineOf: LineOf,
  document: FormatResult['document'],
): FormatResult {
  const { dir, name: fileName } = splitPath(file.path)
  const name = agent.entry.name ?? fileName.replace(/\.jsonc?$/i, '')
  const line = lineOf(['role']) ?? 1
  const source = agentSource(agent, lineOf, [])
  const profile = readAgent(source, name, file.path, line)
  const problems: Problem[] = []
  const crewPath = /(^|\/)agents\/$/.test(dir)
    ? `${dir.replace(/agents\/$/, '')}crew.jsonc`
    : undefined
  const crewText = crewPath ? file.readSibling(crewPath) : undefined
  if (crewPath && crewText !== undefined) {
    try {
      const read = checkWith(
        crewPath,
        parseJsonDocument(crewText, crewPath),
        CrewFile,
      )
      if (read.ok && read.data) {
        const crew = readCrewJson(read.data, read.lineOf, crewPath)
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
  return { agents: [profile], problems, document }
}

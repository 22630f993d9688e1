import {
  checkWith,
  parseYamlDocument,
  problem,
  problemFrom,
  readWith,
  rejected,
  splitPath,
  type AgentProfile,
  type DataPath,
  type FormatResult,
  type ManifestFile,
  type ParsedDocument,
  type Problem,
} from '../../manifest/kit.js'
import { readCrewPy } from './crew-py.js'
import { agentSource, readAgent } from './map-agent.js'
import { applyCode } from './map-code.js'
import {
  applyCrew,
  managerProfile,
  readTask,
  unknownTaskAgents,
  type Crew,
} from './map-crew.js'
import { mapJsonFirst } from './map-json.js'
import { agentOf, AgentsFile, TasksFile, type AgentEntry } from './schema.js'

/** A CrewAI file: JSON-first (`.json`, `.jsonc`) or the classic YAML. */
export function mapCrewAI(file: ManifestFile): FormatResult {
  return /\.jsonc?$/i.test(file.path) ? mapJsonFirst(file) : mapClassic(file)
}

/** `config/agents.yaml`, with tasks.yaml beside it and crew.py above. */
function mapClassic(file: ManifestFile): FormatResult {
  const read = readWith(file, 'yaml', AgentsFile)
  if (!read.ok) return read.result
  if (read.data === undefined) return rejected('not a mapping of CrewAI agents')
  const entries = read.data.filter(([key]) => key !== 'aivss')
  const shaped = (test: (agent: AgentEntry) => boolean): boolean =>
    entries.some(([, agent]) => agent !== undefined && test(agent))
  if (
    !shaped(
      ({ entry }) =>
        entry.role !== undefined &&
        entry.goal !== undefined &&
        entry.backstory !== undefined,
    )
  ) {
    return rejected(
      shaped(({ entry }) => entry.description && entry.expected_output)
        ? 'a CrewAI tasks.yaml declares tasks, not agents: its agents are read from the agents.yaml beside it'
        : 'no entry has a role, goal and backstory, so this is not a CrewAI agents.yaml',
    )
  }
  const problems: Problem[] = [...read.problems]
  const { dir, name } = splitPath(file.path)
  const prefix = /agents\.ya?ml$/i.test(name)
    ? name.replace(/agents\.ya?ml$/i, '')
    : ''
  const crew: Crew = { members: [], tasks: [], tasksRead: false }
  readTasksYaml(file, dir, prefix, crew, problems)
  const code = readCrewPy(file, dir, prefix)
  const agents = readAgentEntries(
    file.path,
    read.lineOf,
    entries,
    crew,
    problems,
  )
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
  return { agents, problems, document: read.doc }
}

/** One profile per entry with a role; a warning for anything else. */
function readAgentEntries(
  file: string,
  lineOf: (path: DataPath) => number | undefined,
  entries: ReadonlyArray<[string, AgentEntry | undefined]>,
  crew: Crew,
  problems: Problem[],
): AgentProfile[] {
  const agents: AgentProfile[] = []
  for (const [key, agent] of entries) {
    const line = lineOf([key]) ?? 1
    if (agent?.entry.role === undefined) {
      problems.push(
        problem(file, line, `"${key}" is not a CrewAI agent (no role)`, {
          field: key,
          level: 'warning',
        }),
      )
      continue
    }
    const { entry } = agent
    for (const missing of (['goal', 'backstory'] as const).filter(
      (k) => entry[k] === undefined,
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
    const source = agentSource(agentOf(agent), lineOf, [key])
    agents.push(readAgent(source, key, file, line))
  }
  return agents
}

/** tasks.yaml beside the agents file: task key → description, agent... */
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
    const read = checkWith(path, doc, TasksFile)
    if (!read.ok) return
    for (const [key, task] of read.data ?? []) {
      crew.tasks.push(readTask(key, task, read.lineOf, [key], path))
    }
    return
  }
}

import {
  addNote,
  cite,
  newProfile,
  type AgentProfile,
  type DataPath,
} from '../../manifest/kit.js'
import { readCodeExecutor, readHandoffs } from './map-agent.js'
import { readModel } from './map-model.js'
import {
  humanInLoop,
  readTeamMode,
  readTermination,
  STARTED_IN_CODE,
} from './map-team.js'
import { readAgentTools } from './map-tools.js'
import { LEGACY_AGENT, linkChild, type Reader } from './reader.js'
import { FORMAT_ID, type LegacyEntry, type LegacyRoot } from './schema.js'

/**
 * AutoGen Studio v0.4.0-dev: `team_type`, `participants[]` with
 * `agent_type`, `model_client.model_type`, `tools[].content` (source).
 */
export function readLegacy(reader: Reader, root: LegacyRoot): void {
  if (LEGACY_AGENT.test(root.agent_type ?? '') && !root.participantsStated) {
    readLegacyAgent(reader, root, [], undefined)
    return
  }
  const team = newProfile({
    name: root.name ?? reader.fallbackName,
    format: FORMAT_ID,
    file: reader.file,
    line: reader.doc.lineOf(['name']) ?? 1,
  })
  reader.agents.push(team)
  team.description = root.description
  readTeamMode(team, root.team_type ?? '', reader.doc.lineOf(['team_type']))
  if (root.model_client)
    readModel(reader, team, root.model_client, ['model_client'])
  readTermination(reader, team, root, [])
  addNote(team, 'legacy AutoGen Studio (v0.4.0-dev) team format')
  addNote(team, STARTED_IN_CODE)
  root.participants?.forEach((entry, index) => {
    if (!entry) return
    if (entry.agent_type === 'UserProxyAgent') {
      humanInLoop(team, entry, reader.doc.lineOf(['participants', index]))
      return
    }
    readLegacyAgent(reader, entry, ['participants', index], team)
  })
  cite(team, 'subAgents', reader.doc.lineOf(['participants']))
}

function readLegacyAgent(
  reader: Reader,
  entry: LegacyEntry,
  path: DataPath,
  team: AgentProfile | undefined,
): void {
  const at = (...rest: DataPath): number | undefined =>
    reader.doc.lineOf([...path, ...rest])
  const profile = newProfile({
    name: entry.name ?? `agent-${reader.agents.length + 1}`,
    format: FORMAT_ID,
    file: reader.file,
    line: at('name') ?? at() ?? 1,
  })
  reader.agents.push(profile)
  if (team) linkChild(team, profile)
  profile.description = entry.description
  const system = entry.system_message
  if (system) {
    profile.instructions = system
    cite(profile, 'instructions', at('system_message'))
  }
  if (entry.model_client)
    readModel(reader, profile, entry.model_client, [...path, 'model_client'])
  readAgentTools(reader, profile, entry, path)
  readHandoffs(reader, profile, entry, path)
  if (entry.agent_type === 'CodeExecutorAgent') {
    readCodeExecutor(reader, profile, entry, path)
  }
}

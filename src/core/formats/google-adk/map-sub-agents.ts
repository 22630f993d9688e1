import {
  addNote,
  cite,
  fieldOf,
  joinPath,
  problem,
  pushUnique,
  readWith,
  splitPath,
  type AgentProfile,
  type DataPath,
  type ManifestFile,
} from '../../manifest/kit.js'
import type { AgentContext } from './map-tools.js'
import {
  SubAgentConfig,
  type AgentConfig,
  type SubAgent,
  type SubAgents,
} from './schema.js'

/** `sub_agents`, and those of GraphAgent nodes, become the agent's sub-agents. */
export function readSubAgents(context: AgentContext, agent: AgentConfig): void {
  const { profile, read, file } = context
  const lists: Array<{ items: NonNullable<SubAgents>; path: DataPath }> = []
  if (agent.sub_agents)
    lists.push({ items: agent.sub_agents, path: ['sub_agents'] })
  ;(agent.nodes ?? []).forEach((node, index) => {
    const items = node?.sub_agents
    if (items) lists.push({ items, path: ['nodes', index, 'sub_agents'] })
  })
  let found = 0
  for (const { items, path } of lists) {
    cite(profile, 'subAgents', read.lineOf(path))
    items.forEach((item, index) => {
      const name = item ? subAgentName(profile, file, item) : undefined
      if (!name) {
        context.problems.push(
          problem(
            file.path,
            read.lineOf([...path, index]),
            'a sub-agent needs a config_path or a code reference',
            { field: fieldOf([...path, index]), level: 'warning' },
          ),
        )
        return
      }
      found += 1
      pushUnique(profile.subAgents, name)
    })
  }
  if (found > 0) {
    profile.delegation.canDelegate = true
    profile.delegation.mode ??= 'handoff'
    cite(profile, 'delegation', read.lineOf(['sub_agents']))
  }
  const conditions = (agent.edges ?? []).filter(
    (edge) => edge.condition !== undefined,
  ).length
  if (conditions > 0) {
    addNote(
      profile,
      `${conditions} graph edges route on Python conditions evaluated at run time`,
    )
  }
}

/**
 * The name a sub-agent entry stands for: the `name` of the file at its
 * config_path (read relative to this file), else that file's stem; a code
 * reference as written.
 */
export function subAgentName(
  profile: AgentProfile,
  file: ManifestFile,
  entry: SubAgent,
): string | undefined {
  const { code } = entry
  if (code) {
    addNote(profile, `sub-agent ${code} is defined in Python code`)
    return code
  }
  const configPath = entry.config_path
  if (!configPath) return undefined
  const stem = (
    splitPath(configPath.replace(/\\/g, '/')).name || configPath
  ).replace(/\.ya?ml$/i, '')
  const target = resolveRelative(splitPath(file.path).dir, configPath)
  const text = target === undefined ? undefined : file.readSibling(target)
  if (target === undefined || text === undefined) {
    addNote(
      profile,
      `sub-agent config ${configPath} was not found; it is named ${stem} here`,
    )
    return stem
  }
  const sibling: ManifestFile = {
    path: target,
    text,
    readSibling: (other) => file.readSibling(other),
  }
  const config = readWith(sibling, 'yaml', SubAgentConfig)
  if (!config.ok) {
    addNote(profile, `sub-agent config ${configPath} could not be read`)
    return stem
  }
  return config.data?.name ?? stem
}

/** `dir` + a relative path, normalised; undefined if it leaves the root. */
function resolveRelative(dir: string, relative: string): string | undefined {
  const path = relative.replace(/\\/g, '/')
  if (path.startsWith('/') || /^[a-z][a-z0-9+.-]*:/i.test(path))
    return undefined
  return joinPath(dir, path)
}

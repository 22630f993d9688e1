import {
  addNote,
  addTool,
  cite,
  problem,
  type AgentProfile,
  type DataPath,
} from '../../manifest/kit.js'
import type { CagentContext } from './map-toolsets.js'
import type { Agent } from './schema.js'

type LineOf = (...path: DataPath) => number | undefined

/** sub_agents (hierarchical, `transfer_task`) and handoffs (peers). */
export function readDelegation(
  profile: AgentProfile,
  agent: Agent,
  line: LineOf,
): void {
  const subAgents = agent.sub_agents
  if (subAgents.length > 0) {
    profile.subAgents = [...subAgents]
    profile.delegation.canDelegate = true
    profile.delegation.mode = 'hierarchical'
    addTool(profile, {
      name: 'transfer_task',
      kind: 'agent-call',
      line: line('sub_agents'),
      source: 'builtin',
    })
    cite(profile, 'subAgents', line('sub_agents'))
    cite(profile, 'delegation', line('sub_agents'))
  }
  const handoffs = agent.handoffs
  if (handoffs.length > 0) {
    for (const peer of handoffs) {
      if (!profile.delegation.peers.includes(peer))
        profile.delegation.peers.push(peer)
    }
    profile.delegation.canDelegate = true
    profile.delegation.mode ??= 'handoff'
    addTool(profile, {
      name: 'handoff',
      kind: 'agent-call',
      line: line('handoffs'),
      source: 'builtin',
    })
    cite(profile, 'delegation', line('handoffs'))
  }
}

export function readBehaviour(
  profile: AgentProfile,
  agent: Agent,
  line: LineOf,
): void {
  if (agent.max_iterations !== undefined) {
    profile.autonomy.maxIterations = agent.max_iterations
    cite(profile, 'autonomy', line('max_iterations'))
  }
  if (agent.code_mode_tools === true) {
    profile.autonomy.codeExecution = true
    cite(profile, 'autonomy', line('code_mode_tools'))
    addNote(profile, 'code_mode_tools: it writes code that calls its tools')
  }
  if (agent.add_environment_info === true) {
    addNote(
      profile,
      'add_environment_info: details of the machine it runs on are put in its context',
    )
  }
  const promptFiles = agent.add_prompt_files
  if (promptFiles.length > 0) {
    addNote(
      profile,
      `instructions also come from files: ${promptFiles.join(', ')}`,
    )
  }
  if (agent.skills === true) {
    addNote(profile, 'skills: it loads SKILL.md files found in the workspace')
  }
  if (agent.structured_output) {
    addNote(profile, 'structured_output: its answers follow a JSON schema')
  }
  readHooks(profile, agent)
}

/** Each hook event is a note, with the commands it runs. */
function readHooks(profile: AgentProfile, agent: Agent): void {
  for (const [event, commands] of agent.hooks ?? []) {
    addNote(
      profile,
      `hooks.${event} run shell commands${commands.length > 0 ? ` (${commands.join('; ').slice(0, 120)})` : ''}${event === 'pre_tool_use' ? ' that can allow or deny tool calls' : ''}`,
    )
  }
}

/** Each rag source an agent names is a search tool. */
export function readRag(
  context: CagentContext,
  profile: AgentProfile,
  agent: Agent,
  line: number | undefined,
): void {
  for (const name of agent.rag) {
    const source = context.rag.get(name)
    const tool = source?.tool
    addTool(profile, {
      name: tool?.name ?? name,
      kind: 'search',
      readOnly: true,
      line,
      source: 'builtin',
      description: tool?.description,
    })
    const docs = source?.docs ?? []
    if (docs.length > 0) {
      addNote(profile, `rag ${name} retrieves from ${docs.join(', ')}`)
    }
  }
}

/** Sub-agents defined in the file get their parent; unknown names a problem. */
export function linkAgents(
  context: CagentContext,
  profiles: AgentProfile[],
): void {
  const byName = new Map(profiles.map((p) => [p.name, p]))
  for (const parent of profiles) {
    for (const childName of parent.subAgents) {
      const child = byName.get(childName)
      if (child && child.parent === undefined) child.parent = parent.name
      if (!child) unknownAgent(context, parent, childName, 'sub_agents')
    }
    const a2a = new Set(
      parent.tools.filter((t) => t.source === 'a2a').map((t) => t.name),
    )
    for (const peer of parent.delegation.peers) {
      if (!byName.has(peer) && !a2a.has(peer)) {
        unknownAgent(context, parent, peer, 'handoffs')
      }
    }
  }
}

function unknownAgent(
  context: CagentContext,
  agent: AgentProfile,
  name: string,
  key: string,
): void {
  context.problems.push(
    problem(
      context.file.path,
      context.read.lineOf(['agents', agent.name, key]),
      `${key} of ${agent.name} names "${name}", which this file does not define`,
      { field: `agents.${agent.name}.${key}`, level: 'warning' },
    ),
  )
}

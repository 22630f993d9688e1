import {
  addNote,
  cite,
  newProfile,
  problem,
  type AgentProfile,
  type DataPath,
} from '../../manifest/kit.js'
import { readModel } from './map-model.js'
import {
  largest,
  linkChild,
  NO_CONFIG,
  smallest,
  type Reader,
} from './reader.js'
import {
  className,
  FORMAT_ID,
  type Component,
  type Config,
  type Termination,
} from './schema.js'

type Mode = NonNullable<AgentProfile['delegation']['mode']>

// A Map: the team class comes from the manifest, and a plain object would
// answer `constructor` or `__proto__` with Object's own.
const TEAM_MODES: ReadonlyMap<
  string,
  { mode: Mode; dynamic?: boolean; planning?: boolean }
> = new Map([
  ['RoundRobinGroupChat', { mode: 'group-chat' }],
  ['SelectorGroupChat', { mode: 'router', dynamic: true }],
  ['Swarm', { mode: 'swarm', dynamic: true }],
  [
    'MagenticOneGroupChat',
    { mode: 'hierarchical', dynamic: true, planning: true },
  ],
  ['GraphFlow', { mode: 'sequential' }],
  ['DiGraphGroupChat', { mode: 'sequential' }],
])

export const STARTED_IN_CODE =
  'how the team is started (chat, API, schedule) is decided in code; the manifest does not say'

export function readTeam(
  reader: Reader,
  component: Component,
  path: DataPath,
  parent: AgentProfile | undefined,
): AgentProfile {
  const { doc } = reader
  const config = component.config ?? NO_CONFIG
  const at = (...rest: DataPath): number | undefined =>
    doc.lineOf([...path, ...rest])
  const kind = className(component.provider)
  const name =
    config.name ?? (parent ? `${parent.name}-team` : reader.fallbackName)
  const profile = newProfile({
    name,
    format: FORMAT_ID,
    file: reader.file,
    line: at() ?? 1,
  })
  reader.agents.push(profile)
  if (parent) linkChild(parent, profile)
  profile.description = config.description ?? component.description
  if (config.model_client)
    readModel(reader, profile, config.model_client, [
      ...path,
      'config',
      'model_client',
    ])
  readTeamMode(profile, kind, at('provider'))
  const selector = config.selector_prompt
  if (selector) {
    profile.instructions = selector
    cite(profile, 'instructions', at('config', 'selector_prompt'))
  }
  readTermination(reader, profile, config, [...path, 'config'])
  readParticipants(reader, profile, config, [...path, 'config'])
  addNote(profile, STARTED_IN_CODE)
  return profile
}

export function readTeamMode(
  profile: AgentProfile,
  kind: string,
  line: number | undefined,
): void {
  const team = TEAM_MODES.get(kind)
  profile.delegation.canDelegate = true
  cite(profile, 'delegation', line)
  if (team) {
    profile.delegation.mode = team.mode
    profile.delegation.dynamic = team.dynamic
    if (team.planning) {
      profile.autonomy.planning = true
      cite(profile, 'autonomy', line)
    }
  } else if (kind) {
    addNote(profile, `unknown team class ${kind}: delegation mode not known`)
  }
  if (kind === 'SelectorGroupChat') {
    addNote(profile, 'a model picks the next speaker at every turn')
  }
}

function readParticipants(
  reader: Reader,
  team: AgentProfile,
  config: Config,
  base: DataPath,
): void {
  const participants = config.participants
  if (!participants || participants.length === 0) {
    reader.problems.push(
      problem(
        reader.file,
        reader.doc.lineOf(base) ?? team.source.line,
        `team "${team.name}" has no participants`,
        { field: 'config.participants', level: 'warning' },
      ),
    )
    return
  }
  cite(team, 'subAgents', reader.doc.lineOf([...base, 'participants']))
  participants.forEach((entry, index) => {
    const path = [...base, 'participants', index]
    if (!entry) {
      reader.problems.push(
        problem(
          reader.file,
          reader.doc.lineOf(path),
          'participant is not a component',
          { field: `participants[${index}]` },
        ),
      )
      return
    }
    if (className(entry.provider) === 'UserProxyAgent') {
      humanInLoop(team, entry, reader.doc.lineOf(path))
      return
    }
    reader.component(entry, path, team)
  })
}

export function humanInLoop(
  team: AgentProfile,
  proxy: {
    readonly name?: string | undefined
    readonly config?: { readonly name?: string | undefined } | undefined
  },
  line: number | undefined,
): void {
  const who = proxy.config?.name ?? proxy.name ?? 'user'
  team.controls.humanApproval = true
  cite(team, 'controls.humanApproval', line)
  addNote(
    team,
    `a human (UserProxyAgent ${who}) takes part in the conversation and can stop or steer it`,
  )
}

/** Caps and stop conditions: max_turns and the termination tree. */
export function readTermination(
  reader: Reader,
  profile: AgentProfile,
  config: Config,
  base: DataPath,
): void {
  const maxTurns = config.max_turns
  const termination = config.termination_condition
  const found: string[] = []
  const caps: number[] = []
  if (termination) collectTermination(termination, found, caps)
  if (maxTurns !== undefined) caps.push(maxTurns)
  if (caps.length > 0) {
    profile.autonomy.maxIterations = smallest(caps)
    cite(
      profile,
      'autonomy',
      reader.doc.lineOf([
        ...base,
        maxTurns !== undefined ? 'max_turns' : 'termination_condition',
      ]),
    )
  }
  if (found.length > 0) {
    addNote(profile, `the team stops on: ${found.join(', ')}`)
  } else if (maxTurns === undefined) {
    addNote(
      profile,
      'no termination condition or max_turns: the team runs until stopped from code',
    )
  }
}

function collectTermination(
  node: Termination,
  found: string[],
  caps: number[],
): void {
  const kind =
    className(node.provider) || node.termination_type || 'termination'
  const config = node.settings
  const children = (config.conditions ?? []).filter(
    (child): child is Termination => child !== undefined,
  )
  if (children.length > 0) {
    // Or stops at the first condition met; And needs every one of them, so
    // it caps the run only when each branch has a cap, at the largest.
    const every = /And/.test(kind) || config.operator === 'and'
    const branchCaps: number[] = []
    for (const child of children) {
      const before = branchCaps.length
      collectTermination(child, found, branchCaps)
      if (every && branchCaps.length === before) return
    }
    if (branchCaps.length === 0) return
    caps.push(every ? largest(branchCaps) : smallest(branchCaps))
    return
  }
  const max = config.max_messages
  if (max !== undefined) caps.push(max)
  const detail =
    max ??
    config.text ??
    config.target ??
    config.max_total_token ??
    config.timeout_seconds
  found.push(detail === undefined ? kind : `${kind}(${String(detail)})`)
}

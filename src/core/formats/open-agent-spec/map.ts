import {
  addNote,
  parseManifest,
  problem,
  pushUnique,
  rejected,
  type AgentProfile,
  type FormatResult,
  type ManifestFile,
} from '../../manifest/kit.js'
import { keyOf, type Context } from './map-context.js'
import { readAgent, readRemoteAgent } from './map-agents.js'
import { readFlow } from './map-flows.js'
import { readManagerWorkers, readSwarm } from './map-teams.js'
import { OpenAgentSpecFile, type Component, type Located } from './schema.js'

/** Component types that become a profile of their own. */
const AGENT_TYPES = new Set(['Agent', 'OpenAiAgent', 'SpecializedAgent'])
const REMOTE_AGENT_TYPES = new Set(['A2AAgent', 'RemoteAgent', 'OciAgent'])
/** Component types that run an agent, directly or through their members. */
const AGENTIC_TYPES = new Set([
  ...AGENT_TYPES,
  ...REMOTE_AGENT_TYPES,
  'Swarm',
  'ManagerWorkers',
  'Flow',
])

export function mapOpenAgentSpec(file: ManifestFile): FormatResult {
  // The schema reports nothing (a value of the wrong shape is not stated),
  // so the document is checked as it is, without locating every list and
  // map of it first as readWith does for schemas that report.
  const parsed = parseManifest(file, 'auto')
  if (!parsed.ok) return parsed.result
  const { doc } = parsed
  const data = OpenAgentSpecFile.parse(doc.value)
  if (!data) return rejected('not a mapping: not an Open Agent Spec file')
  const { root, referenced, byId } = data
  const ctx: Context = {
    file: file.path,
    doc,
    byId,
    problems: [],
    profiles: [],
    done: new Map(),
    missing: new Set(),
    profileOf: (loc) => componentProfile(ctx, loc),
  }
  const rootType = root.component_type
  if (rootType === undefined) return readLibrary(ctx, referenced)
  if (!AGENTIC_TYPES.has(rootType))
    return rejected(
      `a ${rootType} component on its own: no agent is defined in this file`,
    )
  const entry = componentProfile(ctx, { value: root, path: [] })
  if (entry) markEntry(entry, root)
  else if (ctx.profiles.length === 0) {
    ctx.problems.push(
      problem(
        file.path,
        doc.lineOf(['component_type']) ?? 1,
        `${rootType} "${root.name ?? ''}" runs no agent or LLM: nothing to assess`,
        { field: 'component_type', level: 'warning' },
      ),
    )
  }
  return finish(ctx)
}

function finish(ctx: Context): FormatResult {
  for (const ref of ctx.missing) {
    const note = `component ${ref} is referenced but defined in another file; what it does is not known here`
    for (const profile of ctx.profiles) addNote(profile, note)
  }
  return { agents: ctx.profiles, problems: ctx.problems, document: ctx.doc }
}

/**
 * A disaggregated configuration: only `$referenced_components`, used by a main
 * file elsewhere. Agents defined in it are read; anything else is no agent.
 */
function readLibrary(
  ctx: Context,
  library: ReadonlyArray<[string, Component | undefined]>,
): FormatResult {
  if (library.length === 0)
    return rejected('no top-level component_type: not an Open Agent Spec file')
  for (const [id, value] of library) {
    const type = value?.component_type
    if (value && type !== undefined && AGENTIC_TYPES.has(type))
      componentProfile(ctx, {
        value,
        path: ['$referenced_components', id],
      })
  }
  if (ctx.profiles.length === 0)
    return rejected(
      'a library of referenced components with no agent: the file that uses it is read on its own',
    )
  return finish(ctx)
}

/**
 * The top-level agent talks to the user unless it may not ask them anything;
 * a flow says so itself with an InputMessageNode.
 */
function markEntry(profile: AgentProfile, root: Component): void {
  if (root.component_type === 'Flow') return
  // Only human_in_the_loop false sets it: the agent never talks to a person.
  if (profile.controls.humanApproval === false) return
  pushUnique(profile.triggers, 'chat')
  if (!profile.exposure.channels.includes('chat'))
    profile.exposure.channels.push('chat')
}

/**
 * The profile that stands for an agentic component: the agent itself, a
 * swarm's first agent, a manager, or a flow. Reads each component once.
 */
function componentProfile(
  ctx: Context,
  loc: Located,
): AgentProfile | undefined {
  const key = keyOf(loc)
  if (ctx.done.has(key)) return ctx.done.get(key)
  ctx.done.set(key, undefined)
  const type = loc.value.component_type ?? ''
  let profile: AgentProfile | undefined
  if (AGENT_TYPES.has(type)) profile = readAgent(ctx, loc)
  else if (REMOTE_AGENT_TYPES.has(type)) profile = readRemoteAgent(ctx, loc)
  else if (type === 'Swarm') profile = readSwarm(ctx, loc)
  else if (type === 'ManagerWorkers') profile = readManagerWorkers(ctx, loc)
  else if (type === 'Flow') profile = readFlow(ctx, loc)
  ctx.done.set(key, profile)
  return profile
}

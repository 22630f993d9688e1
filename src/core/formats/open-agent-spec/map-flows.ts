import {
  addNote,
  addTool,
  cite,
  classifyTool,
  pushUnique,
  type AgentProfile,
  type DataPath,
  type Tool,
} from '../../manifest/kit.js'
import {
  follow,
  keyOf,
  lineOf,
  member,
  settleToolApproval,
  startProfile,
  type Context,
} from './map-context.js'
import { readLlm } from './map-models.js'
import { readOnlyMethod, readTool } from './map-tools.js'
import type { Link, Located } from './schema.js'

interface FlowState {
  readonly profile: AgentProfile
  readonly seen: Set<string>
  ai: boolean
  parallel: boolean
}

/**
 * A Flow: a profile of its own when it runs an agent or an LLM. AgentNode
 * agents become its sub-agents, ToolNode/ApiNode its tools, the first
 * LlmNode its model; sub-flows are folded in.
 */
export function readFlow(ctx: Context, loc: Located): AgentProfile | undefined {
  const profile = startProfile(ctx, loc)
  const state: FlowState = {
    profile,
    seen: new Set([keyOf(loc)]),
    ai: false,
    parallel: false,
  }
  readFlowNodes(ctx, state, loc)
  if (!state.ai) {
    ctx.profiles.splice(ctx.profiles.indexOf(profile), 1)
    return undefined
  }
  if (profile.subAgents.length > 0) {
    profile.delegation.canDelegate = true
    profile.delegation.mode = state.parallel ? 'parallel' : 'sequential'
  }
  addNote(
    profile,
    'a flow: its nodes run in a fixed order, calling agents and tools as wired',
  )
  settleToolApproval(profile)
  return profile
}

function readFlowNodes(ctx: Context, state: FlowState, loc: Located): void {
  loc.value.nodes?.forEach((link, index) => {
    const node = follow(ctx, link, [...loc.path, 'nodes', index])
    if (!node || state.seen.has(keyOf(node))) return
    state.seen.add(keyOf(node))
    readFlowNode(ctx, state, node)
  })
}

function readFlowNode(ctx: Context, state: FlowState, node: Located): void {
  const { profile } = state
  const type = node.value.component_type ?? ''
  const at = (field: string): DataPath => [...node.path, field]
  switch (type) {
    case 'AgentNode': {
      const agent = member(ctx, node.value.agent, at('agent'))
      if (agent) {
        state.ai = true
        pushUnique(profile.subAgents, agent.name)
        agent.parent ??= profile.name
        cite(profile, 'subAgents', lineOf(ctx, node.path))
      }
      return
    }
    case 'ToolNode': {
      const tool = follow(ctx, node.value.tool, at('tool'))
      if (tool) readTool(ctx, profile, tool, lineOf(ctx, node.path))
      return
    }
    case 'ApiNode':
      addTool(profile, apiTool(ctx, node))
      cite(profile, 'tools', lineOf(ctx, node.path))
      return
    case 'LlmNode': {
      state.ai = true
      const llm = follow(ctx, node.value.llm_config, at('llm_config'))
      if (llm && profile.model.name === undefined)
        readLlm(ctx, profile, llm, at('llm_config'))
      const prompt = node.value.prompt_template
      if (prompt && profile.instructions === undefined) {
        profile.instructions = prompt
        cite(profile, 'instructions', lineOf(ctx, at('prompt_template')))
      }
      return
    }
    case 'InputMessageNode':
      pushUnique(profile.triggers, 'chat')
      pushUnique(profile.exposure.channels, 'chat')
      cite(profile, 'triggers', lineOf(ctx, node.path))
      return
    default:
      readSubflows(ctx, state, node, type)
  }
}

/** Nested flows (`subflow`, `flow`, `subflows`), folded into the flow. */
function readSubflows(
  ctx: Context,
  state: FlowState,
  node: Located,
  type: string,
): void {
  if (/^Parallel/.test(type)) state.parallel = true
  const { value } = node
  const nested: Array<[Link, DataPath]> = [
    [value.subflow, [...node.path, 'subflow']],
    [value.flow, [...node.path, 'flow']],
  ]
  value.subflows?.forEach((link, index) =>
    nested.push([link, [...node.path, 'subflows', index]]),
  )
  for (const [link, path] of nested) {
    const flow = follow(ctx, link, path)
    if (!flow || state.seen.has(keyOf(flow))) continue
    state.seen.add(keyOf(flow))
    readFlowNodes(ctx, state, flow)
  }
}

function apiTool(ctx: Context, node: Located): Tool {
  const { value } = node
  const name = value.name ?? 'api call'
  const url = value.url
  const method = (value.http_method ?? '').toUpperCase()
  const kind = classifyTool(name, value.description)
  return {
    name,
    kind: kind === 'other' ? 'network' : kind,
    line: lineOf(ctx, node.path),
    source: 'declared',
    readOnly: readOnlyMethod(method),
    server: url ? { transport: 'http', url } : undefined,
  }
}

import {
  addNote,
  addTool,
  cite,
  pushUnique,
  readWith,
  rejected,
  type AgentProfile,
  type DataPath,
  type FormatResult,
  type ManifestFile,
} from '../../manifest/kit.js'
import { readAgent } from './map-agent.js'
import {
  isAgent,
  readEdges,
  readNodes,
  type Flow,
  type FlowNode,
} from './map-flow.js'
import { LangflowExport } from './schema.js'

export function mapLangflow(file: ManifestFile): FormatResult {
  const read = readWith(file, 'json', LangflowExport)
  if (!read.ok) return read.result
  const root = read.data
  const base: DataPath = root?.data?.nodes ? ['data'] : []
  const graph = base.length > 0 ? root?.data : root
  if (!root || !graph?.nodes) {
    return rejected('not a Langflow flow: no data.nodes list')
  }
  const nodes = readNodes(graph.nodes, base)
  if (nodes.size === 0) {
    return rejected('not a Langflow flow: no node has a data.node.template')
  }
  const flow: Flow = {
    file: file.path,
    read,
    root,
    name: root.name,
    nodes,
    edges: readEdges(graph.edges, base),
    problems: [],
  }
  const agentNodes = [...nodes.values()].filter(isAgent)
  if (agentNodes.length === 0) {
    const types = [...new Set([...nodes.values()].map((n) => n.type))]
      .slice(0, 6)
      .join(', ')
    return rejected(
      `Langflow flow without an agent component (${types}): not an agent`,
    )
  }
  const profiles = new Map<string, AgentProfile>()
  for (const [node, name] of agentNames(flow, agentNodes)) {
    profiles.set(node.id, readAgent(flow, node, name))
  }
  linkAgents(flow, profiles)
  return {
    agents: [...profiles.values()],
    problems: flow.problems,
    document: read.doc,
  }
}

/**
 * Each agent's name: the flow's, when it holds one agent; else the flow's
 * and the component's title (with its id when two share a title).
 */
function agentNames(
  flow: Flow,
  agentNodes: readonly FlowNode[],
): Array<[FlowNode, string]> {
  const titles = new Map<string, number>()
  for (const node of agentNodes) {
    titles.set(node.title, (titles.get(node.title) ?? 0) + 1)
  }
  return agentNodes.map((node) => {
    const label =
      (titles.get(node.title) ?? 0) > 1
        ? `${node.title} (${node.id})`
        : node.title
    const name =
      agentNodes.length === 1
        ? (flow.name ?? label)
        : flow.name
          ? `${flow.name}: ${label}`
          : label
    return [node, name]
  })
}

/** An agent wired into another agent's tools is its sub-agent. */
function linkAgents(
  flow: Flow,
  profiles: ReadonlyMap<string, AgentProfile>,
): void {
  for (const edge of flow.edges) {
    const child = profiles.get(edge.source)
    const parent = profiles.get(edge.target)
    if (!child || !parent || child === parent) continue
    const line = flow.read.lineOf(edge.path)
    if (edge.field === 'tools') {
      child.parent = parent.name
      pushUnique(parent.subAgents, child.name)
      addTool(parent, {
        name: child.name,
        kind: 'agent-call',
        line,
        source: 'builtin',
      })
      parent.delegation.canDelegate = true
      parent.delegation.mode ??= 'hierarchical'
      cite(parent, 'subAgents', line)
      cite(parent, 'delegation', line)
    } else {
      parent.delegation.mode ??= 'sequential'
      pushUnique(parent.delegation.peers, child.name)
      addNote(parent, `it works on the output of agent ${child.name}`)
    }
  }
}

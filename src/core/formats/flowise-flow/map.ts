import {
  addNote,
  cite,
  parseJsonDocument,
  parseManifest,
  problem,
  problemFrom,
  rejected,
  type AgentProfile,
  type DataPath,
  type FormatResult,
  type ManifestFile,
  type ParsedDocument,
  type Problem,
} from '../../manifest/kit.js'
import { readAgentflowAgent, readAgentflowContext } from './map-agentflow.js'
import {
  inheritFromStart,
  linkSupervisors,
  readChatflowAgent,
} from './map-chatflow.js'
import { readEdges, readNodes, type Flow, type FlowNode } from './map-nodes.js'
import {
  EXPORT_ALL_KEYS,
  FlowData,
  FlowiseExport,
  type Saved,
} from './schema.js'

/**
 * The schema reports nothing (Flowise wrote the file) and cannot fail, so
 * the document is read with it directly: readWith would first index where
 * every list and mapping of the (large) export sits, for reports that
 * never come.
 */
export function mapFlowise(file: ManifestFile): FormatResult {
  const parsed = parseManifest(file, 'json')
  if (!parsed.ok) return parsed.result
  const { doc } = parsed
  const root = FlowiseExport.parse(doc.value)
  if (!root) return rejected('not a Flowise flow: not a JSON object')
  const problems: Problem[] = []
  const sources = flowSources(file.path, doc, root, problems)
  if (sources.length === 0 && problems.length === 0) {
    return rejected('not a Flowise flow: no nodes list and no flowData')
  }
  const agents: AgentProfile[] = []
  const reasons: string[] = []
  for (const source of sources) {
    const flow: Flow = {
      file: file.path,
      lineOf: source.lineOf,
      description: source.description,
      prefix: sources.length > 1 ? source.name : undefined,
      nodes: readNodes(source.flow.nodes),
      edges: readEdges(source.flow.edges),
      problems,
    }
    const found = readFlow(flow)
    if (typeof found === 'string') {
      reasons.push(found)
      continue
    }
    if (source.publicAt !== undefined) {
      for (const agent of found) makePublic(agent, source.publicAt)
    }
    agents.push(...found)
  }
  if (agents.length === 0 && problems.length === 0) {
    return rejected(reasons[0] ?? 'Flowise export without an agent node')
  }
  return { agents, problems, document: doc }
}

function makePublic(agent: AgentProfile, line: number): void {
  agent.exposure.reach = 'public'
  agent.notes = agent.notes.filter((n) => !n.includes('who can reach'))
  cite(agent, 'exposure', line)
  addNote(agent, 'isPublic: anyone with the link can chat with the flow')
}

interface FlowSource {
  readonly flow: FlowData
  readonly lineOf: (path: DataPath) => number | undefined
  readonly description: string | undefined
  readonly name: string | undefined
  /** Line of `isPublic: true` on a saved chatflow. */
  readonly publicAt?: number | undefined
}

/**
 * The flows of an export: the flow itself (`{nodes, edges}`), a saved
 * chatflow whose `flowData` holds the flow as a JSON string, or an
 * "export all" file listing such records by kind.
 */
function flowSources(
  file: string,
  doc: ParsedDocument,
  root: NonNullable<FlowiseExport>,
  problems: Problem[],
): FlowSource[] {
  if (root.nodes) {
    return [
      {
        flow: root,
        lineOf: (path) => doc.lineOf(path),
        description: root.description,
        name: root.name,
      },
    ]
  }
  const records: Array<{ record: Saved; path: DataPath }> = []
  if (root.flowData !== undefined) records.push({ record: root, path: [] })
  for (const key of EXPORT_ALL_KEYS) {
    ;(root[key] ?? []).forEach((record, index) => {
      if (record?.flowData !== undefined) {
        records.push({ record, path: [key, index] })
      }
    })
  }
  return records.flatMap(({ record, path }) =>
    savedFlow(file, doc, record, path, problems),
  )
}

/** The flow a saved chatflow keeps as a JSON string in `flowData`. */
function savedFlow(
  file: string,
  doc: ParsedDocument,
  record: Saved,
  path: DataPath,
  problems: Problem[],
): FlowSource[] {
  const line = doc.lineOf([...path, 'flowData']) ?? 1
  let inner: unknown
  try {
    inner = parseJsonDocument(record.flowData ?? '', file).value
  } catch (error) {
    problems.push(
      problem(
        file,
        line,
        `flowData is not a readable flow (${problemFrom(error, file).message})`,
        { field: [...path, 'flowData'].join('.') },
      ),
    )
    return []
  }
  const flow = FlowData.parse(inner)
  if (!flow?.nodes) return []
  const name = record.name
  return [
    {
      flow,
      // The flow is text inside the file: every line points at that string.
      lineOf: () => line,
      description:
        flow.description ??
        record.description ??
        (name ? `Flowise flow "${name}"` : undefined),
      name,
      publicAt:
        record.isPublic === true
          ? (doc.lineOf([...path, 'isPublic']) ?? line)
          : undefined,
    },
  ]
}

const AGENT_CATEGORIES = new Set([
  'Agents',
  'Multi Agents',
  'Sequential Agents',
])

function isAgent(node: FlowNode): boolean {
  if (node.category === 'Agent Flows') return node.name === 'agentAgentflow'
  if (node.category === 'Sequential Agents') return node.name === 'seqAgent'
  return AGENT_CATEGORIES.has(node.category)
}

/** The profiles of one flow, or why it holds none. */
function readFlow(flow: Flow): AgentProfile[] | string {
  const nodes = [...flow.nodes.values()]
  if (nodes.length === 0 || nodes.every((n) => !n.category)) {
    return 'not a Flowise flow: its nodes have no data.category'
  }
  const agentNodes = nodes.filter(isAgent)
  if (agentNodes.length === 0) {
    const names = [...new Set(nodes.map((n) => n.name))].slice(0, 6).join(', ')
    return `Flowise flow without an agent node (${names}): not an agent`
  }
  const labels = new Map<string, number>()
  for (const node of agentNodes) {
    labels.set(nameOf(node), (labels.get(nameOf(node)) ?? 0) + 1)
  }
  const profiles = new Map<string, AgentProfile>()
  for (const node of agentNodes) {
    const base =
      (labels.get(nameOf(node)) ?? 0) > 1
        ? `${nameOf(node)} (${node.id})`
        : nameOf(node)
    const name = flow.prefix ? `${flow.prefix}: ${base}` : base
    const profile =
      node.name === 'agentAgentflow'
        ? readAgentflowAgent(flow, node, name)
        : readChatflowAgent(flow, node, name)
    profiles.set(node.id, profile)
  }
  linkSupervisors(flow, profiles)
  inheritFromStart(flow, profiles)
  if (nodes.some((n) => n.category === 'Agent Flows')) {
    for (const profile of profiles.values()) readAgentflowContext(flow, profile)
  }
  return [...profiles.values()]
}

/** The name an agent node is given: its own name input, else its label. */
function nameOf(node: FlowNode): string {
  const inputs = node.inputs.agent
  return (
    inputs.workerName ?? inputs.supervisorName ?? inputs.agentName ?? node.label
  )
}

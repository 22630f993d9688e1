import {
  addTrigger,
  cite,
  newProfile,
  problem,
  pushUnique,
  type AgentProfile,
  type DataPath,
  type Problem,
} from '../../manifest/kit.js'
import {
  AgentflowInputs,
  AgentInputs,
  FORMAT_ID,
  StepInputs,
  UsedInputs,
  type FlowData,
} from './schema.js'

/**
 * A node's inputs, read for the part the node plays, each part once: an
 * agent's, an agentflow agent's, a node an agent uses, an agentflow step.
 */
export class NodeInputs {
  #agent: AgentInputs | undefined
  #agentflow: AgentflowInputs | undefined
  #used: UsedInputs | undefined
  #step: StepInputs | undefined

  constructor(private readonly raw: unknown) {}

  get agent(): AgentInputs {
    return (this.#agent ??= AgentInputs.parse(this.raw))
  }

  get agentflow(): AgentflowInputs {
    return (this.#agentflow ??= AgentflowInputs.parse(this.raw))
  }

  get used(): UsedInputs {
    return (this.#used ??= UsedInputs.parse(this.raw))
  }

  get step(): StepInputs {
    return (this.#step ??= StepInputs.parse(this.raw))
  }
}

/** A node of a flow, with the fields every part of the mapping reads. */
export interface FlowNode {
  readonly id: string
  readonly name: string
  readonly label: string
  readonly category: string
  readonly description: string | undefined
  readonly credential: string | undefined
  readonly inputs: NodeInputs
  readonly path: DataPath
}

/** One flow of an export, as every part of the mapping reads it. */
export interface Flow {
  readonly file: string
  /** The line of a path; a flow kept as text has only the line of that text. */
  readonly lineOf: (path: DataPath) => number | undefined
  readonly description: string | undefined
  /** Set when the file holds several flows: their names keep agents apart. */
  readonly prefix: string | undefined
  readonly nodes: ReadonlyMap<string, FlowNode>
  readonly edges: ReadonlyArray<{
    readonly source: string
    readonly target: string
  }>
  readonly problems: Problem[]
}

/** The nodes of a flow by id; a later node with the same id replaces it. */
export function readNodes(list: FlowData['nodes']): Map<string, FlowNode> {
  const nodes = new Map<string, FlowNode>()
  ;(list ?? []).forEach((node, index) => {
    const data = node?.data
    const id = node?.id ?? data?.id
    if (!node || !data || !id) return
    nodes.set(id, {
      id,
      name: data.name ?? id,
      label: data.label ?? data.name ?? id,
      category: data.category ?? '',
      description: data.description,
      credential: data.credential,
      inputs: new NodeInputs(data.inputs),
      path: ['nodes', index],
    })
  })
  return nodes
}

/** The edges whose ends are both named. */
export function readEdges(list: FlowData['edges']): Flow['edges'] {
  return (list ?? []).flatMap((edge) =>
    edge?.source && edge.target
      ? [{ source: edge.source, target: edge.target }]
      : [],
  )
}

/** Plain text of the HTML Flowise stores in its rich-text fields. */
export function plain(text: string | undefined): string | undefined {
  if (!text) return undefined
  const stripped = text
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .trim()
  return stripped === '' ? undefined : stripped
}

/** Nodes an agent uses: referenced in its inputs, or wired into it. */
export function connected(
  flow: Flow,
  agent: FlowNode,
  report = false,
): FlowNode[] {
  const ids = new Set<string>(agent.inputs.agent.references)
  for (const edge of flow.edges) {
    if (edge.target === agent.id) ids.add(edge.source)
  }
  ids.delete(agent.id)
  const found: FlowNode[] = []
  for (const id of ids) {
    const node = flow.nodes.get(id)
    if (node) {
      found.push(node)
    } else if (report) {
      flow.problems.push(
        problem(
          flow.file,
          flow.lineOf([...agent.path, 'data', 'inputs']),
          `agent "${agent.label}" refers to node ${id}, which the flow does not hold`,
          {
            field: `nodes[${String(agent.path[1])}].data.inputs`,
            level: 'warning',
          },
        ),
      )
    }
  }
  return found
}

/** An agent node's profile: named, with the flow's description or its own. */
export function startProfile(
  flow: Flow,
  node: FlowNode,
  name: string,
  at: (...rest: DataPath) => number | undefined,
): AgentProfile {
  const profile = newProfile({
    name,
    format: FORMAT_ID,
    file: flow.file,
    line: at() ?? 1,
  })
  cite(profile, 'name', at('data', 'label'))
  profile.description = flow.description ?? node.description
  return profile
}

/** A trigger of the flow; a chat comes with the chat channel. */
export function addFlowTrigger(
  profile: AgentProfile,
  trigger: AgentProfile['triggers'][number],
  line: number | undefined,
): void {
  addTrigger(profile, trigger, line)
  if (trigger === 'chat') pushUnique(profile.exposure.channels, 'chat')
}

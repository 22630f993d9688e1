import {
  addCredential,
  addNote,
  cite,
  isPlaceholder,
  type AgentProfile,
  type DataPath,
  type Problem,
  type Reading,
} from '../../manifest/kit.js'
import type { Graph, LangflowExport, Template } from './schema.js'

/** A component of the flow, with the fields the mapping reads. */
export interface FlowNode {
  readonly id: string
  readonly type: string
  readonly title: string
  readonly description: string | undefined
  readonly edited: boolean
  readonly template: Template
  /** The path of the node's `data`. */
  readonly path: DataPath
}

export interface Edge {
  readonly source: string
  readonly target: string
  readonly field: string | undefined
  readonly path: DataPath
}

/** The flow, as every part of the mapping reads it. */
export interface Flow {
  readonly file: string
  readonly read: Reading<unknown>
  readonly root: LangflowExport
  readonly name: string | undefined
  readonly nodes: ReadonlyMap<string, FlowNode>
  readonly edges: readonly Edge[]
  readonly problems: Problem[]
}

const AGENT_TYPES =
  /^(Agent|ToolCallingAgent|OpenAIToolsAgent|OpenAIFunctionsAgent|XMLAgent|CSVAgent|JsonAgent|SQLAgent|VectorStoreAgent|VectorStoreRouterAgent|CrewAIAgentComponent|LangChainToolCallingAgent|MCPAgent|\w+Agent(Component)?)$/

export function isAgent(node: FlowNode): boolean {
  return (
    AGENT_TYPES.test(node.type) &&
    !/^(AgentQL|UserAgent)/.test(node.type) &&
    node.type !== 'RunAgent'
  )
}

type Graphed = NonNullable<Graph>

/** The components by id; a later one with the same id replaces it. */
export function readNodes(
  list: NonNullable<Graphed['nodes']>,
  base: DataPath,
): Map<string, FlowNode> {
  const nodes = new Map<string, FlowNode>()
  list.forEach((node, index) => {
    const data = node?.data
    const component = data?.node
    const template = component?.template
    const id = node?.id ?? data?.id
    if (!node || !data || !component || !template || !id) return
    const type = data.type ?? id.replace(/-[^-]+$/, '')
    nodes.set(id, {
      id,
      type,
      title: component.display_name ?? type,
      description: component.description,
      edited: component.edited === true,
      template,
      path: [...base, 'nodes', index, 'data'],
    })
  })
  return nodes
}

/** The edges whose ends are named, with the input they feed. */
export function readEdges(list: Graphed['edges'], base: DataPath): Edge[] {
  return (list ?? []).flatMap((edge, index) => {
    const source = edge?.source
    const target = edge?.target
    if (!edge || !source || !target) return []
    let field = edge.data?.targetHandle?.fieldName
    if (!field) {
      // Older exports keep the handle only as text: `{œfieldNameœ: œtoolsœ, …}`.
      field = /œfieldNameœ\s*:\s*œ(\w+)œ/.exec(edge.targetHandle)?.[1]
    }
    return [{ source, target, field, path: [...base, 'edges', index] }]
  })
}

/** Secret fields: Langflow variable names are credentials; typed values are noted. */
export function readSecrets(
  flow: Flow,
  profile: AgentProfile,
  node: FlowNode,
): void {
  for (const { key, value, fromDb } of node.template.secrets) {
    if (fromDb || isPlaceholder(value)) {
      addCredential(profile, value)
    } else {
      addNote(
        profile,
        `${node.title} field ${key} holds a literal secret in the flow: it may be committed`,
      )
    }
    cite(
      profile,
      'identity',
      flow.read.lineOf([...node.path, 'node', 'template', key]),
    )
  }
}

export function readEdited(profile: AgentProfile, node: FlowNode): void {
  if (node.edited || node.type === 'CustomComponent') {
    addNote(
      profile,
      `component ${node.title} runs Python changed from the stock component (kept in the flow; not evaluated here)`,
    )
  }
}

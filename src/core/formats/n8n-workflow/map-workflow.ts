import {
  addCredential,
  problem,
  type AgentProfile,
  type DataPath,
  type ParsedDocument,
  type Problem,
} from '../../manifest/kit.js'
import {
  AgentParams,
  ModelParams,
  ReviewParams,
  ToolParams,
  TriggerParams,
  type Edge,
  type Node,
  type Workflow,
} from './schema.js'

export const LC = '@n8n/n8n-nodes-langchain.'
export const BASE = 'n8n-nodes-base.'

/**
 * A node's parameters, read for the part the node plays, each part once:
 * an agent, a model, a tool, a trigger, a step that waits for a person.
 */
export class NodeParams {
  #agent: AgentParams | undefined
  #model: ModelParams | undefined
  #tool: ToolParams | undefined
  #trigger: TriggerParams | undefined
  #review: ReviewParams | undefined

  constructor(private readonly raw: unknown) {}

  get agent(): AgentParams {
    return (this.#agent ??= AgentParams.parse(this.raw))
  }

  get model(): ModelParams {
    return (this.#model ??= ModelParams.parse(this.raw))
  }

  get tool(): ToolParams {
    return (this.#tool ??= ToolParams.parse(this.raw))
  }

  get trigger(): TriggerParams {
    return (this.#trigger ??= TriggerParams.parse(this.raw))
  }

  get review(): ReviewParams {
    return (this.#review ??= ReviewParams.parse(this.raw))
  }
}

/** A node with a name and a type, where it stands in the file. */
export interface WorkflowNode {
  readonly name: string
  readonly type: string
  readonly params: NodeParams
  readonly notes: string | undefined
  readonly credentials: readonly string[]
  readonly path: DataPath
  readonly disabled: boolean
}

/** A workflow of the file, its nodes by name. */
export interface Graph {
  readonly name: string | undefined
  readonly nodes: ReadonlyMap<string, WorkflowNode>
  readonly edges: readonly Edge[]
  readonly base: DataPath
  readonly pinned: boolean
}

export interface Reader {
  readonly file: string
  readonly doc: ParsedDocument
  readonly problems: Problem[]
}

/**
 * The graph of a workflow; undefined when none of its nodes has an n8n
 * type: other flow formats also have a nodes list, and their odd nodes are
 * not n8n's problems.
 */
export function readGraph(
  reader: Reader,
  workflow: Workflow,
  base: DataPath,
): Graph | undefined {
  const entries = workflow.nodes
  const isN8n = entries.some((entry) =>
    /n8n-nodes-|^@n8n\//.test(entry?.type ?? ''),
  )
  if (entries.length > 0 && !isN8n) return undefined
  const nodes = new Map<string, WorkflowNode>()
  entries.forEach((entry: Node | undefined, index) => {
    const path = [...base, 'nodes', index]
    const name = entry?.name
    const type = entry?.type
    if (!entry || !name || !type) {
      reader.problems.push(
        problem(
          reader.file,
          reader.doc.lineOf(path),
          'node without a name or type',
          { field: `nodes[${index}]`, level: 'warning' },
        ),
      )
      return
    }
    nodes.set(name, {
      name,
      type,
      params: new NodeParams(entry.parameters),
      notes: entry.notes,
      credentials: entry.credentials,
      path,
      disabled: entry.disabled === true,
    })
  })
  return {
    name: workflow.name,
    nodes,
    edges: workflow.connections,
    base,
    pinned: workflow.pinData.length > 0,
  }
}

/** `agent` for `@n8n/n8n-nodes-langchain.agent`, `slackTool` for base nodes. */
export function shortType(type: string): string {
  return type.startsWith(LC)
    ? type.slice(LC.length)
    : type.startsWith(BASE)
      ? type.slice(BASE.length)
      : type.slice(type.lastIndexOf('.') + 1)
}

/** The enabled nodes connected into `name` by connections of this type. */
export function inbound(
  graph: Graph,
  name: string,
  type: string,
): WorkflowNode[] {
  return graph.edges
    .filter((e) => e.to === name && e.type === type)
    .map((e) => graph.nodes.get(e.from))
    .filter((n): n is WorkflowNode => n !== undefined && !n.disabled)
}

/** Node names reachable over `main` connections, forwards or backwards. */
export function walk(
  graph: Graph,
  start: string,
  direction: 'back' | 'forward',
): string[] {
  const seen = new Set<string>([start])
  const queue = [start]
  while (queue.length > 0) {
    const current = queue.shift() as string
    for (const edge of graph.edges) {
      if (edge.type !== 'main') continue
      const next =
        direction === 'back'
          ? edge.to === current
            ? edge.from
            : undefined
          : edge.from === current
            ? edge.to
            : undefined
      if (next !== undefined && !seen.has(next)) {
        seen.add(next)
        queue.push(next)
      }
    }
  }
  seen.delete(start)
  return [...seen]
}

/** Node credentials, kept by type name only; returns those names. */
export function readCredentials(
  profile: AgentProfile,
  node: WorkflowNode,
): readonly string[] {
  for (const name of node.credentials) addCredential(profile, name)
  return node.credentials
}

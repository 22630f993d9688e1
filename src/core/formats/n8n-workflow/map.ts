import {
  parseManifest,
  rejected,
  type AgentProfile,
  type FormatResult,
  type ManifestFile,
} from '../../manifest/kit.js'
import { readAgent } from './map-agent.js'
import { linkAgentTools } from './map-tools.js'
import {
  LC,
  readGraph,
  shortType,
  type Graph,
  type Reader,
  type WorkflowNode,
} from './map-workflow.js'
import { N8nExport } from './schema.js'

/**
 * The schema reports nothing (n8n wrote the file) and cannot fail, so the
 * document is read with it directly: readWith would first index where
 * every list and mapping of the export sits, for reports that never come.
 */
export function mapN8n(file: ManifestFile): FormatResult {
  const parsed = parseManifest(file, 'json')
  if (!parsed.ok) return parsed.result
  const { doc } = parsed
  const found = N8nExport.parse(doc.value)
  if (found.length === 0) {
    return rejected('not an n8n workflow: no nodes list')
  }
  const reader: Reader = { file: file.path, doc, problems: [] }
  const agents: AgentProfile[] = []
  const reasons: string[] = []
  for (const { workflow, base } of found) {
    const graph = readGraph(reader, workflow, base)
    if (!graph) {
      reasons.push('its nodes are not n8n nodes')
      continue
    }
    const agentNodes = [...graph.nodes.values()].filter(isAgentNode)
    if (agentNodes.length === 0) {
      reasons.push(noAgentReason(graph))
      continue
    }
    const profiles = new Map<string, AgentProfile>()
    for (const node of agentNodes) {
      profiles.set(node.name, readAgent(reader, graph, node))
    }
    linkAgentTools(graph, profiles)
    agents.push(...profiles.values())
  }
  if (agents.length === 0 && reader.problems.length === 0) {
    return rejected(
      reasons[0] ?? 'n8n workflow without an AI Agent node: not an agent',
    )
  }
  return { agents, problems: reader.problems, document: doc }
}

function isAgentNode(node: WorkflowNode): boolean {
  if (node.disabled || !node.type.startsWith(LC)) return false
  const type = shortType(node.type)
  return (
    type === 'agent' ||
    type === 'agentTool' ||
    type === 'openAiAssistant' ||
    (type === 'openAi' && runsAssistant(node.params.agent))
  )
}

/**
 * An OpenAI node on the assistant resource acts as the assistant only when
 * it sends it a message (the default operation); creating, updating,
 * listing or deleting assistants manages them and is not an agent.
 */
function runsAssistant(params: WorkflowNode['params']['agent']): boolean {
  return (
    params.resource === 'assistant' &&
    (params.operation === undefined || params.operation === 'message')
  )
}

const SANITISED_NAME =
  /agent|chat model|openai|anthropic|gemini|memory|tool|embedding|vector|llm|langchain/i

function noAgentReason(graph: Graph): string {
  const nodes = [...graph.nodes.values()]
  const placeholders = nodes.filter(
    (n) => shortType(n.type) === 'noOp' && SANITISED_NAME.test(n.name),
  )
  if (
    placeholders.length > 0 &&
    !nodes.some((n) => n.type.startsWith(LC)) &&
    graph.edges.length === 0
  ) {
    return `sanitised n8n workflow: its LangChain nodes were rewritten to noOp (${placeholders
      .slice(0, 3)
      .map((n) => `"${n.name}"`)
      .join(
        ', ',
      )}) and its connections removed; there is no agent left to assess`
  }
  const types = [...new Set(nodes.map((n) => shortType(n.type)))].slice(0, 6)
  return `n8n workflow without an AI Agent node (${types.join(', ') || 'no nodes'}): not an agent`
}
